import type { Draft, Patch } from 'immer';
import type { Project } from '../model';
import { db as appDb, type WaymarkDB } from './db';
import { journal, type Journal } from './journal';
import { projectStore } from './projectStore';
import { saveStatus, type SaveStatusStore } from './saveStatus';
import { TAB_ID } from './session';
import { tabChannel, type TabChannel } from './tabSync';

/**
 * Everything a ProjectSession touches outside itself, passed in so tests drive it with a
 * manual clock, an in-memory channel and storage, and a second "tab" in the same process
 * (src/store/testing), the way tldraw tests its local sync client. The app uses the defaults.
 */
export interface Clock {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** The editor's document, as persistence sees it (projectStore in the app). */
export interface EditorDoc {
  readonly current: Project | null;
  onChange(l: (p: Project, patches: Patch[], source: string) => void): () => void;
  /** Open a document (a fresh history) / close it. */
  load(p: Project): void;
  close(): void;
  /** Replace the document with another tab's, dropping the history. */
  replace(p: Project): void;
  /** One undoable command (restoring a journal is one). */
  edit(label: string, recipe: (d: Draft<Project>) => void): boolean;
}

/** Page lifecycle: the tab hides or closes; the browser asks whether leaving is fine. */
export interface PageEvents {
  onHide(f: () => void): () => void;
  /** `block` answers "would closing the tab now lose edits?"; if so the browser asks first. */
  onBeforeUnload(block: () => boolean): () => void;
}

export const browserPage: PageEvents = {
  onHide(f) {
    if (typeof window === 'undefined') return () => {};
    const vis = () => document.visibilityState === 'hidden' && f();
    window.addEventListener('pagehide', f);
    document.addEventListener('visibilitychange', vis);
    return () => {
      window.removeEventListener('pagehide', f);
      document.removeEventListener('visibilitychange', vis);
    };
  },
  onBeforeUnload(block) {
    if (typeof window === 'undefined') return () => {};
    const h = (e: BeforeUnloadEvent) => {
      if (block()) e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  },
};

const TAB_LOCK = 'waymark.tab.';

/**
 * Each page holds a Web Lock named for its tab id for as long as it lives, so another tab can
 * tell a live tab's journal (leave it alone) from a closed tab's (recover it).
 */
export function holdTabLock(tabId: string): void {
  const locks = globalThis.navigator?.locks;
  if (!locks) return;
  void locks.request(TAB_LOCK + tabId, () => new Promise<void>(() => {})).catch(() => {});
}

export async function liveTabsFromLocks(): Promise<ReadonlySet<string>> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return new Set();
  try {
    const q = await locks.query();
    const names = (q.held ?? []).map((l) => l.name ?? '');
    return new Set(
      names.filter((n) => n.startsWith(TAB_LOCK)).map((n) => n.slice(TAB_LOCK.length)),
    );
  } catch {
    return new Set();
  }
}

export interface PersistDeps {
  db: () => WaymarkDB;
  doc: EditorDoc;
  status: SaveStatusStore;
  journal: Journal;
  channel: TabChannel;
  clock: Clock;
  page: PageEvents;
  tabId: string;
  /** Tab ids of the pages open now (their journals are not theirs to recover). */
  liveTabs: () => Promise<ReadonlySet<string>>;
}

export function appDeps(over: Partial<PersistDeps> = {}): PersistDeps {
  return {
    db: appDb,
    doc: projectStore,
    status: saveStatus,
    journal,
    channel: tabChannel,
    clock: systemClock,
    page: browserPage,
    tabId: TAB_ID,
    liveTabs: liveTabsFromLocks,
    ...over,
  };
}
