/**
 * The scores as one sheet (a header and typed cells), for the app's CSV and XLSX downloads: the
 * columns of `waymark score --format csv`, in its order and with its names (so a file from the app
 * and one from the CLI line up), then the labels people read — segment, stage and colour in the
 * UI language — in columns of their own at the end.
 */
import { rawValue } from './export';
import { progressName, statusName } from './export';
import type { ScoreResult } from './types';
import { csvLine } from '../util/csvCell';

export type SheetCell = string | number | boolean | null;

export interface SheetLabels {
  segment: (id: string) => string;
  stage: (id: string) => string;
  color: (id: string) => string;
  /** Header names of the label columns. */
  headers: { segment: string; stage: string; color: string };
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The header of `waymark score --format csv`. */
export function scoreColumns(r: ScoreResult): string[] {
  const head = [
    'account_id',
    'segment',
    'stage',
    'days_in_stage',
    'progress',
    'ready_to_advance',
    'score',
    'color',
    'coverage',
    'owner',
  ];
  for (const d of r.dimensionIds) head.push(`dim_${d}`);
  for (const m of r.measures) head.push(`${m.id}_raw`, `${m.id}_points`);
  for (const c of r.criteria) head.push(`${c.stage}.${c.id}`);
  head.push('ctas');
  return head;
}

/** The header: scoreColumns plus the three label columns. */
export function scoreSheetHeader(r: ScoreResult, labels: SheetLabels): string[] {
  return [...scoreColumns(r), labels.headers.segment, labels.headers.stage, labels.headers.color];
}

/** The sheet row of account `i` (labels resolved once per id, not per row). */
export function scoreSheetRowOf(r: ScoreResult, labels: SheetLabels): (i: number) => SheetCell[] {
  const segLabel = r.segmentIds.map(labels.segment);
  const stageLabel = r.stageIds.map(labels.stage);
  const colorLabel = r.colorIds.map(labels.color);
  return (i) => {
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
    return line;
  };
}

/** Rows (in `rows` order, default all) under scoreColumns plus the three label columns. */
export function scoreSheet(
  r: ScoreResult,
  labels: SheetLabels,
  rows?: ArrayLike<number>,
): { header: string[]; rows: SheetCell[][] } {
  const rowOf = scoreSheetRowOf(r, labels);
  const n = rows ? rows.length : r.rowCount;
  const out: SheetCell[][] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = rowOf(rows ? rows[k] : k);
  return { header: scoreSheetHeader(r, labels), rows: out };
}

/**
 * The scores as CSV (UTF-8 with a BOM, so Excel on Japanese Windows reads the labels right;
 * every cell through csvCell, so no cell runs as a formula; LF line ends), in chunks: the BOM
 * and header, then `chunkRows` rows at a time. The chunks joined are the whole file.
 */
export function* scoresCsvChunks(
  r: ScoreResult,
  labels: SheetLabels,
  rows?: ArrayLike<number>,
  chunkRows = 8192,
): Generator<string> {
  const rowOf = scoreSheetRowOf(r, labels);
  yield '\uFEFF' + csvLine(scoreSheetHeader(r, labels)) + '\n';
  const n = rows ? rows.length : r.rowCount;
  const step = Math.max(1, chunkRows);
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + step);
    let s = '';
    for (let k = from; k < to; k++) s += csvLine(rowOf(rows ? rows[k] : k)) + '\n';
    yield s;
  }
}
