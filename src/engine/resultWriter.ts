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

export type ResultFormat = 'csv' | 'json' | 'ndjson';

export interface ResultWriter {
  /** Text before the first row; `r` is any chunk's result (only its column lists are read). */
  head(r: ScoreResult): string;
  /** Rows lo..hi of `r` (default all of it), in order after every row written before. */
  rows(r: ScoreResult, lo?: number, hi?: number): string;
  /** Text after the last row. */
  tail(): string;
}

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
  return {
    head: () => '',
    rows(r, lo = 0, hi = r.rowCount) {
      let s = '';
      for (let i = lo; i < hi; i++) s += JSON.stringify(resultRow(r, i)) + '\n';
      return s;
    },
    tail: () => '',
  };
}

/** `{"playbook", "asOf", "accounts": [rows]}` pretty-printed at two spaces, rows one per line. */
function jsonWriter(continued: boolean): ResultWriter {
  let any = continued;
  return {
    head(r) {
      const doc = JSON.stringify({ playbook: r.playbookName, asOf: r.asOf, accounts: [] }, null, 2);
      return doc.slice(0, doc.length - '[]\n}'.length);
    },
    rows(r, lo = 0, hi = r.rowCount) {
      let s = '';
      for (let i = lo; i < hi; i++) {
        s += (any ? ',\n  ' : '[\n  ') + JSON.stringify(resultRow(r, i));
        any = true;
      }
      return s;
    },
    tail: () => (any ? '\n  ]' : '[]') + '\n}\n',
  };
}

const SMALL_INTS = Array.from({ length: 1024 }, (_, i) => String(i));

/**
 * Numbers as csvNumber writes them, memoised per column. Printing a double (shortest round-trip
 * form) costs ~1 µs; most result columns hold few distinct values (points, dimension scores,
 * coverage), so a lookup is much cheaper. A column whose values rarely repeat (the total) stops
 * being memoised after its first 4,096 distinct values.
 */
class NumberText {
  private readonly seen = new Map<number, string>();
  private hits = 0;
  private on = true;
  text(v: number): string {
    const k = v | 0;
    if (k === v && k >= 0 && k < 1024) return SMALL_INTS[k];
    if (v !== v) return '';
    if (!this.on) return String(v);
    const s = this.seen.get(v);
    if (s !== undefined) {
      this.hits++;
      return s;
    }
    const t = String(v);
    if (this.seen.size < 4096) this.seen.set(v, t);
    else if (this.hits < this.seen.size) this.on = false;
    return t;
  }
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
  };
}

/** A writer run over one whole result: the document as one string (small results, tests). */
export function writeWhole(format: ResultFormat, r: ScoreResult): string {
  const w = resultWriter(format);
  return w.head(r) + w.rows(r) + w.tail();
}

export const resultToCsv = (r: ScoreResult): string => writeWhole('csv', r);
export const resultToJson = (r: ScoreResult): string => writeWhole('json', r);
export const resultToNdjson = (r: ScoreResult): string => writeWhole('ndjson', r);
