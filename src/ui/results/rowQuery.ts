import { selectRows, type ScoreResult } from '../../engine';
import type { Column } from '../../table/columns';
import { filterRows, sortRows, type RowSource } from './accountRows';
import { placeSelection, type AccountFilter, type LiveSelection, type SortKey } from './place';

/**
 * The account table's query off the main thread: the run's columns that filters, search and
 * sort read are copied once into a worker (rowQuery.worker.ts), which answers each query with
 * the row numbers in table order. The answer is computed by the same pure functions as before
 * (accountRows.ts, the engine's selectRows), so the table, the chart drill-downs and the
 * exports agree. This module is the message format and both ends' logic, without Worker APIs,
 * so it is tested in node.
 */

/** The run as the worker holds it. Big string arrays travel as one joined string (cheap to clone). */
export interface RunPayload {
  /** ScoreResult without the per-measure arrays (the table's queries never read them). */
  r: Omit<ScoreResult, 'accountIds'>;
  accountIds: string;
  trendDelta: Float64Array | null;
  /** A string column's dictionary joined, with its length (checked on arrival). */
  name:
    { type: 'joined'; codes: Int32Array; dict: string; dictLength: number } | Column | undefined;
  mrr: Column | undefined;
  renewal: Column | undefined;
  ctaCount: Uint8Array;
  rowCount: number;
}

export interface RowQueryArgs {
  filter: AccountFilter;
  live?: LiveSelection;
  sort?: { key: SortKey; dir: 'asc' | 'desc' };
  /** Labels as shown, for sorting the label columns (the worker has no i18n). */
  segmentLabels: string[];
  stageLabels: string[];
}

export type RowQueryRequest =
  { type: 'load'; payload: RunPayload } | ({ type: 'query'; id: number } & RowQueryArgs);

export type RowQueryResponse =
  | { type: 'rows'; id: number; rows: Int32Array; ms: number }
  /** A newer query arrived before this one started: it is never computed. */
  | { type: 'superseded'; id: number }
  | { type: 'failed'; id: number; message: string };

const SEP = '\u0000';

function joinStrings(values: readonly string[]): string {
  return values.join(SEP);
}

function splitStrings(s: string, n: number): string[] {
  if (n === 0) return [];
  const out = s.split(SEP);
  // A value holding the separator would shift every row after it: refuse rather than misalign.
  if (out.length !== n) throw new Error('account ids contain U+0000; the table cannot be queried');
  return out;
}

function copyColumn(c: Column | undefined, transfer: ArrayBuffer[]): Column | undefined {
  if (!c) return undefined;
  if (c.type === 'string') {
    const codes = c.codes.slice();
    transfer.push(codes.buffer);
    return { type: 'string', codes, dict: c.dict };
  }
  const values = c.values.slice();
  transfer.push(values.buffer);
  return { ...c, values } as Column;
}

function copy<T extends ArrayBufferView & { slice(): T }>(a: T, transfer: ArrayBuffer[]): T {
  const out = a.slice();
  transfer.push(out.buffer as ArrayBuffer);
  return out;
}

/**
 * The columns the table's queries read, copied (the page keeps its own for drawing rows) into
 * buffers that are transferred, not cloned. Cost on the page: memcpy plus two string joins.
 */
export function packRun(s: RowSource): { payload: RunPayload; transfer: ArrayBuffer[] } {
  const t: ArrayBuffer[] = [];
  const r = s.r;
  const slim: Omit<ScoreResult, 'accountIds'> = {
    resultVersion: r.resultVersion,
    playbookName: r.playbookName,
    asOf: r.asOf,
    rowCount: r.rowCount,
    segmentIds: r.segmentIds,
    segment: copy(r.segment, t),
    stageIds: r.stageIds,
    stage: copy(r.stage, t),
    daysInStage: copy(r.daysInStage, t),
    progress: copy(r.progress, t),
    criteria: r.criteria,
    criteriaStatus: r.criteriaStatus.map((a) => copy(a, t)),
    readyToAdvance: copy(r.readyToAdvance, t),
    measures: [],
    measureRaw: [],
    rawDict: [],
    measurePoints: [],
    dimensionIds: [],
    dimensionScores: [],
    total: copy(r.total, t),
    coverage: new Float64Array(0),
    colorIds: r.colorIds,
    color: copy(r.color, t),
    ownerIds: r.ownerIds,
    owner: copy(r.owner, t),
    ctas: r.ctas,
    ctaFired: r.ctaFired.map((a) => copy(a, t)),
  } as Omit<ScoreResult, 'accountIds'>;
  const name: RunPayload['name'] =
    s.name?.type === 'string'
      ? {
          type: 'joined',
          codes: copy(s.name.codes, t),
          dict: joinStrings(s.name.dict),
          dictLength: s.name.dict.length,
        }
      : copyColumn(s.name, t);
  return {
    payload: {
      r: slim,
      accountIds: joinStrings(r.accountIds),
      trendDelta: s.trend ? copy(s.trend.delta, t) : null,
      name,
      mrr: copyColumn(s.mrr, t),
      renewal: copyColumn(s.renewal, t),
      ctaCount: copy(s.ctaCount, t),
      rowCount: r.rowCount,
    },
    transfer: t,
  };
}

/** The worker's side: rebuild the RowSource (labels arrive with each query). */
export function unpackRun(p: RunPayload): RowSource {
  const r = { ...p.r, accountIds: splitStrings(p.accountIds, p.rowCount) } as ScoreResult;
  const name: Column | undefined =
    p.name?.type === 'joined'
      ? { type: 'string', codes: p.name.codes, dict: splitStrings(p.name.dict, p.name.dictLength) }
      : p.name;
  return {
    r,
    trend: p.trendDelta
      ? {
          delta: p.trendDelta,
          direction: new Int8Array(0),
          counts: { up: 0, down: 0, same: 0, new: 0 },
        }
      : null,
    name,
    mrr: p.mrr,
    renewal: p.renewal,
    ctaCount: p.ctaCount,
    segmentLabel: (id) => id,
    stageLabel: (id) => id,
  };
}

/**
 * Rows of a query: the table's filters, then the journey map's live conditions (rows passing
 * both, in table order), then the sort. The one definition the page (small runs) and the
 * worker (large runs) both call.
 */
export function queryRows(s: RowSource, q: Omit<RowQueryArgs, 'segmentLabels' | 'stageLabels'>) {
  let out = filterRows(s, q.filter);
  if (q.live) {
    const keep = new Uint8Array(s.r.rowCount);
    for (const i of selectRows(s.r, placeSelection({ filter: q.filter, live: q.live })))
      keep[i] = 1;
    out = out.filter((i) => keep[i] === 1);
  }
  return q.sort ? sortRows(s, out, q.sort.key, q.sort.dir) : out;
}

/** Labels as lookups over the run's ids (what the page's label functions would return). */
export function withLabels(
  s: RowSource,
  segmentLabels: string[],
  stageLabels: string[],
): RowSource {
  const seg = new Map(s.r.segmentIds.map((id, k) => [id, segmentLabels[k] ?? id]));
  const stg = new Map(s.r.stageIds.map((id, k) => [id, stageLabels[k] ?? id]));
  return { ...s, segmentLabel: (id) => seg.get(id) ?? id, stageLabel: (id) => stg.get(id) ?? id };
}

/**
 * The worker's loop, without the Worker: holds the run, answers the newest query only. Queries
 * that arrive while one is computed replace each other (every keystroke sends one); the
 * replaced ones are answered 'superseded' without being computed.
 */
export class RowQueryServer {
  private src: RowSource | null = null;
  private pending: Extract<RowQueryRequest, { type: 'query' }> | null = null;
  private scheduled = false;

  constructor(
    private readonly post: (m: RowQueryResponse, transfer?: Transferable[]) => void,
    private readonly later: (f: () => void) => void,
  ) {}

  handle(m: RowQueryRequest): void {
    if (m.type === 'load') {
      this.src = unpackRun(m.payload);
      return;
    }
    if (this.pending) this.post({ type: 'superseded', id: this.pending.id });
    this.pending = m;
    if (!this.scheduled) {
      this.scheduled = true;
      this.later(() => this.run());
    }
  }

  private run(): void {
    this.scheduled = false;
    const q = this.pending;
    this.pending = null;
    if (!q) return;
    try {
      if (!this.src) throw new Error('no run loaded');
      const t0 = performance.now();
      const rows = queryRows(withLabels(this.src, q.segmentLabels, q.stageLabels), q);
      this.post({ type: 'rows', id: q.id, rows, ms: performance.now() - t0 }, [rows.buffer]);
    } catch (e) {
      this.post({ type: 'failed', id: q.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
}
