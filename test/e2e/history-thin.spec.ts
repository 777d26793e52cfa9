import { expect, test } from '@playwright/test';
import { gotoApp, openProject, withoutDemoRun } from './helpers';

// Issue 14 point 2: old runs are thinned to one per month only when the user asks, and the
// confirmation says exactly which runs go.
test('trends over runs, a dismissal with its reason, and thinning old runs to one a month', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  for (const asOf of ['2026-06-01', '2026-06-15', '2026-11-01']) {
    await page.getByTestId('run-asof').fill(asOf);
    await page.getByTestId('run-playbook').click();
    await expect(page.getByTestId('run-info')).toContainText(`as of ${asOf}`);
  }
  // A CTA dismissed with a reason says why in the queue.
  await page.getByTestId('tab-ctas').click();
  await page.getByTestId('queue-type').selectOption('risk');
  await page.getByTestId('queue-row').first().getByTestId('queue-dismiss').click();
  await page.getByTestId('mark-reason').fill('Renewal already signed');
  await page.getByTestId('mark-save').click();
  await page.getByTestId('queue-status').selectOption('marked');
  await expect(page.getByTestId('queue-row').first().getByTestId('queue-state')).toHaveText(
    'Dismissed: Renewal already signed',
  );
  await page.getByTestId('tab-history').click();
  const list = page.getByTestId('run-list').locator('tbody tr');
  await expect(list).toHaveCount(3);
  // The stage funnel and CTA counts over the runs: one row per run; each funnel row counts
  // every one of the demo's 2,000 accounts once.
  const funnel = page.getByTestId('trend-funnel').locator('tbody tr');
  await expect(funnel).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    const cells = await funnel.nth(i).locator('td.num').allTextContents();
    expect(cells.reduce((a, x) => a + Number(x.replace(/,/g, '')), 0)).toBe(2000);
  }
  await expect(page.getByTestId('trend-ctas').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('trend-ctas').locator('thead')).toContainText('Risk');
  await page.getByTestId('thin-monthly').click();
  const dialog = page.getByTestId('thin-confirm');
  await expect(dialog).toContainText(
    'These runs will be deleted (the last run of each month is kept): 2026-06-01.',
  );
  // One run: singular.
  await expect(dialog.getByRole('button', { name: 'Delete 1 run', exact: true })).toBeVisible();
  // Nothing is deleted until the user confirms.
  await expect(list).toHaveCount(3);
  await dialog.getByRole('button', { name: 'Delete 1 run', exact: true }).click();
  await expect(list).toHaveCount(2);
  await expect(page.getByTestId('run-list')).not.toContainText('2026-06-01');
  await expect(page.getByTestId('run-list')).toContainText('2026-06-15');
  // Nothing left to thin: the dialog says so and offers no delete button (not "Delete 0 runs").
  await page.getByTestId('thin-monthly').click();
  await expect(dialog).toContainText('Nothing to thin');
  await expect(dialog.getByTestId('confirm-ok')).toHaveCount(0);
  await dialog.getByTestId('confirm-cancel').click();
  await expect(list).toHaveCount(2);
  // The dismissal was made on the newest run, in a streak that began on 2026-06-01 — the run just
  // thinned away. It is the same task, so it stays dismissed.
  await page.getByTestId('tab-ctas').click();
  await page.getByTestId('queue-type').selectOption('risk');
  await page.getByTestId('queue-status').selectOption('marked');
  await expect(page.getByTestId('queue-row').first().getByTestId('queue-state')).toHaveText(
    'Dismissed: Renewal already signed',
  );
  // Each run's time is written in the UI's language, not the browser's.
  await page.getByTestId('tab-history').click();
  const created = list.first().locator('td').nth(1);
  await expect(created).toHaveText(/^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
  await page.getByTestId('lang-switch').selectOption('ja');
  await expect(created).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}$/);
});
