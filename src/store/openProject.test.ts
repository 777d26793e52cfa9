import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyProject, type Project } from '../model';
import { setDbForTests, WaymarkDB } from './db';
import type { StoredJournal } from './journal';
import {
  closeProject,
  currentSession,
  discardJournal,
  openProject,
  planRecovery,
  restoreJournal,
} from './openProject';
import { projectStore } from './projectStore';
import { saveStatus } from './saveStatus';
import { MemoryStorage } from './testing/fakes';
import { makeTab, makeWorld, settle, until, type Tab, type World } from './testing/tabs';

const OPTS = { delayMs: 300, retryMs: 1000, maxRetryMs: 4000 };
let w: World;
let a: Tab;

beforeEach(() => {
  w = makeWorld();
  a = makeTab(w, 'tab_a');
});
afterEach(() => {
  w.db.close();
});

async function store(p: Project, rev = 1): Promise<void> {
  await w.db.projects.put({ id: p.id, name: p.meta.name, updatedAt: '', rev, writer: 'x', doc: p });
}
const row = async (id: string) => (await w.db.projects.get(id))!;
const withGoal = (p: Project, goal: string): Project => ({
  ...p,
  journey: { ...p.journey, goal },
});
function setGoal(t: Tab, goal: string) {
  t.doc.edit('goal', (d) => {
    d.journey.goal = goal;
  });
}
async function tick(ms: number, t: Tab = a) {
  w.clock.advance(ms);
  await settle(3);
  await t.opener.current?.idle();
}
const quota = () => Object.assign(new Error('quota'), { name: 'QuotaExceededError' });

/** A journal left by a tab that closed (written as the journal writes it). */
function leaveJournal(p: Project, tabId: string, baseRev: number, doc: unknown, at: string) {
  w.storage.setItem(
    `waymark.unsaved.${p.id}.${tabId}`,
    JSON.stringify({ projectId: p.id, tabId, baseRev, at, doc }),
  );
}

describe('planRecovery', () => {
  const p = emptyProject('P');
  const j = (tabId: string, baseRev: number, doc: unknown, at = '2026-01-01T00:00:00Z') =>
    ({ key: `k.${tabId}`, projectId: p.id, tabId, baseRev, at, doc }) as StoredJournal;
  const stored = { rev: 3, doc: p };

  it('replays the newest journal based on the stored revision and offers the rest', () => {
    const plan = planRecovery(
      [
        j('new', 3, withGoal(p, 'newest')),
        j('old', 3, withGoal(p, 'older')),
        j('x', 1, withGoal(p, 'x')),
      ],
      stored,
      new Set(),
    );
    expect(plan.apply?.journal.tabId).toBe('new');
    expect(plan.apply?.doc.journey.goal).toBe('newest');
    expect(plan.offer.map((o) => o.key)).toEqual(['k.old', 'k.x']);
    expect(plan.offer[1]).toMatchObject({
      baseRev: 1,
      newerVersion: null,
      at: '2026-01-01T00:00:00Z',
    });
    expect(plan.offer[1].doc?.journey.goal).toBe('x');
    expect(plan.drop).toEqual([]);
  });

  it('drops journals that hold exactly what is stored, whatever their base', () => {
    const plan = planRecovery([j('a', 3, p), j('b', 1, p)], stored, new Set());
    expect(plan).toEqual({ apply: null, offer: [], drop: ['k.a', 'k.b'] });
  });

  it('leaves the journals of live tabs alone', () => {
    const plan = planRecovery([j('live', 3, withGoal(p, 'busy'))], stored, new Set(['live']));
    expect(plan).toEqual({ apply: null, offer: [], drop: [] });
  });

  it('offers, never applies, a journal this build cannot read (with its version when newer)', () => {
    expect(
      planRecovery([j('s', 3, { ...p, schemaVersion: '7' })], stored, new Set()).offer[0]
        .newerVersion,
    ).toBeNull();
    const plan = planRecovery(
      [j('n', 3, { ...p, schemaVersion: 7 }), j('bad', 3, { nonsense: true })],
      stored,
      new Set(),
    );
    expect(plan.apply).toBeNull();
    expect(plan.offer.map((o) => [o.newerVersion, o.doc])).toEqual([
      [7, null],
      [null, null],
    ]);
    expect(plan.offer[0].raw).toEqual({ ...p, schemaVersion: 7 });
    expect(planRecovery([j('z', 3, null)], stored, new Set()).offer[0].newerVersion).toBeNull();
  });

  it('a journal based on a later revision than stored (database reset) is offered', () => {
    const plan = planRecovery([j('f', 4, withGoal(p, 'f'))], stored, new Set());
    expect(plan.apply).toBeNull();
    expect(plan.offer).toHaveLength(1);
  });
});

describe('opening', () => {
  it('reports a missing project and a stored document that does not validate (changing nothing)', async () => {
    expect(await a.opener.open('nope')).toEqual({ ok: false, reason: 'missing' });
    const p = emptyProject('Bad');
    await store({ ...p, health: { bands: [] } } as unknown as Project);
    const r = await a.opener.open(p.id);
    expect(r.ok === false && r.reason === 'invalid' && r.issues[0].path).toMatch(/^\$\.health/);
    expect(a.doc.current).toBeNull();
    expect(a.opener.current).toBeNull();
    expect((await row(p.id)).rev).toBe(1);
  });

  it('opens with a fresh session and the stored document; opening it again is a no-op', async () => {
    const p = emptyProject('P');
    await store(p, 4);
    const r = await a.opener.open(p.id, OPTS);
    expect(r).toEqual({ ok: true, project: p, recovered: 'none', offered: [] });
    const s = a.session();
    expect(s.rev).toBe(4);
    expect(s.projectId).toBe(p.id);
    expect(a.status.current.state).toBe('saved');
    const again = await a.opener.open(p.id, OPTS);
    expect(again).toEqual({ ok: true, project: p, recovered: 'none', offered: [] });
    expect(a.session()).toBe(s);
    // The editor lost the document (it should not): opening reads it again.
    a.doc.close();
    const reread = await a.opener.open(p.id, OPTS);
    expect(reread.ok && reread.project).toEqual(p);
    expect(a.doc.current).toEqual(p);
  });

  it('opening another project saves and closes the first', async () => {
    const p = emptyProject('P');
    const q = emptyProject('Q');
    await store(p);
    await store(q);
    await a.opener.open(p.id, OPTS);
    setGoal(a, 'p edit');
    const r = await a.opener.open(q.id, OPTS);
    expect(r.ok).toBe(true);
    expect((await row(p.id)).doc.journey.goal).toBe('p edit');
    expect(a.doc.current?.id).toBe(q.id);
    expect(a.session().projectId).toBe(q.id);
  });

  it('replays a journal nothing was stored after, stores it, then removes that journal', async () => {
    const p = emptyProject('J');
    await store(p);
    leaveJournal(p, 'tab_gone', 1, withGoal(p, 'unsaved'), '2026-01-01T00:00:00Z');
    const r = await a.opener.open(p.id, OPTS);
    expect(r.ok && r.recovered).toBe('applied');
    expect(r.ok && r.project.journey.goal).toBe('unsaved');
    expect(a.doc.current!.journey.goal).toBe('unsaved');
    expect(a.status.current.state).toBe('saving');
    expect(a.session().hasUnsaved).toBe(true);
    // Kept until stored.
    expect(w.storage.map.size).toBe(1);
    await tick(300);
    expect((await row(p.id)).doc.journey.goal).toBe('unsaved');
    expect(w.storage.map.size).toBe(0);
  });

  it('a journal identical to the stored document is removed quietly', async () => {
    const p = emptyProject('J');
    await store(p);
    leaveJournal(p, 'tab_gone', 1, p, 'x');
    const r = await a.opener.open(p.id, OPTS);
    expect(r.ok && r.recovered).toBe('none');
    expect(w.storage.map.size).toBe(0);
  });

  it('a live tab’s journal is neither applied nor offered nor removed; our own tab’s is ours', async () => {
    const p = emptyProject('J');
    await store(p);
    leaveJournal(p, 'tab_b', 1, withGoal(p, 'b is still editing'), 'x');
    w.live.add('tab_b');
    w.live.add('tab_a');
    let r = await a.opener.open(p.id, OPTS);
    expect(r).toMatchObject({ ok: true, recovered: 'none', offered: [] });
    expect(w.storage.map.size).toBe(1);
    await a.opener.close();
    leaveJournal(p, 'tab_a', 1, withGoal(p, 'mine from before'), 'y');
    r = await a.opener.open(p.id, OPTS);
    expect(r.ok && r.recovered).toBe('applied');
    expect(a.doc.current!.journey.goal).toBe('mine from before');
  });
});

describe('(F) an older journal is kept until the user restores or discards it', () => {
  async function openWithOlder() {
    const p = emptyProject('J');
    await store(p, 5);
    leaveJournal(p, 'tab_gone', 2, withGoal(p, 'older edits'), '2026-01-01T00:00:00Z');
    const r = await a.opener.open(p.id, OPTS);
    expect(r.ok).toBe(true);
    if (!r.ok) throw new Error('not opened');
    return { p, r, key: `waymark.unsaved.${p.id}.tab_gone` };
  }

  it('is offered, not applied, and survives saves, closing and reopening', async () => {
    const { p, r, key } = await openWithOlder();
    expect(r.recovered).toBe('none');
    expect(r.offered).toHaveLength(1);
    expect(r.offered[0]).toMatchObject({ key, baseRev: 2, newerVersion: null });
    expect(r.offered[0].doc?.journey.goal).toBe('older edits');
    expect(a.doc.current!.journey.goal).toBe('');
    setGoal(a, 'new work');
    await tick(300);
    expect((await row(p.id)).rev).toBe(6);
    expect(w.storage.getItem(key)).not.toBeNull();
    await a.opener.close();
    const again = await a.opener.open(p.id, OPTS);
    expect(again.ok && again.offered.map((o) => o.key)).toEqual([key]);
  });

  it('restore puts it in the editor as one undoable step, stores it, then removes it', async () => {
    const { p, key } = await openWithOlder();
    expect(a.opener.restoreJournal(key)).toBe(true);
    expect(a.doc.current!.journey.goal).toBe('older edits');
    expect(a.doc.undoLabel).toBe('restore');
    expect(w.storage.getItem(key)).not.toBeNull();
    await tick(300);
    expect((await row(p.id)).doc.journey.goal).toBe('older edits');
    expect(w.storage.getItem(key)).toBeNull();
    a.doc.undo();
    await tick(300);
    expect((await row(p.id)).doc.journey.goal).toBe('');
  });

  it('discard removes it and nothing else', async () => {
    const { p, key } = await openWithOlder();
    leaveJournal(p, 'tab_other', 2, withGoal(p, 'another'), '2025-01-01T00:00:00Z');
    a.opener.discardJournal(key);
    expect(w.storage.getItem(key)).toBeNull();
    expect(w.storage.map.size).toBe(1);
    expect(a.doc.current!.journey.goal).toBe('');
  });

  it('restore refuses a missing journal, another project’s, an unreadable one, or with nothing open', async () => {
    const { p } = await openWithOlder();
    expect(a.opener.restoreJournal('waymark.unsaved.none')).toBe(false);
    const q = emptyProject('Q');
    leaveJournal(q, 't', 1, q, 'x');
    expect(a.opener.restoreJournal(`waymark.unsaved.${q.id}.t`)).toBe(false);
    leaveJournal(p, 'n', 1, { ...p, schemaVersion: 9 }, 'x');
    expect(a.opener.restoreJournal(`waymark.unsaved.${p.id}.n`)).toBe(false);
    expect(a.doc.current!.journey.goal).toBe('');
    expect(a.session().hasUnsaved).toBe(false);
    await a.opener.close();
    expect(a.opener.restoreJournal(`waymark.unsaved.${p.id}.tab_gone`)).toBe(false);
  });
});

describe('closing', () => {
  async function openNew(): Promise<Project> {
    const p = emptyProject('P');
    await store(p);
    await a.opener.open(p.id, OPTS);
    return p;
  }

  it('stores what is pending and closes', async () => {
    const p = await openNew();
    setGoal(a, 'summit');
    expect(await a.opener.close()).toEqual({ closed: true });
    expect((await row(p.id)).doc.journey.goal).toBe('summit');
    expect(a.doc.current).toBeNull();
    expect(a.opener.current).toBeNull();
    expect(a.page.listening).toBe(0);
    expect(w.storage.map.size).toBe(0);
    expect(await a.opener.close()).toEqual({ closed: true });
  });

  it('(A) after a quota error it refuses, keeping the document in memory and in the journal', async () => {
    const p = await openNew();
    const q = emptyProject('Q');
    await store(q);
    vi.spyOn(w.db.projects, 'put').mockRejectedValue(quota());
    setGoal(a, 'unsaved on a full disk');
    await tick(300);
    const r = await a.opener.close();
    expect(r.closed).toBe(false);
    expect(!r.closed && r.state.state).toBe('error');
    expect(a.doc.current!.journey.goal).toBe('unsaved on a full disk');
    expect(a.opener.current).not.toBeNull();
    expect(a.session().journalKey).toBe(`waymark.unsaved.${p.id}.tab_a`);
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'unsaved on a full disk' },
    });
    expect(a.status.current.state).toBe('error');
    // Opening another project is refused the same way.
    const o = await a.opener.open(q.id, OPTS);
    expect(o.ok === false && o.reason).toBe('blocked');
    expect(a.doc.current!.id).toBe(p.id);
  });

  it('(A) the user exported: closing keeps the journal, and reopening replays it', async () => {
    const p = await openNew();
    const put = vi.spyOn(w.db.projects, 'put').mockRejectedValue(quota());
    setGoal(a, 'exported');
    await tick(300);
    w.storage.map.clear();
    expect(await a.opener.close('keep-journal')).toEqual({ closed: true });
    expect(a.doc.current).toBeNull();
    expect(a.status.current.state).toBe('saved');
    expect(w.clock.pending).toBe(0);
    expect(w.storage.map.size).toBe(1);
    put.mockRestore();
    const r = await a.opener.open(p.id, OPTS);
    expect(r.ok && r.recovered).toBe('applied');
    await tick(300);
    expect((await row(p.id)).doc.journey.goal).toBe('exported');
  });

  it('(A) the user discarded: closing drops the edits and their journal, storing nothing', async () => {
    const p = await openNew();
    const put = vi.spyOn(w.db.projects, 'put').mockRejectedValue(quota());
    setGoal(a, 'dropped');
    await tick(300);
    put.mockClear();
    expect(await a.opener.close('discard')).toEqual({ closed: true });
    expect(put).not.toHaveBeenCalled();
    expect(w.storage.map.size).toBe(0);
    expect((await row(p.id)).doc.journey.goal).toBe('');
    expect(a.doc.current).toBeNull();
  });

  it('a close that saves fine after an earlier error closes', async () => {
    const p = await openNew();
    vi.spyOn(w.db.projects, 'put').mockRejectedValueOnce(quota());
    setGoal(a, 'second try');
    await tick(300);
    expect(await a.opener.close()).toEqual({ closed: true });
    expect((await row(p.id)).doc.journey.goal).toBe('second try');
  });

  it('(B) during a conflict closing keeps both versions: theirs stored, mine in memory and journal', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    const r0 = await row(p.id);
    await w.db.projects.put({ ...r0, rev: 2, writer: 'tab_b', doc: withGoal(p, 'theirs') });
    w.hub.endpoint().post({ type: 'saved', projectId: p.id, rev: 2, writer: 'tab_b' });
    await until(() => a.status.current.state === 'conflict');
    const r = await a.opener.close();
    expect(!r.closed && r.state.state).toBe('conflict');
    expect((await row(p.id)).doc.journey.goal).toBe('theirs');
    expect(a.doc.current!.journey.goal).toBe('mine');
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'mine' },
    });
    // Even a forced close keeps mine (in the journal), offered at the next open.
    expect(await a.opener.close('keep-journal')).toEqual({ closed: true });
    const o = await a.opener.open(p.id, OPTS);
    expect(o.ok && o.project.journey.goal).toBe('theirs');
    expect(o.ok && o.offered.map((x) => x.doc?.journey.goal)).toEqual(['mine']);
  });

  it('closes and opens run one after another', async () => {
    const p = await openNew();
    const q = emptyProject('Q');
    await store(q);
    const order: string[] = [];
    await Promise.all([
      a.opener.close().then(() => order.push('close')),
      a.opener.open(q.id, OPTS).then(() => order.push('open q')),
      a.opener.open(p.id, OPTS).then(() => order.push('open p')),
    ]);
    expect(order).toEqual(['close', 'open q', 'open p']);
    expect(a.doc.current?.id).toBe(p.id);
  });

  it('a failing open does not wedge the queue', async () => {
    const p = await openNew();
    await a.opener.close();
    vi.spyOn(w.db.projects, 'get').mockRejectedValueOnce(new Error('boom'));
    await expect(a.opener.open(p.id, OPTS)).rejects.toThrow('boom');
    expect((await a.opener.open(p.id, OPTS)).ok).toBe(true);
  });
});

describe('the app’s opener (module functions over projectStore)', () => {
  it('opens, restores and discards journals, and closes', async () => {
    const d = new WaymarkDB('app-opener-test');
    setDbForTests(d);
    const p = emptyProject('App');
    await d.projects.put({ id: p.id, name: 'App', updatedAt: '', rev: 1, writer: 'x', doc: p });
    expect(currentSession()).toBeNull();
    const r = await openProject(p.id, { delayMs: 1 });
    expect(r.ok).toBe(true);
    expect(currentSession()?.projectId).toBe(p.id);
    expect(projectStore.current?.id).toBe(p.id);
    expect(restoreJournal('waymark.unsaved.none')).toBe(false);
    const ls = new MemoryStorage();
    vi.stubGlobal('localStorage', ls);
    ls.setItem('waymark.unsaved.gone.t', '{}');
    discardJournal('waymark.unsaved.gone.t');
    expect(ls.map.size).toBe(0);
    // A storage error: closing is refused until the user chooses.
    const put = vi.spyOn(d.projects, 'put').mockRejectedValue(quota());
    projectStore.edit('goal', (x) => {
      x.journey.goal = 'refused';
    });
    await currentSession()!.flush();
    expect(saveStatus.current.state).toBe('error');
    expect((await closeProject()).closed).toBe(false);
    expect(ls.map.size).toBe(1);
    put.mockRestore();
    await currentSession()!.retry();
    projectStore.edit('goal', (x) => {
      x.journey.goal = 'app';
    });
    expect(saveStatus.current.state).toBe('saving');
    expect(await closeProject()).toEqual({ closed: true });
    expect(currentSession()).toBeNull();
    expect(projectStore.current).toBeNull();
    expect((await d.projects.get(p.id))?.doc.journey.goal).toBe('app');
    d.close();
    setDbForTests(null);
    vi.unstubAllGlobals();
  });
});
