import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openView } from './helpers';

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
