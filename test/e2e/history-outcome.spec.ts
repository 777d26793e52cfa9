import { expect, test } from '@playwright/test';
import {
  gotoApp,
  openProject,
  readStoredProject,
  waitReady,
  waitSaved,
  withoutDemoRun,
} from './helpers';

// Issue 14.4: the backtest's outcome settings are kept with the project and survive a reload.
test('backtest outcome settings survive a reload', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await page.getByTestId('tab-backtest').click();
  await page.getByTestId('backtest-field').selectOption('outcome');
  await page.getByTestId('bt-churn-churned').check();
  await page.getByTestId('bt-exp-expanded').check();
  await expect(page.getByTestId('bt-report')).toBeVisible();
  await waitSaved(page);
  expect((await readStoredProject(page, 'demo')).backtestOutcome).toEqual({
    field: 'outcome',
    churn: ['churned'],
    expansion: ['expanded'],
  });

  await page.reload();
  await waitReady(page);
  await page.getByTestId('tab-backtest').click();
  await expect(page.getByTestId('backtest-field')).toHaveValue('outcome');
  await expect(page.getByTestId('bt-churn-churned')).toBeChecked();
  await expect(page.getByTestId('bt-exp-expanded')).toBeChecked();
  await expect(page.getByTestId('bt-churn-renewed')).not.toBeChecked();
  await expect(page.getByTestId('bt-report')).toBeVisible();
});
