import { selectRows, type ScoreResult } from '../../engine';
import type { Column } from '../../table/columns';
import {
  filterRows,
  hasTextRanks,
  prepareSearch,
  setTextRanks,
  sortRows,
  type RowSource,
} from './accountRows';
import { place, split, type Piece } from '../../workers/pieces';
import { addSearchSlice } from './searchIndex';
import { placeSelection, type AccountFilter, type LiveSelection, type SortKey } from './place';

/**
 * The account table's query off the main thread: the run's columns that filters, search and
 * sort read are copied once into a worker (rowQuery.worker.ts), which answers each query with
 * the row numbers in table order. The answer is computed by the same pure functions as before
 * (accountRows.ts, the engine's selectRows), so the table, the chart drill-downs and the
 * exports agree. This module is the message format and both ends' logic, without Worker APIs,
 * so it is tested in node.
 */

/**
 * The run as the worker holds it. It is sent in pieces (workers/pieces.ts): each typed array
 * copied into a buffer of its own and transferred, the account ids and the name dictionary in
 * slices of ROW_STRING_SLICE, one piece per task — so no task on the page clones a million
 * strings (joined into one string and posted at once, that took ~2.7 s at a million accounts).
 */
export interface RunPayload {
  /** ScoreResult without the per-measure arrays (the table's queries never read them). */
  r: ScoreResult;
  trendDelta: Float64Array | null;
  name: Column | undefined;
  mrr: Column | undefined;
  renewal: Column | undefined;
  ctaCount: Uint8Array;
}

/** Strings per piece: cloning 10,000 short strings takes a few ms. */
export const ROW_STRING_SLICE = 10_000;

export interface RowQueryArgs {
  filter: AccountFilter;
  live?: LiveSelection;
  sort?: { key: SortKey; dir: 'asc' | 'desc' };
  /** Labels as shown, for sorting the label columns (the worker has no i18n). */
  segmentLabels: string[];
  stageLabels: string[];
}

export type RowQueryRequest =
  /** A run follows in `pieces` pieces; queries wait for its last one. */
  | { type: 'hold'; skeleton: unknown; pieces: number }
  | { type: 'piece'; piece: Piece }
  | ({ type: 'query'; id: number } & RowQueryArgs);

export type RowQueryResponse =
  | { type: 'rows'; id: number; rows: Int32Array; ms: number }
  /**
   * A newer query arrived before this one was answered: it was never computed, or its sort
   * (a separate step after the filter) was dropped.
   */
  | { type: 'superseded'; id: number }
  | { type: 'failed'; id: number; message: string };

/**
 * The columns the table's queries read, as references to the page's own arrays: splitting it
 * into pieces (rowQueryClient.ts) copies each typed array, so the page keeps its columns.
 */
export function packRun(s: RowSource): RunPayload {
  const r = s.r;
  const slim: ScoreResult = {
    resultVersion: r.resultVersion,
    playbookName: r.playbookName,
    asOf: r.asOf,
    rowCount: r.rowCount,
    accountIds: r.accountIds,
    segmentIds: r.segmentIds,
    segment: r.segment,
    stageIds: r.stageIds,
    stage: r.stage,
    daysInStage: r.daysInStage,
    progress: r.progress,
    criteria: r.criteria,
    criteriaStatus: r.criteriaStatus,
    readyToAdvance: r.readyToAdvance,
    measures: [],
    measureRaw: [],
    rawDict: [],
    measurePoints: [],
    dimensionIds: [],
    dimensionScores: [],
    total: r.total,
    coverage: new Float64Array(0),
    colorIds: r.colorIds,
    color: r.color,
    ownerIds: r.ownerIds,
    owner: r.owner,
    ctas: r.ctas,
    ctaFired: r.ctaFired,
  };
  return {
    r: slim,
    trendDelta: s.trend ? s.trend.delta : null,
    name: s.name,
    mrr: s.mrr,
    renewal: s.renewal,
    ctaCount: s.ctaCount,
  };
}

/** The run split for sending: the skeleton and its pieces, strings in ROW_STRING_SLICE slices. */
export function splitRun(s: RowSource): { skeleton: unknown; pieces: Piece[] } {
  return split(packRun(s), ROW_STRING_SLICE);
}

/** The worker's side: rebuild the RowSource (labels arrive with each query). */
export function unpackRun(p: RunPayload): RowSource {
  return {
    r: p.r,
    trend: p.trendDelta
      ? {
          delta: p.trendDelta,
          direction: new Int8Array(0),
          counts: { up: 0, down: 0, same: 0, new: 0 },
        }
      : null,
    name: p.name,
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
  const out = queryFilter(s, q);
  return q.sort ? sortRows(s, out, q.sort.key, q.sort.dir) : out;
}

/** The query's rows in table order (its first step; the sort is the second). */
export function queryFilter(
  s: RowSource,
  q: Omit<RowQueryArgs, 'segmentLabels' | 'stageLabels'>,
): Int32Array {
  let out = filterRows(s, q.filter);
  if (q.live) {
    const keep = new Uint8Array(s.r.rowCount);
    for (const i of selectRows(s.r, placeSelection({ filter: q.filter, live: q.live })))
      keep[i] = 1;
    out = out.filter((i) => keep[i] === 1);
  }
  return out;
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
 * replaced ones are answered 'superseded' without being computed. A query runs in two tasks,
 * filter then sort, so one that a newer query replaced in between is dropped before its sort.
 * The search index of the ids and names is built as their slices arrive (indexSlice); one
 * that did not come in slices is built once idle, so the first keystroke finds it.
 *
 * With a `ranker` (another worker), the collation ranks of the names and the ids are computed
 * there, one list at a time, once no query has come for RANK_IDLE_MS (started at once, the
 * first keystrokes of a search shared the two cores with them: ~0.7 s instead of ~0.3 s), so
 * the first sort by company or account finds them ready and this worker stays free for queries
 * meanwhile. A sort waits for a list being ranked; one not started yet it ranks itself.
 */
export class RowQueryServer {
  /** Lists to rank ahead, in order (names first). */
  private toRank: (readonly string[])[] = [];
  /** Lists being ranked by the ranker (answers of a run no longer held are dropped). */
  private ranking = new Set<readonly string[]>();
  private cancelIdle: (() => void) | null = null;
  private src: RowSource | null = null;
  private skeleton: unknown = null;
  private missing = 0;
  private pending: Extract<RowQueryRequest, { type: 'query' }> | null = null;
  /** A query filtered, waiting for its sort. */
  private active: {
    q: Extract<RowQueryRequest, { type: 'query' }>;
    rows: Int32Array;
    t0: number;
  } | null = null;
  private scheduled = false;
  private warm = false;

  constructor(
    private readonly post: (m: RowQueryResponse, transfer?: Transferable[]) => void,
    private readonly later: (f: () => void) => void,
    private readonly ranker?: Ranker,
    private readonly rankAheadMin = RANK_AHEAD_MIN,
    private readonly wait: (f: () => void, ms: number) => () => void = (f, ms) => {
      const t = setTimeout(f, ms);
      return () => clearTimeout(t);
    },
  ) {}

  handle(m: RowQueryRequest): void {
    if (m.type === 'hold') {
      this.src = null;
      this.warm = false;
      this.toRank = [];
      this.cancelIdle?.();
      this.cancelIdle = null;
      this.skeleton = m.skeleton;
      this.missing = m.pieces;
      if (!this.missing) this.loaded();
      return;
    }
    if (m.type === 'piece') {
      place(this.skeleton, m.piece);
      indexSlice(this.skeleton as RunPayload, m.piece);
      if (--this.missing === 0) this.loaded();
      return;
    }
    if (this.pending) this.post({ type: 'superseded', id: this.pending.id });
    this.pending = m;
    this.armIdle();
    this.schedule();
  }

  private loaded(): void {
    const src = unpackRun(this.skeleton as RunPayload);
    this.src = src;
    this.skeleton = null;
    this.ranking.clear();
    this.toRank = this.ranker
      ? rankedLists(src).filter((v) => v.length >= this.rankAheadMin && !hasTextRanks(v))
      : [];
    this.armIdle();
    this.schedule();
  }

  /** (Re)start the wait after which the next list is ranked ahead. */
  private armIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    if (!this.toRank.length) return;
    this.cancelIdle = this.wait(() => {
      this.cancelIdle = null;
      if (!this.ranking.size && this.toRank.length) this.startRanking(this.toRank[0]);
    }, RANK_IDLE_MS);
  }

  private startRanking(values: readonly string[]): void {
    const src = this.src;
    this.toRank = this.toRank.filter((v) => v !== values);
    this.ranking.add(values);
    const done = () => {
      if (this.src !== src) return;
      this.ranking.delete(values);
      this.schedule();
      this.armIdle();
    };
    this.ranker!(values).then((rank) => {
      // Another run came meanwhile: its lists are other arrays, this answer is not used.
      if (this.src === src) setTextRanks(values, rank);
      done();
    }, done);
  }

  /**
   * The active query's sort needs ranks being computed by the ranker. A list not started yet is
   * ranked here by the sort itself: handing a million strings to a new worker would only add to
   * the wait.
   */
  private waitsForRanks(src: RowSource): boolean {
    const key = this.active?.q.sort?.key;
    const values = key ? sortList(src, key) : null;
    if (!values || hasTextRanks(values)) return false;
    this.toRank = this.toRank.filter((v) => v !== values);
    return this.ranking.has(values);
  }

  private schedule(): void {
    if (this.scheduled || !this.src) return;
    this.scheduled = true;
    this.later(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    const src = this.src;
    if (!src) return;
    const q = this.pending;
    if (q) {
      this.pending = null;
      // Filtered but not sorted yet: replaced by a newer query, its sort is never done.
      if (this.active) this.post({ type: 'superseded', id: this.active.q.id });
      this.active = null;
      try {
        const t0 = performance.now();
        const rows = queryFilter(src, q);
        if (q.sort) this.active = { q, rows, t0 };
        else this.answer(q.id, rows, t0);
      } catch (e) {
        this.fail(q.id, e);
      }
    } else if (this.active && !this.waitsForRanks(src)) {
      const { q, rows, t0 } = this.active;
      this.active = null;
      try {
        const s = withLabels(src, q.segmentLabels, q.stageLabels);
        this.answer(q.id, sortRows(s, rows, q.sort!.key, q.sort!.dir), t0);
      } catch (e) {
        this.fail(q.id, e);
      }
    } else if (!this.warm) {
      this.warm = true;
      prepareSearch(src.r.accountIds);
      if (src.name?.type === 'string') prepareSearch(src.name.dict);
      return;
    } else return;
    this.schedule();
  }

  private answer(id: number, rows: Int32Array, t0: number): void {
    this.post({ type: 'rows', id, rows, ms: performance.now() - t0 }, [rows.buffer]);
  }

  private fail(id: number, e: unknown): void {
    this.post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * The search index of the ids and the names is built slice by slice as they arrive (the worker
 * waits for the page's next piece meanwhile), so it is ready before the first keystroke: built
 * once idle after the first answer, the first keystroke waited ~0.3 s for it at a million
 * accounts.
 */
function indexSlice(run: RunPayload, p: Piece): void {
  if (!('strings' in p) || p.path.length !== 2) return;
  const list =
    p.path[0] === 'r' && p.path[1] === 'accountIds'
      ? run.r.accountIds
      : p.path[0] === 'name' && p.path[1] === 'dict' && run.name?.type === 'string'
        ? run.name.dict
        : null;
  if (list) addSearchSlice(list, p.from, p.strings);
}

/** Collation ranks of a list, computed elsewhere (collation.worker.ts) with collationRanks. */
export type Ranker = (values: readonly string[]) => Promise<Int32Array>;

/** Lists shorter than this are ranked on demand (a few ms). */
export const RANK_AHEAD_MIN = 20_000;

/**
 * Quiet time (no query) before a list is ranked ahead. 500 ms put the ranking (a collation
 * worker taking the second core) right on the first search keystroke once the search index no
 * longer delayed it: at a million accounts, load 9, the keys took 559, 587, 420, 698, 368 ms
 * with 500 and 265, 219, 243, 256, 194 ms with 1,500; a sort by account or company within 1.5 s
 * of the last key ranks in the row worker (1.6 and 3.5 s instead of 0.5 and 1.9 s, no
 * main-thread task over 62 ms).
 */
export const RANK_IDLE_MS = 1_500;

/** The text lists a sort ranks: company names (the dictionary), account ids. */
function rankedLists(s: RowSource): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  if (s.name?.type === 'string') out.push(s.name.dict);
  out.push(s.r.accountIds);
  return out;
}

function sortList(s: RowSource, key: SortKey): readonly string[] | null {
  if (key === 'account') return s.r.accountIds;
  if (key === 'company' && s.name?.type === 'string') return s.name.dict;
  return null;
}
