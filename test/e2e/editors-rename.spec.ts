import { expect, test } from '@playwright/test';
import { createProject, openView, readStoredProject, waitSaved } from './helpers';

// Issue 5, point 5/7: renaming a field in the contract rewrites every expression that uses it,
// as one undo step.
test('renaming a field updates every expression, and one undo reverts it', async ({ page }) => {
  const id = await createProject(page, { name: 'Rename test', template: 'demo' });
  await openView(page, 'fields');
  const idInput = page.getByTestId('field-id-setup_progress');
  await idInput.fill('setup_pct');
  await idInput.press('Enter');
  await expect(page.getByTestId('fields-notice')).toContainText('setup_pct');
  await expect(page.getByTestId('field-id-setup_pct')).toBeVisible();

  await openView(page, 'journey');
  const exit = page.getByRole('combobox', {
    // A project made from a template takes its texts in the UI language (issue 19).
    name: /^Condition of exit criterion 2 of (オンボーディング \/ )?Onboarding$/,
  });
  await expect(exit).toHaveValue('setup_pct >= 80');
  await openView(page, 'health');
  await expect(page.locator('[data-measure="setup"] [data-testid="expr-input"]')).toHaveValue(
    'setup_pct',
  );
  await expect(page.locator('[data-testid="expr-error"]')).toHaveCount(0);

  await waitSaved(page);
  const doc = await readStoredProject(page, id);
  expect(doc.journey.stages[0].exitCriteria[1].expr).toBe('setup_pct >= 80');
  expect(doc.health.measures.find((m: { id: string }) => m.id === 'setup').expr).toBe('setup_pct');
  expect(doc.fields.fields.some((f: { id: string }) => f.id === 'setup_progress')).toBe(false);

  // One undo step brings back the old id everywhere.
  await page.getByTestId('undo').click();
  await expect(page.locator('[data-measure="setup"] [data-testid="expr-input"]')).toHaveValue(
    'setup_progress',
  );
  await openView(page, 'journey');
  await expect(exit).toHaveValue('setup_progress >= 80');
});
