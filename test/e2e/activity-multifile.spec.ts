import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import { confirmReplaceRun, gotoApp, openProject, openView } from './helpers';

// Issue 15: several files for one activity source (a login export per month). Dropped together
// on the Logins card: one mapping for the same header, a report per file, the files listed; the
// run and the account page read all of them; removing one removes its events (also after a
// reload, in IndexedDB); a bad further file leaves the stored ones as they were.

const HEAD = 'account_id,logged_in_at,user_id,channel';
/** Four logins of AC0000009 and one of AC0000010 per month; an unknown account in September. */
function month(m: string, extra: string[] = []): string {
  return [
    HEAD,
    ...[3, 10, 17, 24].map((d) => `AC0000009,2026-${m}-${String(d).padStart(2, '0')} 09:00,u1,web`),
    `AC0000010,2026-${m}-05 10:00,u2,app`,
    ...extra,
  ].join('\n');
}
const FILES = [
  { name: 'logins-2026-08.csv', text: month('08') },
  { name: 'logins-2026-09.csv', text: month('09', ['ZZ0000000,2026-09-09,u3,web']) },
  { name: 'logins-2026-10.csv', text: month('10') },
];

async function storedLogins(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ rowCount: number; files: { name: string; hash?: string }[] } | undefined>(
        (resolve, reject) => {
          const open = indexedDB.open('waymark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result
              .transaction('activitySets')
              .objectStore('activitySets')
              .getAll();
            get.onsuccess = () =>
              resolve(
                (
                  get.result as {
                    source: string;
                    rowCount: number;
                    files: { name: string }[];
                  }[]
                ).find((s) => s.source === 'logins'),
              );
            get.onerror = () => reject(get.error);
          };
        },
      ),
  );
}

async function drop(page: Page, files: { name: string; text: string }[]) {
  const dt = await page.evaluateHandle((fs) => {
    const d = new DataTransfer();
    for (const f of fs) d.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    return d;
  }, files);
  await page
    .getByTestId('activity-source-logins')
    .locator('.dz')
    .dispatchEvent('drop', { dataTransfer: dt });
}

/** The demo's stored logins removed, then the three months dropped, imported and stored. */
async function storeThreeMonths(page: Page) {
  const card = page.getByTestId('activity-source-logins');
  await expect(card.getByTestId('activity-file')).toHaveCount(1, { timeout: 20_000 });
  await card.getByTestId('activity-file-remove').click();
  await card.getByTestId('activity-file-remove-yes').click();
  await expect(card.getByTestId('activity-file')).toHaveCount(0);
  expect(await storedLogins(page)).toBeUndefined();

  await drop(page, FILES);
  await expect(card.getByTestId('activity-mapping')).toBeVisible({ timeout: 20_000 });
  // The same header in the three files: one mapping, asked once.
  await expect(card.getByTestId('activity-mapping-group')).toHaveCount(1);
  await expect(card.getByTestId('activity-mapping-group')).toContainText(
    FILES.map((f) => f.name).join(', '),
  );
  await card.getByTestId('activity-run').click();
  const reports = card.getByTestId('activity-file-report');
  await expect(reports).toHaveCount(3);
  for (const [k, f] of FILES.entries()) {
    await expect(reports.nth(k)).toHaveAttribute('data-file', f.name);
    await expect(reports.nth(k).getByTestId('activity-report-kept')).toHaveText('5');
  }
  await expect(reports.nth(1).getByTestId('activity-report-rows')).toHaveText('6');
  await expect(reports.nth(1).getByTestId('activity-unknown-list')).toContainText(
    'logins-2026-09.csv',
  );
  await card.getByTestId('activity-save').click();
  await expect(card.getByTestId('activity-file')).toHaveCount(3);
  return card;
}

test('three monthly login files on one card: listed, read by the run, one removed, a bad one refused', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  const card = await storeThreeMonths(page);
  await expect(card.getByTestId('activity-stored-logins')).toContainText(
    '15 events stored from logins-2026-08.csv, logins-2026-09.csv, logins-2026-10.csv',
  );
  await expect(card.getByTestId('activity-file').nth(1)).toContainText('2026-09-03 – 2026-09-24');
  await card.screenshot({ path: shotPath('activity-multifile-en.png') });
  const stored = (await storedLogins(page))!;
  expect(stored.rowCount).toBe(15);
  expect(stored.files.map((f) => f.name)).toEqual(FILES.map((f) => f.name));

  // The run reads the three files: AC0000009's timeline covers August to October.
  await openView(page, 'results');
  await page.getByTestId('run-playbook').click();
  await confirmReplaceRun(page, '2026-11-01');
  await page.getByTestId('tab-accounts').click();
  await page.getByTestId('account-search').fill('AC0000009');
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('activity-total-logins')).toContainText('12 events');
  await expect(page.getByTestId('activity-last-logins')).toContainText('2026-10-24');

  // The same September file again, under another name: refused, nothing changes.
  await openView(page, 'data');
  await drop(page, [{ name: 'september-again.csv', text: FILES[1].text }]);
  await card.getByTestId('activity-run').click();
  await expect(card.getByTestId('activity-failed')).toContainText(
    'september-again.csv has the same content as logins-2026-09.csv',
  );
  expect((await storedLogins(page))!.rowCount).toBe(15);

  // A good file then a bad one (no account column): the import stops at the bad one, naming
  // it; nothing of either is stored.
  await drop(page, [
    { name: 'logins-2026-07.csv', text: month('07') },
    { name: 'broken.csv', text: 'who,logged_in_at,user_id,channel\nAC0000009,2026-07-01,u,web' },
  ]);
  await expect(card.getByTestId('activity-mapping-group')).toHaveCount(2);
  await expect(card.getByTestId('activity-unmapped')).toContainText('broken.csv');
  await expect(card.getByTestId('activity-run')).toBeDisabled();
  await card.getByRole('button', { name: 'Cancel' }).click();
  await drop(page, [
    { name: 'logins-2026-07.csv', text: month('07') },
    {
      name: 'bad-times.csv',
      text: `${HEAD}\nAC0000009,2026-07-01,u,web\nAC0000009,not a date,u,web`,
    },
  ]);
  await card.getByTestId('activity-run').click();
  await expect(card.getByTestId('activity-file-report')).toHaveCount(2);
  // Cancelled at the report: nothing stored.
  await card.getByRole('button', { name: 'Cancel' }).click();
  expect((await storedLogins(page))!.rowCount).toBe(15);
  await expect(card.getByTestId('activity-file')).toHaveCount(3);

  // Remove September: its events go, the others stay — also in IndexedDB after a reload.
  await card.getByTestId('activity-file').nth(1).getByTestId('activity-file-remove').click();
  await card.getByTestId('activity-file-remove-yes').click();
  await expect(card.getByTestId('activity-file')).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId('activity-source-logins').getByTestId('activity-file')).toHaveCount(
    2,
    { timeout: 20_000 },
  );
  const left = (await storedLogins(page))!;
  expect(left.rowCount).toBe(10);
  expect(left.files.map((f) => f.name)).toEqual(['logins-2026-08.csv', 'logins-2026-10.csv']);
});

test('the card with several files, in Japanese', async ({ page }) => {
  await gotoApp(page, { lang: 'ja' });
  await openProject(page, 'demo', 'data');
  const card = await storeThreeMonths(page);
  await expect(card.getByTestId('activity-stored-logins')).toContainText(
    'から 15 件のイベントを保存済み',
  );
  await card.screenshot({ path: shotPath('activity-multifile-ja.png') });
});

test('cancel while the second of three files is read: nothing of the batch is stored, and the next import works', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  const card = await storeThreeMonths(page);
  const before = (await storedLogins(page))!;

  // July, then a big June export (2,000,000 logins, built in the page), then May.
  const dt = await page.evaluateHandle(
    ({ head, july, may }) => {
      const lines = ['AC0000009,2026-06-01 09:00,u1,web\n', 'AC0000010,2026-06-02 10:00,u2,app\n'];
      const block = Array.from({ length: 10_000 }, (_, k) => lines[k & 1]).join('');
      const big = new File([head + '\n', ...Array.from({ length: 200 }, () => block)], 'june.csv', {
        type: 'text/csv',
      });
      const d = new DataTransfer();
      d.items.add(new File([july], 'logins-2026-07.csv', { type: 'text/csv' }));
      d.items.add(big);
      d.items.add(new File([may], 'logins-2026-05.csv', { type: 'text/csv' }));
      return d;
    },
    { head: HEAD, july: month('07'), may: month('05') },
  );
  await card.locator('.dz').dispatchEvent('drop', { dataTransfer: dt });
  await expect(card.getByTestId('activity-mapping-group')).toHaveCount(1, { timeout: 20_000 });
  await card.getByTestId('activity-run').click();
  const progress = card.getByTestId('activity-progress');
  await expect(progress).toContainText('File 2 of 3', { timeout: 20_000 });
  const workers = page.workers().length;
  await card.getByTestId('activity-cancel').click();
  // The import stops: its worker is gone (not left to finish the batch in the background).
  await expect.poll(() => page.workers().length).toBeLessThan(workers);

  // Back to the card as it was: no progress, no report, the stored files and events unchanged.
  await expect(progress).toHaveCount(0);
  await expect(card.getByTestId('activity-file-report')).toHaveCount(0);
  await expect(card.getByTestId('activity-file')).toHaveCount(3);
  const after = (await storedLogins(page))!;
  expect(after.rowCount).toBe(before.rowCount);
  expect(after.files.map((f) => f.name)).toEqual(before.files.map((f) => f.name));

  // A new import after the cancel runs in a fresh worker and stores what it says.
  await drop(page, [{ name: 'logins-2026-07.csv', text: month('07') }]);
  await card.getByTestId('activity-run').click();
  await expect(card.getByTestId('activity-file-report')).toHaveCount(1, { timeout: 20_000 });
  await expect(card.getByTestId('activity-file-report')).toHaveAttribute(
    'data-file',
    'logins-2026-07.csv',
  );
  await card.getByTestId('activity-save').click();
  await expect(card.getByTestId('activity-file')).toHaveCount(4);
  const stored = (await storedLogins(page))!;
  expect(stored.rowCount).toBe(before.rowCount + 5);
  expect(stored.files.map((f) => f.name)).toEqual([
    ...before.files.map((f) => f.name),
    'logins-2026-07.csv',
  ]);
});
