import { StreakBuilder, type StageStreaks } from '../engine/stageHistory';
import { historyRunsBefore, listRuns, loadRunStageCodes } from '../store/runStore';

/**
 * Days in stage from the project's stored runs (engine/stageHistory.ts has the rule, the same one
 * `waymark score --history` applies): the runs dated before `asOf`, one per date, read newest
 * first, one at a time, and no further back than an open streak needs (a year of weekly runs is
 * not held in memory at once). null = no earlier run.
 */
export async function stageStreaksFromStore(
  projectId: string,
  asOf: string,
): Promise<StageStreaks | null> {
  const runs = historyRunsBefore(await listRuns(projectId), asOf);
  let b: StreakBuilder | null = null;
  for (const meta of runs) {
    if (b && b.open === 0) break;
    const r = await loadRunStageCodes(meta.id);
    if (!r) continue;
    if (!b) b = new StreakBuilder(r);
    else b.addOlder(r);
  }
  return b ? b.result() : null;
}
