import type { Project } from '../model';
import type { StorageProblem } from './storageErrors';

/**
 * What the top bar shows about the open project's storage:
 * saved | saving | error (with the problem) | conflict (another tab saved while we had edits) |
 * deleted (by another tab).
 */
export type SaveState =
  | { state: 'saved' }
  | { state: 'saving' }
  | { state: 'error'; problem: StorageProblem }
  | { state: 'conflict'; theirs: Project; theirRev: number }
  /** Another tab deleted the project; this tab still holds it in memory. */
  | { state: 'deleted' };

let current: SaveState = { state: 'saved' };
const listeners = new Set<() => void>();

export const saveStatus = {
  get current(): SaveState {
    return current;
  },
  set(s: SaveState): void {
    if (s.state === current.state && s.state !== 'error' && s.state !== 'conflict') return;
    current = s;
    for (const l of listeners) l();
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
