import type { Project } from '../model';

/**
 * Crash journal: when the tab is hidden or closed with edits not yet in IndexedDB, the document
 * goes to localStorage synchronously (an IndexedDB write started in `pagehide` may never
 * finish). On the next open the journal is replayed if nothing newer was stored meanwhile.
 */
export interface JournalEntry {
  baseRev: number;
  at: string;
  doc: Project;
}

const key = (id: string) => `waymark.unsaved.${id}`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function writeJournal(id: string, entry: JournalEntry): boolean {
  try {
    storage()?.setItem(key(id), JSON.stringify(entry));
    return true;
  } catch {
    return false; // full or blocked: nothing more can be done synchronously
  }
}

export function readJournal(id: string): JournalEntry | null {
  try {
    const s = storage()?.getItem(key(id));
    if (!s) return null;
    const e = JSON.parse(s) as JournalEntry;
    return typeof e?.baseRev === 'number' && e.doc ? e : null;
  } catch {
    return null;
  }
}

export function clearJournal(id: string): void {
  try {
    storage()?.removeItem(key(id));
  } catch {
    /* ignore */
  }
}
