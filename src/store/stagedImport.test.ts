import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from './db';
import { listRuns, loadRun, saveRun } from './runStore';
import {
  STALE_MS,
  StagedImportBroken,
  commitStagedImport,
  discardStagedImport,
  stageImportedRun,
  stagingId,
  sweepStagedImports,
  type ImportedRunInput,
} from './stagedImport';
import { compilePlaybook, scoreTable, summarise } from '../engine';
import { playbookFromProject } from '../model';
import { demoProject } from '../data/testing/helpers';
import { generateDemoTable } from '../data/demo/generate';

// A history import stores each run as it reads it, unseen, and shows them all at once: until
// the commit the project lists none; a discard leaves the store as it was, key lists a project
// run shares included.
const pb = playbookFromProject(demoProject);
const table = generateDemoTable({ rows: 300, seed: 5 });
const scored = (asOf: string) => {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error('demo playbook');
  return scoreTable(c.compiled, table, { asOf });
};
const input = (asOf: string): ImportedRunInput => {
  const result = scored(asOf);
  return {
    result,
    summary: summarise(result),
    playbook: pb,
    fingerprint: 'fp',
    createdAt: `${asOf}T06:00:00.000Z`,
    file: `runs/${asOf}.parquet`,
    dataset: 'demo.csv',
  };
};
/** Every runColumns owner and every runs row's project, to compare the whole store. */
const storeState = async () => ({
  owners: (await db().runColumns.orderBy('owner').uniqueKeys()).map(String).sort(),
  projects: (await db().runs.toArray()).map((r) => r.projectId).sort(),
});

beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
afterAll(() => setDbForTests(null));

describe('staged history import', () => {
  it('stages unseen, commits all at once', async () => {
    const s = stagingId('p1');
    await stageImportedRun('p1', s, input('2026-01-01'));
    await stageImportedRun('p1', s, input('2026-02-01'));
    expect(await listRuns('p1')).toEqual([]);
    const rows = await commitStagedImport('p1', s);
    expect(rows.map((r) => r.asOf)).toEqual(['2026-01-01', '2026-02-01']);
    const runs = await listRuns('p1');
    expect(runs.map((r) => [r.asOf, r.imported?.from])).toEqual([
      ['2026-01-01', 'cli'],
      ['2026-02-01', 'cli'],
    ]);
    // Both runs list the same accounts: one key list, the project's content id.
    expect(new Set(runs.map((r) => r.keysId)).size).toBe(1);
    expect(runs[0].keysId).toMatch(/^keys_p1_/);
    const back = (await loadRun(runs[1].id))!.result;
    expect(back.accountIds).toEqual(scored('2026-01-01').accountIds);
    expect(Array.from(back.total)).toEqual(Array.from(scored('2026-02-01').total));
    expect(await db().runs.where('projectId').startsWith('staging:').count()).toBe(0);
  });

  it('a discard leaves the store as it was, a key list shared with a project run kept', async () => {
    const r = scored('2026-03-01');
    await saveRun('p2', 'ds', r, summarise(r), undefined, 'demo.csv', 'UTC', pb);
    const before = await storeState();
    const s = stagingId('p2');
    await stageImportedRun('p2', s, input('2026-04-01'));
    const staged = await db().runs.where('projectId').equals(s).first();
    // The staged run shares the project run's key list.
    expect(staged!.keysId).toBe((await listRuns('p2'))[0].keysId);
    expect(await storeState()).not.toEqual(before);
    await discardStagedImport(s);
    await discardStagedImport(s);
    expect(await storeState()).toEqual(before);
    const kept = (await listRuns('p2'))[0];
    expect((await loadRun(kept.id))!.result.accountIds).toEqual(scored('2026-01-01').accountIds);
  });

  it('a key list a staged run uses outlives the project run that wrote it', async () => {
    const r = scored('2026-05-01');
    const own = await saveRun('p3', 'ds', r, summarise(r), undefined, 'demo.csv', 'UTC', pb);
    const s = stagingId('p3');
    await stageImportedRun('p3', s, input('2026-06-01'));
    const { deleteRun } = await import('./runStore');
    await deleteRun(own.id);
    const [run] = await commitStagedImport('p3', s);
    expect((await loadRun(run.id))!.result.accountIds).toEqual(scored('2026-01-01').accountIds);
  });

  it('refuses to commit a staged run whose records are gone, and shows none', async () => {
    const s = stagingId('p4');
    await stageImportedRun('p4', s, input('2026-07-01'));
    const second = await stageImportedRun('p4', s, input('2026-08-01'));
    await db().runColumns.where('owner').equals(second.id).delete();
    await expect(commitStagedImport('p4', s)).rejects.toBeInstanceOf(StagedImportBroken);
    expect(await listRuns('p4')).toEqual([]);
    await discardStagedImport(s);
  });

  it('sweeps what an import that never ended staged, not a live one', async () => {
    const before = await storeState();
    const now = Date.now();
    const stale = stagingId('p5', now - STALE_MS - 1000);
    const live = stagingId('p5', now - 60_000);
    await stageImportedRun('p5', stale, input('2026-09-01'));
    await stageImportedRun('p5', live, input('2026-10-01'));
    expect(await sweepStagedImports(now)).toBe(1);
    expect(await db().runs.where('projectId').equals(stale).count()).toBe(0);
    expect(await db().runs.where('projectId').equals(live).count()).toBe(1);
    await discardStagedImport(live);
    expect(await storeState()).toEqual(before);
  });
});
