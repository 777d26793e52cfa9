import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject, waitSaved, withoutDemoRun } from './helpers';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

// Issue 14.2: shares of MRR per run, and accounts filtered by how their colour changed.
test('History: share of MRR per run and accounts whose colour got worse', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  // Starts from a demo with no run yet.
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  // A stricter green: some accounts can only move down.
  await openProject(page, 'demo', 'health');
  const greenMin = page.getByLabel('Minimum score of Green', { exact: true });
  await greenMin.fill('95');
  await greenMin.blur();
  await waitSaved(page);
  await openProject(page, 'demo', 'results');
  // The next date with the new model (one run per as-of date).
  await page.getByTestId('run-asof').fill('2026-11-08');
  await page.getByTestId('run-again').click();
  await expect(page.getByTestId('run-info')).toContainText('Stored runs: 2');
  await page.getByTestId('tab-history').click();

  // Share of MRR: the field is named, each run's colour shares add up to 100%.
  const mrr = page.getByTestId('trend-mrr');
  await expect(
    page.getByRole('heading', { name: /Share of MRR by colour \(field MRR\)/ }),
  ).toBeVisible();
  await expect(mrr.locator('tbody tr')).toHaveCount(2);
  for (const tr of await mrr.locator('tbody tr').all()) {
    const shares = (await tr.locator('td[data-testid^="mrr-"]').allTextContents()).map((x) =>
      Number(x.split('%')[0]),
    );
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.5);
  }
  const greenShare = async (i: number) =>
    Number(
      (await mrr
        .locator('tbody tr')
        .nth(i)
        .locator('td[data-testid$="-green"]')
        .textContent())!.split('%')[0],
    );
  expect(await greenShare(1)).toBeLessThan(await greenShare(0));

  // Accounts whose colour got worse = the matrix's cells right of the diagonal (colours run
  // best first; "no score" is last and counts in neither), better = left of it.
  const matrix = page.getByTestId('migration-matrix');
  await expect(matrix).toBeVisible();
  const rows = await matrix.locator('tbody tr').all();
  const heads = await matrix.locator('tbody th').allTextContents();
  let worse = 0;
  let better = 0;
  for (let i = 0; i < rows.length; i++) {
    const cells = (await rows[i].locator('td').allTextContents()).map(num);
    cells.forEach((v, j) => {
      if (heads[i] === 'No score' || heads[j] === 'No score') return;
      if (j > i) worse += v;
      if (j < i) better += v;
    });
  }
  expect(worse).toBeGreaterThan(0);
  await expect(page.getByTestId('changes-filter')).toHaveValue('worse');
  await expect(page.getByTestId('changes-count')).toHaveText(
    `${worse.toLocaleString('en')} accounts`,
  );
  const first = page.getByTestId('changes-table').locator('tbody tr').first();
  // Biggest drop first: a move to a worse colour with a negative change.
  await expect(first).toContainText(/→ (Lime|Yellow|Red)/);
  await expect(first.locator('td').last()).toContainText('-');
  await page.getByTestId('changes').screenshot({ path: shotPath('history-changes.png') });
  await page.getByTestId('changes-filter').selectOption('better');
  await expect(page.getByTestId('changes-count')).toHaveText(
    `${better.toLocaleString('en')} accounts`,
  );
  await page.getByTestId('changes-filter').selectOption('all');
  await expect(page.getByTestId('changes-count')).toHaveText('2,000 accounts');
  await expect(page.getByTestId('changes')).toContainText('The first 300 are listed');

  // Of the 300 rows sent, only those in view are drawn, each one line of the height the row
  // window counts with; scrolled to the end, the 300th row is there and in view.
  const drawn = page.getByTestId('changes-table').locator('tbody tr[data-account]');
  const box = (await drawn.first().boundingBox())!;
  expect(box.height).toBeCloseTo(29, 0);
  expect(await drawn.count()).toBeLessThan(60);
  const scroll = page.getByTestId('changes-scroll');
  const height = await scroll.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
    return el.scrollHeight;
  });
  expect(height).toBeGreaterThan(300 * 29);
  await expect(drawn.last()).toBeInViewport();
  // No spacer after the last drawn row: the window reaches row 300.
  await expect(page.getByTestId('changes-table').locator('tbody tr').last()).toHaveAttribute(
    'data-account',
    /.+/,
  );
  const lastTop = (await drawn.last().boundingBox())!.y;
  const scrollBox = (await scroll.boundingBox())!;
  expect(lastTop + 29).toBeLessThanOrEqual(scrollBox.y + scrollBox.height + 1);
  expect(await drawn.count()).toBeLessThan(60);
});
