import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject, readStoredProject, waitSaved, withoutDemoRun } from './helpers';

// A run is a fixed record: after the model changes, the stored run keeps its own numbers (even
// in a fresh session), Results says what changed, and running again stores a second run — for
// the next date: the history keeps one run per as-of date, so the same date asks to replace.
test('change the model → the stale notice → run again', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoApp(page, { lang: 'en' });
  // Starts from a demo with no run yet.
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  const greenBefore = await page.getByTestId('color-count-green').textContent();
  await expect(page.getByTestId('stale-model')).toHaveCount(0);
  // The date is remembered with the project.
  await waitSaved(page);
  expect((await readStoredProject(page, 'demo')).asOf).toBe('2026-11-01');

  // Raise green's threshold: far fewer accounts would be green under the new model.
  await openProject(page, 'demo', 'health');
  const greenMin = page.getByLabel('Minimum score of Green', { exact: true });
  await greenMin.fill('95');
  await greenMin.blur();
  await waitSaved(page);

  // A fresh session: the stored run is shown with its own model, not re-scored with the new one.
  await page.reload();
  await openProject(page, 'demo', 'results');
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await expect(page.getByTestId('stale-model')).toHaveText(
    /The health model changed since this run: 1 band\./,
  );
  await expect(page.getByTestId('color-count-green')).toHaveText(greenBefore!);
  await expect(page.getByTestId('run-asof')).toHaveValue('2026-11-01');
  await page.screenshot({ path: shotPath('history-stale.png'), fullPage: true });

  // Again as of the stored date: asked first, saying the model changed since that run.
  await page.getByTestId('run-again').click();
  const replace = page.getByTestId('replace-run');
  await expect(replace).toContainText('The health model changed since that run: 1 band.');
  await replace.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('stale-model')).toBeVisible();
  // A week later with the new model: a second run, no question.
  await page.getByTestId('run-asof').fill('2026-11-08');
  await page.getByTestId('run-again').click();
  await expect(replace).toHaveCount(0);
  await expect(page.getByTestId('run-info')).toContainText('as of 2026-11-08');
  await expect(page.getByTestId('stale-model')).toHaveCount(0);
  await expect(page.getByTestId('run-info')).toContainText('Stored runs: 2');
  const greenAfter = Number(
    (await page.getByTestId('color-count-green').textContent())!.replace(/,/g, ''),
  );
  expect(greenAfter).toBeLessThan(Number(greenBefore!.replace(/,/g, '')));

  // Trends over the two runs and the colour migration between them.
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('trend-2026-11-01-green').first()).toContainText(greenBefore!);
  const matrix = page.getByTestId('migration-matrix');
  await expect(matrix).toBeVisible();
  // Every account that was green either stayed green or moved down under the stricter model.
  const greenRow = matrix.locator('tbody tr').first();
  const cells = (await greenRow.locator('td').allTextContents()).map((x) =>
    Number(x.replace(/,/g, '')),
  );
  expect(cells.reduce((a, b) => a + b, 0)).toBe(Number(greenBefore!.replace(/,/g, '')));
  const moved = page.getByTestId('cell-green-lime');
  const n = Number((await moved.textContent())!.replace(/,/g, ''));
  expect(n).toBeGreaterThan(0);
  await moved.click();
  await expect(page.getByTestId('migration-accounts').locator('h4')).toContainText(
    `${n} accounts went from Green to Lime`,
  );
  // The first 200 are listed as links to their account pages; the rest are counted (the CSV has all).
  await expect(page.getByTestId('migration-account-link')).toHaveCount(Math.min(n, 200));
  if (n > 200)
    await expect(page.getByTestId('migration-more')).toContainText(
      (n - 200).toLocaleString('en-US'),
    );
  await page.screenshot({ path: shotPath('history-trends.png'), fullPage: true });
  await page.getByTestId('migration-matrix').screenshot({ path: shotPath('history-matrix.png') });
  // The colour distribution over the two runs: each run's parts add up to its scored accounts.
  const chart = page.getByTestId('history-color-chart');
  for (const asOf of ['2026-11-01', '2026-11-08']) {
    const parts = await chart
      .locator(`[data-column="${asOf}"] [data-count]`)
      .evaluateAll((es) => es.map((e) => Number(e.getAttribute('data-count'))));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(2000);
  }
  await chart.screenshot({ path: shotPath('history-color-chart.png') });
  // Stored column by column (run format 2): both runs of the demo's accounts share one key list,
  // and the storage line says what the latest run took as measured.
  const stored = await page.evaluate(
    () =>
      new Promise<{ projectId: string; format?: number; keysId?: string; rowCount: number }[]>(
        (resolve, reject) => {
          const open = indexedDB.open('waymark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const q = open.result.transaction('runs').objectStore('runs').getAll();
            q.onsuccess = () => {
              open.result.close();
              resolve(q.result);
            };
          };
        },
      ),
  );
  const demoRuns = stored.filter((r) => r.projectId === 'demo');
  expect(demoRuns.map((r) => r.format)).toEqual([2, 2]);
  expect(new Set(demoRuns.map((r) => r.keysId)).size).toBe(1);
  await expect(page.getByTestId('history-storage')).toContainText(
    'were already stored by an earlier run of the same accounts and are shared',
  );
  // Clicking an account opens its page.
  await page.getByTestId('migration-accounts').locator('a').first().click();
  await expect(page.getByTestId('account-page')).toBeVisible();
  // Its history: both runs, green then lime (it is one of the accounts that moved).
  const hist = page.getByTestId('account-history-table').locator('tbody tr');
  await expect(hist).toHaveCount(2);
  await expect(hist.nth(0)).toContainText('Green');
  await expect(hist.nth(1)).toContainText('Lime');
  await page.getByTestId('account-history').screenshot({ path: shotPath('history-account.png') });
});
