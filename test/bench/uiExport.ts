/**
 * Probe of the results page at scale (issue 17 point 5, exports / reload / backtest):
 * `npx tsx test/bench/uiExport.ts [--rows 1000000] [--port 5192] [--out dist-uiexp-bench]
 * [--skip-build]`. Builds the app, generates demo accounts through the Data view, stores them,
 * runs the playbook, then for each interaction prints a JSON line with the longest main-thread
 * task (PerformanceObserver 'longtask') and the time it took.
 */
import { spawnSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { replaceIfAsked } from './benchRuns';
import { startPreview } from './previewServer';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', '200000'));
const port = Number(arg('port', '5192'));
const outDir = arg('out', 'dist-uiexp-bench');
const only = arg('only', '');

const line = (name: string, o: Record<string, unknown>) =>
  console.log(JSON.stringify({ name, rows, ...o }));

async function longest(page: Page): Promise<{ longest_task_ms: number; tasks_over_100: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __lt: number[] };
    const xs = w.__lt;
    w.__lt = [];
    return {
      longest_task_ms: Math.round(xs.reduce((m, x) => Math.max(m, x), 0)),
      tasks_over_100: xs.filter((x) => x > 100).length,
    };
  });
}
const reset = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __lt: number[] }).__lt = []));

async function measure(page: Page, name: string, act: () => Promise<unknown>) {
  if (only && !only.split(',').includes(name)) return;
  await page.waitForTimeout(300);
  await reset(page);
  const t0 = Date.now();
  await act();
  const ms = Date.now() - t0;
  // Tasks still queued after the last await are caught by a short wait.
  await page.waitForTimeout(200);
  line(name, { duration_ms: ms, ...(await longest(page)) });
}

async function main() {
  const exe = process.env.CHROMIUM_PATH ?? findChromium() ?? '/usr/bin/chromium';
  if (!process.argv.includes('--skip-build')) {
    const b = spawnSync(
      'npx',
      ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      { stdio: 'inherit', env: { ...process.env, VITE_BENCH: '1' } },
    );
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const { base, stop } = await startPreview(outDir, port);
  try {
    const browser = await chromium.launch({
      executablePath: exe,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const ctx = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      acceptDownloads: true,
    });
    const page = await ctx.newPage();
    page.setDefaultTimeout(600_000);
    await page.addInitScript(() => {
      localStorage.setItem('waymark.lang', 'en');
      // Headless Chromium has no save dialog: the download fallback is measured.
      delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
      const w = window as unknown as { __lt: number[] };
      w.__lt = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__lt.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const fmt = rows.toLocaleString('en-US');
    await page.goto(`${base}/#/p/demo/data`);
    await page.getByTestId('dataset-rows').waitFor();
    await page.getByTestId('demo-rows').fill(String(rows));
    await page.getByTestId('demo-generate').click();
    await page.getByTestId('replace-summary').waitFor();
    const confirm = page.getByTestId('replace-confirm');
    if (await confirm.isVisible()) await confirm.check();
    await page.getByTestId('import-save').click();
    await page.getByTestId('dataset-rows').filter({ hasText: fmt }).waitFor();
    await page.goto(`${base}/#/p/demo/results`);
    await page.getByTestId('run-asof').fill('2026-11-01');
    await page.getByTestId('run-playbook').click();
    await replaceIfAsked(page, page.getByTestId('run-progress'));
    await page.getByTestId('kpi-accounts').filter({ hasText: fmt }).waitFor();
    await page.getByTestId('run-progress').waitFor({ state: 'hidden' });

    const download = async (click: () => Promise<void>) => {
      const d = page.waitForEvent('download', { timeout: 600_000 });
      await click();
      await (await d).path();
    };
    await page.getByTestId('tab-ctas').click();
    await page.getByTestId('queue-count').waitFor();
    await measure(page, 'export_cta_queue', () =>
      download(() => page.getByTestId('queue-export').click()),
    );
    await page.getByTestId('tab-accounts').click();
    await page.getByTestId('account-count').waitFor();
    await measure(page, 'export_scores_csv', () =>
      download(() => page.getByTestId('export-scores-csv').click()),
    );
    await measure(page, 'export_scores_xlsx', () =>
      download(() => page.getByTestId('export-scores-xlsx').click()),
    );
    await page.getByTestId('tab-dashboard').click();
    // Until the stored run's dashboard (its saved summary) shows, then until the full one does.
    let stored = 0;
    await measure(page, 'reload_to_dashboard', async () => {
      const t0 = Date.now();
      await page.reload();
      await page
        .getByTestId('stored-kpi-accounts')
        .or(page.getByTestId('kpi-accounts'))
        .filter({ hasText: fmt })
        .first()
        .waitFor();
      stored = Date.now() - t0;
      await page.getByTestId('kpi-accounts').filter({ hasText: fmt }).waitFor();
    });
    line('reload_to_stored_dashboard', { duration_ms: stored });
    // Let the full run come back before the backtest (it needs the scored table).
    await page.getByTestId('tab-backtest').waitFor();
    await page.waitForTimeout(1000);
    await measure(page, 'open_backtest_first', async () => {
      await page.getByTestId('tab-backtest').click();
      await page.getByTestId('backtest-field').selectOption({ index: 1 });
      await page.getByTestId('bt-values').waitFor();
      await page.locator('[data-testid^="bt-churn-"]').first().check();
      await page.getByTestId('bt-report').waitFor();
    });
    await page.getByTestId('tab-dashboard').click();
    await measure(page, 'open_backtest', async () => {
      await page.getByTestId('tab-backtest').click();
      await page.getByTestId('bt-report').waitFor();
    });
    await browser.close();
  } finally {
    stop();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
