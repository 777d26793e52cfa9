import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyProject } from '../model';
import { WaymarkDB, db, setDbForTests } from './db';
import { bootstrap, DEMO_PROJECT_ID } from './bootstrap';
import {
  addImportedProject,
  addProject,
  deleteProject,
  duplicateProject,
  listProjects,
  renameProject,
} from './projects';
import { resetTabSyncForTests } from './tabSync';

let n = 0;
beforeEach(() => setDbForTests(new WaymarkDB(`projects-${n++}`)));
afterEach(() => db().close());
afterAll(() => resetTabSyncForTests());

describe('project list operations', () => {
  it('renames in the stored document and the row, bumping the revision', async () => {
    const p = emptyProject('Old');
    await addProject(p);
    await renameProject(p.id, '  New name ');
    const row = (await db().projects.get(p.id))!;
    expect([row.name, row.doc.meta.name, row.rev]).toEqual(['New name', 'New name', 2]);
    await expect(renameProject(p.id, '   ')).rejects.toThrow(/empty/);
  });

  it('duplicates as an independent project with a new id', async () => {
    const p = emptyProject('Orig');
    await addProject(p);
    const copy = await duplicateProject(p.id, 'Orig (copy)');
    expect(copy.id).not.toBe(p.id);
    expect((await listProjects()).map((x) => x.name).sort()).toEqual(['Orig', 'Orig (copy)']);
    expect((await db().projects.get(copy.id))!.doc.fields).toEqual(p.fields);
  });

  it('deletes a project with its datasets, chunks, runs and run chunks, and nothing else', async () => {
    const a = emptyProject('A');
    const b = emptyProject('B');
    await addProject(a);
    await addProject(b);
    const d = db();
    for (const [pid, ds] of [
      [a.id, 'dsA'],
      [b.id, 'dsB'],
    ]) {
      await d.datasets.add({
        id: ds,
        projectId: pid,
        name: ds,
        createdAt: '',
        rowCount: 1,
        columns: [],
        chunkCount: 1,
        sources: [],
      });
      await d.datasetChunks.add({ datasetId: ds, index: 0, data: null });
      await d.runs.add({
        id: `run_${ds}`,
        projectId: pid,
        datasetId: ds,
        asOf: '',
        createdAt: '',
        rowCount: 1,
        summary: null,
        chunkCount: 1,
      });
      await d.runChunks.add({ runId: `run_${ds}`, index: 0, data: null });
    }
    await deleteProject(a.id);
    expect(await d.projects.get(a.id)).toBeUndefined();
    expect(await d.datasets.toCollection().primaryKeys()).toEqual(['dsB']);
    expect(await d.datasetChunks.count()).toBe(1);
    expect(await d.runs.toCollection().primaryKeys()).toEqual(['run_dsB']);
    expect(await d.runChunks.count()).toBe(1);
  });

  it('an imported project whose id is taken gets a new id: nothing is overwritten', async () => {
    const p = emptyProject('Here');
    await addProject(p);
    const incoming = { ...emptyProject('Incoming'), id: p.id };
    const stored = await addImportedProject(incoming);
    expect(stored.id).not.toBe(p.id);
    expect((await db().projects.get(p.id))!.doc.meta.name).toBe('Here');
    expect((await db().projects.get(stored.id))!.doc.meta.name).toBe('Incoming');
  });
});

describe('bootstrap', () => {
  it('seeds the demo project once, on first run, and starts its dataset seeding', async () => {
    globalThis.localStorage?.clear?.();
    const seeded: string[] = [];
    const r = await bootstrap(async (id) => void seeded.push(id));
    expect(r.seeded).toBe(true);
    expect(seeded).toEqual([DEMO_PROJECT_ID]);
    expect((await db().projects.get(DEMO_PROJECT_ID))!.doc.meta.template).toBe('demo');
    const again = await bootstrap(async (id) => void seeded.push(id));
    expect(again.seeded).toBe(false);
    expect(await db().projects.count()).toBe(1);
  });

  it('a failing dataset seed does not fail the start', async () => {
    const r = await bootstrap(() => Promise.reject(new Error('no data')));
    expect(r.seeded).toBe(true);
  });
});
