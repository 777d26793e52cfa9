/**
 * The one order of stored runs: by as-of date (the day the scores describe), then by creation
 * time. Everything over runs follows it — the History tab's trends and axis, the account page's
 * history, the CTA lifecycle, the "previous run" a run is compared with, the migration matrix's
 * default pair, days in stage from the history — so a run back-filled for an older date takes its
 * place in time, not at the end.
 *
 * A history keeps one run per as-of date (the CLI's history folder refuses a second, the app asks
 * before replacing). Of runs that share a date anyway (stored by an earlier Waymark, or left by a
 * replacement that could not finish), the one created last is the date's run; the others are
 * superseded: still stored and listed, left out of trends, lifecycle and comparisons.
 */
export interface DatedRun {
  /** ISO date (yyyy-mm-dd). */
  asOf: string;
  /** ISO timestamp. */
  createdAt: string;
}

/** Time order: as-of first, creation time second. */
export function compareRuns(a: DatedRun, b: DatedRun): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? -1 : 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** A copy of `runs` in time order (oldest first). */
export function inTimeOrder<T extends DatedRun>(runs: readonly T[]): T[] {
  return [...runs].sort(compareRuns);
}

export interface RunTimeline<T extends DatedRun> {
  /** Every run, in time order. */
  all: T[];
  /** One run per as-of date (the one created last), in time order: what trends are drawn from. */
  current: T[];
  /** A superseded run → the run of its date that replaces it. */
  supersededBy: Map<T, T>;
}

export function runTimeline<T extends DatedRun>(runs: readonly T[]): RunTimeline<T> {
  const all = inTimeOrder(runs);
  const current: T[] = [];
  const supersededBy = new Map<T, T>();
  for (let i = 0; i < all.length; i++) {
    const next = all[i + 1];
    if (next && next.asOf === all[i].asOf) continue;
    current.push(all[i]);
    for (let j = i - 1; j >= 0 && all[j].asOf === all[i].asOf; j--)
      supersededBy.set(all[j], all[i]);
  }
  return { all, current, supersededBy };
}

/** The runs of one per date dated before `asOf`, newest first (the history a run as of `asOf` reads). */
export function runsBeforeAsOf<T extends DatedRun>(runs: readonly T[], asOf: string): T[] {
  return runTimeline(runs)
    .current.filter((r) => r.asOf < asOf)
    .reverse();
}

/** The run a run as of `asOf` is compared with: the date's true predecessor (null: none). */
export function previousRun<T extends DatedRun>(runs: readonly T[], asOf: string): T | null {
  return runsBeforeAsOf(runs, asOf)[0] ?? null;
}

/** Stored runs with the as-of date `asOf` (what a new run of that date would replace). */
export function runsOfDate<T extends DatedRun>(runs: readonly T[], asOf: string): T[] {
  return inTimeOrder(runs.filter((r) => r.asOf === asOf));
}
