import { useEffect } from 'react';
import type { ActiveDatasetState } from '../data/activeDataset';
import type { RunRow } from '../../store/db';
import { resultsStore, type RunOutcome } from './runState';
import { compileAhead } from './compileAhead';

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
  // While the dataset is still on its way (read in its worker after a reload), the run's
  // playbook is compiled once the dashboard is drawn and the page idle, not in the run's first
  // task beside the GC the dataset's arrival sets off (compileAhead.ts).
  const waiting =
    mine &&
    !outcome &&
    status === 'idle' &&
    !!lastRun?.playbook &&
    // Loading (or not yet asked for): no table yet. Not when there is none to wait for.
    (data.status === 'loading' || data.status === 'idle');
  const playbook = waiting ? lastRun?.playbook : undefined;
  const asOf = lastRun?.asOf;
  useEffect(() => {
    if (!playbook || !asOf) return;
    return compileAhead(playbook, asOf);
  }, [playbook, asOf]);
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
