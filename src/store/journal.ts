import type { Project } from '../model';

/**
 * Crash journal: when the tab is hidden or closed with edits not yet in IndexedDB, or when
 * IndexedDB refuses them, the document goes to localStorage synchronously (an IndexedDB write
 * started in `pagehide` may never finish).
 *
 * Each tab (page session) writes under its own key, `waymark.unsaved.<project>.<tab>`, and
 * removes only its own (and those it adopted): one tab's save never deletes another tab's
 * journal. Journals are read back when the project opens (see openProject.ts).
 */
export interface JournalEntry {
  baseRev: number;
  /** ISO time of the write. */
  at: string;
  doc: Project;
}

/** A journal as found in storage; `doc` is raw (it may come from another build). */
export interface StoredJournal {
  key: string;
  projectId: string;
  tabId: string;
  baseRev: number;
  at: string;
  doc: unknown;
}

export type JournalWrite = { ok: true } | { ok: false; detail: string };

/** The part of the Web Storage API the journal uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key'> & {
  readonly length: number;
};

export const JOURNAL_PREFIX = 'waymark.unsaved.';

function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
    // Stryker disable next-line BlockStatement: undefined and null both read as "no storage"
  } catch {
    return null; // blocked (e.g. third-party storage disabled)
  }
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

function parse(key: string, text: string | null): StoredJournal | null {
  try {
    // "null", "" and non-JSON all end in the catch or the shape check.
    const e = JSON.parse(text ?? '') as Partial<StoredJournal>;
    if (typeof e.baseRev !== 'number' || e.doc === undefined) return null;
    // Builds before per-tab keys wrote `waymark.unsaved.<project>` with no ids in the entry.
    const projectId =
      typeof e.projectId === 'string' ? e.projectId : key.slice(JOURNAL_PREFIX.length);
    const tabId = typeof e.tabId === 'string' ? e.tabId : '';
    const at = typeof e.at === 'string' ? e.at : '';
    return { key, projectId, tabId, baseRev: e.baseRev, at, doc: e.doc };
  } catch {
    return null;
  }
}

export class Journal {
  constructor(private readonly storage: () => KeyValueStorage | null = browserStorage) {}

  keyOf(projectId: string, tabId: string): string {
    return `${JOURNAL_PREFIX}${projectId}.${tabId}`;
  }

  /** Write this tab's journal of a project; says why not when storage refuses (full, blocked). */
  write(projectId: string, tabId: string, entry: JournalEntry): JournalWrite {
    const s = this.storage();
    if (!s) return { ok: false, detail: 'localStorage is not available' };
    try {
      s.setItem(this.keyOf(projectId, tabId), JSON.stringify({ projectId, tabId, ...entry }));
      return { ok: true };
    } catch (e) {
      return { ok: false, detail: describe(e) };
    }
  }

  /** Every tab's journal of a project, newest first. */
  list(projectId: string): StoredJournal[] {
    const out: StoredJournal[] = [];
    try {
      const s = this.storage();
      // Stryker disable next-line ConditionalExpression,EqualityOperator: without storage the loop throws into the catch, and key(length) is null, with the same result
      for (let i = 0; s && i < s.length; i++) {
        const k = s.key(i) ?? '';
        if (!k.startsWith(JOURNAL_PREFIX)) continue;
        const j = parse(k, s.getItem(k));
        if (j?.projectId === projectId) out.push(j);
      }
    } catch {
      return [];
    }
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }

  read(key: string): StoredJournal | null {
    try {
      // Stryker disable next-line OptionalChaining: without storage the catch answers the same
      return parse(key, this.storage()?.getItem(key) ?? null);
    } catch {
      return null;
    }
  }

  remove(key: string): void {
    try {
      // Stryker disable next-line OptionalChaining: without storage the catch answers the same
      this.storage()?.removeItem(key);
    } catch {
      /* blocked storage: nothing was written there either */
    }
  }
}

/** The page's journal, over localStorage. */
export const journal = new Journal();
