import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject } from './helpers';

// Results a CS lead can work from (issue 19, point 5): the demo opens with a dashboard, a colour
// on the chart opens the accounts of that colour (as many as the chart says), the table filters
// and sorts, exports CSV and XLSX with the CLI's columns, and the address keeps the place.

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

async function demoDashboard(page: Page) {
  await openProject(page, 'demo', 'results');
  // No Run click: the demo opens with a run already made.
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
}

/** Cells of the first sheet of an XLSX file, as text rows. */
function readXlsx(path: string): string[][] {
  const zip = unzipSync(readFileSync(path));
  const shared = zip['xl/sharedStrings.xml']
    ? [...strFromU8(zip['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''),
      )
    : [];
  const sheetName = Object.keys(zip).find((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))!;
  const xml = strFromU8(zip[sheetName]);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const colIndex = (ref: string) =>
    [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const out: string[] = [];
    for (const c of row[1].matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const type = /t="(\w+)"/.exec(c[2])?.[1];
      const body = c[3] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
      out[colIndex(c[1])] = unescape(
        type === 's' ? shared[Number(v)] : type === 'inlineStr' ? (inline ?? '') : (v ?? ''),
      );
    }
    return Array.from(out, (x) => x ?? '');
  });
}

test('drill-down, filters, sort, exports and addresses on the demo', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await demoDashboard(page);
  // The demo's first run is a stored one (no sample run).
  await expect(page.getByTestId('run-model')).toContainText('demo-accounts.csv');
  await expect(page.getByTestId('funnel-legend')).toContainText('Ready to advance');
  // Legends follow band order, best first.
  await expect(page.getByTestId('segment-legend').locator('li')).toHaveText([
    'Green',
    'Lime',
    'Yellow',
    'Red',
  ]);
  // The charts draw the counts the list shows, and each segment's bar adds up to its accounts.
  for (const c of ['green', 'lime', 'yellow', 'red']) {
    const n = num(await page.getByTestId(`color-count-${c}`).textContent());
    await expect(page.getByTestId(`chart-color-${c}`)).toHaveAttribute('data-count', String(n));
    const parts = await page
      .locator(`[data-testid^="chart-segment-"][data-testid$="-${c}"]`)
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(n);
  }
  await page.screenshot({ path: shotPath('results-work-dashboard-en.png'), fullPage: true });

  // A colour on the chart → the accounts of that colour, as many as the chart counts.
  const red = num(await page.getByTestId('color-count-red').textContent());
  expect(red).toBeGreaterThan(0);
  await page.getByTestId('drill-color-red').click();
  await expect(page).toHaveURL(/results\?tab=accounts&color=red$/);
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', String(red));
  await expect(page.getByTestId('filter-color')).toHaveValue('red');
  const colours = await page
    .getByTestId('account-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-color')));
  expect(colours.length).toBeGreaterThan(0);
  expect(new Set(colours)).toEqual(new Set(['red']));

  // Reload keeps the tab and the filter; Back returns to the dashboard.
  await page.reload();
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', String(red), {
    timeout: 30_000,
  });
  await page.goBack();
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // A segment's part of the by-segment bar → that segment's accounts of that colour.
  const part = page.getByTestId('chart-segment-enterprise-red');
  const entRed = Number(await part.getAttribute('data-count'));
  expect(entRed).toBeGreaterThan(0);
  await part.click();
  await expect(page).toHaveURL(/segment=enterprise/);
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', String(entRed));
  await page.goBack();
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // A funnel row → the accounts in that stage, as many as the row says.
  const inStage = num(await page.getByTestId('funnel-adoption-count').textContent());
  await page.getByTestId('drill-stage-adoption').click();
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', String(inStage));
  const stages = await page.getByTestId('cell-stage').allTextContents();
  expect(new Set(stages)).toEqual(new Set(['Adoption']));

  // Filters combine; the segment column shows labels; the renewal window narrows.
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', '2000');
  await page.getByTestId('filter-segment').selectOption('enterprise');
  const ent = num(await page.getByTestId('account-count').getAttribute('data-count'));
  expect(ent).toBeGreaterThan(0);
  expect(new Set(await page.getByTestId('cell-segment').allTextContents())).toEqual(
    new Set(['Enterprise']),
  );
  await page.getByTestId('filter-renewal').selectOption('90');
  const soon = num(await page.getByTestId('account-count').getAttribute('data-count'));
  expect(soon).toBeLessThan(ent);
  await page.getByTestId('filter-renewal').selectOption('');
  await page.getByTestId('filter-owner').selectOption('Sales');
  const sales = num(await page.getByTestId('account-count').getAttribute('data-count'));
  expect(sales).toBeGreaterThan(0);
  expect(sales).toBeLessThan(ent);

  // Sort by score, both ways.
  await page.getByTestId('sort-score').click();
  const asc = (await page.getByTestId('cell-score').allTextContents()).map(num);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  await page.getByTestId('sort-score').click();
  const desc = (await page.getByTestId('cell-score').allTextContents()).map(num);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await expect(page).toHaveURL(/segment=enterprise&owner=Sales&sort=score%3Adesc/);
  await page.screenshot({ path: shotPath('results-work-accounts-en.png'), fullPage: true });

  // CSV: BOM, the CLI's columns then the labels, one line per account shown.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-scores-csv').click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^scores-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trimEnd().split('\n');
  const header = lines[0].split(',');
  expect(header.slice(0, 10)).toEqual([
    'account_id',
    'segment',
    'stage',
    'days_in_stage',
    'progress',
    'ready_to_advance',
    'score',
    'color',
    'coverage',
    'owner',
  ]);
  expect(header.slice(-4)).toEqual(['ctas', 'segment_label', 'stage_label', 'color_label']);
  expect(lines.length - 1).toBe(sales);
  const seg = header.indexOf('segment');
  const segLabel = header.indexOf('segment_label');
  const owner = header.indexOf('owner');
  for (const l of lines.slice(1)) {
    const cells = l.split(',');
    expect(cells[seg]).toBe('enterprise');
    expect(cells[owner]).toBe('Sales');
  }
  expect(lines[1]).toContain('Enterprise');
  expect(segLabel).toBeGreaterThan(0);
  // The rows in the order shown (score, highest first).
  const scoreCol = header.indexOf('score');
  const csvScores = lines.slice(1).map((l) => Number(l.split(',')[scoreCol]));
  expect(csvScores).toEqual([...csvScores].sort((a, b) => b - a));

  // XLSX: the same header and rows, numbers as numbers.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-scores-xlsx').click(),
  ]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  const sheet = readXlsx((await xlsxDownload.path())!);
  expect(sheet[0]).toEqual(header);
  expect(sheet.length - 1).toBe(sales);
  expect(sheet[1][0]).toBe(lines[1].split(',')[0]);
  expect(Number(sheet[1][scoreCol])).toBe(csvScores[0]);
  expect(sheet[1][segLabel]).toBe('Enterprise');

  // An account: its own address, data, normalisation used and what would move it.
  const firstId = (await page.getByTestId('account-row').first().locator('a').textContent())!;
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('account-page')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`account=${firstId}`));
  await expect(page.getByTestId('attr-mrr')).toHaveText(/^¥[\d,]+$/);
  await expect(page.getByTestId('attr-renewal_date')).toHaveText(/^\d{4}-\d{2}-\d{2}$|^—$/);
  await expect(page.getByTestId('norm-setup')).toContainText('Base model: 0–100');
  await expect(page.getByTestId('account-levers')).toBeVisible();
  await page.screenshot({ path: shotPath('results-work-account-en.png'), fullPage: true });
  // The contributions chart (HTML bars): one bar per measure of the table, each naming its value.
  const contrib = page.getByTestId('account-contributions');
  const measureRows = contrib.locator('tbody tr[data-measure]');
  const bars = contrib.getByTestId('contribution-chart').locator('[data-measure]');
  await expect(bars).toHaveCount(await measureRows.count());
  expect(await bars.first().getAttribute('title')).toMatch(/: [\d.,]+$/);
  await contrib.screenshot({ path: shotPath('results-work-contributions-en.png') });
  await page.reload();
  await expect(page.getByTestId('account-page')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('account-page')).toContainText(firstId);
  await page.goBack();
  await expect(page.getByTestId('account-table')).toBeVisible();
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', String(sales));
});

test('an account below the top colour says what would move it', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await demoDashboard(page);
  await page.getByTestId('drill-color-yellow').click();
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('levers-gap')).toHaveText(
    /^\+[\d.]+ points to reach Lime \(at 60\)\.$/,
  );
  await expect(page.getByTestId('account-levers').locator('li').first()).toContainText('adds');
  await page
    .getByTestId('account-levers')
    .screenshot({ path: shotPath('results-work-levers-en.png') });
  // An address naming an account this run does not have says so, with a way back.
  await page.goto('/#/p/demo/results?account=NO_SUCH_ACCOUNT');
  await expect(page.getByTestId('account-not-found')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('account-back').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
});

test('in Japanese, results show names, not ids', async ({ page }) => {
  await gotoApp(page, { lang: 'ja' });
  await demoDashboard(page);
  const dash = page.getByTestId('dashboard');
  await expect(dash.getByTestId('drill-color-green')).toHaveText('緑');
  await expect(dash.getByTestId('funnel-legend')).toContainText('次へ進める');
  for (const id of ['onboarding', 'adoption', 'enterprise', 'segment_', '>all<'])
    expect(await dash.innerHTML()).not.toContain(`>${id.replace(/[<>]/g, '')}<`);
  await page.screenshot({ path: shotPath('results-work-dashboard-ja.png'), fullPage: true });
  await page.getByTestId('tab-accounts').click();
  const segIds = ['enterprise', 'mid', 'smb'];
  const stageIds = ['onboarding', 'adoption', 'value', 'advocate'];
  for (const s of await page.getByTestId('cell-segment').allTextContents())
    expect(segIds).not.toContain(s);
  for (const s of await page.getByTestId('cell-stage').allTextContents())
    expect(stageIds).not.toContain(s);
  await expect(page.getByTestId('filter-color').locator('option')).toContainText([
    'すべて',
    '緑',
    '黄緑',
    '黄',
    '赤',
  ]);
  await page.screenshot({ path: shotPath('results-work-accounts-ja.png'), fullPage: true });
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('account-attributes')).toContainText('更新日');
  await expect(page.getByTestId('attr-mrr')).toHaveText(/^[\d,]+円$/);
  await page.screenshot({ path: shotPath('results-work-account-ja.png'), fullPage: true });
  await page
    .getByTestId('account-contributions')
    .screenshot({ path: shotPath('results-work-contributions-ja.png') });
  await page.goBack();
  await page.getByTestId('tab-backtest').click();
  await expect(
    page.getByTestId('backtest-field').locator('option', { hasText: '結果' }),
  ).toHaveCount(1);
});
