import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoTable } from '../../src/data/demo/generate';
import { tableToCsv } from '../../src/data/tableCsv';
import { demoContractForTests } from './dataContract';
import { gotoApp, openProject } from './helpers';

// A big file parses in the worker: the page keeps answering (the cancel button works at once)
// and cancelling leaves the stored dataset as it was.
test('cancelling a big import keeps the page responsive and the dataset intact', async ({
  page,
}) => {
  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'big-300k.csv');
  if (!existsSync(file))
    writeFileSync(
      file,
      tableToCsv(generateDemoTable({ rows: 300_000, seed: 9 }), demoContractForTests(), {
        headers: 'ja',
      }),
    );
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  await page.getByTestId('data-file-input').setInputFiles(file);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  // The main thread is free while the worker parses: a timer fires on time.
  const lag = await page.evaluate(
    () =>
      new Promise<number>((res) => {
        const t = performance.now();
        setTimeout(() => res(performance.now() - t - 50), 50);
      }),
  );
  expect(lag).toBeLessThan(250);
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-progress')).toBeHidden();
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
});
