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
 * Import: a small file (up to 1 MB, which the page holds whole) imports what was picked (the
 * bytes the preview and the mapping came from); a larger one, of which the page read only the
 * start, is not imported, and the user is told to pick it again (the mapping kept).
 */
const csvOf = (rows: number, seed: number) =>
  tableToCsv(generateDemoTable({ rows, seed }), demoContractForTests(), { headers: 'ja' });

async function pickChangeImport(page: Page, path: string, change: () => void) {
  await openProject(page, 'demo', 'data');
  await page.getByTestId('data-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-run')).toBeEnabled({ timeout: 20_000 });
  change();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  const read = await page.getByTestId('report-rows-read').textContent();
  const confirm = page.getByTestId('replace-confirm');
  if (await confirm.count()) await confirm.check();
  await page.getByTestId('import-save').click();
  return read;
}

test('a small file changed or deleted on disk after the pick imports what was picked', async ({
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

test('a large file changed after the pick, read in one pass or in two parts, is not imported; picked again, it keeps the mapping', async ({
  page,
}) => {
  // Over 1 MB the page reads only the file's start (the preview's): a File that no longer reads
  // cannot be imported as previewed. The import fails with what to do, the stored dataset stays,
  // and the file picked again keeps the mapping the user set (same columns).
  test.setTimeout(240_000);
  const dir = join(process.cwd(), 'test-results', 'file-changed');
  mkdirSync(dir, { recursive: true });
  await gotoApp(page, { lang: 'en' });
  for (const [parts, rows] of [
    [1, 28_000],
    [2, 30_000],
  ]) {
    await page.evaluate((p) => localStorage.setItem('waymark.importParts', String(p)), parts);
    // A stored dataset first: the failed import must leave it as it was.
    const small = join(dir, `accounts-stored-${parts}.csv`);
    writeFileSync(small, csvOf(200 + parts, 20 + parts));
    await pickChangeImport(page, small, () => undefined);
    await expect(page.getByTestId('dataset-rows')).toContainText(String(200 + parts), {
      timeout: 30_000,
    });

    const path = join(dir, `accounts-large-${parts}.csv`);
    writeFileSync(path, csvOf(rows, 8 + parts));
    expect(csvOf(rows, 8 + parts).length).toBeGreaterThan(4 << 20);
    await page.getByTestId('data-file-input').setInputFiles(path);
    await expect(page.getByTestId('import-run')).toBeEnabled({ timeout: 20_000 });
    // The user's own mapping: employees left out.
    await expect(page.getByTestId('map-employees')).not.toHaveValue('');
    await page.getByTestId('map-employees').selectOption('');
    writeFileSync(path, csvOf(300, 6));
    await page.getByTestId('import-run').click();
    const failed = page.getByTestId('import-failed-message');
    await expect(failed).toHaveAttribute('data-code', 'file_changed', { timeout: 60_000 });
    await expect(failed).toContainText(`accounts-large-${parts}.csv changed on disk`);
    await expect(failed).toContainText('Pick it again');
    await expect(page.getByTestId('dataset-rows')).toContainText(String(200 + parts));

    // Picked again: the new content is previewed, with the mapping the user set.
    await page.getByTestId('data-file-input').setInputFiles(path);
    await expect(page.getByTestId('import-run')).toBeEnabled({ timeout: 20_000 });
    await expect(page.getByTestId('map-employees')).toHaveValue('');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('report-rows-read')).toHaveText('300');
    const confirm = page.getByTestId('replace-confirm');
    if (await confirm.count()) await confirm.check();
    await page.getByTestId('import-save').click();
    await expect(page.getByTestId('dataset-rows')).toContainText('300', { timeout: 60_000 });
  }
});
