import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyProject, type Project } from '../model';
import type { ProjectRow } from './db';
import { ProjectSession } from './persistence';
import { makeTab, makeWorld, settle, until, type Tab, type World } from './testing/tabs';

// Persistence with everything outside it injected: a manual clock (no real timers), an
// in-memory channel between simulated tabs, an in-memory localStorage, fake-indexeddb.

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

async function store(p: Project, rev = 1, writer = 'tab_seed'): Promise<void> {
  await w.db.projects.put({ id: p.id, name: p.meta.name, updatedAt: '', rev, writer, doc: p });
}
const row = async (id: string) => (await w.db.projects.get(id)) as ProjectRow;

async function openIn(t: Tab, p: Project): Promise<ProjectSession> {
  const r = await t.opener.open(p.id, OPTS);
  expect(r.ok).toBe(true);
  return t.session();
}

async function openNew(name = 'P'): Promise<Project> {
  const p = emptyProject(name);
  await store(p);
  await openIn(a, p);
  return p;
}

function setGoal(t: Tab, goal: string) {
  t.doc.edit('goal', (d) => {
    d.journey.goal = goal;
  });
}

/** Fire the due timers, then let the write they start finish. */
async function tick(ms: number, t: Tab = a) {
  w.clock.advance(ms);
  await settle(3);
  await t.opener.current?.idle();
}

const quota = () =>
  Object.assign(new Error('Transaction aborted'), {
    name: 'AbortError',
    inner: Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }),
  });

/** Another tab stores a revision (raw document) and says so on the channel. */
async function otherTabStores(id: string, doc: unknown): Promise<number> {
  const r = await row(id);
  const rev = r.rev + 1;
  await w.db.projects.put({ ...r, doc: doc as Project, rev, writer: 'tab_other' });
  w.hub.endpoint().post({ type: 'saved', projectId: id, rev, writer: 'tab_other' });
  return rev;
}

describe('autosave', () => {
  it('stores an edit once the throttle has passed, as a new revision by this tab', async () => {
    const p = await openNew();
    expect(a.status.current.state).toBe('saved');
    setGoal(a, 'summit');
    expect(a.status.current.state).toBe('saving');
    expect(a.session().hasUnsaved).toBe(true);
    expect(a.session().blocked).toBeNull(); // saving is not blocked
    expect(w.clock.pending).toBe(1);
    await tick(299);
    expect((await row(p.id)).rev).toBe(1);
    await tick(1);
    const r = await row(p.id);
    expect(r.doc.journey.goal).toBe('summit');
    expect(r.name).toBe('P');
    expect(r.rev).toBe(2);
    expect(r.writer).toBe('tab_a');
    expect(r.updatedAt).toBe(new Date(w.clock.now()).toISOString());
    expect(a.session().rev).toBe(2);
    expect(a.status.current.state).toBe('saved');
    expect(a.session().hasUnsaved).toBe(false);
    expect(w.hub.sent).toContainEqual({ type: 'saved', projectId: p.id, rev: 2, writer: 'tab_a' });
  });

  it('uses a 300 ms throttle when none is given', async () => {
    const p = emptyProject('D');
    await store(p);
    await a.opener.open(p.id);
    setGoal(a, 'x');
    await tick(299);
    expect((await row(p.id)).rev).toBe(1);
    await tick(1);
    expect((await row(p.id)).rev).toBe(2);
  });

  it('turns a burst of edits into one write, the last edit winning', async () => {
    const p = await openNew();
    const put = vi.spyOn(w.db.projects, 'put');
    for (let i = 1; i <= 30; i++) setGoal(a, 'x'.repeat(i));
    expect(w.clock.pending).toBe(1);
    await tick(300);
    expect(put).toHaveBeenCalledTimes(1);
    expect((await row(p.id)).doc.journey.goal).toBe('x'.repeat(30));
  });

  it('an edit made while a save runs is stored by a following save', async () => {
    const p = await openNew();
    const put = vi.spyOn(w.db.projects, 'put');
    setGoal(a, 'one');
    w.clock.advance(300);
    await until(() => put.mock.calls.length === 1);
    expect(a.session().hasUnsaved).toBe(true); // nothing dirty, but a write in flight
    setGoal(a, 'two'); // the first write is in flight
    await a.session().idle();
    expect((await row(p.id)).doc.journey.goal).toBe('one');
    expect(a.status.current.state).toBe('saving');
    await tick(300);
    expect((await row(p.id)).doc.journey.goal).toBe('two');
    expect(a.status.current.state).toBe('saved');
  });

  it('undo is an edit like any other', async () => {
    const p = await openNew('A');
    setGoal(a, 'B');
    await a.session().flush();
    a.doc.undo();
    await a.session().flush();
    expect((await row(p.id)).doc.journey.goal).toBe('');
  });

  it('flush with nothing pending writes nothing', async () => {
    await openNew();
    const put = vi.spyOn(w.db.projects, 'put');
    await a.session().flush();
    expect(put).not.toHaveBeenCalled();
  });

  it('ignores documents of another project and stops listening when stopped', async () => {
    const p = await openNew();
    const s = a.session();
    a.doc.replace({ ...emptyProject('other'), id: 'other' });
    expect(s.hasUnsaved).toBe(false);
    a.doc.replace((await row(p.id)).doc);
    await s.stop();
    expect(a.page.listening).toBe(0);
    setGoal(a, 'after stop');
    expect(s.hasUnsaved).toBe(false);
    expect(w.clock.pending).toBe(0);
    s.markDirty();
    expect(w.clock.pending).toBe(0);
    expect(() => s.detach()).not.toThrow();
  });

  it('markDirty stores the document as it is (a recovered journal)', async () => {
    const p = await openNew();
    a.session().markDirty();
    expect(a.status.current.state).toBe('saved');
    expect(a.session().blocked).toBeNull();
    await tick(300);
    expect((await row(p.id)).rev).toBe(2);
  });

  it('never journals or stores another project’s document, nor one after closing', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    const other = { ...emptyProject('Other'), id: 'other' };
    a.doc.replace(other);
    a.session().journalNow();
    await a.session().flush();
    expect(w.storage.map.size).toBe(0);
    expect(await w.db.projects.get('other')).toBeUndefined();
    expect((await row(p.id)).rev).toBe(1);
    a.doc.close();
    a.session().journalNow();
    await a.session().flush();
    expect(w.storage.map.size).toBe(0);
  });

  it('journals when the tab hides, then stores and drops the journal', async () => {
    const p = await openNew();
    setGoal(a, 'hidden');
    a.page.hide();
    const j = a.journal.read(a.session().journalKey);
    expect(j?.doc).toMatchObject({ journey: { goal: 'hidden' } });
    expect(j?.baseRev).toBe(1);
    expect(j?.tabId).toBe('tab_a');
    expect(j?.projectId).toBe(p.id);
    expect(j?.at).toBe(new Date(w.clock.now()).toISOString());
    await settle();
    await a.session().idle();
    expect((await row(p.id)).doc.journey.goal).toBe('hidden');
    expect(w.storage.map.size).toBe(0);
  });

  it('hiding with nothing unsaved writes no journal', async () => {
    await openNew();
    a.page.hide();
    expect(w.storage.map.size).toBe(0);
  });
});

describe('storage failures (A, E)', () => {
  it('a quota error keeps the document, journals it, blocks closing, and retries with backoff', async () => {
    const p = await openNew();
    const put = vi
      .spyOn(w.db.projects, 'put')
      .mockRejectedValueOnce(quota())
      .mockRejectedValueOnce(quota())
      .mockRejectedValueOnce(quota())
      .mockRejectedValueOnce(quota());
    const close = vi.spyOn(w.db, 'close');
    setGoal(a, 'keep me');
    await tick(300);
    const s = a.status.current;
    expect(s.state === 'error' && s.problem.kind).toBe('quota');
    expect(close).not.toHaveBeenCalled(); // only a lost connection is reopened
    expect(a.doc.current!.journey.goal).toBe('keep me');
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'keep me' },
    });
    expect(a.session().blocked).toEqual(s);
    expect(a.page.leaving()).toBe(true);
    // Backoff: 1 s, 2 s, 4 s, then capped at 4 s.
    await tick(999);
    expect(put).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(put).toHaveBeenCalledTimes(2);
    await tick(1999);
    expect(put).toHaveBeenCalledTimes(2);
    await tick(1);
    expect(put).toHaveBeenCalledTimes(3);
    await tick(3999);
    expect(put).toHaveBeenCalledTimes(3);
    await tick(1);
    expect(put).toHaveBeenCalledTimes(4);
    await tick(3999);
    expect(put).toHaveBeenCalledTimes(4);
    await tick(1);
    expect(put).toHaveBeenCalledTimes(5);
    expect(a.status.current.state).toBe('saved');
    expect((await row(p.id)).doc.journey.goal).toBe('keep me');
    expect(w.storage.map.size).toBe(0);
    expect(a.session().blocked).toBeNull();
    expect(a.page.leaving()).toBe(false);
  });

  it('an edit during the error is journaled on the next attempt; retry() tries now with a fresh backoff', async () => {
    const p = await openNew();
    vi.spyOn(w.db.projects, 'put').mockRejectedValueOnce(quota()).mockRejectedValueOnce(quota());
    setGoal(a, 'one');
    await tick(300);
    setGoal(a, 'two');
    await a.session().retry();
    expect(a.status.current.state).toBe('error');
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({ journey: { goal: 'two' } });
    await tick(999);
    expect((await row(p.id)).rev).toBe(1);
    await tick(1);
    expect((await row(p.id)).doc.journey.goal).toBe('two');
  });

  it('uses a 1 s first retry and a 30 s cap when none is given', async () => {
    const p = emptyProject('D');
    await store(p);
    await a.opener.open(p.id, { delayMs: 1 });
    const put = vi.spyOn(w.db.projects, 'put');
    for (let i = 0; i < 7; i++) put.mockRejectedValueOnce(quota());
    setGoal(a, 'x');
    await tick(1);
    // 1, 2, 4, 8, 16, 30, 30 s
    for (const [wait, calls] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
      [8000, 5],
      [16000, 6],
      [30000, 7],
    ]) {
      await tick(wait - 1);
      expect(put).toHaveBeenCalledTimes(calls - 1);
      await tick(1);
      expect(put).toHaveBeenCalledTimes(calls);
    }
    await tick(29999);
    expect(put).toHaveBeenCalledTimes(7);
    await tick(1);
    expect(put).toHaveBeenCalledTimes(8);
  });

  it('a lost connection is reported as such; the database is reopened and the save goes through', async () => {
    const p = await openNew();
    const lost = Object.assign(new Error('Connection to Indexed Database server lost.'), {
      name: 'UnknownError',
    });
    vi.spyOn(w.db.projects, 'put').mockRejectedValueOnce(lost);
    const close = vi.spyOn(w.db, 'close');
    const open = vi.spyOn(w.db, 'open');
    setGoal(a, 'after reconnect');
    await tick(300);
    const s = a.status.current;
    expect(s.state === 'error' && s.problem.kind).toBe('connection');
    expect(close).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledTimes(1);
    expect(a.session().blocked?.state).toBe('error');
    await tick(1000);
    expect((await row(p.id)).doc.journey.goal).toBe('after reconnect');
  });

  it('a reopen that fails too still retries', async () => {
    const p = await openNew();
    const lost = Object.assign(new Error('x'), { name: 'DatabaseClosedError' });
    vi.spyOn(w.db.projects, 'put').mockRejectedValueOnce(lost);
    vi.spyOn(w.db, 'open').mockRejectedValueOnce(lost);
    setGoal(a, 'later');
    await tick(300);
    expect(a.status.current.state).toBe('error');
    await tick(1000); // still closed: reported as a lost connection, reopened
    const s = a.status.current;
    expect(s.state === 'error' && s.problem.kind).toBe('connection');
    await tick(2000);
    expect((await row(p.id)).doc.journey.goal).toBe('later');
  });

  it('a database upgraded by a newer tab: journaled, no retry', async () => {
    const p = await openNew();
    const put = vi
      .spyOn(w.db.projects, 'put')
      .mockRejectedValue(
        Object.assign(new Error('Database version changed'), { name: 'VersionChangeError' }),
      );
    const close = vi.spyOn(w.db, 'close');
    setGoal(a, 'kept for the reload');
    await tick(300);
    const s = a.status.current;
    expect(s.state === 'error' && s.problem.kind).toBe('version');
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'kept for the reload' },
    });
    expect(close).not.toHaveBeenCalled();
    expect(w.clock.pending).toBe(0);
    await tick(60_000);
    expect(put).toHaveBeenCalledTimes(1);
    expect((await row(p.id)).rev).toBe(1);
  });

  it('(E) a journal that cannot be written is reported, and cleared once the edits are stored', async () => {
    await openNew();
    vi.spyOn(w.db.projects, 'put').mockRejectedValueOnce(quota());
    w.storage.full = true;
    setGoal(a, 'nowhere to journal');
    await tick(300);
    expect(a.status.current.state).toBe('error');
    expect(a.status.journalProblem).toMatch(/QuotaExceededError/);
    w.storage.full = false;
    a.session().journalNow();
    expect(a.status.journalProblem).toBeNull();
    w.storage.full = true;
    a.page.hide();
    expect(a.status.journalProblem).toMatch(/QuotaExceededError/);
    w.storage.full = false;
    await tick(1000);
    expect(a.status.current.state).toBe('saved');
    expect(a.status.journalProblem).toBeNull();
  });

  it('(E) a tab reopened after a journal failure starts without the old warning', async () => {
    const p = await openNew();
    a.status.setJournalProblem('old');
    await a.opener.close();
    await openIn(a, p);
    expect(a.status.journalProblem).toBeNull();
  });
});

describe('two tabs', () => {
  it("takes another tab's save when it has nothing unsaved, and builds on it", async () => {
    const p = await openNew();
    const b = makeTab(w, 'tab_b');
    await openIn(b, p);
    setGoal(b, 'from b');
    await tick(300, b);
    await until(() => a.doc.current!.journey.goal === 'from b');
    expect(a.session().rev).toBe(2);
    expect(a.status.current.state).toBe('saved');
    expect(a.session().hasUnsaved).toBe(false);
    setGoal(a, 'a after b');
    await tick(300);
    const r = await row(p.id);
    expect(r.doc.journey.goal).toBe('a after b');
    expect(r.rev).toBe(3);
    await until(() => b.doc.current!.journey.goal === 'a after b');
  });

  it('their save while we have unsaved edits is a conflict at once, with no write', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    const put = vi.spyOn(w.db.projects, 'put');
    await otherTabStores(p.id, { ...p, journey: { ...p.journey, goal: 'theirs' } });
    put.mockClear();
    await until(() => a.status.current.state === 'conflict');
    expect(put).not.toHaveBeenCalled();
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'mine' },
    });
  });

  it('a save notice for a row deleted since, or arriving after closing, changes nothing', async () => {
    const p = await openNew();
    const replace = vi.spyOn(a.doc, 'replace');
    await otherTabStores(p.id, { ...p, journey: { ...p.journey, goal: 'theirs' } });
    a.session().detach(); // the notice is on its way; its read finishes after this
    await settle();
    expect(replace).not.toHaveBeenCalled();
    const b = makeTab(w, 'tab_b');
    await openIn(b, p);
    await w.db.projects.delete(p.id);
    w.hub.endpoint().post({ type: 'saved', projectId: p.id, rev: 9, writer: 'tab_x' });
    await settle();
    expect(b.status.current.state).toBe('saved');
  });

  it('ignores its own saves, other projects, old revisions and list notices', async () => {
    const p = await openNew();
    const replace = vi.spyOn(a.doc, 'replace');
    const ch = w.hub.endpoint();
    ch.post({ type: 'saved', projectId: p.id, rev: 9, writer: 'tab_a' });
    ch.post({ type: 'saved', projectId: 'other', rev: 9, writer: 'tab_x' });
    ch.post({ type: 'saved', projectId: p.id, rev: 1, writer: 'tab_x' });
    ch.post({ type: 'list' });
    ch.post({ type: 'deleted', projectId: 'other' });
    await w.db.projects.update(p.id, { rev: 9 });
    await settle();
    expect(replace).not.toHaveBeenCalled();
    expect(a.status.current.state).toBe('saved');
    expect(a.session().rev).toBe(1);
  });

  it('a notice for a revision that is not stored (yet) changes nothing', async () => {
    const p = await openNew();
    const replace = vi.spyOn(a.doc, 'replace');
    w.hub.endpoint().post({ type: 'saved', projectId: p.id, rev: 2, writer: 'tab_x' });
    await settle();
    expect(replace).not.toHaveBeenCalled();
    expect(a.session().rev).toBe(1);
  });

  it('both edited: a conflict, never a silent overwrite; "keep mine" then writes ours', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    const theirRev = await otherTabStores(p.id, {
      ...p,
      journey: { ...p.journey, goal: 'theirs' },
    });
    await until(() => a.status.current.state === 'conflict');
    expect((await row(p.id)).doc.journey.goal).toBe('theirs');
    const s = a.status.current;
    expect(s.state === 'conflict' && s.theirRev).toBe(theirRev);
    expect(s.state === 'conflict' && s.theirs.journey.goal).toBe('theirs');
    expect(a.session().blocked).toEqual(s);
    // Further edits are journaled, not written (nor even tried).
    const tx = vi.spyOn(w.db, 'transaction');
    setGoal(a, 'mine 2');
    expect(a.status.current.state).toBe('conflict');
    await tick(300);
    expect(tx).not.toHaveBeenCalled();
    tx.mockRestore();
    expect((await row(p.id)).doc.journey.goal).toBe('theirs');
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'mine 2' },
    });
    await a.session().keepMine();
    expect(a.status.current.state).toBe('saved');
    const r = await row(p.id);
    expect(r.doc.journey.goal).toBe('mine 2');
    expect(r.rev).toBe(theirRev + 1);
    expect(a.session().rev).toBe(theirRev + 1);
    expect(w.storage.map.size).toBe(0);
  });

  it('"take theirs" replaces the editor document, drops our journal, stores nothing of ours', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    const rev = await otherTabStores(p.id, { ...p, journey: { ...p.journey, goal: 'theirs' } });
    await until(() => a.status.current.state === 'conflict');
    expect(w.storage.map.size).toBe(1);
    a.session().takeTheirs();
    expect(a.doc.current!.journey.goal).toBe('theirs');
    expect(a.status.current.state).toBe('saved');
    expect(a.session().rev).toBe(rev);
    expect(a.session().hasUnsaved).toBe(false);
    expect(w.storage.map.size).toBe(0);
    await tick(1000);
    expect((await row(p.id)).rev).toBe(rev);
    // Our next edit builds on their revision.
    setGoal(a, 'next');
    await tick(300);
    expect((await row(p.id)).rev).toBe(rev + 1);
  });

  it('"take theirs" outside a conflict does nothing', async () => {
    await openNew();
    setGoal(a, 'mine');
    a.session().takeTheirs();
    expect(a.doc.current!.journey.goal).toBe('mine');
    expect(a.session().hasUnsaved).toBe(true);
  });

  it('a project deleted elsewhere is not silently recreated; "keep mine" restores it', async () => {
    const p = await openNew();
    await w.db.projects.delete(p.id);
    setGoal(a, 'orphan');
    await tick(300);
    expect(a.status.current.state).toBe('deleted');
    expect(await w.db.projects.get(p.id)).toBeUndefined();
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'orphan' },
    });
    await a.session().keepMine();
    const r = await row(p.id);
    expect(r.doc.journey.goal).toBe('orphan');
    expect(r.rev).toBe(1);
  });

  it('a deletion notice holds the document as unsaved and journals it', async () => {
    const p = await openNew();
    w.hub.endpoint().post({ type: 'deleted', projectId: p.id });
    await until(() => a.status.current.state === 'deleted');
    expect(a.session().hasUnsaved).toBe(true);
    expect(a.journal.read(a.session().journalKey)).not.toBeNull();
    a.session().discard();
    expect(a.status.current.state).toBe('saved');
    expect(w.storage.map.size).toBe(0);
    expect(a.session().hasUnsaved).toBe(false);
  });

  it('(D) one tab saving leaves the other tab’s journal alone', async () => {
    const p = await openNew();
    const b = makeTab(w, 'tab_b', true);
    await openIn(b, p);
    vi.spyOn(b.db.projects, 'put').mockRejectedValue(quota());
    setGoal(b, 'b unsaved');
    await tick(300, b);
    expect(b.status.current.state).toBe('error');
    const bKey = b.session().journalKey;
    expect(bKey).not.toBe(a.session().journalKey);
    setGoal(a, 'a saves');
    await tick(300, a);
    expect(a.status.current.state).toBe('saved');
    expect((await row(p.id)).doc.journey.goal).toBe('a saves');
    expect(b.journal.read(bKey)?.doc).toMatchObject({ journey: { goal: 'b unsaved' } });
    b.db.close();
  });
});

describe('(C) a stored document this build cannot read', () => {
  const newer = (p: Project) => ({ ...p, schemaVersion: 99, journey: 'from the future' });

  it('is never overwritten by a save; the user is told it is newer and can export it', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    const theirRev = await otherTabStores(p.id, newer(p));
    await tick(300);
    await until(() => a.status.current.state === 'unreadable');
    const s = a.status.current;
    expect(s.state === 'unreadable' && s.newerVersion).toBe(99);
    expect(s.state === 'unreadable' && s.theirRev).toBe(theirRev);
    expect(s.state === 'unreadable' && s.theirRaw).toEqual(newer(p));
    expect(a.session().blocked).toEqual(s);
    const r = await row(p.id);
    expect(r.rev).toBe(theirRev);
    expect(r.doc).toEqual(newer(p));
    expect(a.doc.current!.journey.goal).toBe('mine');
    expect(a.journal.read(a.session().journalKey)?.doc).toMatchObject({
      journey: { goal: 'mine' },
    });
    // Not even "keep mine" may overwrite it.
    await a.session().keepMine();
    setGoal(a, 'mine 2');
    await tick(5000);
    expect((await row(p.id)).doc).toEqual(newer(p));
    expect(a.status.current.state).toBe('unreadable');
  });

  it('is not overwritten by a forced save either (the check runs inside the write)', async () => {
    const p = await openNew();
    await w.db.projects.put({ ...(await row(p.id)), rev: 2, doc: newer(p) as unknown as Project });
    setGoal(a, 'mine');
    await a.session().flush(true);
    expect((await row(p.id)).doc).toEqual(newer(p));
    const s = a.status.current;
    expect(s.state === 'unreadable' && s.newerVersion).toBe(99);
  });

  it('is shown as soon as another tab stores it, even with nothing unsaved here', async () => {
    const p = await openNew();
    const replace = vi.spyOn(a.doc, 'replace');
    await otherTabStores(p.id, newer(p));
    await until(() => a.status.current.state === 'unreadable');
    expect(replace).not.toHaveBeenCalled();
    expect(a.session().blocked).toBeNull(); // nothing here to lose
  });

  it('a schema version that is not a number is not called newer', async () => {
    const p = await openNew();
    await otherTabStores(p.id, { ...p, schemaVersion: '99' });
    await until(() => a.status.current.state === 'unreadable');
    const s = a.status.current;
    expect(s.state === 'unreadable' && s.newerVersion).toBeNull();
    await otherTabStores(p.id, null);
    await until(() => {
      const x = a.status.current;
      return x.state === 'unreadable' && x.theirRaw === null;
    });
  });

  it('a damaged (not newer) document is reported without a version', async () => {
    const p = await openNew();
    setGoal(a, 'mine');
    await otherTabStores(p.id, { ...p, health: { bands: [] } });
    await tick(300);
    await until(() => a.status.current.state === 'unreadable');
    const s = a.status.current;
    expect(s.state === 'unreadable' && s.newerVersion).toBeNull();
    expect(s.state === 'unreadable' && s.theirRev).toBe(2);
  });
});
