import type { Project } from '../model';
import type { StorageProblem } from './storageErrors';

/**
 * What the top bar shows about the open project's storage:
 * saved | saving | error (with the problem) | conflict (another tab saved while we had edits) |
 * deleted (by another tab) | unreadable (another tab stored a document this build cannot read).
 */
export type SaveState =
  | { state: 'saved' }
  | { state: 'saving' }
  | { state: 'error'; problem: StorageProblem }
  | { state: 'conflict'; theirs: Project; theirRev: number }
  /** Another tab deleted the project; this tab still holds it in memory. */
  | { state: 'deleted' }
  /**
   * The stored revision cannot be read by this build (`newerVersion`: its schema version, when
   * a newer Waymark wrote it). It is never overwritten; `theirRaw` is offered for export.
   */
  | { state: 'unreadable'; theirRev: number; theirRaw: unknown; newerVersion: number | null };

export type SaveStateName = SaveState['state'];

export interface SaveStatusStore {
  readonly current: SaveState;
  set(s: SaveState): void;
  /** Why the crash journal (localStorage) could not be written, or null when it could. */
  readonly journalProblem: string | null;
  setJournalProblem(detail: string | null): void;
  subscribe(l: () => void): () => void;
}

/** States that carry data, so a new value of the same state is still news. */
const CARRIES_DATA: ReadonlySet<SaveStateName> = new Set(['error', 'conflict', 'unreadable']);

export function createSaveStatus(): SaveStatusStore {
  let current: SaveState = { state: 'saved' };
  let journalProblem: string | null = null;
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of listeners) l();
  };
  return {
    get current() {
      return current;
    },
    set(s) {
      if (s.state === current.state && !CARRIES_DATA.has(s.state)) return;
      current = s;
      emit();
    },
    get journalProblem() {
      return journalProblem;
    },
    setJournalProblem(detail) {
      if (detail === journalProblem) return;
      journalProblem = detail;
      emit();
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** The page's save status (one open project per page). */
export const saveStatus: SaveStatusStore = createSaveStatus();
