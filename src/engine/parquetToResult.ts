import { parquetMetadata, parquetRead } from 'hyparquet';
import { HISTORY_RUN_FORMAT, HISTORY_RUN_VERSION, type HistoryRunInfo } from './historyRun';
import { codesByFirstUse, readRunColumns, valueAt, type ColumnValues } from './runColumnsRead';
import type { CtaInfo, MeasureInfo, ScoreResult } from './types';

/** Why a picked file is not a readable run (the caller adds the file's path). */
export interface RunFileIssue {
  code: 'not_parquet' | 'not_a_run' | 'newer_run';
  params?: Record<string, string | number>;
}

type Cell = unknown;
interface Chunk {
  rowStart: number;
  data: ArrayLike<Cell>;
}

/**
 * Read a run file in full: every column the CLI writes, as a ScoreResult (never re-scored).
 * Column by column, straight into typed arrays: the row objects hyparquet's
 * `parquetReadObjects` builds took 25 s and ~1 GB per run of a million accounts (session 43),
 * on the page's main thread; its column reader still ~7 s, which runColumnsRead.ts cuts for the
 * files our writer makes. A column the file lacks reads as the row reader read it (missing:
 * NaN, no code, not fired), so both give the same result (historyTransfer.test.ts).
 */
export async function parquetToResult(
  bytes: Uint8Array,
): Promise<{ info: HistoryRunInfo; result: ScoreResult } | RunFileIssue> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let meta;
  try {
    meta = parquetMetadata(file as ArrayBuffer);
  } catch (e) {
    return { code: 'not_parquet', params: { reason: e instanceof Error ? e.message : String(e) } };
  }
  const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((x) => [x.key, x.value]));
  if (kv['waymark.format'] !== HISTORY_RUN_FORMAT || !kv['waymark.run'])
    return { code: 'not_a_run' };
  if (!(Number(kv['waymark.version']) <= HISTORY_RUN_VERSION))
    return { code: 'newer_run', params: { version: String(kv['waymark.version']) } };
  const info = JSON.parse(kv['waymark.run']!) as HistoryRunInfo;
  const n = Number(meta.num_rows);
  // Top-level columns of the file (a run's schema is flat).
  const present = new Set<string>();
  for (let i = 1, s = meta.schema; i < s.length;) {
    present.add(s[i].name);
    i += 1 + countDescendants(s, i);
  }
  const chunks = new Map<string, Chunk[]>();
  let fast: Map<string, ColumnValues> | null = null;
  const want = [
    'account_id',
    'segment',
    'stage',
    'owner',
    'color',
    'score',
    'coverage',
    'days_in_stage',
    ...info.dimensionIds.map((d) => `dim__${d}`),
    ...info.measures.map((m) => `pts__${m.id}`),
    ...info.ctas.map((c) => `cta__${c.id}`),
  ].filter((c) => present.has(c));
  try {
    // Our own writer's layout is read by the fast reader; anything else (or a damaged file,
    // which hyparquet then names) by hyparquet.
    fast = readRunColumns(file as ArrayBuffer, meta, want);
  } catch {
    fast = null;
  }
  if (!fast)
    try {
      await parquetRead({
        file: file as ArrayBuffer,
        metadata: meta,
        columns: want,
        onChunk({ columnName, columnData, rowStart }) {
          let list = chunks.get(columnName);
          if (!list) chunks.set(columnName, (list = []));
          list.push({ rowStart, data: columnData as ArrayLike<Cell> });
        },
      });
    } catch (e) {
      return {
        code: 'not_parquet',
        params: { reason: e instanceof Error ? e.message : String(e) },
      };
    }
  // Chunks may settle out of row order: dictionaries need the first appearance in row order.
  for (const list of chunks.values()) list.sort((a, b) => a.rowStart - b.rowStart);
  const each = (col: string, f: (row: number, v: Cell) => void) => {
    const c = fast?.get(col);
    if (c) for (let i = 0; i < n; i++) f(i, valueAt(c, i));
    for (const { rowStart, data } of chunks.get(col) ?? [])
      for (let i = 0; i < data.length; i++) f(rowStart + i, data[i]);
  };
  // The fast reader's columns are taken as they are where their kind is the one wanted.
  const fastOf = (col: string) => fast?.get(col);
  const dbl = (col: string) => {
    const c = fastOf(col);
    if (c instanceof Float64Array) return c;
    const out = new Float64Array(n).fill(NaN);
    each(col, (i, v) => {
      if (typeof v === 'number') out[i] = v;
    });
    return out;
  };
  // Dictionary-coded text columns: ids in order of first appearance (colours in band order).
  const codes = <A extends Int8Array | Int16Array | Uint16Array>(
    col: string,
    make: (k: number) => A,
    ids: string[],
    missing: number,
  ): A => {
    const out = make(n);
    out.fill(missing);
    const c = fastOf(col);
    if (c && !(c instanceof Float64Array) && !(c instanceof Uint8Array)) {
      codesByFirstUse(c, ids, out);
      return out;
    }
    const index = new Map(ids.map((c, i) => [c, i]));
    each(col, (i, v) => {
      if (typeof v !== 'string') return;
      let k = index.get(v);
      if (k === undefined) {
        k = ids.length;
        ids.push(v);
        index.set(v, k);
      }
      out[i] = k;
    });
    return out;
  };
  const flags = (col: string) => {
    const c = fastOf(col);
    if (c instanceof Uint8Array) return c;
    const out = new Uint8Array(n);
    each(col, (i, v) => {
      if (v) out[i] = 1;
    });
    return out;
  };
  const accountIds = new Array<string>(n).fill(String(undefined));
  const idCol = fastOf('account_id');
  if (idCol && !(idCol instanceof Float64Array) && !(idCol instanceof Uint8Array))
    for (let i = 0; i < n; i++)
      accountIds[i] = idCol.ids[i] < 0 ? String(null) : idCol.values[idCol.ids[i]];
  else
    each('account_id', (i, v) => {
      accountIds[i] = String(v);
    });
  const segmentIds: string[] = [];
  const stageIds: string[] = [];
  const ownerIds: string[] = [];
  const colorIds = [...info.colorIds];
  const segment = codes('segment', (k) => new Uint16Array(k), segmentIds, 0);
  if (!segmentIds.length) segmentIds.push('');
  const stage = codes('stage', (k) => new Int16Array(k), stageIds, -1);
  const owner = codes('owner', (k) => new Uint16Array(k), ownerIds, 0);
  if (!ownerIds.length) ownerIds.push('');
  const result: ScoreResult = {
    resultVersion: 1,
    playbookName: info.playbookName,
    asOf: info.asOf,
    rowCount: n,
    accountIds,
    segmentIds,
    segment,
    stageIds,
    stage,
    daysInStage: dbl('days_in_stage'),
    progress: new Uint8Array(n),
    criteria: [],
    criteriaStatus: [],
    readyToAdvance: new Uint8Array(n),
    measures: info.measures.map((m): MeasureInfo => ({
      id: m.id,
      label: m.label,
      dimension: '',
      rawKind: 'number',
    })),
    measureRaw: [],
    rawDict: [],
    measurePoints: info.measures.map((m) => dbl(`pts__${m.id}`)),
    dimensionIds: info.dimensionIds,
    dimensionScores: info.dimensionIds.map((d) => dbl(`dim__${d}`)),
    total: dbl('score'),
    coverage: dbl('coverage'),
    colorIds,
    color: codes('color', (k) => new Int8Array(k), colorIds, -1),
    ownerIds,
    owner,
    ctas: info.ctas.map((c): CtaInfo => ({
      ...c,
      priority: 'medium' as CtaInfo['priority'],
      ownerRole: '',
      dueInDays: 0,
      dueDate: info.asOf,
    })),
    ctaFired: info.ctas.map((c) => flags(`cta__${c.id}`)),
  };
  return { info, result };
}

/** How many schema elements below element i (a nested column's subtree, to skip it). */
function countDescendants(s: { num_children?: number }[], i: number): number {
  let left = s[i].num_children ?? 0;
  let k = i + 1;
  while (left > 0) {
    left += (s[k].num_children ?? 0) - 1;
    k++;
  }
  return k - i - 1;
}
