import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoTable } from '../../src/data/demo/generate';
import { tableToCsv } from '../../src/data/tableCsv';
import { demoContractForTests } from './dataContract';
import { gotoApp, openProject } from './helpers';

/**
 * The import worker reads a picked file from the File itself, so the page never copies the
 * whole file into a message. If the file changed or went away on disk between the pick and
 * Import, what is imported is still what was picked (the bytes the preview and the mapping came
 * from), never the new content and never an error.
 */
const csvOf = (rows: number, seed: number) =>
  tableToCsv(generateDemoTable({ rows, seed }), demoContractForTests(), { headers: 'ja' });

/** Whether the last report said the file was read in parts. */
let lastParts = 0;

async function pickChangeImport(page: Page, path: string, change: () => void) {
  await openProject(page, 'demo', 'data');
  await page.getByTestId('data-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-run')).toBeEnabled({ timeout: 20_000 });
  change();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  const read = await page.getByTestId('report-rows-read').textContent();
  lastParts = await page.getByTestId('import-parts').count();
  const confirm = page.getByTestId('replace-confirm');
  if (await confirm.count()) await confirm.check();
  await page.getByTestId('import-save').click();
  return read;
}

test('a file changed or deleted on disk after the pick imports what was picked', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = join(process.cwd(), 'test-results', 'file-changed');
  mkdirSync(dir, { recursive: true });
  await gotoApp(page, { lang: 'en' });

  const changed = join(dir, 'accounts-changed.csv');
  writeFileSync(changed, csvOf(512, 5));
  // Overwritten with 300 other accounts after the pick: Chromium refuses to read the File.
  const read1 = await pickChangeImport(page, changed, () => writeFileSync(changed, csvOf(300, 6)));
  expect(read1).toBe('512');
  await expect(page.getByTestId('dataset-rows')).toContainText('512', { timeout: 30_000 });

  const deleted = join(dir, 'accounts-deleted.csv');
  writeFileSync(deleted, csvOf(640, 7));
  const read2 = await pickChangeImport(page, deleted, () => rmSync(deleted));
  expect(read2).toBe('640');
  await expect(page.getByTestId('dataset-rows')).toContainText('640', { timeout: 30_000 });
});

test('a large file changed after the pick, read in one pass or in two parts, imports what was picked', async ({
  page,
}) => {
  // Over 4 MB: one pass reads the File whole, two parts read its head and cuts here and their
  // slices in the range workers; a File that no longer reads falls back to the picked bytes.
  test.setTimeout(240_000);
  const dir = join(process.cwd(), 'test-results', 'file-changed');
  mkdirSync(dir, { recursive: true });
  await gotoApp(page, { lang: 'en' });
  for (const [parts, rows] of [
    [1, 28_000],
    [2, 30_000],
  ]) {
    await page.evaluate((p) => localStorage.setItem('waymark.importParts', String(p)), parts);
    const path = join(dir, `accounts-large-${parts}.csv`);
    writeFileSync(path, csvOf(rows, 8 + parts));
    expect(csvOf(rows, 8 + parts).length).toBeGreaterThan(4 << 20);
    const read = await pickChangeImport(page, path, () => writeFileSync(path, csvOf(300, 6)));
    expect(read).toBe(rows.toLocaleString('en-US'));
    expect(lastParts).toBe(parts > 1 ? 1 : 0);
    await expect(page.getByTestId('dataset-rows')).toContainText(rows.toLocaleString('en-US'), {
      timeout: 60_000,
    });
  }
});
