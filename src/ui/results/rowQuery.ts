import { selectRows, type ScoreResult } from '../../engine';
import type { Column } from '../../table/columns';
import {
  filterRows,
  hasTextRanks,
  prepareSearch,
  setTextRanks,
  sortRows,
  warmFilterLoop,
  warmRowLoops,
  warmSortLoops,
  prepareSortScratch,
  SORT_SCRATCH_STEPS,
  WARM_SORTS,
  type RowSource,
} from './accountRows';
import { placeSpare, split, unpackPiece, type Path, type Piece } from '../../workers/pieces';
import { copyList } from '../../table/packedDict';
import { addSearchPart, warmSearch, WARM_ROUNDS } from './searchIndex';
import { joinedList, joinedParts, joinValues, partOf, type JoinedPart } from './joinedList';
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
 * slices of ROW_STRING_SLICE, a few pieces per task — so no task on the page clones a million
 * strings (joined into one string and posted at once, that took ~2.7 s at a million accounts).
 * Each slice of the ids and the names goes joined by U+0000 (joinPiece) and the worker keeps it
 * so (joinedList.ts: a few hundred objects in its heap instead of ~1.8 million strings).
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
  /**
   * The user pressed a key or a button on the page: a query may follow once the page has drawn
   * the change (a keystroke's query is sent after its render, 26–34 ms later in a trace at a
   * million accounts). The ranker pauses at once, until RANK_RESUME_MS without input or a query.
   */
  | { type: 'input' }
  /**
   * The page has drawn the answer to query `id` (its commit and the frame after it): the
   * worker's own work (the warm-up) waits for this after each answer, so the page's draw does
   * not share the cores with it (at a million accounts under load, the first draw's 19 ms of
   * CPU took 82 ms of wall time beside the warm-up and its compile jobs).
   */
  | { type: 'drawn'; id: number }
  | ({ type: 'query'; id: number } & RowQueryArgs);

export type RowQueryResponse =
  | { type: 'rows'; id: number; rows: Int32Array; ms: number }
  /**
   * A newer query arrived before this one was answered: it was never computed, or its sort
   * (a separate step after the filter) was dropped.
   */
  | { type: 'superseded'; id: number }
  | { type: 'failed'; id: number; message: string }
  /** A piece's spare buffer (workers/pieces.ts SpareBuffers), handed back to the page. */
  | { type: 'spare'; id: 0; buffer: ArrayBuffer }
  /**
   * Query `id`'s sort waits for the collation ranks of a list (the account ids, the company
   * names) that the ranker has not finished: the page says so until the rows come (at a million
   * accounts with one CPU hog the names' ranking takes ~2–3 s of the ranker's unpaused time).
   */
  | { type: 'ranking'; id: number; list: RankedList }
  /**
   * A moment of the ranking ahead (RowQueryServer.note), at `at` (ms since the epoch: the
   * worker's clock is not the page's): the page marks it as `waymark:<event>` for the bench.
   */
  | { type: 'note'; id: 0; event: string; at: number };

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
    accountIds: [],
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
  // A reloaded run's ids are still the dataset's packed key column: sent as its slices (split).
  copyList(r, slim, 'accountIds');
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
export function splitRun(
  s: RowSource,
  arraySliceBytes?: number,
  /** Tests: strings per slice, and the length from which a list is sliced. */
  stringSlice = ROW_STRING_SLICE,
  bigList?: number,
): { skeleton: unknown; pieces: Piece[] } {
  return split(packRun(s), stringSlice, arraySliceBytes, bigList);
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

/**
 * The order of every row under the last sort that covered them all, kept by the worker: a later
 * query with the same sort (a filter chosen, changed or cleared, a search) takes its rows in
 * that order instead of sorting them again. Rows sorted by a column are in the order of (key,
 * row), ties in table order, so the rows of any subset are in the same order in the full list:
 * the answer is the one `sortRows` gives. Clearing the filters with a sort on at a million rows
 * sorted the million rows again (~350 ms of the worker's CPU at load 2; session 29).
 */
export class KeptOrder {
  private key = '';
  private order: Int32Array | null = null;
  private mask: Uint8Array | null = null;
  /** Sorts done (the other answers came from the kept order). */
  sorts = 0;

  constructor(
    /** Below this share of the rows a query's rows are sorted (fewer than a scan of them all). */
    private readonly minShare = KEPT_ORDER_MIN_SHARE,
  ) {}

  /** Another run: its rows are other rows. */
  clear(): void {
    this.key = '';
    this.order = null;
    this.mask = null;
  }

  /**
   * `rows` (a query's filtered rows: distinct, ascending) in the order of `q.sort`; `s` has the
   * query's labels (withLabels). Sorting every row keeps that order for the next queries.
   */
  sort(s: RowSource, q: Omit<RowQueryArgs, 'filter'>, rows: Int32Array): Int32Array {
    const sort = q.sort!;
    const key = JSON.stringify([sort.key, sort.dir, q.segmentLabels, q.stageLabels]);
    const n = s.r.rowCount;
    // Written over `rows` (the query's own array, as sortRows sorts it in place): fresh memory
    // for a copy of a million rows costs the worker its page faults too.
    if (this.order && this.key === key && rows.length >= n * this.minShare) {
      if (rows.length < n) {
        // One mask per run, cleared after each use: no fresh megabyte per filter change (the
        // worker's allocations are what start its garbage collections).
        if (this.mask?.length !== n) this.mask = new Uint8Array(n);
        return inOrder(this.order, rows, this.mask);
      }
      rows.set(this.order);
      return rows;
    }
    const out = sortRows(s, rows, sort.key, sort.dir);
    this.sorts++;
    if (rows.length === n) {
      this.key = key;
      this.order = out.slice();
    }
    return out;
  }
}

/** Queries with fewer rows than this share of the run are sorted, not taken from the kept order. */
export const KEPT_ORDER_MIN_SHARE = 1 / 64;

/**
 * `rows` (distinct row numbers) put in the order they have in `order` (every row once), in
 * place; `keep` (one byte per row, all 0) is used as the rows' mask and left all 0 again.
 */
export function inOrder(order: Int32Array, rows: Int32Array, keep: Uint8Array): Int32Array {
  for (let j = 0; j < rows.length; j++) keep[rows[j]] = 1;
  let m = 0;
  for (let j = 0; j < order.length; j++) {
    const row = order[j];
    if (keep[row] === 1) rows[m++] = row;
  }
  for (let j = 0; j < m; j++) keep[rows[j]] = 0;
  return rows;
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
 * The search index of the ids and names is built as their slices arrive (holdJoined); one
 * that did not come in slices is built once idle, so the first keystroke finds it.
 *
 * With a `ranker` (another worker), the collation ranks of the account ids and the names are
 * computed there, one list at a time, from the moment the run is in, so a sort by account or
 * company finds them ready. The ranker works in short slices and is paused while a query is
 * waiting or being answered, for RANK_RESUME_MS after each answer (the page draws it) and
 * after each input on the page ('input': the keystroke's query comes after its render): a
 * search never shares the two cores with it (started 500 ms after the last query in one go,
 * it once took the first keystroke to 339 ms). The ranking ahead and the warm-up (warmSteps)
 * also wait, after each answer, for the page's word that it drew it ('drawn', or WARM_WAIT_MS
 * without one): session 29 traced the accounts tab's longest task at a million accounts with
 * one CPU hog to the table's first draw, 19 ms of CPU in 82 ms of wall time, while the warm-up
 * (started at once after the answer) and the compiler's jobs it caused ran beside it on the
 * one core left. A sort waits for the ranks of its list, which
 * are then ranked with nothing paused; without a ranker (or if it failed) it ranks the list
 * itself.
 */
export class RowQueryServer {
  /** Lists to rank ahead, in order (account ids first). */
  private toRank: (readonly string[])[] = [];
  /** Lists being ranked by the ranker, for the run held now. */
  private rankings = new Map<readonly string[], Ranking>();
  /** The ranker failed: sorts rank their lists here. */
  private rankerFailed = false;
  /** The wait after an answer before the ranker resumes (null: not waiting). */
  private cancelQuiet: (() => void) | null = null;
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
  /** The warm-up's steps left (null: not started for this run). */
  private warmLeft: (() => void)[] | null = null;
  /** Of warmLeft, the search's steps (the first ones; the others wait for the ranking ahead). */
  private warmSearchLeft = 0;
  /**
   * The last answer the page has not reported drawn yet (its id), with the cancel of the wait
   * after which the warm-up goes on anyway (WARM_WAIT_MS: a hidden page draws no frame).
   */
  private undrawn: { id: number; cancel: () => void } | null = null;
  /**
   * An input on the page whose query has not come yet (the cancel of the wait after which the
   * warm-up goes on without it): no warm-up step starts meanwhile, so the keystroke's query
   * never waits behind a step that began after the key.
   */
  private held: (() => void) | null = null;
  /** The last sort of every row of the run held now (KeptOrder). */
  private readonly kept: KeptOrder;
  /** Each ranking's state as last steered (its note is sent only when it changes). */
  private running = new Map<readonly string[], boolean>();
  /** The list a sort waits for, noted once per wait. */
  private waitingFor: readonly string[] | null = null;
  /**
   * Moments of the ranking ahead, for the bench (the worker posts them as 'note'): a ranking
   * started, ran, paused, had its list sent, ended; a sort began waiting for one, was answered.
   */
  note: (event: string) => void = () => {};

  constructor(
    private readonly post: (m: RowQueryResponse, transfer?: Transferable[]) => void,
    private readonly later: (f: () => void) => void,
    private readonly ranker?: Ranker,
    private readonly rankAheadMin = RANK_AHEAD_MIN,
    private readonly wait: (f: () => void, ms: number) => () => void = (f, ms) => {
      const t = setTimeout(f, ms);
      return () => clearTimeout(t);
    },
    keptOrderMinShare = KEPT_ORDER_MIN_SHARE,
  ) {
    this.kept = new KeptOrder(keptOrderMinShare);
  }

  handle(m: RowQueryRequest): void {
    if (m.type === 'hold') {
      this.src = null;
      this.warmLeft = null;
      this.undrawn?.cancel();
      this.undrawn = null;
      this.held?.();
      this.held = null;
      this.kept.clear();
      this.toRank = [];
      // The old run's rankings stop; their answers are never used.
      for (const r of this.rankings.values()) r.cancel();
      this.rankings.clear();
      this.running.clear();
      this.waitingFor = null;
      this.cancelQuiet?.();
      this.cancelQuiet = null;
      this.skeleton = m.skeleton;
      this.missing = m.pieces;
      if (!this.missing) this.loaded();
      return;
    }
    if (m.type === 'piece') {
      // The ids and the names are held joined (joinedList.ts), indexed for search as they come.
      if (!holdJoined(this.skeleton as RunPayload, m.piece)) {
        const piece = unpackPiece(m.piece);
        // A typed array copied into one of the page's spare buffers: that buffer goes back.
        const spare = placeSpare(this.skeleton, piece);
        if (spare) this.post({ type: 'spare', id: 0, buffer: spare }, [spare]);
      }
      if (--this.missing === 0) this.loaded();
      return;
    }
    if (m.type === 'input') {
      this.hold();
      this.quiet();
      this.steer();
      return;
    }
    if (m.type === 'drawn') {
      // An earlier answer's draw says nothing of the last one's.
      if (this.undrawn?.id === m.id) this.drawn();
      return;
    }
    if (this.pending) this.post({ type: 'superseded', id: this.pending.id });
    // The input's query came: its answer's draw holds the warm-up from here (undrawn).
    this.held?.();
    this.held = null;
    this.pending = m;
    this.steer();
    this.schedule();
  }

  private loaded(): void {
    const src = unpackRun(this.skeleton as RunPayload);
    this.src = src;
    this.skeleton = null;
    this.toRank =
      this.ranker && !this.rankerFailed
        ? rankedLists(src).filter((v) => v.length >= this.rankAheadMin && !hasTextRanks(v))
        : [];
    this.steer();
    this.schedule();
  }

  /**
   * The list the active query's sort waits for: ranks not computed yet, a list long enough to
   * rank elsewhere, and a ranker to rank it (otherwise the sort ranks the list itself).
   */
  private needed(): readonly string[] | null {
    // A newer query replaces the active one before its sort.
    if (this.pending) return null;
    const key = this.active?.q.sort?.key;
    const values = key && this.src ? sortList(this.src, key) : null;
    if (!values || hasTextRanks(values) || !this.ranker || this.rankerFailed) return null;
    // A short list is ranked by the sort itself in a few ms (a worker would take longer to start).
    return values.length >= this.rankAheadMin ? values : null;
  }

  /**
   * Start, pause or resume the ranker: the list a sort waits for runs alone; otherwise the
   * ranking ahead starts and runs only while no query is waiting, being answered or just
   * answered (sending it a list also takes this worker's time and the other core's).
   */
  private steer(): void {
    if (!this.src || !this.ranker || this.rankerFailed) return;
    const need = this.needed();
    // Nor while the page draws an answer (until it says so, or WARM_WAIT_MS).
    const quiet = !this.pending && !this.active && !this.cancelQuiet && !this.undrawn;
    if (need && !this.rankings.has(need)) this.startRanking(need);
    else if (quiet && !this.rankings.size && this.toRank.length) this.startRanking(this.toRank[0]);
    if (need !== this.waitingFor) {
      if (need) {
        const list = this.listName(need);
        this.note(`sort-wait:${list}`);
        this.post({ type: 'ranking', id: this.active!.q.id, list });
      }
      this.waitingFor = need;
    }
    for (const [values, r] of this.rankings) {
      const run = need ? values === need : quiet;
      if (run) r.resume();
      else r.pause();
      if (this.running.get(values) !== run) {
        this.running.set(values, run);
        this.note(`rank-${run ? 'run' : 'pause'}:${this.listName(values)}`);
      }
    }
  }

  /** The list's name in notes and 'ranking' answers. */
  private listName(values: readonly string[]): RankedList {
    return values === this.src?.r.accountIds ? 'ids' : 'names';
  }

  private startRanking(values: readonly string[]): void {
    const src = this.src;
    this.toRank = this.toRank.filter((v) => v !== values);
    const ranking = this.ranker!(values);
    this.rankings.set(values, ranking);
    const name = this.listName(values);
    this.note(`rank-start:${name}`);
    void ranking.sent?.then(() => {
      if (this.src !== src || this.rankings.get(values) !== ranking) return;
      this.note(`rank-sent:${name}`);
    });
    const done = (rank: Int32Array | null) => {
      // Another run came meanwhile: its lists are other arrays, this answer is not used.
      if (this.src !== src || this.rankings.get(values) !== ranking) return;
      this.rankings.delete(values);
      this.running.delete(values);
      this.note(`rank-${rank ? 'done' : 'failed'}:${name}`);
      if (rank) setTextRanks(values, rank);
      else {
        this.rankerFailed = true;
        for (const r of this.rankings.values()) r.cancel();
        this.rankings.clear();
        this.toRank = [];
      }
      this.steer();
      this.schedule();
    };
    ranking.ranks.then(done, () => done(null));
  }

  /**
   * An input on the page: the warm-up's next step waits for its query (or INPUT_HOLD_MS without
   * one: a click that asks nothing). Only while the warm-up has steps left.
   */
  private hold(): void {
    if (!this.src || (this.warmLeft && !this.warmLeft.length)) return;
    this.held?.();
    this.held = this.wait(() => {
      this.held = null;
      this.schedule();
    }, INPUT_HOLD_MS);
  }

  /**
   * The warm-up has a step to run now: the search's steps at once, the others once the ranking
   * ahead is done (or there is none) — they would delay the lists' sending to the ranker, and
   * the ranking ahead is what runs beside the first keys until it is done. (Session 32 tried
   * them once every list was sent, before the ranks: with the warm-up done the first sorts by
   * account / company took 156–187 / 209–218 ms of this worker's time at a million accounts
   * with one hog, against 124–192 / 116–276 cold — no gain seen — and the steps ran beside the
   * names' ranking.)
   */
  private warmMay(): boolean {
    if (!this.warmLeft) return true;
    if (!this.warmLeft.length) return false;
    if (this.warmSearchLeft > 0) return true;
    return !this.ranker || this.rankerFailed || (!this.toRank.length && !this.rankings.size);
  }

  /** After an answer or the page's input: the ranker stays paused while the page draws. */
  private quiet(): void {
    if (!this.ranker) return;
    this.cancelQuiet?.();
    this.cancelQuiet = this.wait(() => {
      this.cancelQuiet = null;
      this.steer();
    }, RANK_RESUME_MS);
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
    } else if (this.active && !this.needed()) {
      const { q, rows, t0 } = this.active;
      this.active = null;
      try {
        const s = withLabels(src, q.segmentLabels, q.stageLabels);
        this.note(`sort-start:${q.sort!.key}`);
        this.answer(q.id, this.kept.sort(s, q, rows), t0);
        this.note(`sort-end:${q.sort!.key}`);
      } catch (e) {
        this.fail(q.id, e);
      }
    } else if (!this.undrawn && !this.held && this.warmMay()) {
      // One step of the warm-up per task, none while the page draws an answer: a query
      // arriving meanwhile is answered first.
      if (!this.warmLeft) {
        const { search, rest } = warmPhases(src);
        this.warmLeft = [...search, ...rest];
        this.warmSearchLeft = search.length;
      }
      this.warmLeft.shift()?.();
      if (this.warmSearchLeft) this.warmSearchLeft--;
      if (!this.warmLeft.length) this.note('warm-done');
      if (this.warmMay()) this.schedule();
      return;
    } else {
      this.steer();
      return;
    }
    this.steer();
    this.schedule();
  }

  private answer(id: number, rows: Int32Array, t0: number): void {
    this.post({ type: 'rows', id, rows, ms: performance.now() - t0 }, [rows.buffer]);
    // The warm-up waits for the page to draw this answer (or WARM_WAIT_MS).
    this.undrawn?.cancel();
    this.undrawn = { id, cancel: this.wait(() => this.drawn(), WARM_WAIT_MS) };
    this.quiet();
  }

  /** The page drew the last answer (or gave no word for WARM_WAIT_MS): the warm-up may go on. */
  private drawn(): void {
    this.undrawn?.cancel();
    this.undrawn = null;
    this.steer();
    this.schedule();
  }

  private fail(id: number, e: unknown): void {
    this.post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * What the worker runs once idle after the run's first answer, one step per task: the search
 * indexes made ready, then each step a keystroke runs compiled — the search over made-up lists
 * (`warmSearch`) and the rows' loops over made-up arrays (`warmRowLoops`), several rounds,
 * then this run's rows filtered by a text nothing holds (U+0000: no list searched, every row
 * visited). Cold, the first key's search and filter of a million rows took ~2–4x their warm CPU.
 * Session 28: the warm-up in one task, with more passes over this run's million rows (by no
 * text, with no filter) while its loops were still unoptimised, took ~200 ms of CPU on a loaded
 * machine, and the first key's query waited behind it; warmed on small arrays, in steps, the
 * compiler's work is done before the first key and a query never waits for more than a step.
 *
 * The search's steps come first, then the filters' loop on this run's arrays, then the sorts'
 * loops on this run's first rows (`warmSortLoops`, one sort a step: the radix sort's first
 * use over a million rows ran its loops unoptimised, 155–195 ms of the worker's CPU; session
 * 31). An input on the page holds the next step until its query is answered and drawn.
 */
export function warmSteps(src: RowSource): (() => void)[] {
  const { search, rest } = warmPhases(src);
  return [...search, ...rest];
}

/**
 * warmSteps in two parts: the search's (what a keystroke runs), then the filters' and the
 * sorts' — which the worker runs only once the ranking ahead is done (RowQueryServer): the same
 * worker sends the ranker its lists a piece per task, and every step before that is a step the
 * ranking ahead (and the page's first keys beside it) waits for.
 */
export function warmPhases(src: RowSource): { search: (() => void)[]; rest: (() => void)[] } {
  const search: (() => void)[] = [
    () => prepareSearch(src.r.accountIds),
    () => {
      if (src.name?.type === 'string') prepareSearch(src.name.dict);
    },
  ];
  for (let k = 0; k < WARM_ROUNDS; k++) search.push(warmSearch, warmRowLoops);
  search.push(() => queryFilter(src, { filter: { q: '\u0000' } }));
  // The filters' loop on this run's arrays, every filter kind (each new kind deoptimised it).
  const rest: (() => void)[] = [];
  for (let k = 0; k < 3; k++) rest.push(() => warmFilterLoop(src));
  for (let k = 0; k < WARM_SORTS; k++)
    rest.push(() => {
      warmSortLoops(src, k);
      warmInOrder();
    });
  for (let k = 0; k < SORT_SCRATCH_STEPS; k++)
    rest.push(() => prepareSortScratch(src.r.rowCount, k));
  return { search, rest };
}

/**
 * Compile `inOrder` (a filter's rows taken from the kept order of every row) on made-up arrays
 * of a few thousand rows: its loop over the kept order runs a million rows at the first filter
 * after a sort of every row.
 */
export function warmInOrder(): void {
  const n = 4_096;
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = (j * 2_654_435_761) % n;
  const rows = new Int32Array(n >> 2);
  for (let j = 0; j < rows.length; j++) rows[j] = j * 4;
  inOrder(order, rows, new Uint8Array(n));
}

/** The whole warm-up at once (benchmarks and tests; the worker runs it a step per task). */
export function warmQueries(src: RowSource): void {
  for (const step of warmSteps(src)) step();
}

/**
 * The lists the worker holds joined (joinedList.ts): the account ids and the name column's
 * dictionary, the only strings its queries read (search, and sort through collation ranks).
 */
export function joinedPath(path: Path): boolean {
  return (
    path.length === 2 &&
    ((path[0] === 'r' && path[1] === 'accountIds') || (path[0] === 'name' && path[1] === 'dict'))
  );
}

/**
 * A slice of the ids or the names (joinedPath) kept as a part of the joined list at its path
 * (made by its first slice), and added to the list's search index, so the index is ready
 * before the first keystroke (built once idle after the first answer, the first keystroke
 * waited ~0.3 s for it at a million accounts). No string per value is made: the page sends
 * each slice joined (joinPiece). False for any other piece (placed as usual).
 */
function holdJoined(run: RunPayload, p: Piece): boolean {
  if (!joinedPath(p.path) || !('packed' in p || 'strings' in p)) return false;
  const at = run[p.path[0] as 'r' | 'name'] as unknown as Record<string, readonly string[] | null>;
  const part = partOf(p.from, 'packed' in p ? p.packed : p.strings);
  let list = at[p.path[1]];
  if (!list) at[p.path[1]] = list = joinedList(p.total, []);
  const parts = joinedParts(list) as JoinedPart[] | null;
  if (!parts) throw new Error(`piece ${p.path.join('.')}: not a joined list`);
  parts.push(part);
  addSearchPart(list, part);
  return true;
}

/**
 * A piece as the page posts it: a slice of the ids or the names (joinedPath) joined by U+0000
 * into one string (one string clones far faster than 10,000, and the worker then makes none),
 * or left as its array when a value holds U+0000.
 */
export function joinPiece(p: Piece): Piece {
  if (!joinedPath(p.path) || !('strings' in p)) return p;
  return { path: p.path, packed: joinValues(p.strings), from: p.from, total: p.total };
}

/** A list being ranked elsewhere: its ranks, and the ranking's controls. */
export interface Ranking {
  ranks: Promise<Int32Array>;
  /** Stop between two steps until resumed (no-op when already so). */
  pause(): void;
  resume(): void;
  /** Stop for good: `ranks` never settles. */
  cancel(): void;
  /** Settles once the whole list is with the ranker (its ranking proper then runs). */
  sent?: Promise<void>;
}

/** Collation ranks of a list, computed elsewhere (collation.worker.ts) with collationRanks. */
export type Ranker = (values: readonly string[]) => Ranking;

/** The lists a sort may wait for: the account ids, the company names (the dictionary). */
export type RankedList = 'ids' | 'names';

/** Lists shorter than this are ranked on demand (a few ms). */
export const RANK_AHEAD_MIN = 20_000;

/**
 * After an answer or an input on the page, the ranker stays paused this long (the page draws
 * meanwhile); a query arriving pauses it at once.
 */
export const RANK_RESUME_MS = 250;

/**
 * After an answer, the warm-up waits for the page's word that it drew it ('drawn'), or this
 * long without one (a hidden page draws no frame; the table may have been closed).
 */
export const WARM_WAIT_MS = 1_000;

/** After an input on the page, the warm-up waits this long for its query (RowQueryServer.hold). */
export const INPUT_HOLD_MS = 250;

/** The text lists a sort ranks: company names (the dictionary), account ids. */
function rankedLists(s: RowSource): (readonly string[])[] {
  const out: (readonly string[])[] = [s.r.accountIds];
  if (s.name?.type === 'string') out.push(s.name.dict);
  return out;
}

function sortList(s: RowSource, key: SortKey): readonly string[] | null {
  if (key === 'account') return s.r.accountIds;
  if (key === 'company' && s.name?.type === 'string') return s.name.dict;
  return null;
}
