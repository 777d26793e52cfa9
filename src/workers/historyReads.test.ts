import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from '../store/db';
import { generateDemoTable } from '../data/demo/generate';
import { compilePlaybook, migrationMatrix, scoreTable, summarise } from '../engine';
import { playbookFromProject } from '../model';
import { demoProject } from '../data/testing/helpers';
import { saveRun } from '../store/runStore';
import {
  cellAccounts,
  changesOf,
  matrixOf,
  setHistoryPauseForTests,
  warmRuns,
} from './historyReads';

const pb = playbookFromProject(demoProject);
function scored(rows: number, asOf: string) {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error('demo playbook');
  return scoreTable(c.compiled, generateDemoTable({ rows, seed: 4 }));
}

describe('the History warm-up read', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => {
    setDbForTests(null);
    setHistoryPauseForTests(null);
  });

  it('waits on its pause before each step, reads once, and the matrix then reads nothing more', async () => {
    const a = scored(500, '2026-06-01');
    const b = scored(500, '2026-12-01');
    const ra = await saveRun('pw', 'ds', a, summarise(a));
    const rb = await saveRun('pw', 'ds', b, summarise(b));
    // Count the database's reads of run records and columns from here on.
    const reads: string[] = [];
    const d = db();
    const runsGet = d.runs.get.bind(d.runs);
    const colsGet = d.runColumns.bulkGet.bind(d.runColumns);
    d.runs.get = ((k: string) => (reads.push(`run ${k}`), runsGet(k))) as typeof d.runs.get;
    d.runColumns.bulkGet = ((ks: [string, string][]) => (
      reads.push(...ks.map((k) => `col ${k.join(' ')}`)),
      colsGet(ks)
    )) as typeof d.runColumns.bulkGet;
    // The pause is a step of its own: record where it fell among the reads.
    const steps: string[] = [];
    let pauses = 0;
    setHistoryPauseForTests(async () => {
      pauses++;
      steps.push(`pause after ${reads.length}`);
      await new Promise((r) => setTimeout(r, 0));
    });
    await warmRuns([ra.id, 'run_gone', rb.id]);
    // Before each run's record and before each column (the run that is gone: its record only).
    expect(pauses).toBe(5);
    expect(steps).toEqual([
      'pause after 0',
      'pause after 1',
      'pause after 2',
      'pause after 3',
      'pause after 4',
    ]);
    expect(reads).toEqual([
      `run ${ra.id}`,
      `col ${ra.id} color#0`,
      'run run_gone',
      `run ${rb.id}`,
      `col ${rb.id} color#0`,
    ]);
    reads.length = 0;
    pauses = 0;
    expect(await matrixOf(ra.id, rb.id)).toEqual(migrationMatrix(a, b));
    // The warm-up's views and columns were the matrix's: nothing read again.
    expect(reads).toEqual([]);
    // The matrix is counted after a wait on the timer, not in the reads' chain of promises.
    expect(pauses).toBe(1);
    const m = migrationMatrix(a, b);
    pauses = 0;
    const cell = await cellAccounts(ra.id, rb.id, 'green', 'yellow');
    expect(cell.length).toBe(m.counts[0][2]);
    expect(pauses).toBe(2);
    pauses = 0;
    const page = await changesOf(ra.id, rb.id, a.colorIds, 'changed', 'delta_asc', 5);
    expect(page.rows.length).toBe(5);
    expect(pauses).toBe(1);
  });
});
