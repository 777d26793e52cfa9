import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyProject, type Project } from '../model';
import { WaymarkDB, db, setDbForTests } from './db';
import { readJournal, writeJournal } from './journal';
import { closeProject, currentSession, openProject } from './openProject';
import { addProject, loadProject } from './projects';
import { projectStore } from './projectStore';
import { saveStatus } from './saveStatus';
import { TAB_ID } from './session';
import { resetTabSyncForTests } from './tabSync';

// In-memory localStorage for the crash journal (Node has none).
const mem = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => mem.get(k) ?? null,
  setItem: (k: string, v: string) => void mem.set(k, String(v)),
  removeItem: (k: string) => void mem.delete(k),
  clear: () => mem.clear(),
  key: (i: number) => [...mem.keys()][i] ?? null,
  get length() {
    return mem.size;
  },
} as Storage;

let n = 0;
const FAST = { delayMs: 20, retryMs: 20, maxRetryMs: 40 };
const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

async function stored(id: string) {
  return (await db().projects.get(id))!;
}

/** Another tab's save: a newer revision by another writer, plus its broadcast. */
async function otherTabSaves(p: Project, change: (p: Project) => void): Promise<number> {
  const row = await stored(p.id);
  const doc = structuredClone(row.doc);
  change(doc);
  const rev = row.rev + 1;
  await db().projects.put({ ...row, doc, rev, writer: 'tab_other', name: doc.meta.name });
  const bc = new BroadcastChannel('waymark-projects');
  bc.postMessage({ type: 'saved', projectId: p.id, rev, writer: 'tab_other' });
  bc.close();
  return rev;
}

beforeEach(async () => {
  setDbForTests(new WaymarkDB(`test-${n++}`));
  mem.clear();
});
afterEach(async () => {
  await closeProject();
  db().close();
});
afterAll(() => resetTabSyncForTests());

async function openNew(name = 'P'): Promise<Project> {
  const p = emptyProject(name);
  await addProject(p);
  const r = await openProject(p.id, FAST);
  expect(r.ok).toBe(true);
  return p;
}

describe('autosave', () => {
  it('stores an edit after the throttle, bumping the revision, written by this tab', async () => {
    const p = await openNew();
    projectStore.edit('rename', (d) => {
      d.meta.name = 'Renamed';
    });
    expect(saveStatus.current.state).toBe('saving');
    await until(() => saveStatus.current.state === 'saved');
    const row = await stored(p.id);
    expect(row.doc.meta.name).toBe('Renamed');
    expect(row.name).toBe('Renamed');
    expect(row.rev).toBe(2);
    expect(row.writer).toBe(TAB_ID);
  });

  it('throttles a burst of edits into few writes, the last edit winning', async () => {
    const p = await openNew();
    const put = vi.spyOn(db().projects, 'put');
    for (let i = 0; i < 30; i++)
      projectStore.edit(
        'type',
        (d) => {
          d.journey.goal += 'x';
        },
        { coalesceKey: 'goal' },
      );
    await currentSession()!.flush();
    expect(put.mock.calls.length).toBeLessThanOrEqual(2);
    expect((await stored(p.id)).doc.journey.goal).toBe('x'.repeat(30));
  });

  it('undo and redo are saved too', async () => {
    const p = await openNew('A');
    projectStore.edit('rename', (d) => {
      d.meta.name = 'B';
    });
    await currentSession()!.flush();
    projectStore.undo();
    await currentSession()!.flush();
    expect((await stored(p.id)).doc.meta.name).toBe('A');
  });

  it('close flushes what is pending', async () => {
    const p = await openNew();
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'summit';
    });
    await closeProject();
    expect((await stored(p.id)).doc.journey.goal).toBe('summit');
  });
});

describe('storage failures', () => {
  it('a quota error shows "could not save", keeps the document in memory, and retries until it works', async () => {
    const p = await openNew();
    const quota = Object.assign(new Error('Transaction aborted'), {
      name: 'AbortError',
      inner: Object.assign(new Error('The quota has been exceeded.'), {
        name: 'QuotaExceededError',
      }),
    });
    const put = vi
      .spyOn(db().projects, 'put')
      .mockRejectedValueOnce(quota)
      .mockRejectedValueOnce(quota);
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'keep me';
    });
    await until(() => saveStatus.current.state === 'error');
    const s = saveStatus.current;
    expect(s.state === 'error' && s.problem.kind).toBe('quota');
    expect(projectStore.current!.journey.goal).toBe('keep me');
    await until(() => saveStatus.current.state === 'saved');
    expect(put.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect((await stored(p.id)).doc.journey.goal).toBe('keep me');
  });

  it('a lost connection is reported as such and the save goes through after reopening', async () => {
    const p = await openNew();
    const lost = Object.assign(
      new Error('Connection to Indexed Database server lost. Refresh the page to try again'),
      { name: 'UnknownError' },
    );
    vi.spyOn(db().projects, 'put').mockRejectedValueOnce(lost);
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'after reconnect';
    });
    await until(() => saveStatus.current.state === 'error');
    const s = saveStatus.current;
    expect(s.state === 'error' && s.problem.kind).toBe('connection');
    await until(() => saveStatus.current.state === 'saved');
    expect((await stored(p.id)).doc.journey.goal).toBe('after reconnect');
  });
});

describe('two tabs', () => {
  it("takes another tab's save when it has no unsaved edits", async () => {
    const p = await openNew();
    await otherTabSaves(p, (d) => {
      d.journey.goal = 'from the other tab';
    });
    await until(() => projectStore.current!.journey.goal === 'from the other tab');
    expect(saveStatus.current.state).toBe('saved');
    // Our next edit builds on their revision: no conflict.
    projectStore.edit('rename', (d) => {
      d.meta.name = 'mine after theirs';
    });
    await currentSession()!.flush();
    const row = await stored(p.id);
    expect(row.doc.journey.goal).toBe('from the other tab');
    expect(row.doc.meta.name).toBe('mine after theirs');
    expect(row.rev).toBe(3);
  });

  it('both edited: a conflict, never a silent overwrite; "keep mine" then writes ours', async () => {
    const p = await openNew();
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'mine';
    });
    const theirRev = await otherTabSaves(p, (d) => {
      d.journey.goal = 'theirs';
    });
    await until(() => saveStatus.current.state === 'conflict');
    expect((await stored(p.id)).doc.journey.goal).toBe('theirs');
    const s = saveStatus.current;
    expect(s.state === 'conflict' && s.theirRev).toBe(theirRev);
    expect(s.state === 'conflict' && s.theirs.journey.goal).toBe('theirs');
    // Further edits while in conflict are not written either.
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'mine 2';
    });
    await currentSession()!.flush();
    expect((await stored(p.id)).doc.journey.goal).toBe('theirs');
    await currentSession()!.keepMine();
    expect(saveStatus.current.state).toBe('saved');
    const row = await stored(p.id);
    expect(row.doc.journey.goal).toBe('mine 2');
    expect(row.rev).toBe(theirRev + 1);
  });

  it('"take theirs" replaces the editor document and stores nothing of ours', async () => {
    const p = await openNew();
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'mine';
    });
    await otherTabSaves(p, (d) => {
      d.journey.goal = 'theirs';
    });
    await until(() => saveStatus.current.state === 'conflict');
    currentSession()!.takeTheirs();
    expect(projectStore.current!.journey.goal).toBe('theirs');
    await currentSession()!.flush();
    expect((await stored(p.id)).doc.journey.goal).toBe('theirs');
  });

  it('a project deleted elsewhere is not silently recreated', async () => {
    const p = await openNew();
    await db().projects.delete(p.id);
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'orphan';
    });
    await until(() => saveStatus.current.state === 'deleted');
    expect(await db().projects.get(p.id)).toBeUndefined();
    await currentSession()!.keepMine();
    expect((await stored(p.id)).doc.journey.goal).toBe('orphan');
  });
});

describe('crash journal', () => {
  it('replays edits that never reached IndexedDB', async () => {
    const p = emptyProject('J');
    await addProject(p);
    writeJournal(p.id, {
      baseRev: 1,
      at: 'now',
      doc: { ...p, journey: { ...p.journey, goal: 'unsaved' } },
    });
    const r = await openProject(p.id, FAST);
    expect(r.ok && r.recovered).toBe('applied');
    expect(projectStore.current!.journey.goal).toBe('unsaved');
    await until(() => saveStatus.current.state === 'saved' && readJournal(p.id) === null);
    expect((await stored(p.id)).doc.journey.goal).toBe('unsaved');
  });

  it('offers, but does not apply, a journal older than what is stored', async () => {
    const p = emptyProject('J');
    await addProject(p);
    await db().projects.update(p.id, { rev: 5 });
    writeJournal(p.id, {
      baseRev: 1,
      at: 'now',
      doc: { ...p, journey: { ...p.journey, goal: 'stale' } },
    });
    const r = await openProject(p.id, FAST);
    expect(r.ok && r.recovered).toBe('stale');
    expect(r.ok && r.staleDoc?.journey.goal).toBe('stale');
    expect(projectStore.current!.journey.goal).toBe('');
  });
});

describe('loading', () => {
  it('refuses a stored document that does not validate and changes nothing', async () => {
    const p = emptyProject('Bad');
    await db().projects.add({
      id: p.id,
      name: 'Bad',
      updatedAt: '',
      rev: 1,
      writer: 'x',
      doc: { ...p, health: { bands: [] } } as unknown as Project,
    });
    const r = await loadProject(p.id);
    expect(r.ok).toBe(false);
    expect(
      !r.ok && r.reason === 'invalid' && r.issues.some((i) => i.path.startsWith('$.health')),
    ).toBe(true);
    const o = await openProject(p.id);
    expect(o.ok).toBe(false);
    expect(projectStore.current).toBeNull();
    expect((await stored(p.id)).rev).toBe(1);
  });
});

describe('database upgraded by another tab', () => {
  it('journals the unsaved edits and stops retrying', async () => {
    const p = await openNew();
    const put = vi.spyOn(db().projects, 'put').mockRejectedValue(
      Object.assign(new Error('Database version changed by other database connection'), {
        name: 'VersionChangeError',
      }),
    );
    projectStore.edit('goal', (d) => {
      d.journey.goal = 'kept for the reload';
    });
    await until(() => saveStatus.current.state === 'error');
    const s = saveStatus.current;
    expect(s.state === 'error' && s.problem.kind).toBe('version');
    expect(readJournal(p.id)?.doc.journey.goal).toBe('kept for the reload');
    await new Promise((r) => setTimeout(r, 100));
    expect(put).toHaveBeenCalledTimes(1);
    put.mockRestore();
  });
});
