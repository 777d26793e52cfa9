import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject, waitSaved, withoutDemoRun } from './helpers';

/** Per stored run of the demo: its as-of, the runs days in stage were read from, and per account its stage, days and their source. */
type StoredRun = {
  asOf: string;
  historyRuns: string[] | null;
  accounts: Record<string, { stage: string | null; days: number | null; source: number | null }>;
};
function storedRuns(page: Page): Promise<StoredRun[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRun[]>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['runs', 'runChunks']);
          const q = tx.objectStore('runs').getAll();
          const c = tx.objectStore('runChunks').getAll();
          tx.oncomplete = () => {
            open.result.close();
            type Row = {
              id: string;
              projectId: string;
              asOf: string;
              createdAt: string;
              summary: { stageIds: string[]; stageHistoryRuns?: string[] };
            };
            type Chunk = {
              runId: string;
              index: number;
              data: {
                accountIds: { joined: string; count: number } | string[];
                stage: Int16Array;
                daysInStage: Float64Array;
                daysSource?: Uint8Array;
              };
            };
            const runs = (q.result as Row[])
              .filter((r) => r.projectId === 'demo')
              .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
            const chunks = c.result as Chunk[];
            resolve(
              runs.map((r) => {
                const accounts: StoredRun['accounts'] = {};
                for (const ch of chunks
                  .filter((x) => x.runId === r.id)
                  .sort((a, b) => a.index - b.index)) {
                  const p = ch.data.accountIds;
                  const ids = Array.isArray(p) ? p : p.count ? p.joined.split('\u0000') : [];
                  ids.forEach((id, i) => {
                    const s = ch.data.stage[i];
                    const d = ch.data.daysInStage[i];
                    accounts[id] = {
                      stage: s < 0 ? null : r.summary.stageIds[s],
                      days: Number.isNaN(d) ? null : d,
                      source: ch.data.daysSource ? ch.data.daysSource[i] : null,
                    };
                  });
                }
                return { asOf: r.asOf, historyRuns: r.summary.stageHistoryRuns ?? null, accounts };
              }),
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function runAsOf(page: Page, asOf: string, n: number) {
  await page.getByTestId('run-asof').fill(asOf);
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('run-info')).toContainText(`Stored runs: ${n}`);
}

// Issue 14 point 2: when the data dates no stage entry (an inferred stage, or a stage field without
// an entry-date field), days in stage come from the
// project's earlier runs, as `waymark score --history` counts them, and the screen says so.
test('undated stage: days in stage from the run history, with their source', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  // The demo's stage column stays, its entry-date column is dropped from the stage's source: the
  // data no longer dates stage entries (as with a stage inferred from the exit criteria — the
  // demo's data has a field named "stage", which an inferred stage reserves).
  await openProject(page, 'demo', 'fields');
  await page.getByLabel('Stage entered on (date field)').selectOption('');
  await waitSaved(page);
  await openProject(page, 'demo', 'results');
  await runAsOf(page, '2026-11-01', 1);
  await runAsOf(page, '2026-11-08', 2);
  await runAsOf(page, '2026-11-15', 3);

  // What is stored: each run says which runs it read and, per account, where its days came from.
  const runs = await storedRuns(page);
  expect(runs.map((r) => r.asOf)).toEqual(['2026-11-01', '2026-11-08', '2026-11-15']);
  expect(runs.map((r) => r.historyRuns)).toEqual([
    [],
    ['2026-11-01'],
    ['2026-11-08', '2026-11-01'],
  ]);
  const [r1, r2, r3] = runs;
  const ids = Object.keys(r3.accounts);
  expect(ids.length).toBe(2000);
  // First run: no earlier run (5) for every account with a stage; never a number.
  for (const id of ids) {
    const a = r1.accounts[id];
    expect(a.days).toBeNull();
    expect(a.source).toBe(a.stage === null ? 0 : 5);
  }
  // Third run, by the rule, from the stages stored in the first two (an independent count here).
  let same = '';
  for (const id of ids) {
    const now = r3.accounts[id];
    const b2 = r2.accounts[id];
    const b1 = r1.accounts[id];
    let want: [number | null, number];
    if (now.stage === null) want = [null, 0];
    else if (!b2) want = [null, 6];
    else if (b2.stage === null) want = [null, 7];
    else if (b2.stage !== now.stage) want = [0, 4];
    else if (b1 && b1.stage === now.stage) want = [14, 3];
    else if (b1 && b1.stage !== null) want = [7, 2];
    else want = [7, 3];
    expect([now.days, now.source], id).toEqual(want);
    if (!same && want[0] === 14) same = id;
  }
  expect(same).not.toBe('');

  // The account page of an account in the same stage in all three runs.
  await page.getByTestId('tab-accounts').click();
  await page.getByTestId('account-search').fill(same);
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').first().click();
  await expect(page.getByTestId('account-page')).toContainText('14 days in stage');
  await expect(page.getByTestId('days-source')).toHaveText(
    'from the run history, at least: in this stage in every stored run since 2026-11-01',
  );
  const hist = page.getByTestId('days-from-history');
  await expect(hist).toHaveAttribute('data-days', '14');
  await expect(hist).toHaveAttribute('data-since', '2026-11-01');
  await expect(hist).toContainText(
    'Days in stage as of 2026-11-15, from the runs below (the data gives no entry date): at least 14 days',
  );
  await expect(page.getByTestId('account-history-table').locator('tbody tr')).toHaveCount(3);
  await page
    .getByTestId('days-source')
    .locator('..')
    .screenshot({
      path: shotPath('history-stage-days-stat.png'),
    });
  await page
    .getByTestId('account-history')
    .screenshot({ path: shotPath('history-stage-days.png') });
});
