import { isoToDays } from '../table/columns';

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
 * - a streak that reaches the oldest stored run is a lower bound: the account may have entered
 *   the stage before the history starts (the account page says "at least").
 *
 * Only runs with an as-of before this run's count; runs are matched by account key and stage id.
 */
export interface StageRun {
  asOf: string;
  accountIds: readonly string[];
  /** Stage id per account; null = unknown. */
  stage: readonly (string | null)[];
}

/** Per account of the newest earlier run: its stage then and the first run of that streak. */
export interface StageStreaks {
  /** Row of the newest earlier run by account key. */
  row: Map<string, number>;
  /** Stage id in the newest earlier run (null = unknown). */
  stage: (string | null)[];
  /** As-of (days since 1970) of the first run of the streak that ends with the newest earlier run. */
  sinceDays: Float64Array;
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

/** The streaks of the runs before `asOf` (null when there is none). */
export function stageStreaks(runs: readonly StageRun[], asOf: string): StageStreaks | null {
  const before = runs.filter((r) => r.asOf < asOf).sort((a, b) => (a.asOf < b.asOf ? 1 : -1));
  const newest = before[0];
  if (!newest) return null;
  const n = newest.accountIds.length;
  const row = new Map<string, number>();
  newest.accountIds.forEach((id, i) => row.set(id, i));
  const sinceDays = new Float64Array(n).fill(isoToDays(newest.asOf));
  const open = new Uint8Array(n);
  for (let i = 0; i < n; i++) open[i] = newest.stage[i] === null ? 0 : 1;
  let left = open.reduce((s, x) => s + x, 0);
  for (let k = 1; k < before.length && left > 0; k++) {
    const r = before[k];
    const d = isoToDays(r.asOf);
    const at = rowsOf(newest.accountIds, r);
    for (let i = 0; i < n; i++) {
      if (!open[i]) continue;
      const j = at(i);
      if (j !== undefined && r.stage[j] === newest.stage[i]) sinceDays[i] = d;
      else {
        open[i] = 0;
        left--;
      }
    }
  }
  return { row, stage: [...newest.stage], sinceDays };
}

/**
 * Days in stage by the rule above, for the accounts `ids[from + i]` whose stage now is `stageIds[stage[i]]`
 * (-1 = unknown), as of `asOfDays`. Writes NaN where the history cannot say.
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
): void {
  for (let i = 0; i < stage.length; i++) {
    const st = stage[i];
    const j = s.row.get(ids[from + i]);
    const before = j === undefined ? null : s.stage[j];
    if (st < 0 || before === null) out[i] = NaN;
    else out[i] = before === stageIds[st] ? asOfDays - s.sinceDays[j!] : 0;
  }
}
