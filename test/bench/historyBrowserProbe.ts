/**
 * Bundled into one script by history.bench.ts and run in Chromium on a blank page of a local
 * server: the app's own run store (Dexie over IndexedDB) and history code, driven directly so a
 * million-account run need not go through a CSV import first. Long tasks are observed by the page
 * (PerformanceObserver 'longtask': any main-thread task over 50 ms, with its duration).
 */
import { compilePlaybook, scoreTable, summarise, type ScoreResult } from '../../src/engine';
import { Project, playbookFromProject } from '../../src/model';
import { generateDemoTable } from '../../src/data/demo/generate';
import { encodeRun, listRuns, loadRun, runHeader, saveRun } from '../../src/store/runStore';
import { stageStreaksFromStore } from '../../src/workers/stageRuns';
import { storedRuns } from '../../src/workers/storedFiredRuns';
import { runLifecycle } from '../../src/engine/lifecycleRuns';
import { ctaLifecycle } from '../../src/engine/lifecycle';
import { lifeArrays } from '../../src/engine/testing/legacyLifecycle';
import {
  closeHistoryWorker,
  loadMigration,
  setHistoryWorkerFactory,
  warmHistory,
} from '../../src/workers/historyClient';
import demo from '../../templates/demo.json';

let result: ScoreResult | null = null;
const pb = playbookFromProject(Project.parse(demo));

/** Score the demo playbook over n generated accounts (not timed). */
function prepare(rows: number) {
  const c = compilePlaybook(pb, { asOf: '2026-01-05' });
  if (!c.ok) throw new Error('demo playbook');
  result = scoreTable(c.compiled, generateDemoTable({ rows, seed: 3 }));
  return result.rowCount;
}

// In a worker (this same bundle, started by the page below): store runs as the scoring worker
// does after a run, timing the encoding alone and the whole saveRun.
if (typeof document === 'undefined') {
  self.onmessage = async (ev: MessageEvent<{ type: string; rows?: number; asOf?: string }>) => {
    const m = ev.data;
    if (m.type === 'prepare') self.postMessage({ rows: prepare(m.rows!) });
    else if (m.type === 'stages') {
      // Days in stage from the history, as the scoring worker reads it before a run: every
      // stored run's key list and stage column (the demo's stages never change: no streak
      // closes, so all of them are read).
      const t = performance.now();
      const s = await stageStreaksFromStore('bench', '2099-01-01');
      self.postMessage({ ms: performance.now() - t, runs: s ? 1 : 0 });
    } else if (m.type === 'lifecycle' || m.type === 'lifecycleOld') {
      // The CTA lifecycle of the newest run against the earlier ones, as the run worker computes
      // it: column by column (now), or from whole decoded runs and string keys (before).
      const runs = await listRuns('bench');
      const cur = (await loadRun(runs[runs.length - 1].id))!.result;
      const before = runs
        .slice(0, -1)
        .reverse()
        .map((r) => r.id);
      const t = performance.now();
      let read = 0;
      if (m.type === 'lifecycle') read = (await runLifecycle(cur, storedRuns(before))).dates.length;
      else {
        let i = 0;
        const life = await ctaLifecycle(cur, async () => {
          const id = before[i++];
          if (id) read++;
          return id ? ((await loadRun(id))?.result ?? null) : null;
        });
        lifeArrays(cur, life);
      }
      self.postMessage({ ms: performance.now() - t, runs: read });
    } else if (m.type === 'encode') {
      const t = performance.now();
      encodeRun('bench', result!);
      self.postMessage({ encodeMs: performance.now() - t });
    } else {
      const r = { ...result!, asOf: m.asOf! };
      const summary = summarise(r); // made while scoring in the app, not by the store
      const t = performance.now();
      await saveRun('bench', 'ds', r, summary, undefined, 'bench', undefined, pb);
      self.postMessage({ saveMs: performance.now() - t });
    }
  };
} else {
  setHistoryWorkerFactory(() => new Worker('/history.worker.js', { type: 'module' }));
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
}
const longTasks: number[] = [];
let store: Worker | null = null;
function ask<T>(msg: unknown): Promise<T> {
  store ??= new Worker('/probe.js', { type: 'module' });
  const w = store;
  return new Promise((resolve) => {
    w.onmessage = (ev) => resolve(ev.data as T);
    w.postMessage(msg);
  });
}

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
  /** Score the demo playbook over n generated accounts in the storing worker (not timed). */
  prepare(rows: number) {
    return ask<{ rows: number }>({ type: 'prepare', rows }).then((x) => x.rows);
  },
  /** Store the prepared run as of asOf from the worker, as the scoring worker does after a run. */
  /** encodeRun alone in the worker (the CPU part of saveRun), ms. */
  encode() {
    return ask<{ encodeMs: number }>({ type: 'encode' }).then((x) => x.encodeMs);
  },
  async append(asOf: string) {
    let w = { saveMs: 0 };
    const t = await timed(async () => {
      w = await ask<typeof w>({ type: 'append', asOf });
    });
    return { ...t, ...w };
  },
  /** What the History tab reads for its trends: every run's stored summary. */
  trend() {
    let points = 0;
    return timed(async () => {
      const runs = await listRuns('bench');
      points = runs.map((r) => runHeader(r).summary).length;
    }).then((x) => ({ ...x, runs: points }));
  },
  /** A history read in the storing worker (stages / lifecycle / lifecycleOld), ms and runs read. */
  read(type: string) {
    let w = { ms: 0, runs: 0 };
    return timed(async () => {
      w = await ask<typeof w>({ type });
    }).then((x) => ({ ...x, ...w }));
  },
  /**
   * The migration matrix between the last two runs through the History tab's worker: cold = a
   * new worker that has read nothing yet, warm = the same worker again, prewarmed = a new worker
   * warmed up as the Results view does at idle (warmHistory: database open, the two runs' colour
   * columns read; not timed), then the matrix.
   */
  async matrix(mode: 'cold' | 'warm' | 'prewarmed') {
    const runs = await listRuns('bench');
    const [a, b] = [runs[runs.length - 2].id, runs[runs.length - 1].id];
    if (mode !== 'warm') closeHistoryWorker();
    if (mode === 'prewarmed') await warmHistory([a, b]);
    return timed(async () => {
      await listRuns('bench');
      await loadMigration(a, b);
    });
  },
};
if (typeof document !== 'undefined') (window as unknown as { wmBench: typeof api }).wmBench = api;
