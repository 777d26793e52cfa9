/**
 * The scores as one sheet (a header and typed cells), for the app's CSV and XLSX downloads: the
 * columns of `waymark score --format csv`, in its order and with its names (so a file from the app
 * and one from the CLI line up), then the labels people read — segment, stage and colour in the
 * UI language — in columns of their own at the end.
 */
import { rawValue } from './export';
import { progressName, statusName } from './export';
import type { ScoreResult } from './types';
import { csvLine, csvText, csvValue } from '../util/csvCell';
import { ByteBuffer, utf8Bytes } from '../util/byteBuffer';
import { NumberText } from '../util/numberText';

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
 * every cell as csvLine writes it, so no cell runs as a formula; LF line ends), in chunks of
 * UTF-8 bytes: the BOM and header, then `chunkRows` rows at a time. The chunks joined are the
 * whole file.
 *
 * The cells are written as bytes straight from the result's columns (no row array, no row
 * string): at a million rows, building each row's cells and string and encoding the chunk was
 * most of the export's time and its garbage (exportStream.test.ts holds the bytes to csvLine's).
 */
export function* scoresCsvChunks(
  r: ScoreResult,
  labels: SheetLabels,
  rows?: ArrayLike<number>,
  chunkRows = 8192,
): Generator<Uint8Array> {
  yield utf8Bytes('\uFEFF' + csvLine(scoreSheetHeader(r, labels)) + '\n');
  const write = scoreSheetRowWriter(r, labels);
  const out = new ByteBuffer(1 << 20);
  const n = rows ? rows.length : r.rowCount;
  const step = Math.max(1, chunkRows);
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + step);
    for (let k = from; k < to; k++) write(rows ? rows[k] : k, out);
    yield out.take();
  }
}

/** A cell's bytes with the comma before it, as csvLine writes the value. */
export const cellBytes = (v: unknown): Uint8Array => utf8Bytes(',' + csvValue(v));
/** The cell of list entry k (an entry that is not there is an empty cell, as csvValue writes). */
const at = (xs: Uint8Array[], k: number): Uint8Array => xs[k] ?? EMPTY;
const EMPTY = cellBytes('');
const TRUE = cellBytes(true);
const FALSE = cellBytes(false);

/** A comma, then a text cell as csvLine writes it. */
export function textCell(out: ByteBuffer, s: string): void {
  out.byte(44);
  if (s) out.text(csvText(s));
}

/** Writes account `i`'s line of scoresCsvChunks (its LF included) into `out`. */
function scoreSheetRowWriter(
  r: ScoreResult,
  labels: SheetLabels,
): (i: number, out: ByteBuffer) => void {
  const enc = (xs: readonly string[]) => xs.map(cellBytes);
  const segments = enc(r.segmentIds);
  const stages = enc(r.stageIds);
  const colors = enc(r.colorIds);
  const owners = enc(r.ownerIds);
  const segLabels = enc(r.segmentIds.map(labels.segment));
  const stageLabels = enc(r.stageIds.map(labels.stage));
  const colorLabels = enc(r.colorIds.map(labels.color));
  // Codes → cells, each made at its first use (progressName / statusName of any code).
  const progress: Uint8Array[] = [];
  const statuses: Uint8Array[] = [];
  const nD = r.dimensionScores.length;
  const nM = r.measures.length;
  const nS = r.criteriaStatus.length;
  const kinds = r.measures.map((m) => m.rawKind);
  const rawCells = r.measures.map(() => [] as Uint8Array[]);
  const days = new NumberText();
  const total = new NumberText();
  const coverage = new NumberText();
  const dims = r.dimensionScores.map(() => new NumberText());
  const raws = r.measures.map(() => new NumberText());
  const points = r.measures.map(() => new NumberText());
  const ctas = ctaListWriter(r);
  return (i, out) => {
    const st = r.stage[i];
    const c = r.color[i];
    const p = r.progress[i];
    const id = r.accountIds[i];
    if (id) out.text(csvText(id));
    out.bytes(at(segments, r.segment[i]));
    out.bytes(st < 0 ? EMPTY : at(stages, st));
    days.write(r.daysInStage[i], out);
    out.bytes(progress[p] ?? (progress[p] = cellBytes(progressName(p))));
    out.bytes(r.readyToAdvance[i] === 1 ? TRUE : FALSE);
    total.write(r.total[i], out);
    out.bytes(c < 0 ? EMPTY : at(colors, c));
    coverage.write(r.coverage[i], out);
    out.bytes(at(owners, r.owner[i]));
    for (let d = 0; d < nD; d++) dims[d].write(r.dimensionScores[d][i], out);
    for (let m = 0; m < nM; m++) {
      const v = r.measureRaw[m][i];
      const kind = kinds[m];
      if (kind === 'string')
        out.bytes(v < 0 ? EMPTY : (rawCells[m][v] ??= cellBytes(rawValue(r, m, i))));
      else if (kind === 'boolean') out.bytes(v !== v ? EMPTY : v === 1 ? TRUE : FALSE);
      else raws[m].write(v, out);
      points[m].write(r.measurePoints[m][i], out);
    }
    for (let q = 0; q < nS; q++) {
      const s = r.criteriaStatus[q][i];
      out.bytes(statuses[s] ?? (statuses[s] = cellBytes(statusName(s))));
    }
    ctas(i, out);
    out.bytes(at(segLabels, r.segment[i]));
    out.bytes(st < 0 ? EMPTY : at(stageLabels, st));
    out.bytes(c < 0 ? EMPTY : at(colorLabels, c));
    out.byte(10);
  };
}

/** An id that csvText leaves as it is, alone or in a ';' list (then only quoted). */
const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.]*$/;

/**
 * Writes a comma, then the `ctas` cell of account `i`: the ids of the CTAs it fired joined with
 * ';', as csvText writes that text (quoted when two or more, for the ';').
 */
export function ctaListWriter(r: ScoreResult): (i: number, out: ByteBuffer) => void {
  const nC = r.ctaFired.length;
  const fired = r.ctaFired;
  const ids = r.ctas.map((c) => utf8Bytes(c.id));
  if (!r.ctas.every((c) => PLAIN_ID.test(c.id)))
    return (i, out) => {
      let s = '';
      for (let k = 0; k < nC; k++) if (fired[k][i] === 1) s += (s ? ';' : '') + r.ctas[k].id;
      textCell(out, s);
    };
  return (i, out) => {
    out.byte(44);
    let first = -1;
    let many = false;
    for (let k = 0; k < nC; k++)
      if (fired[k][i] === 1) {
        if (first < 0) first = k;
        else {
          many = true;
          break;
        }
      }
    if (!many) {
      if (first >= 0) out.bytes(ids[first]);
      return;
    }
    out.byte(34);
    out.bytes(ids[first]);
    for (let k = first + 1; k < nC; k++)
      if (fired[k][i] === 1) {
        out.byte(59);
        out.bytes(ids[k]);
      }
    out.byte(34);
  };
}
