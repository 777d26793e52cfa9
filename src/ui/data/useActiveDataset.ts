import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useOpenProject } from '../common/useProject';
import type { AccountTable } from '../../table/columns';
import { activeDataset, type ActiveDatasetState } from './activeDataset';

/** Loading state and metadata of the open project's dataset (data and results views). */
export function useActiveDatasetState(): ActiveDatasetState {
  const project = useOpenProject();
  const projectId = project?.id ?? null;
  const s = useSyncExternalStore(activeDataset.subscribe, activeDataset.get);
  useEffect(() => {
    if (projectId) activeDataset.ensure(projectId);
  }, [projectId]);
  // The same object while nothing changed, so a caller may defer it (useDeferredValue).
  const pending = useMemo<ActiveDatasetState>(
    () => ({ projectId, status: projectId ? 'loading' : 'idle', meta: null, table: null }),
    [projectId],
  );
  return s.projectId === projectId ? s : pending;
}

/**
 * The open project's current dataset as an AccountTable, or null while loading / when the
 * project has none. Editors use it for live "N accounts match" previews.
 */
export function useActiveDataset(): AccountTable | null {
  return useActiveDatasetState().table;
}
