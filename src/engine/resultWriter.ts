/**
 * Streaming writers of per-account results: the text before the first row, the text of a range of
 * rows of a (chunk's) ScoreResult, the text after the last row. Concatenated they give one CSV,
 * NDJSON or JSON document however the rows were chunked, so `waymark score` writes any number of
 * accounts with one chunk's text in memory at a time. resultToCsv / resultToJson / resultToNdjson
 * (export.ts) are these writers run over one whole result.
 */
import { csvText, csvValue } from '../util/csvCell';
import { progressName, rawValue, resultRow, statusName } from './export';
import type { ScoreResult } from './types';
import { scoreColumns } from './exportSheet';
import { ByteBuffer, utf8Bytes } from '../util/byteBuffer';
import { NumberText } from '../util/numberText';

export type ResultFormat = 'csv' | 'json' | 'ndjson';

export interface ResultWriter {
  /** Text before the first row; `r` is any chunk's result (only its column lists are read). */
  head(r: ScoreResult): string;
  /** Rows lo..hi of `r` (default all of it), in order after every row written before. */
  rows(r: ScoreResult, lo?: number, hi?: number): string;
  /** Text after the last row. */
  tail(): string;
  /** rows() as UTF-8 bytes (a new array the caller owns: an output stream may hold it). */
  rowBytes(r: ScoreResult, lo?: number, hi?: number): Uint8Array;
}

let encoder: TextEncoder | undefined;
/** rowBytes of a writer that builds text: the text, encoded. */
const encoded =
  (rows: ResultWriter['rows']): ResultWriter['rowBytes'] =>
  (r, lo, hi) =>
    (encoder ??= new TextEncoder()).encode(rows(r, lo, hi));

/**
 * `continued`: the writer's rows follow rows written by another writer of the same document (a
 * worker thread's shard, src/cli/parallelWriter.ts): JSON rows then start with a comma.
 */
export function resultWriter(format: ResultFormat, continued = false): ResultWriter {
  return format === 'csv'
    ? csvWriter()
    : format === 'json'
      ? jsonWriter(continued)
      : ndjsonWriter();
}

function ndjsonWriter(): ResultWriter {
  const rows: ResultWriter['rows'] = (r, lo = 0, hi = r.rowCount) => {
    let s = '';
    for (let i = lo; i < hi; i++) s += JSON.stringify(resultRow(r, i)) + '\n';
    return s;
  };
  return { head: () => '', rows, tail: () => '', rowBytes: encoded(rows) };
}

/** `{"playbook", "asOf", "accounts": [rows]}` pretty-printed at two spaces, rows one per line. */
function jsonWriter(continued: boolean): ResultWriter {
  let any = continued;
  const rows: ResultWriter['rows'] = (r, lo = 0, hi = r.rowCount) => {
    let s = '';
    for (let i = lo; i < hi; i++) {
      s += (any ? ',\n  ' : '[\n  ') + JSON.stringify(resultRow(r, i));
      any = true;
    }
    return s;
  };
  return {
    head(r) {
      const doc = JSON.stringify({ playbook: r.playbookName, asOf: r.asOf, accounts: [] }, null, 2);
      return doc.slice(0, doc.length - '[]\n}'.length);
    },
    rows,
    tail: () => (any ? '\n  ]' : '[]') + '\n}\n',
    rowBytes: encoded(rows),
  };
}

/**
 * Flat CSV: one column per dimension, measure (raw, points), criterion and a `ctas` list. Cells are
 * written straight from the result's columns (no per-row objects): at a million accounts the row
 * objects of resultRow were most of the time of the old writer.
 */
function csvWriter(): ResultWriter {
  // Memo per output column, kept across chunks.
  const memo: NumberText[] = [];
  const num = (col: number) => (memo[col] ??= new NumberText());
  let buf: ByteBuffer | undefined;
  return {
    head(r) {
      // One header definition for the CLI and the app's export (exportSheet.ts).
      return (
        scoreColumns(r)
          .map((h) => csvText(h))
          .join(',') + '\n'
      );
    },
    rows(r, lo = 0, hi = r.rowCount) {
      const segments = r.segmentIds.map((s) => csvText(s));
      const stages = r.stageIds.map((s) => csvText(s));
      const colors = r.colorIds.map((s) => csvText(s));
      const owners = r.ownerIds.map((s) => csvText(s));
      const progress = [0, 1, 2].map(progressName);
      const statuses = [0, 1, 2].map(statusName);
      const nM = r.measures.length;
      const nD = r.dimensionScores.length;
      const days = num(0);
      const total = num(1);
      const coverage = num(2);
      let s = '';
      for (let i = lo; i < hi; i++) {
        const st = r.stage[i];
        const p = r.progress[i];
        const c = r.color[i];
        const cov = r.coverage[i];
        let line =
          csvText(r.accountIds[i]) +
          ',' +
          segments[r.segment[i]] +
          ',' +
          (st < 0 ? '' : stages[st]) +
          ',' +
          days.text(r.daysInStage[i]) +
          ',' +
          (p < 3 ? progress[p] : 'unknown') +
          ',' +
          (r.readyToAdvance[i] === 1 ? 'true' : 'false') +
          ',' +
          total.text(r.total[i]) +
          ',' +
          (c < 0 ? '' : colors[c]) +
          ',' +
          // Coverage is never missing; NaN would be printed as is, as the row-object writer did.
          (cov !== cov ? 'NaN' : coverage.text(cov)) +
          ',' +
          owners[r.owner[i]];
        for (let d = 0; d < nD; d++) line += ',' + num(3 + d).text(r.dimensionScores[d][i]);
        for (let m = 0; m < nM; m++) {
          const raw = r.measures[m].rawKind === 'number' ? r.measureRaw[m][i] : null;
          line +=
            ',' +
            (raw === null ? csvValue(rawValue(r, m, i)) : num(3 + nD + 2 * m).text(raw)) +
            ',' +
            num(4 + nD + 2 * m).text(r.measurePoints[m][i]);
        }
        for (let k = 0; k < r.criteriaStatus.length; k++)
          line += ',' + (statuses[r.criteriaStatus[k][i]] ?? statusName(r.criteriaStatus[k][i]));
        let ctas = '';
        for (let k = 0; k < r.ctaFired.length; k++)
          if (r.ctaFired[k][i] === 1) ctas += (ctas ? ';' : '') + r.ctas[k].id;
        s += line + ',' + csvText(ctas) + '\n';
      }
      return s;
    },
    tail: () => '',
    rowBytes(r, lo = 0, hi = r.rowCount) {
      // rows(), cell for cell, written as bytes (resultWriter.test.ts checks they are the same).
      const out = (buf ??= new ByteBuffer(1 << 20));
      const enc = (xs: string[]) => xs.map((x) => withComma(csvText(x)));
      /** Text concatenation prints a missing entry as "undefined": so do the bytes. */
      const at = (xs: Uint8Array[], k: number) => xs[k] ?? UNDEFINED;
      const segments = enc(r.segmentIds);
      const stages = enc(r.stageIds);
      const colors = enc(r.colorIds);
      const owners = enc(r.ownerIds);
      const progress = [0, 1, 2].map((k) => withComma(progressName(k)));
      const statuses = [0, 1, 2].map((k) => withComma(statusName(k)));
      const nM = r.measures.length;
      const nD = r.dimensionScores.length;
      const days = num(0);
      const total = num(1);
      const coverage = num(2);
      const dims = r.dimensionScores.map((_, d) => num(3 + d));
      const rawText = r.measures.map((_, m) => num(3 + nD + 2 * m));
      const points = r.measures.map((_, m) => num(4 + nD + 2 * m));
      // Text measures: each dictionary value's cell, encoded once.
      const rawCells = r.measures.map(() => [] as Uint8Array[]);
      const kinds = r.measures.map((m) => m.rawKind);
      const nS = r.criteriaStatus.length;
      const nC = r.ctaFired.length;
      // CTA ids that need no quoting or prefix alone or joined: their bytes, written directly
      // (csvText quotes a list of two or more for its ';'). Any other id: the text path.
      const plainCtas = r.ctas.every((c) => PLAIN_ID.test(c.id));
      const ctaBytes = r.ctas.map((c) => utf8Bytes(c.id));
      for (let i = lo; i < hi; i++) {
        const st = r.stage[i];
        const p = r.progress[i];
        const c = r.color[i];
        const cov = r.coverage[i];
        out.text(csvText(r.accountIds[i]));
        // Every later cell is written with the comma before it (one copy per cell).
        out.bytes(at(segments, r.segment[i]));
        out.bytes(st >= 0 ? at(stages, st) : COMMA);
        days.write(r.daysInStage[i], out);
        out.bytes(p < 3 ? at(progress, p) : UNKNOWN);
        out.bytes(r.readyToAdvance[i] === 1 ? TRUE : FALSE);
        total.write(r.total[i], out);
        out.bytes(c >= 0 ? at(colors, c) : COMMA);
        if (cov !== cov) out.bytes(NAN);
        else coverage.write(cov, out);
        out.bytes(at(owners, r.owner[i]));
        for (let d = 0; d < nD; d++) dims[d].write(r.dimensionScores[d][i], out);
        for (let m = 0; m < nM; m++) {
          const kind = kinds[m];
          const v = r.measureRaw[m][i];
          if (kind === 'number') rawText[m].write(v, out);
          else if (kind === 'string')
            out.bytes(v >= 0 ? (rawCells[m][v] ??= withComma(csvValue(rawValue(r, m, i)))) : COMMA);
          else out.bytes(v === v ? (v === 1 ? TRUE : FALSE) : COMMA);
          points[m].write(r.measurePoints[m][i], out);
        }
        for (let k = 0; k < nS; k++) out.bytes(statuses[r.criteriaStatus[k][i]] ?? UNKNOWN);
        out.byte(44);
        if (plainCtas) {
          let first = -1;
          let many = false;
          for (let k = 0; k < nC; k++)
            if (r.ctaFired[k][i] === 1) {
              if (first < 0) first = k;
              else {
                many = true;
                break;
              }
            }
          if (many) {
            out.byte(34);
            let any = false;
            for (let k = first; k < nC; k++)
              if (r.ctaFired[k][i] === 1) {
                if (any) out.byte(59);
                out.bytes(ctaBytes[k]);
                any = true;
              }
            out.byte(34);
          } else if (first >= 0) out.bytes(ctaBytes[first]);
        } else {
          let ctas = '';
          for (let k = 0; k < nC; k++)
            if (r.ctaFired[k][i] === 1) ctas += (ctas ? ';' : '') + r.ctas[k].id;
          if (ctas) out.text(csvText(ctas));
        }
        out.byte(10);
      }
      return out.take();
    },
  };
}
/** An id that csvText leaves as it is, alone or in a ';' list (then only quoted). */
const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.]*$/;
/** A cell's bytes with the comma before it. */
function withComma(s: string): Uint8Array {
  return utf8Bytes(',' + s);
}
const COMMA = withComma('');
const TRUE = withComma('true');
const FALSE = withComma('false');
const NAN = withComma('NaN');
const UNKNOWN = withComma('unknown');
const UNDEFINED = withComma('undefined');

/** A writer run over one whole result: the document as one string (small results, tests). */
export function writeWhole(format: ResultFormat, r: ScoreResult): string {
  const w = resultWriter(format);
  return w.head(r) + w.rows(r) + w.tail();
}

export const resultToCsv = (r: ScoreResult): string => writeWhole('csv', r);
export const resultToJson = (r: ScoreResult): string => writeWhole('json', r);
export const resultToNdjson = (r: ScoreResult): string => writeWhole('ndjson', r);
