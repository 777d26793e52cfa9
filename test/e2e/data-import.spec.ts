import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { confirmReplaceRun, gotoApp, openProject, openView } from './helpers';

const FIX = join(process.cwd(), 'test/fixtures/data');

test('imports a Shift_JIS CSV with Japanese headers, runs the playbook, explains an account and exports the CTA queue', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-current')).toBeVisible();
  await page.getByTestId('data-file-input').setInputFiles(join(FIX, 'crm_ja.sjis.csv'));
  await expect(page.getByTestId('mapping-0')).toBeVisible();
  await expect(page.getByTestId('detected-encoding')).toHaveText('Shift_JIS (CP932)');
  // Japanese headers mapped automatically by label: MRR is the third column.
  await expect(page.getByTestId('map-mrr')).toHaveValue('2');
  await expect(page.getByTestId('map-stage_entered_at')).toHaveValue('8');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-rows-imported')).toHaveText('5');
  await expect(page.getByTestId('report-errors')).toHaveText('0');
  // It replaces the demo's 2,000 accounts: said before saving, and confirmed.
  await expect(page.getByTestId('replace-rows')).toContainText('2,000 → 5');
  await expect(page.getByTestId('replace-rows')).toHaveAttribute('data-big-drop', 'true');
  await expect(page.getByTestId('import-save')).toBeDisabled();
  await page.getByTestId('replace-confirm').check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('5 accounts');

  await openView(page, 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  // The demo's first-start run is as of that date: replaced (asked first).
  await confirmReplaceRun(page, '2026-11-01');
  await expect(page.getByTestId('kpi-accounts')).toHaveText('5');
  await expect(page.getByTestId('kpi-scored')).toHaveText('5');
  // Stage funnel: one account per stage in the fixture except adoption (two).
  await expect(page.getByTestId('funnel-adoption-count')).toHaveText('2');
  await expect(page.getByTestId('funnel-onboarding-count')).toHaveText('1');
  const colorTotal = await page.getByTestId('color-counts').locator('strong').allTextContents();
  expect(colorTotal.map(Number).reduce((a, b) => a + b, 0)).toBe(5);

  // The account page: contributions add up to the score; CTAs say why they fired.
  await page.getByTestId('tab-accounts').click();
  await page.getByTestId('account-search').fill('A003');
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('account-page')).toBeVisible();
  const score = Number(await page.getByTestId('account-score').textContent());
  const sum = Number(await page.getByTestId('contribution-sum').textContent());
  expect(Math.abs(score - sum)).toBeLessThan(0.06);
  // A003: ガンマ商事, champion left (○) → the champion_left CTA fires with its reason.
  await expect(
    page.getByTestId('account-ctas').locator('[data-cta="champion_left"]'),
  ).toContainText('Champion left = true'); // the field's label, not its id (issue 19)
  await expect(page.getByTestId('account-criteria').locator('.stage-crit.current')).toBeVisible();
  await page.getByTestId('account-back').click();

  // The CTA queue, exported as CSV.
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const queueCount = await page.getByTestId('queue-row').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('queue-export').click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe(
    'account_id,company_name,cta_id,cta_label,type,type_label,priority,priority_label,owner,due_date,score,color,color_id,mrr,trigger,status,runs,since,mark,mark_until,mark_reason',
  );
  // Type and priority ids with their English labels next to them.
  expect(lines.some((l) => l.includes(',risk,Risk,high,High,'))).toBe(true);
  // The colour as the screen names it (English UI), then its id.
  expect(
    lines.slice(1).every((l) => /,(Green,green|Lime,lime|Yellow,yellow|Red,red|,),/.test(l)),
  ).toBe(true);
  expect(lines.length - 1).toBe(queueCount);
  expect(lines.some((l) => l.startsWith('A003,ガンマ商事,champion_left,'))).toBe(true);
});

test('a broken file shows the report and leaves the stored dataset intact', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  // A PNG is rejected outright.
  await page.getByTestId('data-file-input').setInputFiles(join(FIX, 'not_csv.png'));
  await expect(page.getByTestId('import-failed-message')).toContainText(
    'not_csv.png is a PNG file',
  );
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  await page.getByRole('button', { name: 'Discard' }).click();
  // Bad cells: reported by row and column; cancelling keeps the old dataset.
  await page.getByTestId('data-file-input').setInputFiles(join(FIX, 'bad_values.csv'));
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-bad-rows')).toHaveText('5');
  const issues = page.getByTestId('report-issues');
  await expect(issues.locator('tr[data-code="bad_number"]')).toContainText('abc');
  await expect(issues.locator('tr[data-code="bad_date"]')).toContainText('2026-13-45');
  await page.screenshot({ path: shotPath('data-broken-report.png'), fullPage: true });
  await page.getByTestId('import-discard').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  await page.reload();
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
});

test('joins a usage export to the CRM export by normalised company name (名寄せ)', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'ja' });
  await openProject(page, 'demo', 'data');
  await page
    .getByTestId('data-file-input')
    .setInputFiles([join(FIX, 'crm_ja.utf8.csv'), join(FIX, 'usage_by_name.csv')]);
  await expect(page.getByTestId('mapping-1')).toBeVisible();
  await page.getByTestId('import-run').click();
  const join_ = page.getByTestId('join-report');
  await expect(join_).toContainText('会社名で 4');
  await expect(join_.locator('tr[data-kind="similar"]')).toContainText('イプシロン社');
  await page.screenshot({ path: shotPath('data-join-ja.png'), fullPage: true });
  await page.getByTestId('replace-confirm').check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('5 アカウント');
});
