import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { FieldContract } from '../../src/model';
import { generateDemoTable } from '../../src/data/demo/generate';
import { tableToCsv } from '../../src/data/tableCsv';
import { findChromium } from '../e2e/chromium.mjs';
import { replaceIfAsked } from './benchRuns';

type Line = (name: string, value: number, unit: string, extra?: Record<string, unknown>) => void;

/**
 * Chromium measurements through the real UI of the production build (so workers, IndexedDB and
 * the CSP are what users get): import a CSV of `rows` accounts, save it (IndexedDB store),
 * reload the page (IndexedDB reload), run the playbook (scoring worker).
 */
export async function runBrowserBench(o: {
  rows: number;
  port: number;
  outDir: string;
  line: Line;
  contract: FieldContract;
}): Promise<void> {
  const exe = process.env.CHROMIUM_PATH ?? findChromium();
  if (!exe) {
    console.error('data bench: no Chromium found, skipping browser measurements');
    return;
  }
  const file = resolve('.bench', `demo-${o.rows}-rows.csv`);
  if (!existsSync(file)) {
    mkdirSync('.bench', { recursive: true });
    const table = generateDemoTable({ rows: o.rows, seed: 12 });
    const parts: string[] = [];
    for (let from = 0; from < o.rows; from += 100_000)
      parts.push(
        tableToCsv(table, o.contract, {
          from,
          to: from + 100_000,
          header: from === 0,
          headers: 'ja',
        }),
      );
    writeFileSync(file, parts.join(''));
  }
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', o.outDir, '--emptyOutDir', '--logLevel', 'error'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('vite build failed');
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', o.outDir, '--port', String(o.port), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const base = `http://127.0.0.1:${o.port}`;
  try {
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(base)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({
      executablePath: exe,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page.setDefaultTimeout(180_000);
    await page.addInitScript(() => localStorage.setItem('waymark.lang', 'en'));
    await page.goto(`${base}/#/p/demo/data`);
    await page.getByTestId('dataset-rows').waitFor();

    const t0 = Date.now();
    await page.getByTestId('data-file-input').setInputFiles(file);
    await page.getByTestId('import-run').waitFor();
    const tPreview = Date.now();
    await page.getByTestId('import-run').click();
    await page.getByTestId('report-rows-imported').waitFor();
    const tParsed = Date.now();
    // Responsiveness while parsing is checked by the e2e; here, the time.
    await page.getByTestId('import-save').click();
    await page
      .getByTestId('dataset-rows')
      .filter({ hasText: o.rows.toLocaleString('en-US') })
      .waitFor();
    const tStored = Date.now();
    await page.reload();
    const tReload0 = Date.now();
    await page
      .getByTestId('dataset-rows')
      .filter({ hasText: o.rows.toLocaleString('en-US') })
      .waitFor();
    const tReloaded = Date.now();
    await page.goto(`${base}/#/p/demo/results`);
    await page.getByTestId('run-asof').fill('2026-11-01');
    const tRun0 = Date.now();
    await page.getByTestId('run-playbook').click();
    await replaceIfAsked(page, page.getByTestId('run-progress'));
    await page
      .getByTestId('kpi-accounts')
      .filter({ hasText: o.rows.toLocaleString('en-US') })
      .waitFor();
    const tScored = Date.now();
    o.line('chromium_import_preview', (tPreview - t0) / 1000, 's', {
      rows: o.rows,
      note: 'pick file → mapping preview',
    });
    o.line('chromium_import_parse', (tParsed - tPreview) / 1000, 's', {
      rows: o.rows,
      note: 'import click → validation report (worker: decode, parse, coerce)',
    });
    o.line('chromium_idb_store', (tStored - tParsed) / 1000, 's', { rows: o.rows });
    o.line('chromium_idb_reload', (tReloaded - tReload0) / 1000, 's', { rows: o.rows });
    o.line(
      'chromium_idb_store_plus_reload',
      (tStored - tParsed + tReloaded - tReload0) / 1000,
      's',
      { rows: o.rows, goal: 10 },
    );
    o.line('chromium_score_and_store_run', (tScored - tRun0) / 1000, 's', { rows: o.rows });
    o.line('chromium_import_plus_score', (tParsed - t0 + tScored - tRun0) / 1000, 's', {
      rows: o.rows,
      goal: 15,
    });
    await browser.close();
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

export const benchFile = (rows: number) => join('.bench', `demo-${rows}-rows.csv`);
