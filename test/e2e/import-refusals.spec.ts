import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { gotoApp, openProject, openView, withoutDemoRun } from './helpers';
import { shotPath } from './shots';

const BAD = join(process.cwd(), 'test/fixtures/bad/import');

test.describe('in Tokyo at 08:30', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('the run scores as of the local date and records its time zone', async ({ page }) => {
    // 2026-03-09 23:30 UTC = 2026-03-10 08:30 in Tokyo: the UTC date would be yesterday.
    await page.clock.setFixedTime(new Date('2026-03-09T23:30:00Z'));
    await gotoApp(page, { lang: 'en' });
    // No stored run either: the default would be its as-of.
    await withoutDemoRun(page);
    // The first-start demo carries the date its data describes: take it away, so the default
    // falls back to the day the dataset was stored (seeded here, under the fixed clock).
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('waymark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('projects', 'readwrite').objectStore('projects');
            const get = store.get('demo');
            get.onsuccess = () => {
              delete get.result.doc.asOf;
              const put = store.put(get.result);
              put.onsuccess = () => resolve();
              put.onerror = () => reject(put.error);
            };
          };
        }),
    );
    await openProject(page, 'demo', 'data');
    await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
    await openView(page, 'results');
    await expect(page.getByTestId('run-asof')).toHaveValue('2026-03-10');
    await page.getByTestId('run-playbook').click();
    await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
    await expect(page.getByTestId('run-timezone')).toContainText('Asia/Tokyo');
    await expect(page.getByTestId('run-info')).toContainText('as of 2026-03-10');
    // The stored run record carries the zone and the as-of date it used.
    const runs = await page.evaluate(
      () =>
        new Promise<{ asOf: string; timeZone?: string }[]>((resolve, reject) => {
          const open = indexedDB.open('waymark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('runs').objectStore('runs').getAll();
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error);
          };
        }),
    );
    expect(runs.map((r) => [r.asOf, r.timeZone])).toContainEqual(['2026-03-10', 'Asia/Tokyo']);
  });
});

test('files Waymark cannot read are refused with where and what to do, the dataset kept', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  const failed = page.getByTestId('import-failed-message');

  // A UTF-8 file with one Shift_JIS line: the line is named, nothing is garbled.
  await page.getByTestId('data-file-input').setInputFiles(join(BAD, 'mixed-encoding.csv'));
  await expect(failed).toHaveAttribute('data-code', 'mixed_encoding');
  await expect(failed).toContainText('mixed-encoding.csv mixes encodings');
  await expect(failed).toContainText('line 3');
  await page.screenshot({ path: shotPath('data-mixed-encoding.png'), fullPage: true });
  await page.getByRole('button', { name: 'Discard' }).click();

  // JSON nested 10,000 levels deep: refused with its line and path instead of a crashed worker.
  await page.getByTestId('data-file-input').setInputFiles(join(BAD, 'deep.json'));
  await expect(failed).toHaveAttribute('data-code', 'json_too_deep');
  await expect(failed).toContainText('line 2');
  await expect(failed).toContainText('$[1].mrr[0]');
  await page.getByRole('button', { name: 'Discard' }).click();

  // 1e400 in a number column: an error on its row and column, not Infinity.
  await page.getByTestId('data-file-input').setInputFiles(join(BAD, 'number-out-of-range.csv'));
  await page.getByTestId('import-run').click();
  const issues = page.getByTestId('report-issues');
  await expect(issues.locator('tr[data-code="number_out_of_range"]')).toContainText('1e400');
  await page.getByTestId('import-discard').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
});

test('the refusal reads in Japanese', async ({ page }) => {
  await gotoApp(page, { lang: 'ja' });
  await openProject(page, 'demo', 'data');
  await page.getByTestId('data-file-input').setInputFiles(join(BAD, 'mixed-encoding.csv'));
  const failed = page.getByTestId('import-failed-message');
  await expect(failed).toContainText('文字コードが混在しています');
  await expect(failed).toContainText('行 3');
});
