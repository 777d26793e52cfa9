import { ctaOwner } from './ctaOwner';
import type { ScoreResult } from './types';
import { mrrFieldOf, type Playbook } from '../model';
import { csvText, csvValue } from '../util/csvCell';
import { ByteBuffer, utf8Bytes } from '../util/byteBuffer';
import { NumberText } from '../util/numberText';
import { cellBytes, textCell } from './exportSheet';
import type { AccountTable, Column } from '../table/columns';
import { columnOf } from '../table/columns';

/**
 * The CTA queue as flat typed arrays (one entry per fired CTA × account), so a million
 * accounts with several CTAs each stay cheap to filter and sort, and its CSV written in chunks
 * (the export worker streams them to a file). No DOM: the app's worker and tests share it.
 */
export interface Queue {
  row: Int32Array;
  cta: Int32Array;
  length: number;
}

export function buildQueue(r: Pick<ScoreResult, 'ctaFired'>): Queue {
  const steps = queueSteps(r, Infinity);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * buildQueue in steps: yields after each `rows` rows of one CTA's column (twice over every
 * column: counting, then filling), returns the queue. The page builds a million-account queue
 * this way while it is idle, a few steps per idle period, instead of in one task of 50–200 ms.
 */
export function* queueSteps(
  r: Pick<ScoreResult, 'ctaFired'>,
  rows: number,
): Generator<void, Queue, void> {
  let n = 0;
  for (const f of r.ctaFired)
    for (let from = 0; from < f.length; from += rows) {
      const to = Math.min(f.length, from + rows);
      for (let i = from; i < to; i++) n += f[i];
      if (to < f.length) yield;
    }
  const row = new Int32Array(n);
  const cta = new Int32Array(n);
  let k = 0;
  for (let c = 0; c < r.ctaFired.length; c++) {
    const f = r.ctaFired[c];
    for (let from = 0; from < f.length; from += rows) {
      yield;
      const to = Math.min(f.length, from + rows);
      for (let i = from; i < to; i++)
        if (f[i]) {
          row[k] = i;
          cta[k++] = c;
        }
    }
  }
  return { row, cta, length: n };
}

export function numberAt(col: Column | undefined, row: number): number {
  return col && (col.type === 'number' || col.type === 'date') ? col.values[row] : NaN;
}
export function textAt(col: Column | undefined, row: number): string {
  if (!col || col.type !== 'string') return '';
  const c = col.codes[row];
  return c < 0 ? '' : col.dict[c];
}

/** How the queue's ids read in the UI language (resultLabels in ui/results/labels.ts gives these). */
export interface QueueLabels {
  color: (id: string) => string;
  ctaType: (id: string) => string;
  priority: (id: string) => string;
}

/** Lifecycle columns of one entry (row, CTA index), appended after the original ones. */
export type QueueLife = (
  row: number,
  cta: number,
) => { status: string; runs: number; since: string; mark: string; until: string; reason: string };

/** The header line of the queue CSV. */
export function queueCsvHeader(withLife: boolean): string {
  return (
    'account_id,company_name,cta_id,cta_label,type,type_label,priority,priority_label,owner,due_date,score,color,color_id,mrr,trigger' +
    (withLife ? ',status,runs,since,mark,mark_until,mark_reason' : '')
  );
}

/**
 * The queue as CSV, safe to open in a spreadsheet (every cell as src/util/csvCell.ts writes it:
 * formula-like text is neutralised with '). Ids stay in their own columns for scripts (`type`,
 * `priority`, `color_id`); next to each, its label as the screen shows it, in the UI language
 * (`type_label`, `priority_label`, `color`, which kept its name from before ids were added).
 * Yields UTF-8 bytes: the BOM and header, then `chunkRows` entries at a time, each line ending in
 * CRLF; the chunks joined are the whole file. Cells are written as bytes (a CTA's own cells
 * encoded once), with no row array or row string (exportStream.test.ts holds the bytes to the
 * csvLine writer's).
 */
export function* queueCsvChunks(
  q: Queue,
  idx: ArrayLike<number>,
  r: ScoreResult,
  table: AccountTable,
  playbook: Playbook,
  labels: QueueLabels,
  life?: QueueLife,
  chunkRows = 8192,
): Generator<Uint8Array> {
  const contract = playbook.fields;
  const nameCol = contract.nameField ? columnOf(table, contract.nameField) : undefined;
  const m = mrrFieldOf(contract);
  const mrrCol = m ? columnOf(table, m) : undefined;
  const trigger = new Map(playbook.ctas.map((c) => [c.id, c.trigger]));
  // Per CTA: its cells from cta_id to priority_label, its due date, its trigger.
  const ctaHead = r.ctas.map((info) =>
    utf8Bytes(
      [
        info.id,
        info.label,
        info.type,
        labels.ctaType(info.type),
        info.priority,
        labels.priority(info.priority),
      ]
        .map((v) => ',' + csvValue(v))
        .join(''),
    ),
  );
  const due = r.ctas.map((info) => cellBytes(info.dueDate));
  const triggers = r.ctas.map((info) => cellBytes(trigger.get(info.id) ?? ''));
  // Per colour: its label, then its id.
  const colorCells = r.colorIds.map((id) =>
    utf8Bytes(',' + csvValue(labels.color(id)) + ',' + csvValue(id)),
  );
  const noColor = utf8Bytes(',,');
  const mrr = new NumberText();
  const runs = new NumberText();
  // BOM so Excel on Japanese Windows opens UTF-8 correctly.
  yield utf8Bytes('\ufeff' + queueCsvHeader(!!life) + '\r\n');
  const out = new ByteBuffer(1 << 20);
  const step = Math.max(1, chunkRows);
  for (let from = 0; from < idx.length; from += step) {
    const to = Math.min(idx.length, from + step);
    for (let j = from; j < to; j++) {
      const k = idx[j];
      const c = q.cta[k];
      const i = q.row[k];
      const id = r.accountIds[i];
      if (id) out.text(csvText(id));
      textCell(out, textAt(nameCol, i));
      out.bytes(ctaHead[c]);
      textCell(out, ctaOwner(r, c, i));
      out.bytes(due[c]);
      // One decimal, as the queue shows it.
      const score = r.total[i];
      if (Number.isNaN(score)) out.byte(44);
      else textCell(out, score.toFixed(1));
      const color = r.color[i];
      out.bytes(color >= 0 ? (colorCells[color] ?? noColor) : noColor);
      mrr.write(numberAt(mrrCol, i), out);
      out.bytes(triggers[c]);
      if (life) {
        const l = life(i, c);
        textCell(out, l.status);
        runs.write(l.runs, out);
        textCell(out, l.since);
        textCell(out, l.mark);
        textCell(out, l.until);
        textCell(out, l.reason);
      }
      out.byte(13);
      out.byte(10);
    }
    yield out.take();
  }
}

/** The whole queue CSV as one string (small exports and tests). */
export function queueCsv(
  q: Queue,
  idx: ArrayLike<number>,
  r: ScoreResult,
  table: AccountTable,
  playbook: Playbook,
  labels: QueueLabels,
  life?: QueueLife,
): string {
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  let s = '';
  for (const part of queueCsvChunks(q, idx, r, table, playbook, labels, life))
    s += dec.decode(part, { stream: true });
  return s + dec.decode();
}
