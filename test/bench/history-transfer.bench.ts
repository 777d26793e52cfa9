/**
 * `npm run bench -- history-transfer`: the History tab's import and export of a CLI history
 * folder at scale, in the built app. Options: --rows (1000000), --runs (3 runs in the folder),
 * --rounds (2), --settle (ms of quiet before each action, 1500), --builds dirA,dirB (built apps
 * to compare; default: this tree, built into dist-histx-bench), --port (5193). Writes a folder
 * of `--runs` runs of `--rows` demo accounts (the demo playbook, as the CLI's `--history`
 * does), then per round and per build (interleaved; each in a fresh browser context) imports it
 * through the History tab and exports the stored runs as a zip, and prints a JSON line each
 * with the wall time and the longest main-thread task (PerformanceObserver 'longtask'), and one
 * for the `--settle` ms after the import's report (the History tab taking in the new runs), and
 * one for going back to the History tab from the CTA tab (the tab drawn anew, 1 s after the click).
 * Each line has `peak_rss_mb`: the largest resident set of one Chromium process (the page's
 * renderer holds its workers) over the window, sampled every 200 ms from /proc (Linux).
 * --profile: a CPU profile of the page's main thread over each measured window, its busiest
 * stretch printed to stderr (build with `vite build --minify false` for readable names).
 * --trace: a Chrome trace from the last run's read to the end of the window after the import
 * (style, layout, message deserialisation: what a profile shows as '(program)'), its long tasks
 * printed to stderr (UI_TRACE_DIR=dir keeps it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { serveBuiltApp } from './builtAppServer';
import { startProfile, type Profiling } from './uiProfile';
import { startTrace } from './uiTrace';
import { demoHistoryFolder } from '../../src/engine/testing/historyFolder';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', '1000000'));
const runs = Number(arg('runs', '3'));
const rounds = Number(arg('rounds', '2'));
const builds = arg('builds', '').split(',').filter(Boolean);
if (!builds.length) {
  const b = spawnSync('npx', ['vite', 'build', '--outDir', 'dist-histx-bench'], {
    stdio: 'inherit',
  });
  if (b.status !== 0) throw new Error('vite build failed');
  builds.push('dist-histx-bench');
}
const port = Number(arg('port', '5193'));
/** Quiet time before each measured action (what the page does after a load or an import). */
const settle = Number(arg('settle', '1500'));
const profile = process.argv.includes('--profile');
const trace = process.argv.includes('--trace');
/** A CPU profile of the page over one window (`--profile`), or nothing. */
const profiled = async (page: Page): Promise<Profiling | null> =>
  profile ? startProfile(page) : null;

function writeFolder(dir: string): string[] {
  // Weekly as-of dates, as a weekly cron job writes them (any number of runs).
  const dates = Array.from({ length: runs }, (_, k) =>
    new Date(Date.UTC(2025, 0, 1 + 7 * k)).toISOString().slice(0, 10),
  );
  const paths: string[] = [];
  for (const [p, b] of demoHistoryFolder(rows, dates, 5)) {
    const f = join(dir, p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, b);
    paths.push(f);
  }
  return paths;
}

/** The long tasks since the last call: the longest, when it began after the action, how many over 100 ms. */
const longest = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __lt: { d: number; at: number }[]; __t0: number };
    const xs = w.__lt;
    w.__lt = [];
    const top = xs.reduce((m, x) => (x.d > m.d ? x : m), { d: 0, at: w.__t0 });
    return {
      longest_task_ms: Math.round(top.d),
      longest_at_ms: Math.round(top.at - w.__t0),
      tasks_over_100: xs.filter((x) => x.d > 100).length,
    };
  });
/** The largest RSS (MB) of one process in the tree under `root` now (0 where /proc is not). */
function largestRssMb(root: number): number {
  const procs = new Map<number, { ppid: number; rss: number }>();
  let names: string[] = [];
  try {
    names = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const d of names)
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(+d, { ppid: +f[1], rss: (+f[21] * 4096) / 2 ** 20 });
    } catch {
      // ended meanwhile
    }
  let top = 0;
  for (const [pid, x] of procs) {
    let p = pid;
    for (let k = 0; p > 1 && p !== root && k < 64; k++) p = procs.get(p)?.ppid ?? 0;
    if (pid !== root && p === root && x.rss > top) top = x.rss;
  }
  return top;
}

/** Samples the largest Chromium process's RSS until `stop()`, which gives the peak. */
function rssPeak(root: number | undefined) {
  let peak = 0;
  const tick = () => (peak = Math.max(peak, root ? largestRssMb(root) : 0));
  const timer = setInterval(tick, 200);
  return () => {
    clearInterval(timer);
    tick();
    return Math.round(peak);
  };
}

/** Mark the action's start (the long task's `longest_at_ms` counts from it). */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __t0: number }).__t0 = performance.now()));

async function round(exe: string, dir: string, files: string[], k: number) {
  const srv = await serveBuiltApp(() => dir, port);
  const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(900_000);
    await page.addInitScript(() => {
      localStorage.setItem('waymark.lang', 'en');
      const w = window as unknown as { __lt: { d: number; at: number }[]; __t0: number };
      w.__lt = [];
      w.__t0 = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__lt.push({ d: e.duration, at: e.startTime });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${srv.base}/#/p/demo/results`);
    await page.getByTestId('tab-history').click();
    await page.getByTestId('trend-colors').waitFor();
    await page.waitForTimeout(settle);
    await longest(page);
    await mark(page);
    let prof = await profiled(page);
    // Chromium runs under this process (the bench's own memory left out).
    const root = process.pid;
    let rss = rssPeak(root);
    let t0 = Date.now();
    await page.getByTestId('history-import-files-input').setInputFiles(files);
    let tracing = null;
    if (trace) {
      await page
        .getByTestId('history-transfer-busy')
        .filter({ hasText: `Reading run ${runs} of ${runs}` })
        .waitFor();
      tracing = await startTrace(browser, page);
    }
    await page.getByTestId('history-import-done').waitFor();
    const line = (name: string, ms: number, lt: object) =>
      console.log(
        JSON.stringify({
          name,
          build: dir,
          round: k,
          rows,
          runs,
          duration_ms: ms,
          peak_rss_mb: rss(),
          ...lt,
        }),
      );
    line('history.ui_import', Date.now() - t0, await longest(page));
    await prof?.stop(`import-${k}`, true);
    // What the page does once the report shows (the History tab refreshing with the new runs).
    await mark(page);
    prof = await profiled(page);
    rss = rssPeak(root);
    await page.waitForTimeout(settle);
    line('history.ui_after_import', settle, await longest(page));
    await tracing?.stop(`import-end-${k}`, true);
    await prof?.stop(`after-import-${k}`, true);
    // Back to the History tab from another, with the runs stored: the tab drawn anew.
    await page.getByTestId('tab-ctas').click();
    await page.waitForTimeout(settle);
    await longest(page);
    await mark(page);
    prof = await profiled(page);
    rss = rssPeak(root);
    t0 = Date.now();
    await page.getByTestId('tab-history').click();
    await page.getByTestId('run-list').waitFor();
    await page.waitForTimeout(1000);
    line('history.ui_tab_switch', Date.now() - t0, await longest(page));
    await prof?.stop(`tab-switch-${k}`, true);
    await mark(page);
    prof = await profiled(page);
    rss = rssPeak(root);
    t0 = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('history-export').click(),
    ]);
    await download.path();
    line('history.ui_export', Date.now() - t0, await longest(page));
    await prof?.stop(`export-${k}`, true);
  } finally {
    await browser.close();
    srv.close();
  }
}

const exe = process.env.CHROMIUM_PATH ?? findChromium();
if (!exe) throw new Error('no Chromium');
const dir = mkdtempSync(join(tmpdir(), 'wm-histui-'));
try {
  const files = writeFolder(dir);
  for (let k = 0; k < rounds; k++)
    for (const b of k % 2 ? [...builds].reverse() : builds) await round(exe, resolve(b), files, k);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
