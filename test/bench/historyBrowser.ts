import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';

/**
 * CPU time (user + system, ms) of the Chromium process tree so far, from /proc (Linux): the
 * page, its workers, and the browser and storage processes that write IndexedDB. Null elsewhere.
 */
function chromiumCpuMs(root: number | undefined): number | null {
  if (!root || !existsSync('/proc/self/stat')) return null;
  const tick = 1000 / 100; // USER_HZ
  const procs = new Map<number, { ppid: number; cpu: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(+d, { ppid: +f[1], cpu: (+f[11] + +f[12]) * tick });
    } catch {
      // the process ended meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, k = 0; p > 1 && k < 64; p = procs.get(p)?.ppid ?? 0, k++)
      if (p === root) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, x] of procs) if (pid !== root && inTree(pid)) sum += x.cpu;
  return sum;
}

type Line = (name: string, value: number, unit: string, extra?: Record<string, unknown>) => void;

/**
 * Chromium side of `npm run bench -- history`: the app's run store (Dexie over IndexedDB) and
 * History code bundled with esbuild (historyBrowserProbe.ts, the history worker as its own
 * bundle) on a blank page of a local server. Appends `runs` runs of `rows` accounts, loads the
 * trend of all of them, and after each append computes the migration matrix between the last
 * two in the history worker: cold (a new worker), warm (the same worker again) and prewarmed (a
 * new worker warmed up as the Results view does at idle, then the matrix). Runs are stored from a worker (the probe bundle run
 * as one), as the app's scoring worker does. For each: wall time and the longest main-thread
 * task (PerformanceObserver 'longtask').
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
        // minified, as the app's production build is: a new worker parses its whole bundle
        minify: true,
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
    type Timed = { ms: number; longestTask: number; cpuMs?: number };
    type Api = {
      prepare(n: number): number;
      encode(): number;
      append(asOf: string): Promise<Timed & { saveMs: number }>;
      trend(): Promise<Timed & { runs: number }>;
      matrix(mode: 'cold' | 'warm' | 'prewarmed'): Promise<Timed>;
      read(type: string): Promise<Timed & { runs: number }>;
    };
    // Playwright starts Chromium from this process: its descendants are Chromium's processes.
    const pid = process.pid;
    const call = <K extends keyof Api>(k: K, arg?: unknown) =>
      page.evaluate(
        ([k, arg]) =>
          (window as unknown as { wmBench: Record<string, (x: unknown) => unknown> }).wmBench[k](
            arg,
          ),
        [k, arg] as const,
      ) as Promise<Awaited<ReturnType<Api[K]>>>;
    await call('prepare', o.rows);
    // Interleaved: each append is followed by the matrix between the last two runs, from a new
    // history worker (cold) and again from the same one (warm), so load on the shared machine
    // falls on all three alike; medians are reported.
    /** The call, and the CPU time the Chromium tree spent meanwhile (cumulative, so includes exited workers' time until they exit). */
    const withCpu = async <T>(f: () => Promise<T>): Promise<T & { cpuMs: number }> => {
      const c0 = chromiumCpuMs(pid);
      const r = await f();
      const c1 = chromiumCpuMs(pid);
      return { ...r, cpuMs: c0 === null || c1 === null ? NaN : c1 - c0 };
    };
    const appends: Awaited<ReturnType<Api['append']>>[] = [];
    const cold: Timed[] = [];
    const warm: Timed[] = [];
    const prewarmed: Timed[] = [];
    const encodes: number[] = [];
    for (let k = 0; k < o.runs; k++) {
      encodes.push(await call('encode'));
      const asOf = `2026-${String(1 + k).padStart(2, '0')}-05`;
      appends.push(await withCpu(() => call('append', asOf)));
      if (k > 0) {
        cold.push(await withCpu(() => call('matrix', 'cold')));
        warm.push(await withCpu(() => call('matrix', 'warm')));
        prewarmed.push(await withCpu(() => call('matrix', 'prewarmed')));
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const r2 = (x: number) => Math.round(x * 100) / 100;
    o.line('history.app_append_idb', med(appends.map((x) => x.ms)), 'ms', {
      rows: o.rows,
      goal: 2000,
      of: appends.length,
      all: appends.map((x) => Math.round(x.ms)),
      cpuMs: r2(med(appends.map((x) => x.cpuMs!))),
      encodeMs: r2(med(encodes)),
      saveMs: r2(med(appends.map((x) => x.saveMs))),
      longestTaskMs: Math.max(...appends.map((x) => x.longestTask)),
      longestTaskGoal: 100,
      note: 'saveRun in a worker as the scoring worker does (saveMs inside it; encodeMs = its encodeRun part, timed apart); ms = wall seen by the page; cpuMs = CPU of the Chromium process tree meanwhile; longest main-thread task',
    });
    // Reading the history in a worker: the stages for days in stage, and the CTA lifecycle
    // of the newest run against the others — now, and (baseline, in the same run) as before.
    if (o.runs > 1) {
      const stages = await withCpu(() => call('read', 'stages'));
      o.line('history.app_stage_history_read', stages.ms, 'ms', {
        rows: o.rows,
        runs: o.runs,
        cpuMs: r2(stages.cpuMs),
        longestTaskMs: stages.longestTask,
        longestTaskGoal: 100,
        note: "stageStreaksFromStore in a worker: every run's key list (shared: read once) and stage column",
      });
      const now: (Timed & { runs: number })[] = [];
      let old: (Timed & { runs: number }) | null = null;
      for (const type of ['lifecycle', 'lifecycleOld', 'lifecycle'])
        if (type === 'lifecycle') now.push(await withCpu(() => call('read', type)));
        else old = await withCpu(() => call('read', type));
      const lc = med(now.map((x) => x.ms));
      o.line('history.app_cta_lifecycle', lc, 'ms', {
        rows: o.rows,
        runsRead: now[0].runs,
        of: now.length,
        cpuMs: r2(med(now.map((x) => x.cpuMs!))),
        longestTaskMs: Math.max(...now.map((x) => x.longestTask)),
        longestTaskGoal: 100,
        note: 'runLifecycle in a worker: key lists and the CTA columns of open streaks',
      });
      if (old)
        o.line('history.app_cta_lifecycle_vs_whole_runs_ratio', old.ms / lc, 'ratio', {
          rows: o.rows,
          baselineMs: Math.round(old.ms),
          baselineCpuMs: r2(old.cpuMs!),
          runsRead: old.runs,
          note: 'before: ctaLifecycle over whole decoded runs (loadRun) + lifeArrays; ratio = before / now',
        });
    }
    const trend = await call('trend');
    o.line('history.app_trend_load', trend.ms, 'ms', {
      rows: o.rows,
      runs: trend.runs,
      goal: 2000,
      longestTaskMs: trend.longestTask,
      longestTaskGoal: 100,
    });
    if (cold.length) {
      o.line('history.app_matrix_worker', med(cold.map((x) => x.ms)), 'ms', {
        rows: o.rows,
        goal: 300,
        of: cold.length,
        all: cold.map((x) => Math.round(x.ms)),
        cpuMs: r2(med(cold.map((x) => x.cpuMs!))),
        longestTaskMs: Math.max(...cold.map((x) => x.longestTask)),
        longestTaskGoal: 100,
        note: 'cold: a new history worker reads the two runs (colour columns) from IndexedDB + matrix',
      });
      o.line('history.app_matrix_worker_warm', med(warm.map((x) => x.ms)), 'ms', {
        rows: o.rows,
        goal: 300,
        of: warm.length,
        cpuMs: r2(med(warm.map((x) => x.cpuMs!))),
        longestTaskMs: Math.max(...warm.map((x) => x.longestTask)),
        note: 'the same pair again: columns already read by the worker',
      });
      o.line('history.app_matrix_worker_prewarmed', med(prewarmed.map((x) => x.ms)), 'ms', {
        rows: o.rows,
        goal: 300,
        of: prewarmed.length,
        all: prewarmed.map((x) => Math.round(x.ms)),
        cpuMs: r2(med(prewarmed.map((x) => x.cpuMs!))),
        longestTaskMs: Math.max(...prewarmed.map((x) => x.longestTask)),
        note: 'a new worker warmed up as the Results view does at idle (warmHistory: database open, both colour columns read; not timed), then the matrix: what the History tab waits for',
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
}
