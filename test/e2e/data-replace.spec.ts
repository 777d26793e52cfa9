import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { shotPath } from './shots';
import { gotoApp, openProject, openView } from './helpers';

const FIX = join(process.cwd(), 'test/fixtures/data');

test('replacing the dataset: what changes is shown and must be confirmed (demo accounts too)', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000 accounts');

  // Demo accounts over real data: 1,900 of them, seed 7 — the loss is named before anything is stored.
  await page.getByTestId('demo-rows').fill('1900');
  await page.getByTestId('demo-generate').click();
  const summary = page.getByTestId('replace-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('demo');
  await expect(page.getByTestId('replace-rows')).toContainText('2,000 → 1,900 (−5.0%)');
  await expect(page.getByTestId('replace-rows')).toHaveAttribute('data-big-drop', 'true');
  await expect(page.getByTestId('replace-disappeared')).toContainText('100 accounts disappear');
  await expect(page.getByTestId('import-save')).toBeDisabled();
  await page.screenshot({ path: shotPath('data-replace-summary.png'), fullPage: true });
  await page.getByTestId('import-discard').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000 accounts');

  // 1,950 is a 2.5% drop: shown, not highlighted.
  await page.getByTestId('demo-rows').fill('1950');
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('replace-rows')).toHaveAttribute('data-big-drop', 'false');
  await page.getByTestId('import-discard').click();

  // A file with 5 accounts and three columns: the fields it empties are listed by label.
  await page.getByTestId('data-file-input').setInputFiles({
    name: 'short.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'account_id,company_name,mrr\n' +
        [1, 2, 3, 4, 5].map((i) => `X${i},Co ${i},${i * 1000}`).join('\n') +
        '\n',
    ),
  });
  await page.getByTestId('import-run').click();
  // The report says what each missing field does to the score.
  await expect(page.getByTestId('report-missing-relationship')).toHaveText(
    'Relationship missing for every account: its weight is rescaled away (measures: Relationship).',
  );
  await expect(page.getByTestId('replace-rows')).toContainText('2,000 → 5');
  await expect(page.getByTestId('replace-disappeared')).toContainText('2,000 accounts disappear');
  await expect(page.getByTestId('replace-emptied')).toContainText('NPS (0–10)');
  await expect(page.getByTestId('replace-added')).toContainText('5 new accounts');
  await page.getByTestId('replace-confirm').check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('5 accounts');
});

test('leaving the Data view does not cancel an import: coming back shows where it got to', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await page.getByTestId('data-file-input').setInputFiles(join(FIX, 'crm_ja.sjis.csv'));
  await expect(page.getByTestId('mapping-0')).toBeVisible();
  await openView(page, 'health');
  await openView(page, 'data');
  await expect(page.getByTestId('mapping-0')).toBeVisible();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-rows-imported')).toHaveText('5');
  await openView(page, 'results');
  await openView(page, 'data');
  await expect(page.getByTestId('report-rows-imported')).toHaveText('5');
  await expect(page.getByTestId('replace-summary')).toBeVisible();
  // Nothing was stored meanwhile.
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000 accounts');
});

test('the top-bar Import given a CSV says where CSVs go; duplicating says the data is not copied', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await page.getByTestId('import-project-input').setInputFiles(join(FIX, 'crm_ja.sjis.csv'));
  await expect(page.getByTestId('message-error')).toContainText(
    '“crm_ja.sjis.csv” is account data, not a project file. Open a project and import it in the Data view',
  );
  await page.goto('/#/');
  await page.getByTestId('project-duplicate').first().click();
  await expect(page.getByTestId('message-info')).toContainText('Datasets and runs are not copied');
});
