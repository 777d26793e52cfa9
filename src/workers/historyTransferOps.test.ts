import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from '../store/db';
import { listRuns, saveRun } from '../store/runStore';
import { unzipSync, zipSync } from 'fflate';
import { compilePlaybook, scoreTable, summarise } from '../engine';
import { playbookFingerprint, playbookFromProject } from '../model';
import { demoProject } from '../data/testing/helpers';
import { generateDemoTable } from '../data/demo/generate';
import {
  exportHistoryZip,
  exportRefsOf,
  importHistoryFiles,
  type TransferProgress,
} from './historyTransferOps';

/**
 * The worker's import: it stores nothing until the page's go-ahead (so a cancel before it is
 * safe), says how far it is, and stores every run of the folder once let go.
 */
const DIR = 'test/fixtures/history-cli';
const files = [
  'manifest.json',
  'runs/2026-06-01.parquet',
  'runs/2026-12-01.parquet',
  'playbooks/aec4c3873f4833d3.json',
].map((p) => new File([readFileSync(join(DIR, p))], p.split('/').pop()!));
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
const target = { playbookName: manifest.playbookName, fingerprint: '', stored: [] };

beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
afterAll(() => setDbForTests(null));

describe('importHistoryFiles', () => {
  it('waits for the go-ahead before it stores, then stores every run', async () => {
    const seen: TransferProgress[] = [];
    let go!: () => void;
    let asked = false;
    const job = importHistoryFiles(
      'p',
      target,
      files,
      (p) => seen.push(p),
      () => {
        asked = true;
        return new Promise<void>((r) => (go = r));
      },
    );
    while (!asked) await new Promise((r) => setTimeout(r, 5));
    // Checked and ready, told the page `save`, and nothing stored yet.
    expect(seen.map((p) => p.phase)).toEqual([
      'read',
      'read',
      'read',
      'read',
      'check',
      'check',
      'save',
    ]);
    expect(
      seen.filter((p) => p.phase === 'check').map((p) => (p as { asOf: string }).asOf),
    ).toEqual(['2026-06-01', '2026-12-01']);
    await new Promise((r) => setTimeout(r, 50));
    expect(await listRuns('p')).toEqual([]);
    go();
    const report = await job;
    expect(report).toMatchObject({ ok: true, imported: ['2026-06-01', '2026-12-01'] });
    expect((await listRuns('p')).map((r) => [r.asOf, r.rowCount])).toEqual(
      manifest.runs.map((r: { asOf: string; rowCount: number }) => [r.asOf, r.rowCount]),
    );
  });
});

/** Staged rows and the owners of every stored column (the whole run store's state). */
const storeState = async () => ({
  runs: (await db().runs.toArray()).map((r) => `${r.projectId}/${r.asOf}`).sort(),
  owners: (await db().runColumns.orderBy('owner').uniqueKeys()).map(String).sort(),
});

describe('importHistoryFiles, one run at a time', () => {
  it('stores each run before it reads the next, and shows them only at the commit', async () => {
    const log: string[] = [];
    // A File that notes, when read, how many runs are staged and how many the project shows.
    class Noted extends File {
      override async arrayBuffer() {
        const staged = await db().runs.where('projectId').startsWith('staging:').count();
        log.push(`${this.name} staged=${staged} shown=${(await listRuns('r')).length}`);
        return super.arrayBuffer();
      }
    }
    const noted = files.map(
      (f, k) =>
        new Noted(
          [
            readFileSync(
              join(
                DIR,
                [
                  'manifest.json',
                  'runs/2026-06-01.parquet',
                  'runs/2026-12-01.parquet',
                  'playbooks/aec4c3873f4833d3.json',
                ][k],
              ),
            ),
          ],
          f.name,
        ),
    );
    const report = await importHistoryFiles('r', target, noted);
    expect(report).toMatchObject({ ok: true, imported: ['2026-06-01', '2026-12-01'] });
    expect(log).toEqual([
      'manifest.json staged=0 shown=0',
      '2026-06-01.parquet staged=0 shown=0',
      'aec4c3873f4833d3.json staged=0 shown=0',
      '2026-12-01.parquet staged=1 shown=0',
      'aec4c3873f4833d3.json staged=1 shown=0',
    ]);
    expect((await listRuns('r')).map((x) => x.asOf)).toEqual(['2026-06-01', '2026-12-01']);
    expect(await db().runs.where('projectId').startsWith('staging:').count()).toBe(0);
  });

  it('a run file found broken after another was stored leaves the store as it was', async () => {
    const before = await storeState();
    const bad = new File([new Uint8Array([1, 2, 3])], '2026-12-01.parquet');
    const report = await importHistoryFiles('s', target, [files[0], files[1], bad, files[3]]);
    expect(report).toMatchObject({ ok: false, issues: [{ code: 'not_parquet' }] });
    expect(await storeState()).toEqual(before);
  });

  it('a failure while storing leaves the store as it was', async () => {
    const before = await storeState();
    const { stagingId } = await import('../store/stagedImport');
    const staging = stagingId('t');
    let asked = false;
    const job = importHistoryFiles(
      't',
      target,
      files,
      undefined,
      async () => {
        asked = true;
        // Something else breaks the staged records before the commit.
        const ids = await db().runs.where('projectId').equals(staging).primaryKeys();
        await db().runColumns.where('owner').equals(String(ids[0])).delete();
      },
      staging,
    );
    await expect(job).rejects.toThrow(/stored records missing/);
    expect(asked).toBe(true);
    expect(await storeState()).toEqual(before);
  });

  it('reads a zip of the folder entry by entry, stored or deflated', async () => {
    const raw = Object.fromEntries(
      [
        'manifest.json',
        'runs/2026-06-01.parquet',
        'runs/2026-12-01.parquet',
        'playbooks/aec4c3873f4833d3.json',
      ].map((p) => [p, new Uint8Array(readFileSync(join(DIR, p)))]),
    );
    for (const level of [0, 6] as const) {
      const zip = new File([zipSync(raw, { level })], 'history.zip');
      const report = await importHistoryFiles(`z${level}`, target, [zip]);
      expect(report).toMatchObject({
        ok: true,
        file: 'history.zip/manifest.json',
        imported: ['2026-06-01', '2026-12-01'],
      });
      const runs = await listRuns(`z${level}`);
      expect(runs.map((x) => x.imported?.file)).toEqual([
        'history.zip/runs/2026-06-01.parquet',
        'history.zip/runs/2026-12-01.parquet',
      ]);
      expect(runs.map((x) => x.rowCount)).toEqual(
        manifest.runs.map((r: { rowCount: number }) => r.rowCount),
      );
    }
  });
});

describe('exportHistoryZip', () => {
  it('zips one run per as-of (the latest made), each playbook once, and names what it left out', async () => {
    const pb = playbookFromProject(demoProject);
    const table = generateDemoTable({ rows: 400, seed: 3 });
    for (const [asOf, createdAt] of [
      ['2026-01-01', '2026-01-01T09:00:00.000Z'],
      ['2026-02-01', '2026-02-01T09:00:00.000Z'],
      ['2026-02-01', '2026-02-03T09:00:00.000Z'],
    ]) {
      const c = compilePlaybook(pb, { asOf });
      if (!c.ok) throw new Error('demo playbook');
      const r = scoreTable(c.compiled, table, { asOf });
      await saveRun('q', 'ds', r, summarise(r), undefined, 'demo.csv', 'UTC', pb, { createdAt });
    }
    const { playbookName, runs } = exportRefsOf(demoProject, await listRuns('q'));
    const seen: TransferProgress[] = [];
    const out = (await exportHistoryZip(playbookName, runs, (p) => seen.push(p)))!;
    expect(out.count).toBe(2);
    expect(out.leftOut).toEqual(['2026-02-01 (2026-02-01T09:00:00.000Z)']);
    expect(seen.map((p) => [p.phase, p.done, p.total])).toEqual([
      ['export', 0, 2],
      ['export', 1, 2],
    ]);
    const bytes = new Uint8Array(await out.zip.arrayBuffer());
    // Four entries in the file itself (unzipSync would hide a duplicate name).
    let entries = 0;
    for (let i = 0; i + 3 < bytes.length; i++)
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2)
        entries++;
    expect(entries).toBe(4);
    const zip = unzipSync(bytes);
    const fp = playbookFingerprint(pb);
    expect(Object.keys(zip)).toEqual([
      'runs/2026-01-01.parquet',
      `playbooks/${fp}.json`,
      'runs/2026-02-01.parquet',
      'manifest.json',
    ]);
    const m = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
    expect(m.runs.map((r: { asOf: string; createdAt: string }) => [r.asOf, r.createdAt])).toEqual([
      ['2026-01-01', '2026-01-01T09:00:00.000Z'],
      ['2026-02-01', '2026-02-03T09:00:00.000Z'],
    ]);
  });
});
