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

/** Row lookup of run r: by position when it lists the same ids as `ids`, else by a Map. */
function rowsOf(ids: readonly string[], r: StageRun): (i: number) => number | undefined {
  let same = ids.length === r.accountIds.length;
  for (let i = 0; same && i < ids.length; i++) same = ids[i] === r.accountIds[i];
  if (same) return (i) => i;
  const m = new Map<string, number>();
  r.accountIds.forEach((id, i) => m.set(id, i));
  return (i) => m.get(ids[i]);
}

/**
 * The streaks built run by run, newest first, so a caller that reads runs from storage can stop
 * as soon as no streak is open (`open === 0`): older runs cannot change the answer.
 */
export class StreakBuilder {
  private readonly s: StageStreaks;
  private readonly live: Uint8Array;
  private readonly ids: readonly string[];
  private last: string;
  open = 0;

  constructor(newest: StageRun) {
    const n = newest.accountIds.length;
    const row = new Map<string, number>();
    newest.accountIds.forEach((id, i) => row.set(id, i));
    this.ids = newest.accountIds;
    this.last = newest.asOf;
    this.s = {
      row,
      stage: [...newest.stage],
      sinceDays: new Float64Array(n).fill(isoToDays(newest.asOf)),
      dated: new Uint8Array(n),
      runs: [newest.asOf],
    };
    this.live = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.live[i] = newest.stage[i] === null ? 0 : 1;
    this.open = this.live.reduce((s, x) => s + x, 0);
  }

  /** The next older run (runs must come newest first, one per as-of). */
  addOlder(r: StageRun): void {
    if (!(r.asOf < this.last)) throw new Error(`stage history: run ${r.asOf} is not older`);
    this.last = r.asOf;
    this.s.runs.push(r.asOf);
    const { sinceDays, dated, stage } = this.s;
    const d = isoToDays(r.asOf);
    const at = rowsOf(this.ids, r);
    for (let i = 0; i < this.ids.length; i++) {
      if (!this.live[i]) continue;
      const j = at(i);
      const before = j === undefined ? null : r.stage[j];
      if (before !== null && before === stage[i]) sinceDays[i] = d;
      else {
        // Another stage dates the entry; a gap (absent, no stage) leaves a lower bound.
        if (before !== null) dated[i] = 1;
        this.live[i] = 0;
        this.open--;
      }
    }
  }

  result(): StageStreaks {
    return this.s;
  }
}

/**
 * The streaks of the runs before `asOf` (null when there is none). Of two runs with one as-of,
 * the one listed last counts (the app lists its runs oldest stored first).
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
