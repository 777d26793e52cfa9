import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { shotPath } from './shots';
import { createProject, gotoApp, openView, readStoredProject, waitSaved } from './helpers';

const FILE = join(process.cwd(), 'test/fixtures/infer/crm_export.sjis.csv');

test('a Shift_JIS CRM export in an empty project: its unused columns become fields in one step (one undo)', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'CRM onboarding' });
  await openView(page, 'data');
  await page.getByTestId('data-file-input').setInputFiles(FILE);
  await expect(page.getByTestId('mapping-0')).toBeVisible();
  // The empty project's key field is "Account ID"; this export calls it 顧客ID (column 0).
  await page.getByTestId('map-account_id').selectOption('0');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-rows-imported')).toHaveText('12');

  const card = page.getByTestId('add-fields');
  await expect(card).toContainText('14 column(s) of this file are not used');
  await expect(page.getByTestId('review-4')).toContainText('月額料金');
  await expect(page.getByTestId('review-type-4')).toHaveValue('integer');
  await expect(page.getByTestId('review-4')).toContainText('(円)');
  await expect(page.getByTestId('review-type-8')).toHaveValue('number');
  await expect(page.getByTestId('review-8')).toContainText('(%)');
  await page.screenshot({ path: shotPath('data-add-fields.png'), fullPage: true });
  await page.getByTestId('add-fields-run').click();

  // Back at the mapping with every column mapped; importing again leaves nothing unused.
  await expect(page.getByTestId('map-月額料金')).toHaveValue('4');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-errors')).toHaveText('0');
  await expect(page.getByTestId('add-fields')).toHaveCount(0);
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('12 accounts');
  // A label inferred from a Japanese header is shown in the English UI too (no blank column head).
  await expect(
    page.getByTestId('dataset-current').locator('th', { hasText: '月額料金' }),
  ).toHaveCount(1);
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  const fields = stored.fields.fields as { id: string; type: string; unit?: string }[];
  expect(fields).toHaveLength(15);
  expect(stored.fields.nameField).toBe('会社名');
  expect(fields.find((f) => f.id === '月額料金')).toMatchObject({ type: 'integer', unit: '円' });
  expect(fields.find((f) => f.id === 'キックオフ実施')).toMatchObject({ type: 'boolean' });

  // One undo removes all 14 added fields.
  await page.getByTestId('undo').click();
  await waitSaved(page);
  const after = await readStoredProject(page, id);
  expect(after.fields.fields.map((f: { id: string }) => f.id)).toEqual(['account_id']);
  expect(after.fields.nameField).toBeUndefined();
});
