import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from './db';
import { generateDemoTable } from '../data/demo/generate';
import {
  compilePlaybook,
  migrationMatrix,
  scoreTable,
  summarise,
  type ScoreResult,
} from '../engine';
import { playbookFromProject } from '../model';
import { demoProject } from '../data/testing/helpers';
import { deleteRun, loadRun, openRun, saveRun, setPieceRowsForTests } from './runStore';
import { saveRunV1 } from './testing/runStoreV1Writer';
import { packStrings } from './datasets';
import { accountPoints } from './accountPoints';
import { cellAccounts, changesOf, matrixOf, warmRuns } from '../workers/historyReads';

const pb = playbookFromProject(demoProject);
function scored(rows: number, asOf: string, seed = 4): ScoreResult {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error('demo playbook');
  const r = scoreTable(c.compiled, generateDemoTable({ rows, seed }));
  // A CTA owned by a person from a data field (the demo has none): codes with blanks (-1).
  r.ctaPerson = r.ctas.map((_, k) =>
    k === 1
      ? {
          dict: ['Aoki', 'Brown', '佐藤'],
          codes: Int32Array.from({ length: r.rowCount }, (_, i) => (i % 4) - 1),
        }
      : null,
  );
  return r;
}

/** What a stored run gives back: every stored array as is, Float32 columns rounded, the rest empty. */
function expectedSnapshot(r: ScoreResult): ScoreResult {
  const f32 = (a: Float64Array) => Float64Array.from(a, Math.fround);
  return {
    ...r,
    criteria: [],
    criteriaStatus: [],
    measureRaw: [],
    rawDict: [],
    measureContribution: [],
    measurePoints: r.measurePoints.map(f32),
    dimensionScores: r.dimensionScores.map(f32),
    coverage: f32(r.coverage),
  };
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Every field of both, typed arrays by type and bits (fast on 100k rows, NaN-exact). */
function expectSameResult(got: ScoreResult, want: ScoreResult) {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  const walk = (g: unknown, w: unknown, path: string) => {
    if (ArrayBuffer.isView(w)) {
      expect(g?.constructor.name, path).toBe(w.constructor.name);
      expect(bytes(g as ArrayBufferView).equals(bytes(w)), path).toBe(true);
    } else if (
      Array.isArray(w) &&
      w.some((x) => ArrayBuffer.isView(x) || (x && typeof x === 'object'))
    ) {
      expect((g as unknown[]).length, path).toBe(w.length);
      w.forEach((x, i) => walk((g as unknown[])[i], x, `${path}[${i}]`));
    } else if (w && typeof w === 'object' && !Array.isArray(w)) {
      expect(Object.keys(g as object).sort(), path).toEqual(Object.keys(w).sort());
      for (const k of Object.keys(w)) walk((g as never)[k], (w as never)[k], `${path}.${k}`);
    } else expect(g, path).toEqual(w);
  };
  for (const k of Object.keys(want)) walk((got as never)[k], (want as never)[k], k);
}

describe('run storage, format 2 (columns)', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => {
    setDbForTests(null);
    setPieceRowsForTests(null);
  });

  it('gives back every field of a run identically, in one piece and in several', async () => {
    for (const piece of [null, 1000]) {
      setPieceRowsForTests(piece);
      const r = scored(2500, '2026-11-01');
      const row = await saveRun('p1', 'ds', r, summarise(r), undefined, 'demo.csv', 'UTC', pb);
      const back = (await loadRun(row.id))!.result;
      expectSameResult(back, expectedSnapshot(r));
      // Column by column, as the History worker reads them.
      const v = (await openRun(row.id))!;
      expect(await v.accountIds()).toEqual(r.accountIds);
      expect(bytes(await v.column('color')).equals(bytes(r.color))).toBe(true);
      expect(bytes(await v.column('person.1')).equals(bytes(r.ctaPerson![1]!.codes))).toBe(true);
    }
    setPieceRowsForTests(null);
  });

  it('keeps one key list for runs of the same accounts, and drops it with the last of them', async () => {
    const a = scored(300, '2026-10-01');
    const b = scored(300, '2026-11-01');
    const other = scored(300, '2026-11-01', 9);
    other.accountIds = [...other.accountIds].reverse();
    const ra = await saveRun('p2', 'ds', a, summarise(a));
    const rb = await saveRun('p2', 'ds', b, summarise(b));
    const ro = await saveRun('p2', 'ds', other, summarise(other));
    expect(rb.keysId).toBe(ra.keysId);
    expect(ro.keysId).not.toBe(ra.keysId);
    // Measured bytes: the key list counted once, 1 byte a Latin-1 character (+ separators).
    const keyChars = a.accountIds.join('\u0000').length;
    expect(ra.storedBytes).toMatchObject({ keys: keyChars, keysShared: false });
    expect(rb.storedBytes).toMatchObject({ keys: keyChars, keysShared: true });
    expect(ra.storedBytes!.columns).toBeGreaterThan(300);
    const owners = async () => (await db().runColumns.toArray()).map((x) => x.owner);
    await deleteRun(ra.id);
    expect(await owners()).toContain(ra.keysId);
    expect((await loadRun(rb.id))!.result.accountIds).toEqual(b.accountIds);
    await deleteRun(rb.id);
    expect(await owners()).not.toContain(ra.keysId);
    expect(await owners()).not.toContain(rb.id);
    expect((await loadRun(ro.id))!.result.accountIds).toEqual(other.accountIds);
  });

  it('keys holding NUL or non-Latin-1 characters round-trip; the latter count 2 bytes a character', async () => {
    const r = scored(300, '2026-10-01');
    r.accountIds = r.accountIds.map((x, i) => (i === 3 ? `a\u0000b` : i === 4 ? '' : `${x}日本`));
    const row = await saveRun('p6', 'ds', r, summarise(r));
    expect((await loadRun(row.id))!.result.accountIds).toEqual(r.accountIds);
    const j = { ...r, accountIds: r.accountIds.map((x) => x.replace('\u0000', '-')) };
    const rj = await saveRun('p6', 'ds', j, summarise(j));
    expect((await loadRun(rj.id))!.result.accountIds).toEqual(j.accountIds);
    expect(rj.storedBytes!.keys).toBe(2 * j.accountIds.join('\u0000').length);
  });

  it('stores ASCII keys as bytes; a key list stored as joined text (before 2026-12-04) still reads and is shared', async () => {
    for (const piece of [null, 120]) {
      setPieceRowsForTests(piece);
      const a = scored(300, '2026-10-01');
      const b = scored(300, '2026-11-01');
      const ra = await saveRun('p7', 'ds', a, summarise(a));
      const names = piece ? ['ids#0', 'ids#1', 'ids#2'] : ['ids#0'];
      const stored = await db().runColumns.bulkGet(names.map((nm) => [ra.keysId!, nm]));
      expect(stored.every((x) => x && 'ascii' in (x.data as object))).toBe(true);
      // Rewrite it as the runs stored before kept it: the keys joined with NUL, one string.
      const rows = piece ?? 300;
      await db().runColumns.bulkPut(
        names.map((name, p) => ({
          owner: ra.keysId!,
          name,
          data: packStrings(a.accountIds.slice(p * rows, (p + 1) * rows)),
        })),
      );
      expectSameResult((await loadRun(ra.id))!.result, expectedSnapshot(a));
      const v = (await openRun(ra.id))!;
      expect(await v.rowOf(a.accountIds[250])).toBe(250);
      expect(await v.rowOf('nobody')).toBe(-1);
      // A new run of the same accounts compares its keys with the old text and shares it.
      const rb = await saveRun('p7', 'ds', b, summarise(b));
      expect(rb.keysId).toBe(ra.keysId);
      expect(rb.storedBytes!.keysShared).toBe(true);
      expectSameResult((await loadRun(rb.id))!.result, expectedSnapshot(b));
      // Other accounts under that id (a collision) are not taken for it.
      const c = { ...b, accountIds: b.accountIds.map((x, i) => (i === 299 ? `${x}!` : x)) };
      await db().runColumns.bulkPut(
        names.map((name, p) => ({
          owner: ra.keysId!,
          name,
          data: packStrings(c.accountIds.slice(p * rows, (p + 1) * rows)),
        })),
      );
      const rc = await saveRun('p7', 'ds', b, summarise(b));
      expect(rc.keysId).not.toBe(ra.keysId);
      expect((await loadRun(rc.id))!.result.accountIds).toEqual(b.accountIds);
    }
    setPieceRowsForTests(null);
  });

  it('a key list stored under the same id with other content is not shared', async () => {
    const r = scored(200, '2026-10-01');
    const first = await saveRun('p3', 'ds', r, summarise(r));
    // Forge a collision: other keys stored under the id this content would get.
    await db().runColumns.put({
      owner: first.keysId!,
      name: 'ids#0',
      data: { joined: r.accountIds.map((x) => `${x}x`).join('\u0000'), count: 200 },
    });
    const second = await saveRun('p3', 'ds', r, summarise(r));
    expect(second.keysId).not.toBe(first.keysId);
    expect((await loadRun(second.id))!.result.accountIds).toEqual(r.accountIds);
  });

  it('the worker reads (matrix, cell, changes, account history) match the whole runs', async () => {
    const a = scored(3000, '2026-06-01');
    const b = scored(3000, '2026-12-01');
    const shuffled = { ...b, accountIds: b.accountIds.map((x, i) => (i < 10 ? `new${i}` : x)) };
    const ra = await saveRun('p4', 'ds', a, summarise(a));
    const rb = await saveRun('p4', 'ds', b, summarise(b));
    const rs = await saveRun('p4', 'ds', shuffled, summarise(shuffled));
    expect(rb.keysId).toBe(ra.keysId);
    // The Results view's warm-up: a run that is gone is skipped, the matrix then reads the same.
    await expect(warmRuns([ra.id, rb.id, 'run_gone'])).resolves.toBeUndefined();
    for (const [x, y, ry] of [
      [ra, rb, b],
      [ra, rs, shuffled],
    ] as const) {
      const m = await matrixOf(x.id, y.id);
      expect(m).toEqual(migrationMatrix(a, ry));
      const cell = await cellAccounts(x.id, y.id, 'green', 'yellow');
      expect(cell.length).toBe(m.counts[0][2]);
      const page = await changesOf(x.id, y.id, a.colorIds, 'changed', 'delta_asc', 5);
      expect(page.rows.length).toBe(5);
    }
    expect((await matrixOf(ra.id, rs.id)).onlyInB).toBe(10);
    const id = a.accountIds[7];
    const pts = await accountPoints([ra.id, rb.id], id);
    expect(pts.map((p) => [p.asOf, p.score, p.color])).toEqual(
      [a, b].map((r) => [r.asOf, +r.total[7].toFixed(1), r.colorIds[r.color[7]] ?? '']),
    );
  });
});

describe('deleting a project', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it("removes its runs' columns and key lists, and nothing of another project", async () => {
    const { deleteProject } = await import('./projects');
    const r = scored(100, '2026-10-01');
    const a = await saveRun('pa', 'ds', r, summarise(r));
    await saveRun('pa', 'ds', r, summarise(r));
    const b = await saveRun('pb', 'ds', r, summarise(r));
    expect(b.keysId).not.toBe(a.keysId); // key lists are per project
    await deleteProject('pa');
    const owners = new Set((await db().runColumns.toArray()).map((x) => x.owner));
    expect([...owners].sort()).toEqual([b.id, b.keysId].sort());
    expect((await loadRun(b.id))!.result.accountIds).toEqual(r.accountIds);
  });
});

describe('runs stored in format 1 (chunks, before 2026-12-03) keep opening', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('loads an old run whole and column by column, compares with a new one, deletes it', async () => {
    const r = scored(70_000, '2026-10-01'); // two old chunks of 65,536 rows
    const old = await saveRunV1('p5', 'ds', r, summarise(r), undefined, 'demo.csv', 'UTC', pb);
    expect(old.format).toBeUndefined();
    // Format 1 never kept where days in stage came from (that column came with format 2).
    const { daysSource: _unkept, ...oldShape } = expectedSnapshot(r);
    expectSameResult((await loadRun(old.id))!.result, oldShape);
    const v = (await openRun(old.id))!;
    expect(v.keysId).toBeNull();
    expect(bytes(await v.column('total')).equals(bytes(r.total))).toBe(true);
    const next = scored(70_000, '2026-11-01');
    const nrow = await saveRun('p5', 'ds', next, summarise(next));
    expect(await matrixOf(old.id, nrow.id)).toEqual(migrationMatrix(r, next));
    expect((await accountPoints([old.id, nrow.id], r.accountIds[5])).length).toBe(2);
    await deleteRun(old.id);
    expect(await db().runChunks.count()).toBe(0);
    expect(await loadRun(old.id)).toBeNull();
  });
});

describe("one account's values (the account page's history)", () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => {
    setDbForTests(null);
    setPieceRowsForTests(null);
  });

  it('cell and rowOf give what the decoded run gives, across pieces', async () => {
    const r = scored(1000, '2026-10-01');
    // Keys at the edges of pieces, a repeated one, prefixes of others, one holding NUL.
    r.accountIds = r.accountIds.slice();
    r.accountIds[0] = 'A1';
    r.accountIds[1] = 'A';
    r.accountIds[299] = 'A1';
    r.accountIds[300] = 'edge';
    r.accountIds[999] = 'last';
    const withNul = { ...r, accountIds: r.accountIds.map((x, i) => (i === 5 ? 'x\u0000y' : x)) };
    for (const [piece, run] of [
      [300, r],
      [null, r],
      [300, withNul],
    ] as const) {
      setPieceRowsForTests(piece);
      const meta = await saveRun(`pc${piece}`, 'ds', run, summarise(run));
      const v = (await openRun(meta.id))!;
      const ids = run.accountIds;
      for (const id of ['A1', 'A', 'edge', 'last', ids[500], 'x\u0000y', 'x', 'y', 'A1\u0000A', ''])
        expect(await v.rowOf(id), `${piece} ${JSON.stringify(id)}`).toBe(ids.indexOf(id));
      for (const name of ['total', 'color', 'stage', 'cta.0', 'cta.3', 'dim.1', 'person.1'])
        for (const row of [0, 299, 300, 301, 777, 999])
          expect(Object.is(await v.cell(name, row), (await v.column(name))[row]), name).toBe(true);
    }
  });
});
