/**
 * The app's CSV exports exactly as they were written before they were streamed from a worker
 * (issue 17): one string built on the main thread. Kept verbatim as the oracle the chunked
 * writers must equal byte for byte (exportStream.test.ts). Tests only.
 */
import { ctaOwner } from '../ctaOwner';
import { scoreColumns, type SheetCell, type SheetLabels } from '../exportSheet';
import { progressName, rawValue, statusName } from '../export';
import type { ScoreResult } from '../types';
import { mrrFieldOf, type Playbook } from '../../model';
import { csvLine } from '../../util/csvCell';
import type { AccountTable } from '../../table/columns';
import { columnOf } from '../../table/columns';
import { numberAt, textAt, type Queue, type QueueLabels } from '../ctaQueue';

const mrrField = mrrFieldOf;
const ownerOf = ctaOwner;

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Rows (in `rows` order, default all) under scoreColumns plus the three label columns. */
function legacyScoreSheet(
  r: ScoreResult,
  labels: SheetLabels,
  rows?: ArrayLike<number>,
): { header: string[]; rows: SheetCell[][] } {
  const header = [
    ...scoreColumns(r),
    labels.headers.segment,
    labels.headers.stage,
    labels.headers.color,
  ];
  const segLabel = r.segmentIds.map(labels.segment);
  const stageLabel = r.stageIds.map(labels.stage);
  const colorLabel = r.colorIds.map(labels.color);
  const n = rows ? rows.length : r.rowCount;
  const out: SheetCell[][] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    const st = r.stage[i];
    const c = r.color[i];
    const line: SheetCell[] = [
      r.accountIds[i],
      r.segmentIds[r.segment[i]],
      st < 0 ? null : r.stageIds[st],
      num(r.daysInStage[i]),
      progressName(r.progress[i]),
      r.readyToAdvance[i] === 1,
      num(r.total[i]),
      c < 0 ? null : r.colorIds[c],
      r.coverage[i],
      r.ownerIds[r.owner[i]],
    ];
    for (let d = 0; d < r.dimensionScores.length; d++) line.push(num(r.dimensionScores[d][i]));
    for (let m = 0; m < r.measures.length; m++)
      line.push(rawValue(r, m, i), num(r.measurePoints[m][i]));
    for (let q = 0; q < r.criteriaStatus.length; q++) line.push(statusName(r.criteriaStatus[q][i]));
    let ctas = '';
    for (let q = 0; q < r.ctaFired.length; q++)
      if (r.ctaFired[q][i] === 1) ctas += (ctas ? ';' : '') + r.ctas[q].id;
    line.push(
      ctas,
      segLabel[r.segment[i]],
      st < 0 ? null : stageLabel[st],
      c < 0 ? null : colorLabel[c],
    );
    out[k] = line;
  }
  return { header, rows: out };
}

export function legacyScoresCsv(
  r: ScoreResult,
  labels: SheetLabels,
  rows: ArrayLike<number>,
): string {
  const sheet = legacyScoreSheet(r, labels, rows);
  let s = '\uFEFF' + csvLine(sheet.header) + '\n';
  for (const row of sheet.rows) s += csvLine(row) + '\n';
  return s;
}

export function legacyQueueCsv(
  q: Queue,
  idx: ArrayLike<number>,
  r: ScoreResult,
  table: AccountTable,
  playbook: Playbook,
  labels: QueueLabels,
  /** Lifecycle columns appended after the original ones. */
  life?: (
    row: number,
    cta: number,
  ) => { status: string; runs: number; since: string; mark: string; until: string; reason: string },
): string {
  const contract = playbook.fields;
  const nameCol = contract.nameField ? columnOf(table, contract.nameField) : undefined;
  const m = mrrField(contract);
  const mrrCol = m ? columnOf(table, m) : undefined;
  const trigger = new Map(playbook.ctas.map((c) => [c.id, c.trigger]));
  const colors = r.colorIds.map(labels.color);
  const lines = [
    'account_id,company_name,cta_id,cta_label,type,type_label,priority,priority_label,owner,due_date,score,color,color_id,mrr,trigger' +
      (life ? ',status,runs,since,mark,mark_until,mark_reason' : ''),
  ];
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j];
    const c = q.cta[k];
    const i = q.row[k];
    const info = r.ctas[c];
    const score = r.total[i];
    const mrr = numberAt(mrrCol, i);
    const color = r.color[i];
    lines.push(
      csvLine([
        r.accountIds[i],
        textAt(nameCol, i),
        info.id,
        info.label,
        info.type,
        labels.ctaType(info.type),
        info.priority,
        labels.priority(info.priority),
        ownerOf(r, c, i),
        info.dueDate,
        // One decimal, as the queue shows it.
        Number.isNaN(score) ? null : score.toFixed(1),
        color >= 0 ? colors[color] : null,
        color >= 0 ? r.colorIds[color] : null,
        Number.isNaN(mrr) ? null : mrr,
        trigger.get(info.id) ?? '',
        ...(life
          ? (() => {
              const l = life(i, c);
              return [l.status, l.runs, l.since, l.mark, l.until, l.reason];
            })()
          : []),
      ]),
    );
  }
  // BOM so Excel on Japanese Windows opens UTF-8 correctly.
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
