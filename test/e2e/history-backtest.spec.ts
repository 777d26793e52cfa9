import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shotPath } from './shots';
import { createProject, gotoApp, openView } from './helpers';

// The time-split backtest on a fixture whose answer is known (test/fixtures/history/make.ts):
// 200 accounts scored as of 2026-06-01; six months later their outcomes, set by the colour
// each had then; one account gone and one new.
const FIX = join(process.cwd(), 'test/fixtures/history');
const answer = JSON.parse(readFileSync(join(FIX, 'answer.json'), 'utf8')) as {
  firstAccount: string;
  n: number;
  baseChurn: number;
  perColor: { color: string; accounts: number; churned: number; expanded: number }[];
  aucChurn: number;
};

async function importAndRun(page: Page, file: string, asOf: string, rows: string) {
  await openView(page, 'data');
  await page.getByTestId('data-file-input').setInputFiles(join(FIX, file));
  await page.getByTestId('import-run').click();
  // Replacing a stored dataset is confirmed (the comparison is tested in data-replace.spec.ts).
  await expect(page.getByTestId('report-rows-imported')).toBeVisible();
  if (await page.getByTestId('replace-confirm').isVisible())
    await page.getByTestId('replace-confirm').check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText(rows);
  await openView(page, 'results');
  await page.getByTestId('run-asof').fill(asOf);
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('run-info')).toContainText(`as of ${asOf}`);
}

test('a time-split backtest with chosen churn values gives the known answer', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  // The fixture's answer is made with the demo template's model (the first-start demo project
  // adds activity measures to it).
  await createProject(page, { name: 'Backtest', template: 'demo' });
  await importAndRun(page, 'before.csv', '2026-06-01', '200 accounts');
  await importAndRun(page, 'after.csv', '2026-12-01', '200 accounts');

  await page.getByTestId('tab-backtest').click();
  await expect(page.getByTestId('bt-mode-predictive')).toBeChecked();
  await page.getByTestId('bt-run').selectOption({ label: 'as of 2026-06-01 (200 accounts)' });
  await page.getByTestId('backtest-field').selectOption('outcome');
  // The values seen, with counts; nothing is ticked until the user says what they mean.
  await expect(page.getByTestId('bt-values').locator('tr[data-value]')).toHaveCount(3);
  await expect(page.getByTestId('bt-pick-values')).toBeVisible();
  await page.getByTestId('bt-churn-churned').check();
  await page.getByTestId('bt-exp-expanded').check();

  await expect(page.getByTestId('backtest-mode')).toHaveAttribute('data-mode', 'predictive');
  await expect(page.getByTestId('backtest-mode')).toContainText(
    'scores as of 2026-06-01 against outcomes observed as of 2026-12-01',
  );
  await expect(page.getByTestId('bt-join')).toContainText(
    `${answer.n} accounts have a score and a known outcome. Without an outcome row: 1; outcome rows for accounts the run did not score: 1`,
  );
  await page.getByTestId('bt-unmatched').locator('summary').click();
  await expect(page.getByTestId('bt-unmatched')).toContainText(answer.firstAccount);
  await expect(page.getByTestId('bt-unmatched')).toContainText('NEW001');
  await expect(page.getByTestId('bt-base')).toContainText(
    `churn ${(answer.baseChurn * 100).toFixed(1)}%`,
  );
  for (const c of answer.perColor) {
    await expect(page.getByTestId(`bt-accounts-${c.color}`)).toContainText(String(c.accounts));
    await expect(page.getByTestId(`churn-${c.color}`)).toContainText(
      `${((100 * c.churned) / c.accounts).toFixed(1)}%`,
    );
    await expect(page.getByTestId(`expansion-${c.color}`)).toContainText(
      `${((100 * c.expanded) / c.accounts).toFixed(1)}%`,
    );
  }
  await expect(page.getByTestId('backtest-auc')).toContainText(answer.aucChurn.toFixed(3));
  await expect(page.getByTestId('backtest-reading')).toHaveAttribute('data-verdict', 'predicts');
  await expect(page.getByTestId('bt-measures').locator('tr[data-measure]').first()).toBeVisible();
  await page.screenshot({ path: shotPath('history-backtest.png'), fullPage: true });
  await page.getByTestId('bt-report').screenshot({ path: shotPath('history-backtest-report.png') });

  // The same-date check stays available, labelled descriptive.
  await page.getByTestId('bt-mode-descriptive').check();
  await expect(page.getByTestId('backtest-mode')).toHaveAttribute('data-mode', 'descriptive');
  await expect(page.getByTestId('backtest-mode')).toContainText('Descriptive only');
});
