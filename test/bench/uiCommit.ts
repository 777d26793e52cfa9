/**
 * `node --import tsx test/bench/uiCommit.ts --app NAME:DIR [--app NAME:DIR …] [--runs R]
 *  [--port P] [--csv FILE]`: the main thread while an imported file is stored (issue 17
 * point 5). Each built app (`npx vite build --outDir DIR`) is served on a port of its own
 * (P, P + 1, …); per run and app, in a rotated order, a fresh browser context picks the CSV
 * (by default the browser-import bench's 1,000,000-account demo export) in the Data view,
 * imports it, then clicks Save (`import-save`): the longest main-thread task (PerformanceObserver
 * 'longtask') from that click until the Data view shows the stored row count, and in the 2 s
 * after, the wait for that count, and every task of 50 ms or more (`--trace`: what each
 * was, from a Chrome trace). JSON lines per app
 * (medians, runs in order) and the load average before each run.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { benchDemoCsv, median } from './benchDemoCsv';
import { startPreview } from './previewServer';
import { startTrace, type Tracing } from './uiTrace';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const apps = args
  .flatMap((a, i) => (args[i - 1] === '--app' ? [a] : []))
  .map((a) => ({ name: a.split(':')[0], dir: a.split(':').slice(1).join(':') }));
if (!apps.length) throw new Error('uiCommit: give --app NAME:DIR');
const RUNS = Number(opt('runs', '3'));
const PORT = Number(opt('port', '5197'));
/** A Chrome trace around each click, its tasks of 50 ms or more summarised (uiTrace.ts). */
const TRACE = args.includes('--trace');
const csv = opt('csv', '') ? resolve(opt('csv', '')) : benchDemoCsv(1_000_000);

declare global {
  interface Window {
    __longtasks: { start: number; duration: number }[];
  }
}

const exe = process.env.CHROMIUM_PATH ?? findChromium();
if (!exe) throw new Error('uiCommit: no Chromium found');
const servers = await Promise.all(apps.map((a, i) => startPreview(a.dir, PORT + i)));
type Run = { untilShown: number; after: number; wait: number; tasks: number[]; load: number };
const res: Record<string, Run[]> = {};
try {
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  for (let run = 0; run < RUNS; run++)
    for (let k = 0; k < apps.length; k++) {
      const i = (k + run) % apps.length;
      const load = loadavg()[0];
      const ctx = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'en-US',
      });
      const p = await ctx.newPage();
      p.setDefaultTimeout(600_000);
      await p.addInitScript(() => {
        localStorage.setItem('waymark.lang', 'en');
        window.__longtasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries())
            window.__longtasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      await p.goto(`${servers[i].base}/#/p/demo/data`);
      await p.getByTestId('dataset-rows').waitFor();
      await p.getByTestId('data-file-input').setInputFiles(csv);
      await p.getByTestId('import-run').waitFor();
      await p.waitForTimeout(1000);
      await p.getByTestId('import-run').click();
      await p.getByTestId('report-rows-imported').waitFor();
      const rows = ((await p.getByTestId('report-rows-imported').textContent()) ?? '').replace(
        /\D/g,
        '',
      );
      if (await p.getByTestId('replace-confirm').count())
        await p.getByTestId('replace-confirm').check();
      await p.waitForTimeout(2000);
      const t0 = await p.evaluate(() => {
        window.__longtasks = [];
        return performance.now();
      });
      const tr: Tracing | null = TRACE ? await startTrace(browser, p) : null;
      const w0 = Date.now();
      await p.getByTestId('import-save').click();
      await p
        .getByTestId('dataset-rows')
        .filter({ hasText: Number(rows).toLocaleString('en-US') })
        .waitFor();
      const t1 = await p.evaluate(() => performance.now());
      const wait = Date.now() - w0;
      await p.waitForTimeout(2000);
      if (tr) await tr.stop(`${apps[i].name} run ${run + 1}`, true);
      const tasks = await p.evaluate(() => window.__longtasks);
      const during = tasks.filter((x) => x.start >= t0 - 1 && x.start <= t1);
      const r: Run = {
        untilShown: Math.max(0, ...during.map((x) => x.duration)),
        after: Math.max(0, ...tasks.filter((x) => x.start > t1).map((x) => x.duration)),
        wait,
        tasks: tasks.filter((x) => x.duration >= 50).map((x) => Math.round(x.duration)),
        load,
      };
      console.error(`uiCommit: ${apps[i].name} run ${run + 1} (${rows} rows) ${JSON.stringify(r)}`);
      (res[apps[i].name] ??= []).push(r);
      await ctx.close();
    }
  await browser.close();
} finally {
  for (const s of servers) s.stop();
}
for (const [name, list] of Object.entries(res))
  for (const key of ['untilShown', 'after', 'wait'] as const)
    console.log(
      JSON.stringify({
        name: `commit_${key}_ms`,
        app: name,
        value: median(list.map((r) => r[key])),
        runs: list.map((r) => Math.round(r[key])),
        load: list.map((r) => Math.round(r.load * 10) / 10),
      }),
    );
