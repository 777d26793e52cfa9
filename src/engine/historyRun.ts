import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { CtaType } from '../model';
import type { Predictions } from './predictive';
import type { ScoreResult } from './types';

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

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

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

/** The columns of a run file for the rows of a result (one row group's worth, or all of them). */
export function runColumnData(r: ScoreResult): ColumnSource[] {
  const n = r.rowCount;
  const col = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  return [
    { name: 'account_id', data: r.accountIds, type: 'STRING', nullable: false },
    { name: 'as_of', data: col(() => r.asOf), type: 'STRING', nullable: false },
    { name: 'segment', data: col((i) => r.segmentIds[r.segment[i]]), type: 'STRING' },
    {
      name: 'stage',
      data: col((i) => (r.stage[i] < 0 ? null : r.stageIds[r.stage[i]])),
      type: 'STRING',
    },
    { name: 'score', data: col((i) => orNull(r.total[i])), type: 'DOUBLE' },
    {
      name: 'color',
      data: col((i) => (r.color[i] < 0 ? null : r.colorIds[r.color[i]])),
      type: 'STRING',
    },
    { name: 'coverage', data: col((i) => orNull(r.coverage[i])), type: 'DOUBLE' },
    { name: 'owner', data: col((i) => r.ownerIds[r.owner[i]]), type: 'STRING' },
    { name: 'days_in_stage', data: col((i) => orNull(r.daysInStage[i])), type: 'DOUBLE' },
    ...r.dimensionIds.map((d, k) => ({
      name: `dim__${d}`,
      data: col((i) => orNull(r.dimensionScores[k][i])),
      type: 'DOUBLE' as const,
    })),
    ...r.measures.map((m, k) => ({
      name: `pts__${m.id}`,
      data: col((i) => orNull(r.measurePoints[k][i])),
      type: 'DOUBLE' as const,
    })),
    ...r.ctas.map((c, k) => ({
      name: `cta__${c.id}`,
      data: col((i) => r.ctaFired[k][i] === 1),
      type: 'BOOLEAN' as const,
      nullable: false,
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

/** The Parquet bytes of a run. */
export function runToParquet(r: ScoreResult, info: HistoryRunInfo): Uint8Array {
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

/** Read a run's Parquet bytes. Throws HistoryFormatError for a truncated or foreign file. */
export async function parquetToRun(bytes: Uint8Array): Promise<HistoryRun> {
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
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: file as ArrayBuffer });
  } catch (e) {
    throw new HistoryFormatError('not_parquet', e instanceof Error ? e.message : String(e));
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const colorIndex = new Map(info.colorIds.map((c, i) => [c, i]));
  return {
    info,
    asOf: info.asOf,
    accountIds: rows.map((r) => String(r.account_id)),
    total: Float64Array.from(rows, (r) => num(r.score)),
    colorIds: info.colorIds,
    color: Int8Array.from(rows, (r) => colorIndex.get(String(r.color)) ?? -1),
    ctas: info.ctas,
    ctaFired: info.ctas.map((c) => Uint8Array.from(rows, (r) => (r[`cta__${c.id}`] ? 1 : 0))),
    measures: info.measures,
    measurePoints: info.measures.map((m) => Float64Array.from(rows, (r) => num(r[`pts__${m.id}`]))),
    segment: rows.map((r) => str(r.segment)),
    stage: rows.map((r) => str(r.stage)),
    owner: rows.map((r) => str(r.owner)),
  };
}
