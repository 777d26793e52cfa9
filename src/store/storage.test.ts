import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, setDbForTests } from './db';
import { CHUNK_ROWS, latestDatasetMeta, loadDataset, saveDataset } from './datasets';
import { generateDemoTable } from '../data/demo/generate';
import { seedDemoDataset } from './demoSeed';
import { compilePlaybook, scoreTable, summarise, trend } from '../engine';
import { playbookFingerprint, playbookFromProject } from '../model';
import { listRuns, loadRun, saveRun } from './runStore';
import { RUN_CHUNK_ROWS } from './testing/runStoreV1Writer';
import { demoProject } from '../data/testing/helpers';

describe('dataset and run storage (IndexedDB)', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('stores a dataset in column chunks and reads back the same table', async () => {
    const table = generateDemoTable({ rows: CHUNK_ROWS + 123, seed: 3 });
    const meta = await saveDataset('p1', table, { name: 'demo.csv', sources: [] });
    expect(meta.chunkCount).toBe(2);
    // Each chunk read is told (the import worker's progress while it compares with it).
    const told: [number, number][] = [];
    const back = await loadDataset(meta.id, (done, count) => told.push([done, count]));
    expect(told).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(back!.table.rowCount).toBe(table.rowCount);
    for (const [id, col] of Object.entries(table.columns)) {
      const b = back!.table.columns[id];
      // Byte comparison: deep equality over 65k-element arrays is too slow for a unit test.
      const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(b.type, id).toBe(col.type);
      if (col.type === 'string' && b.type === 'string') {
        expect(b.dict.join('\u0000') === col.dict.join('\u0000'), id).toBe(true);
        expect(bytes(b.codes).equals(bytes(col.codes)), id).toBe(true);
      } else if (col.type !== 'string' && b.type !== 'string')
        expect(bytes(b.values).equals(bytes(col.values)), id).toBe(true);
    }
  });

  it('replaces the older dataset only after the new one is stored', async () => {
    const first = await latestDatasetMeta('p1');
    const second = await saveDataset('p1', generateDemoTable({ rows: 10, seed: 1 }), {
      name: 'b.csv',
      sources: [],
    });
    const now = await latestDatasetMeta('p1');
    expect(now!.id).toBe(second.id);
    expect(await loadDataset(first!.id)).toBeNull();
  });

  it('seeds the demo dataset once and never over a user dataset', async () => {
    await seedDemoDataset('demo-x');
    const seeded = await latestDatasetMeta('demo-x');
    expect(seeded!.rowCount).toBe(2000);
    await seedDemoDataset('demo-x');
    expect((await latestDatasetMeta('demo-x'))!.id).toBe(seeded!.id);
    await seedDemoDataset('p1');
    expect((await latestDatasetMeta('p1'))!.rowCount).toBe(10);
  });

  it('stores runs as snapshots that trend against the next run', async () => {
    const c = compilePlaybook(playbookFromProject(demoProject), { asOf: '2026-11-01' });
    if (!c.ok) throw new Error('demo playbook');
    const table = generateDemoTable({ rows: 500, seed: 5 });
    const r1 = scoreTable(c.compiled, table);
    const run = await saveRun('p2', 'ds', r1, summarise(r1));
    const snap = await loadRun(run.id);
    expect(snap!.result.total).toEqual(r1.total);
    expect(snap!.result.accountIds).toEqual(r1.accountIds);
    expect(snap!.result.ctaFired).toEqual(r1.ctaFired);
    // A month later the same accounts: meetings are older, so scores drift down or stay.
    const r2 = scoreTable(c.compiled, table, { asOf: '2026-12-01' });
    const t = trend(r2, snap!.result);
    expect(t.counts.new).toBe(0);
    expect(t.counts.down).toBeGreaterThan(0);
    expect(t.counts.up + t.counts.down + t.counts.same).toBe(500);
    expect((await listRuns('p2')).length).toBe(1);
  });

  it('keeps the playbook that ran, its fingerprint, dimension scores, coverage and points', async () => {
    const pb = playbookFromProject(demoProject);
    const c = compilePlaybook(pb, { asOf: '2026-11-01' });
    if (!c.ok) throw new Error('demo playbook');
    const table = generateDemoTable({ rows: RUN_CHUNK_ROWS + 7, seed: 6 });
    const r = scoreTable(c.compiled, table);
    const run = await saveRun('p3', 'ds', r, summarise(r), undefined, 'demo.csv', 'Asia/Tokyo', pb);
    const snap = await loadRun(run.id);
    expect(snap!.meta.playbook).toEqual(pb);
    expect(snap!.meta.timeZone).toBe('Asia/Tokyo');
    expect(snap!.meta.fingerprint).toBe(playbookFingerprint(pb));
    const back = snap!.result;
    expect(back.dimensionIds).toEqual(r.dimensionIds);
    expect(back.measures.map((m) => m.id)).toEqual(r.measures.map((m) => m.id));
    const f32 = (a: Float64Array) => Array.from(Float32Array.from(a));
    for (const rows of [0, RUN_CHUNK_ROWS + 3]) {
      for (let d = 0; d < r.dimensionIds.length; d++)
        expect(back.dimensionScores[d][rows]).toEqual(f32(r.dimensionScores[d])[rows]);
      for (let m = 0; m < r.measures.length; m++)
        expect(back.measurePoints[m][rows]).toEqual(f32(r.measurePoints[m])[rows]);
      expect(back.coverage[rows]).toEqual(f32(r.coverage)[rows]);
    }
    expect(Array.from(back.coverage).every((v, i) => Math.abs(v - r.coverage[i]) < 1e-6)).toBe(
      true,
    );
  });
});

describe('string packing for storage', () => {
  it('round-trips empty lists, empty strings and values containing NUL', async () => {
    const { packStrings, unpackStrings } = await import('./datasets');
    for (const xs of [[], [''], ['a', '', 'b'], ['x\u0000y', 'z'], ['日本語', 'ｶﾅ']]) {
      const out: string[] = [];
      unpackStrings(packStrings(xs), out);
      expect(out).toEqual(xs);
    }
  });
});
