import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { shotPath } from './shots';
import { currentProjectId, gotoApp, readStoredProject, waitReady, waitSaved } from './helpers';

const SJIS = join(process.cwd(), 'test/fixtures/infer/crm_export.sjis.csv');
const XLSX = join(process.cwd(), 'test/fixtures/xlsx/crm_export.xlsx');

/** Every user action goes through here, so the test counts them (issue 19: fewer than 20). */
function counter() {
  let n = 0;
  return {
    get count() {
      return n;
    },
    click: async (l: Locator) => (n++, l.click()),
    fill: async (l: Locator, v: string) => (n++, l.fill(v)),
    files: async (l: Locator, f: string) => (n++, l.setInputFiles(f)),
    select: async (l: Locator, v: string) => (n++, l.selectOption(v)),
  };
}

async function newEmptyProject(page: Page, act: ReturnType<typeof counter>, name: string) {
  await page.goto('/#/');
  await waitReady(page);
  await act.click(page.getByTestId('new-project'));
  await act.fill(page.getByTestId('new-project-name'), name);
  await act.click(page.getByTestId('new-project-create'));
  await page.waitForURL(/#\/p\/[^/]+\//);
  return currentProjectId(page);
}

test('one step: a Shift_JIS CRM export into an EMPTY project reaches a scored dashboard in fewer than 20 actions', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'ja' });
  const act = counter();
  const id = await newEmptyProject(page, act, 'CRM から');
  await act.click(page.getByTestId('nav-data'));
  await act.files(page.getByTestId('data-file-input'), SJIS);

  // The review shows before the import: the key column proposed, one row per other column.
  const review = page.getByTestId('add-fields');
  await expect(review).toBeVisible();
  await expect(page.getByTestId('add-fields-key')).toContainText('顧客ID');
  await expect(page.getByTestId('review-8')).toContainText('ログイン率');
  await expect(page.getByTestId('review-8')).toContainText('72% · 35% · 15%');
  await expect(page.getByTestId('review-type-8')).toHaveValue('number');
  await expect(page.getByTestId('review-reason-8')).toContainText('%');
  await page.screenshot({ path: shotPath('data-review-fields.png'), fullPage: true });
  await act.click(page.getByTestId('add-fields-run'));
  await expect(page.getByTestId('map-account_id')).toHaveValue('0');
  await act.click(page.getByTestId('import-run'));
  await expect(page.getByTestId('report-errors')).toHaveText('0');
  await act.click(page.getByTestId('import-save'));
  await expect(page.getByTestId('dataset-rows')).toContainText('12');

  // One measure on a column of the file, then run.
  await act.click(page.getByTestId('nav-health'));
  await act.click(page.locator('.hm-add').first());
  await act.fill(page.locator('.hm-measure-expr textarea').first(), 'ログイン率');
  await act.click(page.getByTestId('nav-results'));
  await act.click(page.getByTestId('run-playbook'));
  await expect(page.getByTestId('kpi-accounts')).toHaveText('12');
  await expect(page.getByTestId('color-counts')).toBeVisible();
  await page.screenshot({ path: shotPath('data-onboarding-dashboard.png'), fullPage: true });

  expect(act.count).toBeLessThan(20);
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  expect(stored.fields.fields.map((f: { id: string }) => f.id)).toContain('ログイン率');
  expect(stored.fields.fields.find((f: { id: string }) => f.id === 'ログイン率')).toMatchObject({
    type: 'number',
    unit: '%',
  });
  expect(stored.fields.nameField).toBe('会社名');
});

test('the review: change a type, rename an id, drop a column — accepted as one undo step', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  const act = counter();
  const id = await newEmptyProject(page, act, 'Review');
  await act.click(page.getByTestId('nav-data'));
  await act.files(page.getByTestId('data-file-input'), SJIS);
  // 郵便番号 (12) dropped; 従業員数 (5) as number; 月額料金 (4) renamed; a reserved id refused.
  await page.getByTestId('review-include-12').uncheck();
  await page.getByTestId('review-type-5').selectOption('number');
  await page.getByTestId('review-id-4').fill('score');
  await expect(page.getByTestId('add-fields-run')).toBeDisabled();
  await expect(page.getByTestId('review-4')).toContainText('Reserved');
  await page.getByTestId('review-id-4').fill('mrr_yen');
  await page.getByTestId('add-fields-run').click();
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  const fields = stored.fields.fields as { id: string; type: string; unit?: string }[];
  expect(fields.map((f) => f.id)).not.toContain('郵便番号');
  expect(fields.find((f) => f.id === '従業員数')?.type).toBe('number');
  expect(fields.find((f) => f.id === 'mrr_yen')).toMatchObject({ type: 'integer', unit: '円' });
  expect(fields).toHaveLength(14);
  // The mapping follows: the renamed field is mapped to its column.
  await expect(page.getByTestId('map-mrr_yen')).toHaveValue('4');
  await page.getByTestId('undo').click();
  await waitSaved(page);
  const after = await readStoredProject(page, id);
  expect(after.fields.fields.map((f: { id: string }) => f.id)).toEqual(['account_id']);
});

test('xlsx: the sheet picker, values read by their Excel format, an empty sheet refused with its name', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  const act = counter();
  const id = await newEmptyProject(page, act, 'Excel');
  await act.click(page.getByTestId('nav-data'));
  await act.files(page.getByTestId('data-file-input'), XLSX);
  await expect(page.getByTestId('detected-format')).toHaveText('Excel (.xlsx)');
  await expect(page.getByTestId('sheet-0')).toHaveValue('顧客一覧');
  await expect(page.getByTestId('review-4')).toContainText('1200000 · 350000 · 80000');
  await expect(page.getByTestId('review-8')).toContainText('72% · 35% · 15%');
  await expect(page.getByTestId('review-6')).toContainText('2023-04-01');
  await page.screenshot({ path: shotPath('data-xlsx-review.png'), fullPage: true });
  await page.getByTestId('add-fields-run').click();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-errors')).toHaveText('0');
  await expect(page.getByTestId('report-rows-imported')).toHaveText('12');
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('12');
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  expect(stored.fields.fields.find((f: { id: string }) => f.id === '契約開始日')?.type).toBe(
    'date',
  );

  // The cover sheet is empty: picking it says so and names the sheets; nothing stored changes.
  await page.getByTestId('data-file-input').setInputFiles(XLSX);
  await page.getByTestId('sheet-0').selectOption('表紙');
  await expect(page.getByTestId('import-failed-message')).toContainText('表紙');
  await expect(page.getByTestId('import-failed-message')).toHaveAttribute(
    'data-code',
    'xlsx_empty_sheet',
  );
  await expect(page.getByTestId('dataset-rows')).toContainText('12');
});

test('an expression naming a field the contract lacks offers "create field", typed from the file being imported', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  const act = counter();
  const id = await newEmptyProject(page, act, 'Create field');
  await act.click(page.getByTestId('nav-data'));
  await act.files(page.getByTestId('data-file-input'), SJIS);
  await expect(page.getByTestId('mapping-0')).toBeVisible();
  await page.getByTestId('nav-health').click();
  await page.locator('.hm-add').first().click();
  await page.locator('.hm-measure-expr textarea').first().fill('ログイン率');
  await expect(page.getByTestId('expr-error').first()).toHaveAttribute(
    'data-code',
    'unknown_field',
  );
  const fix = page.getByTestId('expr-create-field');
  await expect(fix).toHaveText('Create field “ログイン率” (number (%))');
  await fix.click();
  await expect(page.getByTestId('expr-error')).toHaveCount(0);
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  expect(stored.fields.fields.find((f: { id: string }) => f.id === 'ログイン率')).toMatchObject({
    type: 'number',
    unit: '%',
    label: { ja: 'ログイン率', en: '' },
  });
  // The import in progress maps the new field to its column.
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('map-ログイン率')).toHaveValue('8');
  // Without a file of that name, the field is created as a number.
  await page.getByTestId('nav-health').click();
  await page.locator('.hm-measure-expr textarea').first().fill('nps_score');
  await expect(page.getByTestId('expr-create-field')).toHaveText(
    'Create field “nps_score” (number)',
  );
});
