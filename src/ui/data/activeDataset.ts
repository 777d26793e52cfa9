import type { DatasetRow } from '../../store/db';
import type { AccountTable } from '../../table/columns';
import { latestDatasetMeta } from '../../store/datasets';
import { loadDatasetInWorker } from '../../workers/datasetClient';
import { onDemoSeeded } from '../../store/demoSeed';
import { prepareRelease, releaseOnHide, RELEASE_MIN_ROWS } from '../../workers/releaseOnHide';

/**
 * The open project's current dataset, loaded once from IndexedDB and shared by every view
 * (data, results, editors' live previews). An external store so React reads it with
 * useSyncExternalStore and non-React code (workers' callers) can set it after an import.
 */
export interface ActiveDatasetState {
  projectId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'none' | 'error';
  meta: DatasetRow | null;
  table: AccountTable | null;
  error?: string;
}

let state: ActiveDatasetState = { projectId: null, status: 'idle', meta: null, table: null };
const listeners = new Set<() => void>();
let loadToken = 0;
/** Stops the dataset worker of a load that was overtaken. */
let cancelLoad: (() => void) | null = null;

// A big dataset's columns are freed off the main thread when the page goes (releaseOnHide.ts).
releaseOnHide(() => state.table);

function set(next: ActiveDatasetState) {
  state = next;
  if (next.table && next.table.rowCount >= RELEASE_MIN_ROWS) prepareRelease();
  for (const l of listeners) l();
}

export const activeDataset = {
  get: (): ActiveDatasetState => state,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** Load the project's newest dataset unless it is already loaded or loading. */
  ensure(projectId: string): void {
    if (state.projectId === projectId && state.status !== 'idle' && state.status !== 'error')
      return;
    void activeDataset.reload(projectId);
  },
  async reload(projectId: string): Promise<void> {
    const token = ++loadToken;
    cancelLoad?.();
    cancelLoad = null;
    set({ projectId, status: 'loading', meta: null, table: null });
    try {
      const meta = await latestDatasetMeta(projectId);
      if (token !== loadToken) return;
      if (!meta) return set({ projectId, status: 'none', meta: null, table: null });
      // Read in a worker: the page receives the columns, not IndexedDB's replies to decode.
      const job = loadDatasetInWorker(meta.id);
      cancelLoad = job.cancel;
      const loaded = await job.promise;
      if (token !== loadToken) return;
      cancelLoad = null;
      set(
        loaded
          ? { projectId, status: 'ready', meta: loaded.meta, table: loaded.table }
          : { projectId, status: 'none', meta: null, table: null },
      );
    } catch (e) {
      if (token === loadToken)
        set({
          projectId,
          status: 'error',
          meta: null,
          table: null,
          error: e instanceof Error ? e.message : String(e),
        });
    }
  },
  /** After an import was stored: show it without reading it back. */
  setLoaded(projectId: string, meta: DatasetRow, table: AccountTable): void {
    loadToken++;
    cancelLoad?.();
    cancelLoad = null;
    set({ projectId, status: 'ready', meta, table });
  },
};

// The demo dataset is seeded in the background on first run: pick it up if the view got there first.
onDemoSeeded((projectId) => {
  const s = activeDataset.get();
  if (s.projectId === projectId && (s.status === 'none' || s.status === 'loading'))
    void activeDataset.reload(projectId);
});
