import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { shotPath } from './shots';
import { confirmReplaceRun, gotoApp, openProject, openView } from './helpers';

// Issue 15: activity files in the app — import in the Data view, the run reads them, the
// account page shows the timeline; and the first-start demo shows the activity measure working.
const FIX = join(process.cwd(), 'test/fixtures/data/activity');

/** The stored activity sets of the page's database. */
async function storedSets(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        {
          source: string;
          rowCount: number;
          files: { name: string; rows: number; unknownAccount: number }[];
        }[]
      >((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('activitySets').objectStore('activitySets').getAll();
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function openAccount(page: Page, id: string) {
  await page.getByTestId('tab-accounts').click();
  await page.getByTestId('account-search').fill(id);
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('account-page')).toBeVisible();
}

test('the first-start demo runs with its login, seminar and contact logs', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('dataset-rows')).toContainText('2,000');
  await expect(page.getByTestId('activity-stored-logins')).toContainText('logins.csv');
  await expect(page.getByTestId('activity-stored-contact_log')).toContainText('contacts.csv');
  await page
    .getByTestId('activity-section')
    .screenshot({ path: shotPath('activity-data-view-en.png') });

  await openView(page, 'results');
  // The demo describes 2026-11-01: its project date, so the last 30 days hold logs.
  await expect(page.getByTestId('run-asof')).toHaveValue('2026-11-01');
  await page.getByTestId('run-playbook').click();
  // The first-start run is as of that date: running it again replaces it (asked first).
  await confirmReplaceRun(page, '2026-11-01');
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await expect(page.getByTestId('run-activity')).toContainText('Logins (logins.csv');

  // AC0000009's logins fell by more than half: the risk CTA fires and says why.
  await openAccount(page, 'AC0000009');
  const cta = page.getByTestId('account-ctas').locator('[data-cta="logins_halved"]');
  await expect(cta).toContainText('Logins fell by half');
  await expect(cta).toContainText('change(count(logins, 30d))');
  await expect(page.getByTestId('account-activity')).toBeVisible();
  await expect(page.getByTestId('activity-last-logins')).toContainText('Last Logins: 2026-');
  const measure = page.locator('[data-aggregate="change(count(logins, 30d))"]');
  await expect(
    measure.getByTestId('activity-window').and(page.locator('[data-window="0"]')),
  ).toContainText('window 2026-10-03 – 2026-11-01');
  await expect(
    measure.getByTestId('activity-window').and(page.locator('[data-window="1"]')),
  ).toContainText('window 2026-09-03 – 2026-10-02');
  await measure.locator('summary').click();
  await page
    .getByTestId('account-activity')
    .screenshot({ path: shotPath('activity-account-en.png') });

  // The expression editor previews an aggregate over the stored activity.
  await openView(page, 'health');
  const card = page.locator('[data-measure="login_trend"]');
  await expect(card.getByTestId('expr-preview')).toContainText('Evaluated on');
});

test('import a Shift_JIS login export, map its columns, see the unmatched row, run and see the CTA and timeline', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await expect(page.getByTestId('activity-stored-logins')).toContainText('logins.csv');
  const before = (await storedSets(page)).find((s) => s.source === 'logins')!;

  const card = page.getByTestId('activity-source-logins');
  // Replacing the demo's logins (a pick on a stored source adds unless "Replace all…").
  const chooser = page.waitForEvent('filechooser');
  await card.getByTestId('activity-replace-logins').click();
  await (await chooser).setFiles(join(FIX, 'logins-e2e.sjis.csv'));
  await expect(card.getByTestId('activity-mapping')).toBeVisible();
  // Japanese headers the source does not name: mapped by hand.
  await card.getByTestId('activity-map-account').selectOption({ label: 'アカウントID' });
  await card.getByTestId('activity-map-time').selectOption({ label: 'ログイン日時' });
  await card.getByTestId('activity-map-user').selectOption({ label: 'ユーザー' });
  await card.getByTestId('activity-map-channel').selectOption({ label: '経路' });
  await card.getByTestId('activity-run').click();
  await expect(card.getByTestId('activity-report-rows')).toHaveText('25');
  await expect(card.getByTestId('activity-report-kept')).toHaveText('24');
  await expect(card.getByTestId('activity-report-unknown')).toHaveText('1');
  await expect(card.getByTestId('activity-unknown-list')).toContainText(
    'row 26, column 1 (アカウントID): "ZZ9999999" matches no account',
  );
  await card.screenshot({ path: shotPath('activity-import-report-en.png') });
  // Nothing is stored before the user says so.
  expect((await storedSets(page)).find((s) => s.source === 'logins')!.rowCount).toBe(
    before.rowCount,
  );
  await card.getByTestId('activity-save').click();
  await expect(card.getByTestId('activity-stored-logins')).toContainText(
    '24 events stored from logins-e2e.sjis.csv',
  );
  const stored = (await storedSets(page)).filter((s) => s.source === 'logins');
  expect(stored).toHaveLength(1);
  expect(stored[0].rowCount).toBe(24);
  expect(stored[0].files[0]).toMatchObject({ name: 'logins-e2e.sjis.csv', unknownAccount: 1 });

  await openView(page, 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  await confirmReplaceRun(page, '2026-11-01');
  await expect(page.getByTestId('run-activity')).toContainText(
    'Logins (logins-e2e.sjis.csv; 24 of 24 events linked',
  );
  // AC0000001: 12 logins in the 30 days before, 2 in the last 30 → the CTA fires.
  await openAccount(page, 'AC0000001');
  await expect(
    page.getByTestId('account-ctas').locator('[data-cta="logins_halved"]'),
  ).toBeVisible();
  await expect(page.getByTestId('activity-last-logins')).toContainText('2026-10-20 14:05');
  await expect(page.getByTestId('activity-total-logins')).toContainText('14 events');
  const change = page.locator('[data-aggregate="change(count(logins, 30d))"]');
  await expect(
    change.getByTestId('activity-window').and(page.locator('[data-window="0"]')),
  ).toContainText('2 event(s) counted');
  await expect(
    change.getByTestId('activity-window').and(page.locator('[data-window="1"]')),
  ).toContainText('12 event(s) counted');
  // The events that counted, with their file lines.
  await change.locator('summary').click();
  await expect(change.locator('tr[data-window="0"]')).toHaveCount(2);
  await page.getByTestId('account-back').click();
  // AC0000002 logged in as often as before: no CTA.
  await openAccount(page, 'AC0000002');
  await expect(page.getByTestId('account-ctas').locator('[data-cta="logins_halved"]')).toHaveCount(
    0,
  );
});
