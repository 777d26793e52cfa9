import { useEffect } from 'react';
import type { ActiveDatasetState } from '../data/activeDataset';
import type { RunRow } from '../../store/db';
import { resultsStore, type RunOutcome } from './runState';

/**
 * Coming back to a stored run (Results, the journey map): score the same dataset again with the
 * run's OWN playbook and date (never the project's current model), not stored again, so every
 * number can be explained. A run stored without its playbook cannot be re-derived: it is only
 * described. `mine`: the results store holds this project.
 */
export function useRederiveLastRun(opts: {
  projectId: string;
  mine: boolean;
  outcome: RunOutcome | null;
  status: string;
  lastRun: RunRow | undefined;
  data: ActiveDatasetState;
}): void {
  const { projectId, mine, outcome, status, lastRun, data } = opts;
  useEffect(() => {
    if (
      !mine ||
      outcome ||
      status !== 'idle' ||
      !lastRun?.playbook ||
      !data.table ||
      !data.meta ||
      lastRun.datasetId !== data.meta.id
    )
      return;
    const request = {
      projectId,
      playbook: lastRun.playbook,
      asOf: lastRun.asOf,
      table: data.table,
      datasetId: data.meta.id,
      store: false,
      runId: lastRun.id,
      // The worker reads the stored dataset itself: the page's copy is not sent to it.
      readTable: true,
    };
    // Started in a task of its own, not in the effects' flush: that flush follows the dataset's
    // arrival, and starting the run (the playbook compiled, the scoring worker made, the store's
    // update drawn) in it made one task of both (~50 ms of the page in a profile with one hog).
    const timer = setTimeout(() => void resultsStore.run(request), 0);
    return () => clearTimeout(timer);
  }, [mine, outcome, status, lastRun, data.table, data.meta, projectId]);
}
