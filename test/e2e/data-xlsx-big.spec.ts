import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { unzipSync, zipSync } from 'fflate';
import { shotPath } from './shots';
import { createProject, gotoApp, openView } from './helpers';

// A workbook over 1 MB: the page sent the worker only the file's first megabyte for the preview,
// and a zip's directory is at its end, so every such workbook (a few thousand rows, or a logo)
// was refused as "truncated or damaged". The worker now reads the picked File whole.

function bigWorkbook(): string {
  const parts = unzipSync(readFileSync(join(process.cwd(), 'test/fixtures/xlsx/crm_export.xlsx')));
  // An embedded image of 2 MB of incompressible bytes, stored first: the sheets and the zip's
  // directory then lie past the first megabyte.
  const logo = new Uint8Array(2_000_000);
  let x = 2463534242;
  for (let i = 0; i < logo.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    logo[i] = x & 0xff;
  }
  const bytes = zipSync({ 'xl/media/image1.png': [logo, { level: 0 }], ...parts });
  const path = join(tmpdir(), `waymark-big-${process.pid}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

test('a workbook over 1 MB is previewed, its sheets picked, imported and stored', async ({
  page,
}) => {
  const file = bigWorkbook();
  expect(readFileSync(file).length).toBeGreaterThan(2_000_000);
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Big workbook' });
  await openView(page, 'data');
  await page.getByTestId('data-file-input').setInputFiles(file);
  await expect(page.getByTestId('detected-format')).toHaveText('Excel (.xlsx)');
  await expect(page.getByTestId('sheet-0')).toHaveValue('顧客一覧');
  // Another sheet is read from the whole file too: the empty cover sheet is refused by name.
  await page.getByTestId('sheet-0').selectOption('表紙');
  await expect(page.getByTestId('import-failed-message')).toContainText('表紙');
  await page.getByTestId('data-file-input').setInputFiles(file);
  await expect(page.getByTestId('sheet-0')).toHaveValue('顧客一覧');
  await page.screenshot({ path: shotPath('data-xlsx-big.png'), fullPage: true });
  // Its unused columns become fields (read from every row of the whole workbook, in a worker).
  await page.getByTestId('add-fields-run').click();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-rows-imported')).toHaveText('12');
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('12');
  const stored = await page.evaluate(
    (projectId) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('datasets').objectStore('datasets').getAll();
          get.onsuccess = () =>
            resolve(
              (get.result as { projectId: string; rowCount: number }[])
                .filter((d) => d.projectId === projectId)
                .map((d) => d.rowCount),
            );
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
  expect(stored).toEqual([12]);
});
