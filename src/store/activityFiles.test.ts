/**
 * A source holding several files in IndexedDB: a set stored before (one file, no file index —
 * test/fixtures/activity/stored-set-v1.json) opens unchanged; files added to it link to the
 * table of the files concatenated (= unionActivity); removing one leaves the others' events; a
 * failed add leaves the stored set as it was.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WaymarkDB, db, setDbForTests, type ActivitySetRow } from './db';
import {
  appendActivityFiles,
  listActivitySets,
  loadActivitySet,
  removeActivityFile,
} from './activityStore';
import { importActivityFile } from '../data/activity/importActivity';
import { accountKeys, linkStoredEvents, toStoredEvents } from '../data/activity/stored';
import { unionActivity } from '../data/activity/union';
import { LOGINS, accountTable, activityPlaybook } from '../engine/testing/activityMini';
import { ROOT } from '../engine/testing/demo';
import type { ActivityTable } from '../table/activity';
import type { AccountTable } from '../table/columns';
import { cellValue } from '../table/columns';

const pb = activityPlaybook();
const accounts = accountTable(pb);
const keys = accountKeys(accounts, pb.fields.accountKey);
const FIXTURE = join(ROOT, 'test/fixtures/activity');

function imported(text: string, name: string): ActivityTable {
  return importActivityFile(
    new TextEncoder().encode(text),
    name,
    LOGINS,
    { table: accounts, contract: pb.fields },
    { asOf: '2026-01-31' },
  ).table;
}

/** Every event as plain values, in table order (account, time, file:line, attributes). */
function events(t: ActivityTable, withLines = true) {
  const out: unknown[][] = [];
  for (let i = 0; i < t.rowCount; i++)
    out.push([
      t.account[i],
      t.time[i],
      ...(withLines ? [t.line[i]] : []),
      ...Object.values(t.columns).map((c) => cellValue(c, i)),
    ]);
  return out;
}

async function storeOldFixture(): Promise<ActivitySetRow> {
  const fx = JSON.parse(readFileSync(join(FIXTURE, 'stored-set-v1.json'), 'utf8')) as {
    set: ActivitySetRow;
    chunks: {
      setId: string;
      index: number;
      data: { cols: Record<string, { array: string; values: number[] }>; dicts: unknown };
    }[];
  };
  const typed = { Int32Array, Float64Array, Uint8Array } as const;
  await db().activitySets.add(fx.set);
  for (const c of fx.chunks) {
    const cols: Record<string, ArrayBufferView> = {};
    for (const [id, a] of Object.entries(c.data.cols))
      cols[id] = typed[a.array as keyof typeof typed].from(a.values);
    await db().activityChunks.add({ ...c, data: { cols, dicts: c.data.dicts } });
  }
  return fx.set;
}

const LOGINS_CSV = readFileSync(join(FIXTURE, 'logins.csv'), 'utf8');
const FEB = [
  'account_id,logged_in_at,user,kind',
  // Same account and time as an event of the stored file (A, 2026-01-30 09:00): after it.
  'A,2026-01-30 09:00,u7,api',
  'B,2026-01-25,u9,web',
  'C,2026-01-02,u5,api',
].join('\n');

describe('a source of several files in IndexedDB', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('a set stored before (one file, old shape) opens as that file; files added and removed', async () => {
    const old = await storeOldFixture();
    const jan = imported(LOGINS_CSV, 'logins.csv');
    const [listed] = await listActivitySets('p_old');
    expect(listed.id).toBe(old.id);
    const loaded = (await loadActivitySet(old.id))!;
    const linked = linkStoredEvents('logins', loaded.events, accounts, 'id', ['logins.csv']);
    expect(events(linked.table)).toEqual(events(jan));
    expect(linked.unlinked).toBe(0);

    // Add a second file: the stored events = the two files concatenated (the old one first).
    const feb = imported(FEB, 'feb.csv');
    const added = await appendActivityFiles('p_old', 'logins', toStoredEvents(feb, keys), [
      { ...listed.files[0], name: 'feb.csv', rows: 3, kept: 3, hash: 'h', size: 1 },
    ]);
    expect(added.files.map((f) => f.name)).toEqual(['logins.csv', 'feb.csv']);
    expect((await listActivitySets('p_old')).map((s) => s.id)).toEqual([added.id]);
    expect(await db().activityChunks.where('setId').equals(old.id).count()).toBe(0);
    const two = linkStoredEvents(
      'logins',
      (await loadActivitySet(added.id))!.events,
      accounts,
      'id',
      ['logins.csv', 'feb.csv'],
    ).table;
    const union = unionActivity([jan, feb], accounts.rowCount, ['logins.csv', 'feb.csv']);
    expect(events(two)).toEqual(events(union));
    expect(two.files).toEqual(union.files);
    // The tie at A 2026-01-30 09:00: the stored file's event, then feb.csv's.
    const a = [two.offsets[0], two.offsets[1]];
    expect(
      Array.from({ length: a[1] - a[0] }, (_, k) => cellValue(two.columns.user, a[0] + k)),
    ).toEqual(['u1', 'u7', 'u2']);

    // A failed add (a column of another type) leaves the two files stored as they were.
    const bad: AccountTable = toStoredEvents(feb, keys);
    bad.columns.user = { type: 'number', values: new Float64Array(bad.rowCount) };
    await expect(appendActivityFiles('p_old', 'logins', bad, [])).rejects.toThrow();
    const after = await listActivitySets('p_old');
    expect(after.map((s) => s.id)).toEqual([added.id]);
    expect(after[0].rowCount).toBe(jan.rowCount + feb.rowCount);

    // Remove the first file: feb.csv's events stay, as if imported alone.
    const rest = (await removeActivityFile(added.id, 0))!;
    expect(rest.files.map((f) => f.name)).toEqual(['feb.csv']);
    const one = linkStoredEvents(
      'logins',
      (await loadActivitySet(rest.id))!.events,
      accounts,
      'id',
      ['feb.csv'],
    ).table;
    expect(events(one)).toEqual(events(feb));
    // The last file removed: nothing stored for the source.
    expect(await removeActivityFile(rest.id, 0)).toBeNull();
    expect(await listActivitySets('p_old')).toEqual([]);
    expect(await db().activityChunks.count()).toBe(0);
  });
});
