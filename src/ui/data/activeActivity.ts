import type { ActivitySetRow } from '../../store/db';
import type { AccountTable } from '../../table/columns';
import type { ActivityData } from '../../table/activity';
import { listActivitySets, loadActivitySet } from '../../store/activityStore';
import { linkStoredEvents } from '../../data/activity/stored';
import { onDemoSeeded } from '../../store/demoSeed';

/**
 * The open project's imported activity: the stored sets (Data view), and on demand their events
 * linked to the loaded account table (expression previews). An external store, like
 * activeDataset, so every view shares one copy.
 */
export interface ActiveActivityState {
  projectId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  sets: ActivitySetRow[];
  /** Linked events per source, for `linkedFor` (set ids + the table they were linked to). */
  linked: { key: string; table: AccountTable; data: ActivityData } | null;
  error?: string;
}

let state: ActiveActivityState = { projectId: null, status: 'idle', sets: [], linked: null };
const listeners = new Set<() => void>();
let token = 0;
let linking: string | null = null;

function set(next: ActiveActivityState) {
  state = next;
  for (const l of listeners) l();
}

export const activeActivity = {
  get: (): ActiveActivityState => state,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  ensure(projectId: string): void {
    if (state.projectId === projectId && state.status !== 'idle' && state.status !== 'error')
      return;
    void activeActivity.reload(projectId);
  },
  async reload(projectId: string): Promise<void> {
    const my = ++token;
    set({ projectId, status: 'loading', sets: [], linked: null });
    try {
      const sets = await listActivitySets(projectId);
      if (my === token) set({ projectId, status: 'ready', sets, linked: null });
    } catch (e) {
      if (my === token)
        set({
          projectId,
          status: 'error',
          sets: [],
          linked: null,
          error: e instanceof Error ? e.message : String(e),
        });
    }
  },
  /**
   * The stored events linked to `table` (loaded once per table and set of imports); null until
   * loaded — the caller re-renders through subscribe.
   */
  linkedFor(table: AccountTable, accountKey: string): ActivityData | null {
    const key = state.sets.map((s) => s.id).join(',') + '|' + accountKey;
    if (state.linked && state.linked.key === key && state.linked.table === table)
      return state.linked.data;
    if (state.status !== 'ready' || linking === key) return null;
    linking = key;
    const my = token;
    void (async () => {
      try {
        const data: ActivityData = {};
        for (const s of state.sets) {
          const loaded = await loadActivitySet(s.id);
          if (loaded)
            data[s.source] = linkStoredEvents(
              s.source,
              loaded.events,
              table,
              accountKey,
              s.files.map((f) => f.name),
            ).table;
        }
        if (my === token) set({ ...state, linked: { key, table, data } });
      } finally {
        linking = null;
      }
    })();
    return null;
  },
};

onDemoSeeded((projectId) => {
  if (state.projectId === projectId) void activeActivity.reload(projectId);
});
