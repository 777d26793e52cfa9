import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { demoHistoryFolder } from '../../src/engine/testing/historyFolder';
import { shotPath } from './shots';
import { gotoApp, openProject } from './helpers';

// A CLI history folder of three runs of 300,000 accounts: the import and the export run in a
// worker and say how far they are, a cancel stores nothing (and writes no file), and the
// import done stores every account of every run.
const ROWS = 300_000;
const DATES = ['2025-01-01', '2025-02-01', '2025-03-01'];

function bigFolder() {
  const files = demoHistoryFolder(ROWS, DATES, 11);
  return [...files].map(([p, b]) => ({
    name: p.split('/').pop()!,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(b),
  }));
}

/** The owners of every stored run column (runs and key lists), unique and sorted. */
const columnOwners = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((res) => {
        const open = indexedDB.open('waymark');
        open.onsuccess = () => {
          const out: string[] = [];
          const q = open.result
            .transaction('runColumns')
            .objectStore('runColumns')
            .index('owner')
            .openKeyCursor(null, 'nextunique');
          q.onsuccess = () => {
            if (!q.result) return res(out.sort());
            out.push(String(q.result.key));
            q.result.continue();
          };
        };
      }),
  );

const storedRuns = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<
        { asOf: string; rowCount: number; projectId: string; imported?: { from: string } }[]
      >((res) => {
        const open = indexedDB.open('waymark');
        open.onsuccess = () => {
          const q = open.result.transaction('runs').objectStore('runs').getAll();
          q.onsuccess = () => res(q.result);
        };
      }),
  );

test('a big history folder: progress, cancel stores nothing, then import and export', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const files = bigFolder();
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'results');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(1);

  // Picked, then cancelled while run 2 is read (run 1 already stored, unseen): nothing kept.
  const ownersBefore = await columnOwners(page);
  await page.getByTestId('history-import-files-input').setInputFiles(files);
  const busy = page.getByTestId('history-transfer-busy');
  await expect(busy).toContainText(/Reading run 1 of 3 \(as of 2025-01-01\)/);
  await expect(page.getByTestId('history-export')).toBeDisabled();
  await page.getByTestId('history-transfer').screenshot({ path: shotPath('history-progress.png') });
  await expect(busy).toContainText(/Reading run 2 of 3/, { timeout: 60_000 });
  expect((await storedRuns(page)).filter((r) => r.projectId.startsWith('staging:'))).toHaveLength(
    1,
  );
  await page.getByTestId('history-transfer-cancel').click();
  await expect(page.getByTestId('history-transfer-cancelled')).toHaveText(
    'Import cancelled: nothing was imported.',
  );
  await expect(busy).toHaveCount(0);
  await expect.poll(async () => (await storedRuns(page)).filter((r) => r.imported)).toEqual([]);
  await expect.poll(() => columnOwners(page)).toEqual(ownersBefore);
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(1);

  // Picked again and left to finish: every run, every account.
  await page.getByTestId('history-import-files-input').setInputFiles(files);
  await expect(busy).toContainText('Reading run');
  await expect(page.getByTestId('history-import-done')).toContainText(
    `Imported 3 runs from manifest.json: ${DATES.join(', ')}.`,
    { timeout: 120_000 },
  );
  const stored = (await storedRuns(page)).filter((r) => r.imported?.from === 'cli');
  expect(stored.map((r) => [r.asOf, r.rowCount]).sort()).toEqual(DATES.map((d) => [d, ROWS]));
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(4);

  // Export cancelled: no file; then exported in full.
  await page.getByTestId('history-export').click();
  await expect(busy).toContainText(/Exporting 4 runs|Writing run/);
  await page.getByTestId('history-transfer-cancel').click();
  await expect(page.getByTestId('history-transfer-cancelled')).toHaveText(
    'Export cancelled: no file was written.',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId('history-export').click(),
  ]);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
  expect(
    manifest.runs
      .filter((r: { asOf: string }) => DATES.includes(r.asOf))
      .map((r: { rowCount: number }) => r.rowCount),
  ).toEqual([ROWS, ROWS, ROWS]);
  for (const d of DATES) expect(zip[`runs/${d}.parquet`].length).toBeGreaterThan(ROWS);
  await expect(page.getByTestId('history-export-done')).toContainText('Exported 4 runs');
  await page.getByTestId('history-transfer').screenshot({ path: shotPath('history-exported.png') });

  // The zip picked back: read through its directory; every run already stored, so all skipped.
  await page.getByTestId('history-import-files-input').setInputFiles({
    name: 'history.zip',
    mimeType: 'application/zip',
    buffer: readFileSync((await download.path())!),
  });
  await expect(page.getByTestId('history-import-done')).toContainText(
    'Nothing new in history.zip/manifest.json: every run in it is already stored.',
    { timeout: 60_000 },
  );
  expect((await storedRuns(page)).filter((r) => r.imported?.from === 'cli')).toHaveLength(3);
});
