import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { confirmReplaceRun, gotoApp, openProject } from './helpers';

// Screenshots for docs/screenshots (data-*.png) from the seeded demo dataset, plus checks that
// every results tab renders for it.
test('results views on the demo dataset', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  await page.screenshot({ path: shotPath('data-view.png'), fullPage: true });
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  // The demo's first-start run is as of that date: replaced (asked first).
  await confirmReplaceRun(page, '2026-11-01');
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await page.screenshot({ path: shotPath('data-dashboard.png'), fullPage: true });
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await page.screenshot({ path: shotPath('data-cta-queue.png') });
  await page.getByTestId('tab-backtest').click();
  await page.getByTestId('backtest-field').selectOption('outcome');
  await page.getByTestId('bt-churn-churned').check();
  await page.getByTestId('bt-exp-expanded').check();
  await expect(page.getByTestId('backtest-auc')).not.toHaveText('—');
  await page.screenshot({ path: shotPath('data-backtest.png'), fullPage: true });
  await page.getByTestId('tab-accounts').click();
  await page.getByTestId('sort-score').click();
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('account-page')).toBeVisible();
  await page.screenshot({ path: shotPath('data-account.png'), fullPage: true });
});

test('the dashboard in Japanese', async ({ page }) => {
  await gotoApp(page, { lang: 'ja' });
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  // The demo's first-start run is as of that date: replaced (asked first).
  await confirmReplaceRun(page, '2026-11-01');
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await expect(page.getByTestId('tab-backtest')).toHaveText('答え合わせ (バックテスト)');
  await page.screenshot({ path: shotPath('data-dashboard-ja.png'), fullPage: true });
});
