import { stageSinceOf, type StageRun, type StageSince } from '../../engine';
import { historyRunsBefore } from '../../store/runStore';
import type { RunRow } from '../../store/db';

/**
 * Days in stage of one account from the runs the account page read, by the engine's rule
 * (engine/stageHistory.ts: the one the scoring worker and `waymark score --history` apply). A run
 * that was read and does not hold the account is a gap, as in the engine: it breaks the streak.
 * `points` are the account's rows by run id; `runs` the runs that were read (with or without it).
 */
export function stageSince(
  runs: readonly Pick<RunRow, 'id' | 'asOf' | 'createdAt'>[],
  points: ReadonlyMap<string, { stage: string }>,
  accountId: string,
  asOf: string,
  stageNow: string | null,
): StageSince {
  const history: StageRun[] = historyRunsBefore(runs as RunRow[], asOf).map((r) => {
    const p = points.get(r.id);
    return p
      ? { asOf: r.asOf, accountIds: [accountId], stage: [p.stage || null] }
      : { asOf: r.asOf, accountIds: [], stage: [] };
  });
  return stageSinceOf(history, asOf, accountId, stageNow);
}
