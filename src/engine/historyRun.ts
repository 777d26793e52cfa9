import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { parquetMetadata, parquetRead, parquetReadObjects, type FileMetaData } from 'hyparquet';
import type { CtaType } from '../model';
import { writeRunParquet, type RunColumn } from './parquetRunWriter';
import {
  codesByFirstUse,
  readRunColumns,
  Unsupported,
  valueAt,
  type ColumnValues,
  type TextColumn,
} from './runColumnsRead';
import type { Predictions } from './predictive';
import type { ScoreResult } from './types';
import type { StageCodeRun } from './stageHistory';

/**
 * One run of a history directory as a Parquet file (docs/history-format.md): one row per
 * account with the fixed record of the run. Column names are stable so DuckDB, Polars, Spark or
 * BigQuery read the files directly; per-dimension, per-measure and per-CTA columns carry the
 * element id after a double underscore (dim__adoption, pts__logins, cta__champion_left).
 * Pure: bytes in, bytes out (the CLI does the file system).
 */
export const HISTORY_RUN_FORMAT = 'waymark-history-run';
export const HISTORY_RUN_VERSION = 1;

export interface HistoryRunInfo {
  asOf: string;
  playbookName: string;
  fingerprint: string;
  colorIds: string[];
  dimensionIds: string[];
  measures: { id: string; label: string }[];
  ctas: { id: string; label: string; type: CtaType; dedupeKey: string }[];
}

export function runInfoOf(r: ScoreResult, fingerprint: string): HistoryRunInfo {
  return {
    asOf: r.asOf,
    playbookName: r.playbookName,
    fingerprint,
    colorIds: r.colorIds,
    dimensionIds: r.dimensionIds,
    measures: r.measures.map((m) => ({ id: m.id, label: m.label })),
    ctas: r.ctas.map((c) => ({ id: c.id, label: c.label, type: c.type, dedupeKey: c.dedupeKey })),
  };
}

/** A column of n values filled by a plain loop (no per-row closures or iterator objects). */
function fill<T>(n: number, f: (i: number) => T): T[] {
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

/** Numbers with NaN as null (Parquet null), by a plain loop. */
function doubles(a: Float64Array): (number | null)[] {
  const n = a.length;
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    out[i] = v === v ? v : null;
  }
  return out;
}

/** Codes into a small dictionary as strings (null for a negative code). */
function coded(codes: ArrayLike<number>, dict: readonly string[]): (string | null)[] {
  const n = codes.length;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    out[i] = c < 0 ? null : dict[c];
  }
  return out;
}

/**
 * The columns of a run file for the rows of a result (one row group's worth, or all of them).
 * Speed (issue 14, point 8; `npm run bench -- history`): doubles are written PLAIN without
 * min/max statistics (trying a dictionary and computing statistics over a million unique doubles
 * were most of the time, and no reader needs them to scan a run); the few-valued text columns
 * keep their dictionary and statistics, so a filter on colour or stage still skips row groups.
 */
export function runColumnData(r: ScoreResult): ColumnSource[] {
  const n = r.rowCount;
  const dbl = (name: string, a: Float64Array): ColumnSource => ({
    name,
    data: doubles(a),
    type: 'DOUBLE',
    statistics: false,
  });
  return [
    { name: 'account_id', data: r.accountIds, type: 'STRING', nullable: false, statistics: false },
    { name: 'as_of', data: fill(n, () => r.asOf), type: 'STRING', nullable: false },
    { name: 'segment', data: coded(r.segment, r.segmentIds), type: 'STRING' },
    { name: 'stage', data: coded(r.stage, r.stageIds), type: 'STRING' },
    dbl('score', r.total),
    { name: 'color', data: coded(r.color, r.colorIds), type: 'STRING' },
    dbl('coverage', r.coverage),
    { name: 'owner', data: coded(r.owner, r.ownerIds), type: 'STRING' },
    dbl('days_in_stage', r.daysInStage),
    ...r.dimensionIds.map((d, k) => dbl(`dim__${d}`, r.dimensionScores[k])),
    ...r.measures.map((m, k) => dbl(`pts__${m.id}`, r.measurePoints[k])),
    ...r.ctas.map((c, k): ColumnSource => ({
      name: `cta__${c.id}`,
      data: fill(n, (i) => r.ctaFired[k][i] === 1),
      type: 'BOOLEAN',
      nullable: false,
      statistics: false,
    })),
  ];
}

/** The key-value metadata that marks a Parquet file as a run (read back by parquetToRun). */
export function runKvMetadata(info: HistoryRunInfo): { key: string; value: string }[] {
  return [
    { key: 'waymark.format', value: HISTORY_RUN_FORMAT },
    { key: 'waymark.version', value: String(HISTORY_RUN_VERSION) },
    { key: 'waymark.run', value: JSON.stringify(info) },
  ];
}

/** The columns of a run file as typed arrays, for writeRunParquet (same names and types as runColumnData). */
export function runColumns(r: ScoreResult): RunColumn[] {
  const dbl = (name: string, values: Float64Array): RunColumn => ({ kind: 'double', name, values });
  return [
    { kind: 'text', name: 'account_id', values: r.accountIds },
    { kind: 'constant', name: 'as_of', value: r.asOf },
    { kind: 'coded', name: 'segment', codes: r.segment, dict: r.segmentIds },
    { kind: 'coded', name: 'stage', codes: r.stage, dict: r.stageIds },
    dbl('score', r.total),
    { kind: 'coded', name: 'color', codes: r.color, dict: r.colorIds },
    dbl('coverage', r.coverage),
    { kind: 'coded', name: 'owner', codes: r.owner, dict: r.ownerIds },
    dbl('days_in_stage', r.daysInStage),
    ...r.dimensionIds.map((d, k) => dbl(`dim__${d}`, r.dimensionScores[k])),
    ...r.measures.map((m, k) => dbl(`pts__${m.id}`, r.measurePoints[k])),
    ...r.ctas.map((c, k): RunColumn => ({
      kind: 'flag',
      name: `cta__${c.id}`,
      values: r.ctaFired[k],
    })),
  ];
}

/**
 * The Parquet bytes of a run, by the typed-array encoder (writeRunParquet): 1M accounts in well
 * under the 2 s goal where hyparquet-writer's value-by-value encoder took 8 s
 * (`npm run bench -- history`, docs/history-format.md).
 */
export function runToParquet(r: ScoreResult, info: HistoryRunInfo): Uint8Array {
  return writeRunParquet({
    rowCount: r.rowCount,
    columns: runColumns(r),
    kvMetadata: runKvMetadata(info),
    createdBy: 'waymark',
  });
}

/** The same file by hyparquet-writer (the reference the bench and tests compare against). */
export function runToParquetReference(r: ScoreResult, info: HistoryRunInfo): Uint8Array {
  const buf = parquetWriteBuffer({
    columnData: runColumnData(r),
    kvMetadata: runKvMetadata(info),
    createdBy: 'waymark',
  });
  return new Uint8Array(buf);
}

export class HistoryFormatError extends Error {
  constructor(
    readonly code: 'not_parquet' | 'not_a_run' | 'newer_version',
    message: string,
  ) {
    super(message);
  }
}

/** A run read back from Parquet: enough for trends, migration matrices and backtests. */
export interface HistoryRun extends Predictions {
  info: HistoryRunInfo;
  segment: (string | null)[];
  stage: (string | null)[];
  owner: (string | null)[];
}

/**
 * Read a run's Parquet bytes. Throws HistoryFormatError for a truncated or foreign file.
 * Our writer's files are decoded column by column (runColumnsRead.ts: a run of a million
 * accounts in ~1 s, where hyparquet's row objects took ~25 s); any other layout, or a damaged
 * page, is read through hyparquet's row objects as before (`rows: true` forces that, for tests).
 * Both feed the same builder, so a value reads the same either way.
 */
export async function parquetToRun(
  bytes: Uint8Array,
  opts: { rows?: boolean } = {},
): Promise<HistoryRun> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let meta;
  try {
    meta = parquetMetadata(file as ArrayBuffer);
  } catch (e) {
    throw new HistoryFormatError('not_parquet', e instanceof Error ? e.message : String(e));
  }
  const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((x) => [x.key, x.value]));
  if (kv['waymark.format'] !== HISTORY_RUN_FORMAT || !kv['waymark.run'])
    throw new HistoryFormatError('not_a_run', 'no waymark.run metadata');
  if (Number(kv['waymark.version']) > HISTORY_RUN_VERSION)
    throw new HistoryFormatError('newer_version', String(kv['waymark.version']));
  const info = JSON.parse(kv['waymark.run']!) as HistoryRunInfo;
  const want = [
    'account_id',
    'score',
    'color',
    'segment',
    'stage',
    'owner',
    ...info.measures.map((m) => `pts__${m.id}`),
    ...info.ctas.map((c) => `cta__${c.id}`),
  ];
  let cols: Map<string, ColumnValues> | null = null;
  if (!opts.rows)
    try {
      const present = new Set(meta.schema.slice(1).map((e) => e.name));
      cols = readRunColumns(
        file as ArrayBuffer,
        meta,
        want.filter((c) => present.has(c)),
      );
    } catch {
      cols = null;
    }
  if (cols) {
    const c = cols;
    const col = (name: string): ((i: number) => unknown) => {
      const x = c.get(name);
      return x ? (i) => valueAt(x, i) : () => undefined;
    };
    return runOf(info, Number(meta.num_rows), col, (name) => {
      const x = c.get(name);
      return x instanceof Float64Array ? x : null;
    });
  }
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: file as ArrayBuffer });
  } catch (e) {
    throw new HistoryFormatError('not_parquet', e instanceof Error ? e.message : String(e));
  }
  return runOf(
    info,
    rows.length,
    (name) => (i) => rows[i][name],
    () => null,
  );
}

/** A run from its columns (`col(name)(i)`: row i as hyparquet reads it; `doubles`: a column ready as numbers). */
function runOf(
  info: HistoryRunInfo,
  n: number,
  col: (name: string) => (i: number) => unknown,
  doubles: (name: string) => Float64Array | null,
): HistoryRun {
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const dbl = (name: string) => {
    const ready = doubles(name);
    if (ready) return ready;
    const f = col(name);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = num(f(i));
    return out;
  };
  const texts = (name: string) => {
    const f = col(name);
    const out = new Array<string | null>(n);
    for (let i = 0; i < n; i++) out[i] = str(f(i));
    return out;
  };
  const colorIndex = new Map(info.colorIds.map((c, i) => [c, i]));
  const id = col('account_id');
  const color = col('color');
  const accountIds = new Array<string>(n);
  const colors = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    accountIds[i] = String(id(i));
    colors[i] = colorIndex.get(String(color(i))) ?? -1;
  }
  return {
    info,
    asOf: info.asOf,
    accountIds,
    total: dbl('score'),
    colorIds: info.colorIds,
    color: colors,
    ctas: info.ctas,
    ctaFired: info.ctas.map((c) => {
      const f = col(`cta__${c.id}`);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = f(i) ? 1 : 0;
      return out;
    }),
    measures: info.measures,
    measurePoints: info.measures.map((m) => dbl(`pts__${m.id}`)),
    segment: texts('segment'),
    stage: texts('stage'),
    owner: texts('owner'),
  };
}

/** The stored bytes of a run file's `account_id` and `stage` columns (compared between runs). */
export interface StageColumnBytes {
  keys: Uint8Array[];
  stage: Uint8Array[];
}

function sameBytes(a: Uint8Array[], b: Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/**
 * The account keys and stage codes of a run file (days in stage from the history): only those
 * two columns, read column-wise (no object per row); stages become codes into the run's own
 * stage list, in order of first appearance. Given the previous file read (`prev`), a column whose
 * stored bytes (row groups, codec, pages) are the same is not decoded again: the keys are then
 * `prev.run`'s own array (so StreakBuilder aligns the runs by position), and when the stages are
 * the same too, `same` is true and the run is `prev.run`'s content under this as-of.
 * Our writer's files are decoded by the fast column reader (runColumnsRead.ts); any other
 * layout, a damaged page or a missing column goes through hyparquet, which names the problem
 * (`fallback: true` forces that, for tests). Both give the same run (runFileRead.test.ts).
 */
export async function parquetStageCodes(
  bytes: Uint8Array,
  asOf: string,
  prev?: { run: StageCodeRun; bytes: StageColumnBytes },
  opts: { fallback?: boolean } = {},
): Promise<{ run: StageCodeRun; bytes: StageColumnBytes; same: boolean }> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let meta;
  try {
    meta = parquetMetadata(file as ArrayBuffer);
  } catch (e) {
    throw new HistoryFormatError('not_parquet', e instanceof Error ? e.message : String(e));
  }
  const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((x) => [x.key, x.value]));
  if (kv['waymark.format'] !== HISTORY_RUN_FORMAT)
    throw new HistoryFormatError('not_a_run', 'no waymark.run metadata');
  if (Number(kv['waymark.version']) > HISTORY_RUN_VERSION)
    throw new HistoryFormatError('newer_version', String(kv['waymark.version']));
  const n = Number(meta.num_rows);
  // Each row group's column chunk as stored, preceded by its codec, type and value count.
  const chunksOf = (name: string): Uint8Array[] =>
    meta.row_groups.flatMap((rg) => {
      const c = rg.columns.find((x) => x.meta_data?.path_in_schema.join('.') === name)?.meta_data;
      if (!c) return [];
      const start = Number(c.dictionary_page_offset ?? c.data_page_offset);
      const end = start + Number(c.total_compressed_size);
      if (!(start >= 0 && end <= bytes.length)) return [];
      const sig = new TextEncoder().encode(`${c.codec}|${c.type}|${c.num_values}|${end - start}`);
      return [sig, bytes.subarray(start, end)];
    });
  const got: StageColumnBytes = { keys: chunksOf('account_id'), stage: chunksOf('stage') };
  const sameKeys = !!prev && got.keys.length > 0 && sameBytes(prev.bytes.keys, got.keys);
  if (sameKeys && got.stage.length > 0 && sameBytes(prev.bytes.stage, got.stage))
    return { run: { ...prev.run, asOf }, bytes: got, same: true };
  const keys = sameKeys ? (prev.run.accountIds as string[]) : null;
  if (!opts.fallback) {
    let run: StageCodeRun | null = null;
    try {
      run = { asOf, ...stageCodesFast(file as ArrayBuffer, meta, n, keys) };
    } catch {
      run = null;
    }
    if (run) return { run, bytes: got, same: false };
  }
  const accountIds: string[] = keys ?? new Array(n);
  const codes = new Int32Array(n).fill(-1);
  const dict = new Map<string, number>();
  try {
    await parquetRead({
      file: file as ArrayBuffer,
      metadata: meta,
      columns: sameKeys ? ['stage'] : ['account_id', 'stage'],
      onChunk({ columnName, columnData, rowStart }) {
        if (columnName === 'account_id')
          for (let i = 0; i < columnData.length; i++)
            accountIds[rowStart + i] = String(columnData[i]);
        else
          for (let i = 0; i < columnData.length; i++) {
            const v = columnData[i];
            if (typeof v !== 'string') continue;
            let c = dict.get(v);
            if (c === undefined) dict.set(v, (c = dict.size));
            codes[rowStart + i] = c;
          }
      },
    });
  } catch (e) {
    throw new HistoryFormatError('not_parquet', e instanceof Error ? e.message : String(e));
  }
  return { run: { asOf, accountIds, stageIds: [...dict.keys()], codes }, bytes: got, same: false };
}

function isText(c: ColumnValues | undefined): c is TextColumn {
  return !!c && !ArrayBuffer.isView(c);
}

/**
 * parquetStageCodes' columns by the fast reader (`keys`: the previous run's, when this file's are
 * the same bytes). Throws (the caller then reads through hyparquet) unless each column is there
 * as text, so hyparquet's answer for anything else stays the answer.
 * A text column's `values` follow its pages' dictionaries (one per row group, repeats and unused
 * entries allowed), so stage codes are given by first appearance over the rows, as hyparquet's
 * path does, through one code per value index (no Map lookup per row).
 */
function stageCodesFast(
  file: ArrayBuffer,
  meta: FileMetaData,
  n: number,
  keys: string[] | null,
): { accountIds: string[]; stageIds: string[]; codes: Int32Array } {
  const cols = readRunColumns(file, meta, keys ? ['stage'] : ['account_id', 'stage']);
  const st = cols.get('stage');
  if (!isText(st)) throw new Unsupported('stage');
  let accountIds = keys;
  if (!accountIds) {
    const k = cols.get('account_id');
    if (!isText(k)) throw new Unsupported('account_id');
    accountIds = new Array<string>(n);
    // String(null), as the hyparquet path gives for a null key.
    for (let i = 0; i < n; i++) accountIds[i] = k.ids[i] < 0 ? 'null' : k.values[k.ids[i]];
  }
  const codes = new Int32Array(n).fill(-1);
  const stageIds: string[] = [];
  codesByFirstUse(st, stageIds, codes);
  return { accountIds, stageIds, codes };
}
