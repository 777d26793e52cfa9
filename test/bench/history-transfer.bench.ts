/**
 * `npm run bench -- history-transfer`: the History tab's import and export of a CLI history
 * folder at scale, in the built app. Options: --rows (1000000), --runs (3 runs in the folder),
 * --rounds (2), --settle (ms of quiet before each action, 1500), --builds dirA,dirB (built apps
 * to compare; default: this tree, built into dist-histx-bench), --port (5193). Writes a folder
 * of `--runs` runs of `--rows` demo accounts (the demo playbook, as the CLI's `--history`
 * does), then per round and per build (interleaved; each in a fresh browser context) imports it
 * through the History tab and exports the stored runs as a zip, and prints a JSON line each
 * with the wall time and the longest main-thread task (PerformanceObserver 'longtask'), and one
 * for the `--settle` ms after the import's report (the History tab taking in the new runs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { serveBuiltApp } from './builtAppServer';
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

function writeFolder(dir: string): string[] {
  const dates = Array.from({ length: runs }, (_, k) => `2025-${String(k + 1).padStart(2, '0')}-01`);
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
/** Mark the action's start (the long task's `longest_at_ms` counts from it). */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __t0: number }).__t0 = performance.now()));

async function round(exe: string, root: string, files: string[], k: number) {
  const srv = await serveBuiltApp(() => root, port);
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
    let t0 = Date.now();
    await page.getByTestId('history-import-files-input').setInputFiles(files);
    await page.getByTestId('history-import-done').waitFor();
    const line = (name: string, ms: number, lt: object) =>
      console.log(
        JSON.stringify({ name, build: root, round: k, rows, runs, duration_ms: ms, ...lt }),
      );
    line('history.ui_import', Date.now() - t0, await longest(page));
    // What the page does once the report shows (the History tab refreshing with the new runs).
    await mark(page);
    await page.waitForTimeout(settle);
    line('history.ui_after_import', settle, await longest(page));
    await mark(page);
    t0 = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('history-export').click(),
    ]);
    await download.path();
    line('history.ui_export', Date.now() - t0, await longest(page));
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
