import { WaymarkDB } from '../db';
import { Journal } from '../journal';
import { ProjectOpener } from '../openProject';
import type { PersistDeps } from '../persistDeps';
import type { ProjectSession } from '../persistence';
import { createSaveStatus, type SaveStatusStore } from '../saveStatus';
import { ChannelHub, DocStore, FakePage, ManualClock, MemoryStorage } from './fakes';

/**
 * A simulated browser profile (one IndexedDB, one localStorage, one BroadcastChannel, one
 * clock) in which tests open any number of tabs. Needs fake-indexeddb.
 */
export interface World {
  db: WaymarkDB;
  hub: ChannelHub;
  storage: MemoryStorage;
  clock: ManualClock;
  /** Tab ids the "Web Locks" report as open. */
  live: Set<string>;
}

let n = 0;
export function makeWorld(): World {
  return {
    db: new WaymarkDB(`persist-test-${n++}`),
    hub: new ChannelHub(),
    storage: new MemoryStorage(),
    clock: new ManualClock(),
    live: new Set(),
  };
}

export interface Tab {
  id: string;
  db: WaymarkDB;
  doc: DocStore;
  status: SaveStatusStore;
  page: FakePage;
  journal: Journal;
  opener: ProjectOpener;
  deps: PersistDeps;
  /** The open session (throws when none). */
  session(): ProjectSession;
}

/** `ownConnection`: the tab opens the database itself, as a real second tab does. */
export function makeTab(w: World, id: string, ownConnection = false): Tab {
  const conn = ownConnection ? new WaymarkDB(w.db.name) : w.db;
  const doc = new DocStore();
  const status = createSaveStatus();
  const page = new FakePage();
  const journal = new Journal(() => w.storage);
  const deps: PersistDeps = {
    db: () => conn,
    doc,
    status,
    journal,
    channel: w.hub.endpoint(),
    clock: w.clock,
    page,
    tabId: id,
    liveTabs: async () => w.live,
  };
  const opener = new ProjectOpener(deps);
  return {
    id,
    db: conn,
    doc,
    status,
    page,
    journal,
    opener,
    deps,
    session() {
      const s = opener.current;
      if (!s) throw new Error(`tab ${id} has no open project`);
      return s;
    },
  };
}

/** Let queued IndexedDB work and channel messages run (macrotasks), without moving the clock. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Settle until cond holds (bounded: no real timers involved). */
export async function until(cond: () => boolean | Promise<boolean>, rounds = 2000): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('condition never held');
}
