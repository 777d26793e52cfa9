/**
 * Bundled into one script by history.bench.ts and run in Chromium on a blank page of a local
 * server: the app's own run store (Dexie over IndexedDB) and history code, driven directly so a
 * million-account run need not go through a CSV import first. Long tasks are observed by the page
 * (PerformanceObserver 'longtask': any main-thread task over 50 ms, with its duration).
 */
import {
  compilePlaybook,
  migrationMatrix,
  scoreTable,
  summarise,
  type ScoreResult,
} from '../../src/engine';
import { Project, playbookFromProject } from '../../src/model';
import { generateDemoTable } from '../../src/data/demo/generate';
import { listRuns, loadRun, runHeader, saveRun } from '../../src/store/runStore';
import { loadMigration, setHistoryWorkerFactory } from '../../src/workers/historyClient';
import demo from '../../templates/demo.json';

setHistoryWorkerFactory(() => new Worker('/history.worker.js', { type: 'module' }));
const longTasks: number[] = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });

let result: ScoreResult | null = null;
const pb = playbookFromProject(Project.parse(demo));

/** Time f; the longest main-thread task seen while it ran (0 = none over 50 ms). */
async function timed(f: () => Promise<unknown>) {
  // let earlier tasks be reported before the window opens
  await new Promise((r) => setTimeout(r, 50));
  longTasks.length = 0;
  const t = performance.now();
  await f();
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 100));
  return { ms, longestTask: Math.max(0, ...longTasks) };
}

const api = {
  /** Score the demo playbook over n generated accounts (not timed). */
  prepare(rows: number) {
    const c = compilePlaybook(pb, { asOf: '2026-01-05' });
    if (!c.ok) throw new Error('demo playbook');
    result = scoreTable(c.compiled, generateDemoTable({ rows, seed: 3 }));
    return result.rowCount;
  },
  /** Store the prepared run as of asOf, as the scoring worker does after a run. */
  append(asOf: string) {
    const r = { ...result!, asOf };
    return timed(() => saveRun('bench', 'ds', r, summarise(r), undefined, 'bench', undefined, pb));
  },
  /** What the History tab reads for its trends: every run's stored summary. */
  trend() {
    let points = 0;
    return timed(async () => {
      const runs = await listRuns('bench');
      points = runs.map((r) => runHeader(r).summary).length;
    }).then((x) => ({ ...x, runs: points }));
  },
  /** The migration matrix between the last two runs, on the main thread (the old way). */
  matrixMainThread() {
    return timed(async () => {
      const runs = await listRuns('bench');
      const [a, b] = await Promise.all(runs.slice(-2).map((r) => loadRun(r.id)));
      migrationMatrix(a!.result, b!.result);
    });
  },
  /** The same through the History tab's worker. */
  matrix() {
    return timed(async () => {
      const runs = await listRuns('bench');
      await loadMigration(runs[runs.length - 2].id, runs[runs.length - 1].id);
    });
  },
};
(window as unknown as { wmBench: typeof api }).wmBench = api;
