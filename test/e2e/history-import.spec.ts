import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { shotPath } from './shots';
import { gotoApp, openProject } from './helpers';

// A cron job's CLI history folder appears in the dashboard: import it (two runs written by
// `waymark score --history`, test/fixtures/history-cli), see them in the trends and the
// migration matrix, export them back in the CLI's layout; a bad folder is refused whole.
const DIR = 'test/fixtures/history-cli';
const files = [
  'manifest.json',
  'runs/2026-06-01.parquet',
  'runs/2026-12-01.parquet',
  'playbooks/aec4c3873f4833d3.json',
].map((p) => ({
  name: p.split('/').pop()!,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(join(DIR, p)),
}));
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
const count = (asOf: string, color: string) =>
  String(
    manifest.runs
      .find((r: { asOf: string }) => r.asOf === asOf)
      .colors.find((c: { color: string }) => c.color === color).count,
  );

test('import a CLI history folder, see its runs in the trends, export it again', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  // The demo's own first run (as of 2026-11-01) is stored at first start; the folder's two
  // runs come beside it.
  await openProject(page, 'demo', 'results');
  await page.getByTestId('tab-history').click();

  // A truncated run file: refused, named, nothing stored.
  await page
    .getByTestId('history-import-files-input')
    .setInputFiles([
      files[0],
      { ...files[1], buffer: files[1].buffer.subarray(0, 2000) },
      files[2],
    ]);
  await expect(page.getByTestId('history-import-error')).toContainText(
    '2026-06-01.parquet: not a readable Parquet file (truncated or damaged',
  );
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(1);

  await page.getByTestId('history-import-files-input').setInputFiles(files);
  await expect(page.getByTestId('history-import-done')).toContainText(
    'Imported 2 runs from manifest.json: 2026-06-01, 2026-12-01.',
  );
  // The trends show the CLI's numbers (the manifest's colour counts), not a re-scoring.
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(3);
  for (const asOf of ['2026-06-01', '2026-12-01'])
    for (const c of ['green', 'red'])
      await expect(page.getByTestId(`trend-${asOf}-${c}`).first()).toContainText(count(asOf, c));
  await expect(page.getByTestId('run-imported')).toHaveCount(2);
  const matrix = page.getByTestId('migration-matrix');
  await expect(matrix).toBeVisible();
  // The default pair is the two newest runs in time order: the demo's own run (2026-11-01),
  // then the folder's 2026-12-01 — not the order in which they were stored.
  await expect(page.getByTestId('migration-a').locator('option:checked')).toContainText(
    '2026-11-01',
  );
  await expect(page.getByTestId('migration-b').locator('option:checked')).toContainText(
    '2026-12-01',
  );
  const greenFrom = Number(
    (await page.getByTestId('trend-2026-11-01-green').first().innerText())
      .split(' ')[0]
      .replace(/,/g, ''),
  );
  expect(greenFrom).toBeGreaterThan(0);
  const greenRow = (await matrix.locator('tbody tr').first().locator('td').allTextContents()).map(
    (x) => Number(x.replace(/,/g, '')),
  );
  expect(greenRow.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(greenFrom);
  await page.screenshot({ path: shotPath('history-import.png'), fullPage: true });

  // Stored in IndexedDB, marked as imported.
  const stored = await page.evaluate(
    () =>
      new Promise<{ asOf: string; imported?: { from: string } }[]>((res) => {
        const open = indexedDB.open('waymark');
        open.onsuccess = () => {
          const q = open.result.transaction('runs').objectStore('runs').getAll();
          q.onsuccess = () => res(q.result);
        };
      }),
  );
  expect(
    stored
      .filter((r) => r.imported?.from === 'cli')
      .map((r) => r.asOf)
      .sort(),
  ).toEqual(['2026-06-01', '2026-12-01']);

  // The same folder again: both as-of dates are already stored, so both are skipped and named.
  await page.getByTestId('history-import-files-input').setInputFiles(files);
  await expect(page.getByTestId('history-import-skipped')).toHaveCount(2);
  await expect(page.getByTestId('history-import-done')).toContainText(
    'Nothing new in manifest.json: every run in it is already stored.',
  );
  await page
    .getByTestId('history-transfer')
    .screenshot({ path: shotPath('history-import-card.png') });
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(3);

  // Export: a zip in the CLI's layout with the same manifest entries.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('history-export').click(),
  ]);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  // The demo's own run (2026-11-01) is exported with them, with its playbook.
  const keys = Object.keys(zip).sort();
  expect(keys.filter((k) => k.startsWith('runs/'))).toEqual([
    'runs/2026-06-01.parquet',
    'runs/2026-11-01.parquet',
    'runs/2026-12-01.parquet',
  ]);
  expect(keys).toContain('playbooks/aec4c3873f4833d3.json');
  const out = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
  expect(out.runs.filter((r: { asOf: string }) => r.asOf !== '2026-11-01')).toEqual(manifest.runs);
});
