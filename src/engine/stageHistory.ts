import { daysToIso, isoToDays } from '../table/columns';

/**
 * Days in stage from the run history, for accounts whose data gives no entered-at date (an
 * inferred stage, or a stage field without an entered-at field). The rule (docs/history-format.md
 * "Days in stage from the history"):
 *
 * - the streak is the unbroken series of stored runs before this one, newest first, in which the
 *   account is present with the stage it has now; days in stage = this run's as-of − the as-of of
 *   the streak's first run;
 * - when the newest earlier run has the account in another stage, it entered its stage since
 *   that run: 0 days;
 * - when the newest earlier run does not hold the account or has no stage for it, or there is no
 *   earlier run: unknown (NaN), as without history;
 * - a streak that reaches the oldest stored run, or that a run without the account (or without
 *   its stage) breaks, is a lower bound: the account may have entered the stage before (the
 *   screens say "at least"). Only a streak that follows a run with another stage dates the entry.
 *
 * Only runs with an as-of before this run's count; runs are matched by account key and stage id.
 * This file is the one implementation: the engine (app worker and CLI) and the account page
 * (stageSinceOf) all call it.
 */
export interface StageRun {
  asOf: string;
  accountIds: readonly string[];
  /** Stage id per account; null = unknown. */
  stage: readonly (string | null)[];
}

/** Where an account's days in stage came from (ScoreResult.daysSource codes). */
export const DAYS_UNKNOWN = 0; // no stage, or no date and no history read
export const DAYS_FIELD = 1; // the data's entered-at field
export const DAYS_HISTORY = 2; // the streak follows a run with another stage
export const DAYS_AT_LEAST = 3; // the streak reaches the oldest run or a gap: a lower bound
export const DAYS_ENTERED = 4; // 0: the newest earlier run had another stage
export const DAYS_NO_EARLIER_RUN = 5; // history read, but no run before this as-of
export const DAYS_NOT_IN_LAST_RUN = 6; // the newest earlier run does not hold the account
export const DAYS_NO_STAGE_LAST_RUN = 7; // the newest earlier run has no stage for it

/** Per account of the newest earlier run: its stage then and the first run of that streak. */
export interface StageStreaks {
  /** Row of the newest earlier run by account key. */
  row: Map<string, number>;
  /** Stage id in the newest earlier run (null = unknown). */
  stage: (string | null)[];
  /** As-of (days since 1970) of the first run of the streak that ends with the newest earlier run. */
  sinceDays: Float64Array;
  /** 1 when the run before the streak holds the account in another stage (the entry is dated). */
  dated: Uint8Array;
  /** As-of dates of the runs read, newest first (one per date). */
  runs: string[];
}

/**
 * A run's stages as dictionary codes (what storage holds: the app's stage column, a Parquet
 * dictionary): `codes[i]` indexes `stageIds`; < 0, or past its end, = unknown. Reading a run
 * this way builds no string per account; a run that lists the same `accountIds` array (a shared
 * key list) is aligned by position without comparing keys.
 */
export interface StageCodeRun {
  asOf: string;
  accountIds: readonly string[];
  stageIds: readonly string[];
  codes: ArrayLike<number>;
}

function isCodeRun(r: StageRun | StageCodeRun): r is StageCodeRun {
  return (r as StageCodeRun).codes !== undefined;
}

/** The run's stages as codes into a dictionary of its own (a StageRun of strings). */
function toCodes(r: StageRun | StageCodeRun): StageCodeRun {
  if (isCodeRun(r)) return r;
  const dict = new Map<string, number>();
  const codes = new Int32Array(r.stage.length);
  for (let i = 0; i < codes.length; i++) {
    const st = r.stage[i];
    if (st === null) codes[i] = -1;
    else {
      let c = dict.get(st);
      if (c === undefined) dict.set(st, (c = dict.size));
      codes[i] = c;
    }
  }
  return { asOf: r.asOf, accountIds: r.accountIds, stageIds: [...dict.keys()], codes };
}

/** True when `b` lists the same keys as `a` in the same order. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The streaks built run by run, newest first, so a caller that reads runs from storage can stop
 * as soon as no streak is open (`open === 0`): older runs cannot change the answer. Stages are
 * compared as integer codes (one dictionary for the builder, each older run's codes remapped to
 * it once); only open streaks are visited.
 */
export class StreakBuilder {
  private readonly ids: readonly string[];
  private readonly row: Map<string, number>;
  /** The builder's stage dictionary: the stage ids of the newest earlier run. */
  private readonly dict: string[];
  private readonly dictIndex: Map<string, number>;
  /** Stage code per account of the newest earlier run (-1 = unknown). */
  private readonly cur: Int32Array;
  private readonly sinceDays: Float64Array;
  private readonly dated: Uint8Array;
  private readonly live: Uint8Array;
  private readonly runs: string[];
  private last: string;
  private done: StageStreaks | null = null;
  open = 0;

  constructor(newestRun: StageRun | StageCodeRun) {
    const newest = toCodes(newestRun);
    const n = newest.accountIds.length;
    const row = new Map<string, number>();
    newest.accountIds.forEach((id, i) => row.set(id, i));
    this.ids = newest.accountIds;
    this.row = row;
    this.last = newest.asOf;
    this.dict = [...newest.stageIds];
    this.dictIndex = new Map(this.dict.map((s, k) => [s, k]));
    this.cur = new Int32Array(n);
    this.live = new Uint8Array(n);
    const k = this.dict.length;
    let open = 0;
    for (let i = 0; i < n; i++) {
      const c = newest.codes[i];
      const st = c >= 0 && c < k ? c : -1;
      this.cur[i] = st;
      if (st >= 0) {
        this.live[i] = 1;
        open++;
      }
    }
    this.open = open;
    this.sinceDays = new Float64Array(n).fill(isoToDays(newest.asOf));
    this.dated = new Uint8Array(n);
    this.runs = [newest.asOf];
  }

  /** The next older run (runs must come newest first, one per as-of). */
  addOlder(older: StageRun | StageCodeRun): void {
    if (!(older.asOf < this.last)) throw new Error(`stage history: run ${older.asOf} is not older`);
    this.last = older.asOf;
    this.runs.push(older.asOf);
    this.done = null;
    const r = toCodes(older);
    const { sinceDays, dated, live, cur, ids } = this;
    const d = isoToDays(r.asOf);
    // The older run's codes in the builder's dictionary: -1 = unknown, -2 = a stage no account
    // of the newest run has (known, but never equal).
    const remap = Int32Array.from(r.stageIds, (s) => this.dictIndex.get(s) ?? -2);
    const k = remap.length;
    const codes = r.codes;
    // Row of each account in the older run (-1 = absent); null = same rows.
    let at: Int32Array | null = null;
    if (!sameIds(ids, r.accountIds)) {
      const m = new Map<string, number>();
      r.accountIds.forEach((id, j) => m.set(id, j));
      at = new Int32Array(ids.length);
      for (let i = 0; i < ids.length; i++) at[i] = live[i] ? (m.get(ids[i]) ?? -1) : -1;
    }
    let open = this.open;
    for (let i = 0; i < ids.length; i++) {
      if (!live[i]) continue;
      const j = at ? at[i] : i;
      const c = j < 0 ? -1 : codes[j];
      const before = c >= 0 && c < k ? remap[c] : -1;
      if (before >= 0 && before === cur[i]) sinceDays[i] = d;
      else {
        // Another stage dates the entry; a gap (absent, no stage) leaves a lower bound.
        if (before !== -1) dated[i] = 1;
        live[i] = 0;
        open--;
      }
    }
    this.open = open;
  }

  /**
   * The next older run when its account keys and stages are those of the run added last (a
   * reader that found both columns byte-identical need not decode them): every open streak
   * goes on to this run.
   */
  addOlderSame(asOf: string): void {
    if (!(asOf < this.last)) throw new Error(`stage history: run ${asOf} is not older`);
    this.last = asOf;
    this.runs.push(asOf);
    this.done = null;
    const d = isoToDays(asOf);
    const { live, sinceDays } = this;
    for (let i = 0; i < live.length; i++) if (live[i]) sinceDays[i] = d;
  }

  result(): StageStreaks {
    if (!this.done) {
      const stage: (string | null)[] = new Array(this.cur.length);
      for (let i = 0; i < stage.length; i++)
        stage[i] = this.cur[i] < 0 ? null : this.dict[this.cur[i]];
      this.done = {
        row: this.row,
        stage,
        sinceDays: this.sinceDays,
        dated: this.dated,
        runs: this.runs,
      };
    }
    return this.done;
  }
}

/**
 * The streaks of the runs before `asOf` (null when there is none). Of two runs with one as-of,
 * the one listed last counts (the app lists its runs in time order: util/runOrder.ts).
 */
export function stageStreaks(runs: readonly StageRun[], asOf: string): StageStreaks | null {
  const byDate = new Map<string, StageRun>();
  for (const r of runs) if (r.asOf < asOf) byDate.set(r.asOf, r);
  const before = [...byDate.values()].sort((a, b) => (a.asOf < b.asOf ? 1 : -1));
  if (!before[0]) return null;
  const b = new StreakBuilder(before[0]);
  for (let k = 1; k < before.length && b.open > 0; k++) b.addOlder(before[k]);
  return b.result();
}

/**
 * Days in stage by the rule above, for the accounts `ids[from + i]` whose stage now is `stageIds[stage[i]]`
 * (-1 = unknown), as of `asOfDays`. Writes NaN where the history cannot say, and where the
 * number came from in `source` (DAYS_* codes).
 */
export function daysInStageFromHistory(
  s: StageStreaks,
  ids: readonly string[],
  /** Row of ids[] that stage[0] and out[0] are (a block of a larger run). */
  from: number,
  stage: ArrayLike<number>,
  stageIds: readonly string[],
  asOfDays: number,
  out: Float64Array,
  source: Uint8Array,
): void {
  for (let i = 0; i < stage.length; i++) {
    const st = stage[i];
    const j = s.row.get(ids[from + i]);
    const before = j === undefined ? null : s.stage[j];
    if (st < 0) {
      out[i] = NaN;
      source[i] = DAYS_UNKNOWN;
    } else if (before === null) {
      out[i] = NaN;
      source[i] = j === undefined ? DAYS_NOT_IN_LAST_RUN : DAYS_NO_STAGE_LAST_RUN;
    } else if (before === stageIds[st]) {
      out[i] = asOfDays - s.sinceDays[j!];
      source[i] = s.dated[j!] ? DAYS_HISTORY : DAYS_AT_LEAST;
    } else {
      out[i] = 0;
      source[i] = DAYS_ENTERED;
    }
  }
}

/**
 * The source of days in stage without history: the data's date where it gave one; else, when a
 * history was read but holds no earlier run, say so.
 */
export function daysSourceWithoutHistory(
  stage: ArrayLike<number>,
  days: Float64Array,
  historyRead: boolean,
  source: Uint8Array,
): void {
  for (let i = 0; i < stage.length; i++)
    source[i] =
      stage[i] < 0
        ? DAYS_UNKNOWN
        : days[i] === days[i]
          ? DAYS_FIELD
          : historyRead
            ? DAYS_NO_EARLIER_RUN
            : DAYS_UNKNOWN;
}

/** One account's days in stage from the history, with its trace (the account page). */
export interface StageSince {
  /** NaN when unknown. */
  days: number;
  /** A DAYS_* code. */
  source: number;
  /** As-of of the streak's first run (this as-of after an entry since the last run); null when unknown. */
  since: string | null;
  /** As-of of the run before the streak (another stage, or the gap); null when the streak reaches the oldest run. */
  before: string | null;
}

/** Days in stage of one account in `stageNow` as of `asOf`, by the same rule as the scoring. */
export function stageSinceOf(
  runs: readonly StageRun[],
  asOf: string,
  accountId: string,
  stageNow: string | null,
): StageSince {
  const s = stageStreaks(runs, asOf);
  const asOfDays = isoToDays(asOf);
  const out = new Float64Array(1);
  const src = new Uint8Array(1);
  const st = stageNow === null ? -1 : 0;
  if (!s) {
    return {
      days: NaN,
      source: st < 0 ? DAYS_UNKNOWN : DAYS_NO_EARLIER_RUN,
      since: null,
      before: null,
    };
  }
  daysInStageFromHistory(s, [accountId], 0, [st], [stageNow ?? ''], asOfDays, out, src);
  const days = out[0];
  if (days !== days) return { days, source: src[0], since: null, before: null };
  const since = daysToIso(asOfDays - days);
  // The run just older than the streak's first (when it exists).
  const before = src[0] === DAYS_ENTERED ? s.runs[0] : (s.runs.find((d) => d < since) ?? null);
  return { days, source: src[0], since, before };
}
