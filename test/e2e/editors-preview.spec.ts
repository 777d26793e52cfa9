import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject, openView } from './helpers';

// Issue 5, point 2: with a dataset loaded (the seeded demo), rules show how many accounts match.
test('expressions preview how many accounts of the loaded dataset match', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await page.getByTestId('project-row-name').first().click();
  await openView(page, 'journey');
  const exit = page.getByRole('combobox', {
    name: 'Condition of exit criterion 2 of Onboarding',
  });
  const cell = page.locator('td').filter({ has: exit });
  const preview = cell.getByTestId('expr-preview').nth(1);
  await expect(preview).toContainText(/of 2,000 accounts match/, { timeout: 20_000 });
  const before = Number(await preview.getAttribute('data-matched'));
  await exit.fill('setup_progress >= 10');
  await expect(preview).not.toHaveAttribute('data-matched', String(before));
  const after = Number(await preview.getAttribute('data-matched'));
  expect(after).toBeGreaterThan(before);
  await page.screenshot({ path: shotPath('editors-preview-en.png') });
  // Measures show how many accounts have a value, and its range.
  await openView(page, 'health');
  await expect(page.locator('[data-measure="setup"]').getByTestId('expr-preview')).toContainText(
    /Evaluated on [\d,]+ of 2,000 accounts · from/,
  );
});

// Issue 14.1: a preview evaluates as of the date the next run would use, and says which.
test('a date-dependent preview names its as-of date and follows the run date', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await page.getByTestId('project-row-name').first().click();
  const preview = page.locator('[data-measure="meeting_recency"]').getByTestId('expr-preview');
  const range = async () => {
    const m = /from (-?[\d,]+) to (-?[\d,]+)/.exec((await preview.textContent()) ?? '');
    expect(m, 'the preview shows a range').not.toBeNull();
    return [Number(m![1].replace(/,/g, '')), Number(m![2].replace(/,/g, ''))];
  };
  await openView(page, 'health');
  // The demo project's remembered date.
  await expect(preview.getByTestId('expr-preview-asof')).toHaveText(' · as of 2026-11-01', {
    timeout: 20_000,
  });
  const [min0, max0] = await range();
  // A run two weeks later: the project remembers its date and the preview follows it.
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-15');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('run-info')).toContainText('2026-11-15');
  await openView(page, 'health');
  await expect(preview.getByTestId('expr-preview-asof')).toHaveText(' · as of 2026-11-15');
  // days_since(last_meeting_date) counts 14 more days for every account.
  expect(await range()).toEqual([min0 + 14, max0 + 14]);
  await page.screenshot({ path: shotPath('editors-preview-asof-en.png') });
});
