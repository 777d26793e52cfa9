import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from './db';
import {
  deleteActivitySet,
  listActivitySets,
  loadActivitySet,
  saveActivitySet,
} from './activityStore';
import { seedDemoDataset } from './demoSeed';
import { latestDatasetMeta, loadDataset } from './datasets';
import { demoActivityPlaybook, demoActivityProject } from '../data/demo/activityPlaybook';
import { generateDemoActivity } from '../data/demo/activity';
import { generateDemoTable } from '../data/demo/generate';
import { importActivityFile } from '../data/activity/importActivity';
import { importActivityBlob } from '../data/activity/importBlob';
import { accountKeys, linkStoredEvents, toStoredEvents } from '../data/activity/stored';
import { demoProject } from '../data/testing/helpers';
import { compilePlaybook, scoreTable, withActivity } from '../engine';
import { playbookFromProject } from '../model';
import { cellValue, type AccountTable } from '../table/columns';
import type { ActivityData, ActivityTable } from '../table/activity';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const source = demoActivityProject(demoProject).activity!.find((s) => s.id === 'logins')!;

function loginsOf(accounts: AccountTable, seed: number): ActivityTable {
  const text = generateDemoActivity(accounts, { seed })['logins.csv'].join('\n');
  return importActivityFile(
    new TextEncoder().encode(text),
    'logins.csv',
    source,
    { table: accounts, contract: demoProject.fields },
    { asOf: '2026-11-01' },
  ).table;
}

describe('activity storage (IndexedDB)', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('stores events in chunks and links them back to the same accounts, events and values', async () => {
    const accounts = generateDemoTable({ rows: 1800, seed: 4 });
    const direct = loginsOf(accounts, 4);
    expect(direct.rowCount).toBeGreaterThan(65_536); // more than one chunk
    const keys = accountKeys(accounts, 'account_id');
    const set = await saveActivitySet('p1', 'logins', toStoredEvents(direct, keys), []);
    expect(set.chunkCount).toBeGreaterThan(1);
    const back = await loadActivitySet(set.id);
    const { table, unlinked } = linkStoredEvents('logins', back!.events, accounts, 'account_id');
    expect(unlinked).toBe(0);
    for (const k of ['account', 'time', 'day', 'line', 'offsets'] as const)
      expect(bytes(table[k]).equals(bytes(direct[k])), k).toBe(true);
    const u0 = direct.columns.user,
      u1 = table.columns.user;
    for (let i = 0; i < direct.rowCount; i += 997) expect(cellValue(u1, i)).toBe(cellValue(u0, i));
  });

  it('relinks by account key: a reordered account table gets the same per-account aggregates; a removed account is counted', async () => {
    const accounts = generateDemoTable({ rows: 300, seed: 9 });
    const direct = loginsOf(accounts, 9);
    const set = await saveActivitySet(
      'p2',
      'logins',
      toStoredEvents(direct, accountKeys(accounts, 'account_id')),
      [],
    );
    // The same accounts in reverse order, without the first one.
    const rows = Array.from({ length: accounts.rowCount - 1 }, (_, i) => accounts.rowCount - 1 - i);
    const reordered: AccountTable = { rowCount: rows.length, columns: {} };
    for (const [id, c] of Object.entries(accounts.columns))
      reordered.columns[id] =
        c.type === 'string'
          ? { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) }
          : c.type === 'boolean'
            ? { type: 'boolean', values: Uint8Array.from(rows, (r) => c.values[r]) }
            : { type: c.type, values: Float64Array.from(rows, (r) => c.values[r]) };
    const back = await loadActivitySet(set.id);
    const linked = linkStoredEvents('logins', back!.events, reordered, 'account_id');
    expect(linked.unlinked).toBe(direct.offsets[1] - direct.offsets[0]);
    for (let k = 0; k < rows.length; k++) {
      const a = rows[k];
      expect(linked.table.offsets[k + 1] - linked.table.offsets[k]).toBe(
        direct.offsets[a + 1] - direct.offsets[a],
      );
      const t0 = direct.time.subarray(direct.offsets[a], direct.offsets[a + 1]);
      const t1 = linked.table.time.subarray(linked.table.offsets[k], linked.table.offsets[k + 1]);
      expect(bytes(t1).equals(bytes(t0))).toBe(true);
    }
  });

  it('a failed write keeps the stored set; a new one replaces it', async () => {
    const accounts = generateDemoTable({ rows: 50, seed: 2 });
    const events = toStoredEvents(loginsOf(accounts, 2), accountKeys(accounts, 'account_id'));
    const first = await saveActivitySet('p3', 'logins', events, []);
    // A column IndexedDB cannot store: the transaction fails.
    const broken: AccountTable = {
      rowCount: events.rowCount,
      columns: {
        ...events.columns,
        bad: { type: 'number', values: { slice: () => ({ f: () => 1 }) } as never },
      },
    };
    await expect(saveActivitySet('p3', 'logins', broken, [])).rejects.toThrow();
    expect((await listActivitySets('p3')).map((s) => s.id)).toEqual([first.id]);
    expect(await db().activityChunks.where('setId').notEqual(first.id).count()).toBeGreaterThan(0);
    const second = await saveActivitySet('p3', 'logins', events, []);
    expect((await listActivitySets('p3')).map((s) => s.id)).toEqual([second.id]);
    expect(await db().activityChunks.where('setId').equals(first.id).count()).toBe(0);
    await deleteActivitySet(second.id);
    expect(await listActivitySets('p3')).toEqual([]);
  });

  it('the first-start demo project comes with login, seminar and contact logs; the halved-logins CTA fires', async () => {
    const doc = demoActivityProject({ ...demoProject, id: 'demo1' });
    await db().projects.add({
      id: doc.id,
      name: 'demo',
      updatedAt: doc.meta.updatedAt,
      rev: 1,
      writer: 't',
      doc,
    });
    await seedDemoDataset('demo1');
    const sets = await listActivitySets('demo1');
    expect(sets.map((s) => s.source).sort()).toEqual(['contact_log', 'logins', 'seminars']);
    for (const s of sets) {
      expect(s.files[0].unknownAccount + s.files[0].badTime + s.files[0].future).toBe(0);
      expect(s.rowCount).toBe(s.files[0].kept);
    }
    const ds = await loadDataset((await latestDatasetMeta('demo1'))!.id);
    const pb = playbookFromProject(doc);
    const c = compilePlaybook(pb, { asOf: doc.asOf! });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const data: ActivityData = {};
    for (const s of sets)
      data[s.source] = linkStoredEvents(
        s.source,
        (await loadActivitySet(s.id))!.events,
        ds!.table,
        'account_id',
      ).table;
    const r = scoreTable(c.compiled, withActivity(c.compiled, ds!.table, data, doc.asOf!));
    const k = r.ctas.findIndex((x) => x.id === 'logins_halved');
    const fired = r.ctaFired[k].reduce((a, b) => a + b, 0);
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBeLessThan(r.rowCount / 2);
    // The first-start project is the demo playbook with activity, as the CLI demo uses.
    expect(pb.health.measures.map((m) => m.id)).toEqual(
      demoActivityPlaybook(playbookFromProject(demoProject)).health.measures.map((m) => m.id),
    );
  });
});

describe('the streaming activity reader stores what the row reader stored', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('same chunks in IndexedDB for the demo logins, read from a Blob in small slices', async () => {
    const accounts = generateDemoTable({ rows: 1800, seed: 12 });
    const text = generateDemoActivity(accounts, { seed: 12 })['logins.csv'].join('\r\n');
    const bytes = new TextEncoder().encode(text);
    const accs = { table: accounts, contract: demoProject.fields };
    const opts = { asOf: '2026-11-01' };
    const keys = accountKeys(accounts, 'account_id');
    const before = importActivityFile(bytes, 'logins.csv', source, accs, {
      ...opts,
      reader: 'rows',
    });
    const after = await importActivityBlob(
      new Blob([bytes]),
      'logins.csv',
      source,
      accs,
      opts,
      4099,
    );
    expect(after.report).toEqual(before.report);
    const a = await saveActivitySet('p1', 'logins', toStoredEvents(before.table, keys), []);
    const b = await saveActivitySet('p2', 'logins', toStoredEvents(after.table, keys), []);
    const chunks = async (id: string) =>
      (await db().activityChunks.where('setId').equals(id).sortBy('index')).map((c) => c.data);
    const ca = await chunks(a.id);
    expect(ca.length).toBeGreaterThan(1);
    expect(await chunks(b.id)).toEqual(ca);
    expect({ ...b, id: a.id, projectId: a.projectId, createdAt: a.createdAt }).toEqual(a);
  });
});
