import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, setDbForTests } from './db';
import { listRuns, loadRun } from './runStore';
import { saveImportedRuns } from './stagedImport';
import { readHistoryImport } from '../engine/historyTransfer';
import { summarise } from '../engine';

// Runs imported from a CLI history folder are stored as read (never re-scored), marked, and in
// one transaction: a failure part-way stores none of them.
const DIR = 'test/fixtures/history-cli';
const files = ['manifest.json', 'runs/2026-06-01.parquet', 'runs/2026-12-01.parquet'].map((p) => ({
  path: p,
  bytes: new Uint8Array(readFileSync(join(DIR, p))),
}));

describe('saveImportedRuns', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('stores the runs as read, marked imported, all or none', async () => {
    const m = JSON.parse(new TextDecoder().decode(files[0].bytes));
    const got = await readHistoryImport(files, {
      playbookName: m.playbookName,
      fingerprint: '',
      stored: [],
    });
    if (!got.ok) throw new Error(JSON.stringify(got.issues));
    const input = got.runs.map((r) => ({
      result: r.result,
      summary: summarise(r.result),
      playbook: null,
      fingerprint: r.entry.fingerprint,
      createdAt: r.entry.createdAt,
      file: r.entry.file,
      dataset: r.entry.dataset,
    }));
    // A broken second run: the first must not stay behind.
    const broken = { ...input[1], result: { ...input[1].result, accountIds: null as never } };
    await expect(saveImportedRuns('p1', [input[0], broken])).rejects.toThrow();
    expect(await listRuns('p1')).toEqual([]);

    await saveImportedRuns('p1', input);
    const runs = await listRuns('p1');
    expect(runs.map((r) => [r.asOf, r.createdAt, r.fingerprint, r.imported?.from])).toEqual(
      m.runs.map((e: { asOf: string; createdAt: string; fingerprint: string }) => [
        e.asOf,
        e.createdAt,
        e.fingerprint,
        'cli',
      ]),
    );
    const back = (await loadRun(runs[1].id))!.result;
    expect(back.accountIds).toEqual(input[1].result.accountIds);
    expect(Array.from(back.total)).toEqual(Array.from(input[1].result.total));
    expect(Array.from(back.color)).toEqual(Array.from(input[1].result.color));
  });
});
