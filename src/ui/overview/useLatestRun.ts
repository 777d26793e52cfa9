import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RunRow } from '../../store/db';
import { listRuns } from '../../store/runStore';
import { resultsStore } from '../results/runState';

/** The project's newest stored run (null before the first), read again after every run. */
export function useLatestRun(projectId: string): { run: RunRow | null; loaded: boolean } {
  const results = useSyncExternalStore(resultsStore.subscribe, resultsStore.get);
  const [state, setState] = useState<{ run: RunRow | null; loaded: boolean }>({
    run: null,
    loaded: false,
  });
  useEffect(() => {
    let live = true;
    void listRuns(projectId).then(
      (runs) => live && setState({ run: runs[runs.length - 1] ?? null, loaded: true }),
      () => live && setState({ run: null, loaded: true }),
    );
    return () => {
      live = false;
    };
  }, [projectId, results.runs, results.outcome]);
  return state;
}
