import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject, waitReady, waitSaved, withoutDemoRun } from './helpers';

// Issue 14 (points 1–3): everything over runs follows the as-of date, not the order runs were
// stored. A run back-filled for an older date takes its place in the trends and the CTA
// lifecycle; running again for a stored date asks to replace that date's run (one run per date),
// and CTA marks survive both.

/** The demo's stored runs straight from IndexedDB: as-of and id, with the column records each owns. */
async function storedRuns(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; asOf: string; columns: number }[]>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['runs', 'runColumns']);
          const q = tx.objectStore('runs').getAll();
          const c = tx.objectStore('runColumns').getAll();
          tx.oncomplete = () => {
            open.result.close();
            const owners = (c.result as { owner: string }[]).map((x) => x.owner);
            resolve(
              (q.result as { id: string; asOf: string; projectId: string }[])
                .filter((r) => r.projectId === 'demo')
                .map((r) => ({
                  id: r.id,
                  asOf: r.asOf,
                  columns: owners.filter((o) => o === r.id).length,
                }))
                .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0)),
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function runAt(page: Page, asOf: string) {
  await page.getByTestId('run-asof').fill(asOf);
  await page.getByTestId('run-playbook').click();
}

test('a back-filled date takes its place in time; a stored date is replaced only when asked', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  const info = page.getByTestId('run-info');

  // The later date first, then an older one back-filled: the older run has no predecessor (it
  // is not compared with the later run stored before it).
  await runAt(page, '2026-11-15');
  await expect(info).toContainText('as of 2026-11-15');
  await runAt(page, '2026-11-01');
  await expect(info).toContainText('as of 2026-11-01');
  await expect(info).toContainText('First run');
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-lifecycle')).toContainText('First run');

  // The date in between is compared with its true predecessor, 11-01, not the newest stored.
  await runAt(page, '2026-11-08');
  await expect(info).toContainText('as of 2026-11-08');
  await expect(info).toContainText('(as of 2026-11-01)');
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-lifecycle')).toContainText(
    /Against the run as of 2026-11-01: \d+ new, \d+ continuing/,
  );
  // Risk CTAs of the demo do not depend on the date: mark one done (its episode began 11-01).
  await page.getByTestId('queue-type').selectOption('risk');
  const first = page.getByTestId('queue-row').first();
  await expect(first.getByTestId('queue-state')).toContainText(
    'Continuing · 2 runs, 7 days (since 2026-11-01)',
  );
  const account = (await first.locator('a').textContent())!;
  await first.getByTestId('queue-done').click();
  await waitSaved(page);

  // History: table rows, chart axis, funnel and CTA rows all in as-of order.
  await page.getByTestId('tab-history').click();
  const order = ['2026-11-01', '2026-11-08', '2026-11-15'];
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(3);
  expect(
    await page
      .getByTestId('trend-colors')
      .locator('tbody tr')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-asof'))),
  ).toEqual(order);
  // The chart's date axis (its labels, left to right) and its columns in the same order.
  const axis = page.getByTestId('history-color-dates').locator('span');
  await expect(axis.filter({ hasText: '2026-11-15' }).first()).toBeVisible();
  expect(
    await page
      .getByTestId('history-color-chart')
      .locator('[data-column]')
      .evaluateAll((cs) => cs.map((c) => c.getAttribute('data-column'))),
  ).toEqual(order);
  expect((await axis.allTextContents()).filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x))).toEqual(
    order,
  );
  for (const id of ['trend-funnel', 'trend-ctas'])
    expect(await page.getByTestId(id).locator('tbody tr td:first-child').allTextContents()).toEqual(
      order,
    );
  // The migration matrix defaults to the newest date and its predecessor.
  await expect(page.getByTestId('migration-a').locator('option:checked')).toHaveText(
    /as of 2026-11-08/,
  );
  await expect(page.getByTestId('migration-b').locator('option:checked')).toHaveText(
    /as of 2026-11-15/,
  );

  // Running 11-15 again: the app asks, naming the stored run's model and time.
  const before = await storedRuns(page);
  expect(before.map((r) => r.asOf)).toEqual(order);
  const old = before[2];
  await runAt(page, '2026-11-15');
  const dialog = page.getByTestId('replace-run');
  await expect(dialog).toContainText('A run as of 2026-11-15 is already stored');
  await expect(dialog.getByTestId('replace-run-stored')).toContainText(
    /Stored .+ with model \w{8}/,
  );
  await expect(dialog).toContainText('The current model is the one that run used');
  await page.screenshot({ path: shotPath('history-replace-run.png') });
  // Cancel: nothing runs, nothing stored changes.
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(info).toContainText('as of 2026-11-08');
  expect(await storedRuns(page)).toEqual(before);

  // Replace: one run of that date, a new one; the old run's columns are gone.
  await runAt(page, '2026-11-15');
  await dialog.getByRole('button', { name: 'Replace the run of 2026-11-15' }).click();
  await expect(info).toContainText('as of 2026-11-15');
  await expect(info).toContainText('(as of 2026-11-08)');
  const after = await storedRuns(page);
  expect(after.map((r) => r.asOf)).toEqual(order);
  expect(after[2].id).not.toBe(old.id);
  expect(after[2].columns).toBeGreaterThan(0);
  expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
  await expect(info).toContainText('Stored runs: 3');

  // The lifecycle of 11-15 reads 11-08 then 11-01; the mark made on 11-08 still holds.
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-lifecycle')).toContainText(
    'Against the run as of 2026-11-08',
  );
  await page.getByTestId('queue-type').selectOption('risk');
  await expect(page.getByTestId('queue-row').first().getByTestId('queue-state')).toContainText(
    'Continuing · 3 runs, 14 days (since 2026-11-01)',
  );
  await page.getByTestId('queue-status').selectOption('marked');
  await expect(
    page.getByTestId('queue-row').filter({ hasText: account }).first().getByTestId('queue-state'),
  ).toHaveText('Done');

  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('run-list').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('run-superseded')).toHaveCount(0);
  await page.screenshot({ path: shotPath('history-asof-order.png'), fullPage: true });

  // The same in Japanese.
  await page.evaluate(() => localStorage.setItem('waymark.lang', 'ja'));
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('run-info')).toContainText('2026-11-15');
  await runAt(page, '2026-11-15');
  await expect(dialog).toContainText('基準日 2026-11-15 の実行はすでに保存されています');
  await page.screenshot({ path: shotPath('history-replace-run-ja.png') });
  await dialog.getByTestId('confirm-cancel').click();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(3);
  await page.screenshot({ path: shotPath('history-asof-order-ja.png'), fullPage: true });
});

// A project stored by an earlier Waymark may hold two runs of one date: both are listed, the
// older marked superseded and left out of the trends, and it can be deleted; nothing is dropped.
test('two stored runs of one date: the older is shown as superseded, never silently dropped', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await runAt(page, '2026-11-01');
  await expect(page.getByTestId('run-info')).toContainText('as of 2026-11-01');
  await runAt(page, '2026-11-08');
  await expect(page.getByTestId('run-info')).toContainText('as of 2026-11-08');
  // As the earlier Waymark left them: a copy of the 11-01 run stored earlier, with its columns.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['runs', 'runColumns'], 'readwrite');
          const runs = tx.objectStore('runs');
          const cols = tx.objectStore('runColumns');
          runs.getAll().onsuccess = (ev) => {
            const all = (ev.target as IDBRequest<{ id: string; asOf: string; createdAt: string }[]>)
              .result;
            const src = all.find((r) => r.asOf === '2026-11-01')!;
            runs.put({ ...src, id: 'run_older_copy', createdAt: '2026-01-01T00:00:00.000Z' });
            cols.getAll().onsuccess = (e2) => {
              for (const c of (e2.target as IDBRequest<{ owner: string }[]>).result)
                if (c.owner === src.id) cols.put({ ...c, owner: 'run_older_copy' });
            };
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await waitReady(page);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('runs-superseded-note')).toContainText(
    '1 stored run shares its as-of date with a run stored later',
  );
  const list = page.getByTestId('run-list').locator('tbody tr');
  await expect(list).toHaveCount(3);
  await expect(page.getByTestId('run-superseded')).toHaveCount(1);
  await expect(list.first().getByTestId('run-superseded')).toContainText('superseded by the run');
  // Trends: one row per date.
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('migration-a').locator('option')).toHaveCount(3);
  await expect(page.getByTestId('migration-a').locator('option').first()).toHaveText(/superseded/);
  await page
    .getByTestId('history-storage')
    .screenshot({ path: shotPath('history-superseded.png') });
  // Running the date again names both stored runs.
  await runAt(page, '2026-11-01');
  await expect(page.getByTestId('replace-run-stored').locator('li')).toHaveCount(2);
  await page.getByTestId('replace-run').getByTestId('confirm-cancel').click();
  // Deleting it is the user's choice.
  await list.first().getByTestId('run-delete').click();
  await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
  await expect(list).toHaveCount(2);
  await expect(page.getByTestId('runs-superseded-note')).toHaveCount(0);
});
