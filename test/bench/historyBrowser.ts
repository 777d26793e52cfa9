import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';

type Line = (name: string, value: number, unit: string, extra?: Record<string, unknown>) => void;

/**
 * Chromium side of `npm run bench -- history`: the app's run store (Dexie over IndexedDB) and
 * History code bundled with esbuild (historyBrowserProbe.ts, the history worker as its own
 * bundle) on a blank page of a local server. Appends `runs` runs of `rows` accounts, loads the
 * trend of all of them, computes the migration matrix between the last two on the main thread
 * (as the History tab did) and in the history worker (as it does now). For each: wall time and
 * the longest main-thread task (PerformanceObserver 'longtask').
 */
export async function runHistoryBrowserBench(o: {
  rows: number;
  runs: number;
  port: number;
  line: Line;
}): Promise<void> {
  const exe = process.env.CHROMIUM_PATH ?? findChromium();
  if (!exe) {
    console.error('history bench: no Chromium found, skipping browser measurements');
    return;
  }
  const bundle = async (entry: string) =>
    (
      await build({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'error',
        define: { 'process.env.NODE_ENV': '"production"' },
      })
    ).outputFiles[0].text;
  const files: Record<string, string> = {
    '/': '<!doctype html><meta charset="utf-8"><title>history bench</title><script type="module" src="/probe.js"></script>',
    '/probe.js': await bundle('test/bench/historyBrowserProbe.ts'),
    '/history.worker.js': await bundle('src/workers/history.worker.ts'),
  };
  const server = createServer((req, res) => {
    const body = files[req.url ?? '/'];
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': req.url === '/' ? 'text/html' : 'text/javascript',
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(o.port, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`http://127.0.0.1:${o.port}/`);
    await page.waitForFunction(() => 'wmBench' in window);
    type Api = {
      prepare(n: number): number;
      append(asOf: string): Promise<{ ms: number; longestTask: number }>;
      trend(): Promise<{ ms: number; longestTask: number; runs: number }>;
      matrixMainThread(): Promise<{ ms: number; longestTask: number }>;
      matrix(): Promise<{ ms: number; longestTask: number }>;
    };
    const call = <K extends keyof Api>(k: K, arg?: unknown) =>
      page.evaluate(
        ([k, arg]) =>
          (window as unknown as { wmBench: Record<string, (x: unknown) => unknown> }).wmBench[k](
            arg,
          ),
        [k, arg] as const,
      ) as Promise<Awaited<ReturnType<Api[K]>>>;
    await call('prepare', o.rows);
    const appends: { ms: number; longestTask: number }[] = [];
    for (let k = 0; k < o.runs; k++) {
      const asOf = `2026-${String(1 + k).padStart(2, '0')}-05`;
      appends.push(await call('append', asOf));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    o.line('history.app_append_idb', med(appends.map((x) => x.ms)), 'ms', {
      rows: o.rows,
      goal: 2000,
      of: appends.length,
      longestTaskMs: Math.max(...appends.map((x) => x.longestTask)),
      note: 'saveRun in Chromium; the app calls it in the scoring worker, so these tasks are off the main thread there',
    });
    const trend = await call('trend');
    o.line('history.app_trend_load', trend.ms, 'ms', {
      rows: o.rows,
      runs: trend.runs,
      goal: 2000,
      longestTaskMs: trend.longestTask,
      longestTaskGoal: 100,
    });
    const main = await call('matrixMainThread');
    o.line('history.app_matrix_main_thread', main.ms, 'ms', {
      rows: o.rows,
      longestTaskMs: main.longestTask,
      longestTaskGoal: 100,
      note: 'two runs loaded from IndexedDB + matrix on the main thread (before)',
    });
    const w = await call('matrix');
    o.line('history.app_matrix_worker', w.ms, 'ms', {
      rows: o.rows,
      goal: 300,
      longestTaskMs: w.longestTask,
      longestTaskGoal: 100,
      note: 'two runs loaded from IndexedDB + matrix in the history worker (now)',
    });
    const w2 = await call('matrix');
    o.line('history.app_matrix_worker_warm', w2.ms, 'ms', {
      rows: o.rows,
      goal: 300,
      longestTaskMs: w2.longestTask,
      note: 'the same pair again: runs already loaded in the worker',
    });
  } finally {
    await browser.close();
    server.close();
  }
}
