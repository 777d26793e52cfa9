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
          const tx = open.result.transaction(['runs', 'runColumns']);
          const q = tx.objectStore('runs').getAll();
          const c = tx.objectStore('runColumns').getAll();
          tx.oncomplete = () => {
            open.result.close();
            type Row = {
              id: string;
              projectId: string;
              asOf: string;
              createdAt: string;
              keysId: string;
              summary: { stageIds: string[]; stageHistoryRuns?: string[] };
            };
            // Run format 2 (docs/history-format.md): one record per column piece ("name#piece"),
            // decoded here independently of the app's runCodec.ts.
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            type Rec = { owner: string; name: string; data: any };
            const recs = c.result as Rec[];
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const decode = (x: any): number[] =>
              Array.from({ length: x.n }, (_, i) => {
                switch (x.enc) {
                  case 'const':
                    return x.value;
                  case 'bits':
                    return (x.data[i >> 3] >> (i & 7)) & 1;
                  case 'intnan':
                    return x.data[i] === x.nan ? NaN : x.data[i];
                  case 'dict':
                    return x.dict[x.data[i]];
                  default:
                    return x.data[i];
                }
              });
            const pieces = (owner: string, name: string) =>
              recs
                .filter((x) => x.owner === owner && x.name.startsWith(`${name}#`))
                .sort((a, b) => +a.name.split('#')[1] - +b.name.split('#')[1])
                .map((x) => x.data);
            const column = (owner: string, name: string): number[] | null => {
              const ps = pieces(owner, name);
              return ps.length ? ps.flatMap(decode) : null;
            };
            const runs = (q.result as Row[])
              .filter((r) => r.projectId === 'demo')
              .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
            resolve(
              runs.map((r) => {
                // A key list piece: ASCII bytes separated by NUL (from 2026-12-04), the keys
                // joined with NUL (before), or an array (a key holding NUL).
                const ids = pieces(r.keysId, 'ids').flatMap((p: unknown) => {
                  if (Array.isArray(p)) return p as string[];
                  const x = p as { count: number; joined?: string; ascii?: Uint8Array };
                  if (!x.count) return [];
                  const text = x.ascii ? new TextDecoder().decode(x.ascii) : x.joined!;
                  return text.split('\u0000');
                });
                const stage = column(r.id, 'stage')!;
                const days = column(r.id, 'days')!;
                const src = column(r.id, 'daysSrc');
                const accounts: StoredRun['accounts'] = {};
                ids.forEach((id, i) => {
                  accounts[id] = {
                    stage: stage[i] < 0 ? null : r.summary.stageIds[stage[i]],
                    days: Number.isNaN(days[i]) ? null : days[i],
                    source: src ? src[i] : null,
                  };
                });
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
// an entry-date field), days in stage come from the project's earlier runs, as `waymark score
// --history` counts them, and the screen says where they came from.
test('inferred stage: days in stage from the run history, with their source', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  // The stage from the exit criteria. An inferred stage reserves the name "stage": the demo's
  // stage column is renamed first (its values stay in the data, unused).
  await openProject(page, 'demo', 'fields');
  const idInput = page.getByTestId('field-id-stage');
  await idInput.fill('crm_stage');
  await idInput.press('Enter');
  await expect(page.getByTestId('field-id-crm_stage')).toBeVisible();
  await page.getByLabel('Current stage comes from').selectOption('inferred');
  await waitSaved(page);
  await threeRunsAndTheAccountPage(page, 'inferred');
});

test('stage field without an entry date: days in stage from the run history', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  // The demo's stage column stays; its entry-date column is dropped from the stage's source.
  await openProject(page, 'demo', 'fields');
  await page.getByLabel('Stage entered on (date field)').selectOption('');
  await waitSaved(page);
  await threeRunsAndTheAccountPage(page, 'field');
});

async function threeRunsAndTheAccountPage(page: Page, name: string) {
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
  let entered = '';
  let dated = '';
  const bySource: Record<number, number> = {};
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
    if (!entered && want[1] === 4) entered = id;
    if (!dated && want[1] === 2) dated = id;
    bySource[want[1]] = (bySource[want[1]] ?? 0) + 1;
  }
  console.log(`${name}: accounts by days source in the third run`, JSON.stringify(bySource));
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
  await historyChartMatchesTable(page);
  await page
    .getByTestId('days-source')
    .locator('..')
    .screenshot({ path: shotPath(`history-stage-days-${name}-stat.png`) });
  await page
    .getByTestId('account-history')
    .screenshot({ path: shotPath(`history-stage-days-${name}.png`) });
  if (name === 'field') {
    // The same page in Japanese: the chart's points name their runs in Japanese.
    await page.getByTestId('lang-switch').selectOption('ja');
    await expect(page.getByTestId('account-history').locator('h3')).toHaveText(
      'このアカウントの推移',
    );
    await expect(
      page.getByTestId('account-history-chart').locator('.lchart-dot').first(),
    ).toHaveAttribute('aria-label', /^2026-11-01: スコア /);
    await page.getByTestId('account-history-chart').locator('.lchart-dot').last().focus();
    await page
      .getByTestId('account-history')
      .screenshot({ path: shotPath(`history-stage-days-${name}-ja.png`) });
    await page.getByTestId('lang-switch').selectOption('en');
  }
  // An account whose stage changed since the last run (when the data has one): 0 days, entered.
  if (entered) {
    await page.getByTestId('account-back').click();
    await page.getByTestId('account-search').fill(entered);
    await expect(page.getByTestId('account-row')).toHaveCount(1);
    await page.getByTestId('account-row').first().click();
    await expect(page.getByTestId('account-page')).toContainText('0 days in stage');
    await expect(page.getByTestId('days-source')).toHaveText(
      'from the run history: entered since the run of 2026-11-08',
    );
    await expect(page.getByTestId('days-from-history')).toHaveAttribute('data-days', '0');
  }
  // One that changed between the first two runs: 7 days, dated by the run with another stage.
  if (dated) {
    await page.getByTestId('account-back').click();
    await page.getByTestId('account-search').fill(dated);
    await expect(page.getByTestId('account-row')).toHaveCount(1);
    await page.getByTestId('account-row').first().click();
    await expect(page.getByTestId('account-page')).toContainText('7 days in stage');
    await expect(page.getByTestId('days-source')).toHaveText(
      'from the run history: since the run of 2026-11-08 (the run of 2026-11-01 had another stage)',
    );
    await expect(page.getByTestId('days-from-history')).toContainText('7 days — in ');
    await page.getByTestId('account-history').screenshot({
      path: shotPath(`history-stage-days-${name}-dated.png`),
    });
  }
}

/**
 * The account's history chart shows the table's runs: one point per scored run in the table's
 * order, each at its score on the 0–100 axis and named by its date and score; the last one, focused
 * by keyboard, is named in the tooltip.
 */
async function historyChartMatchesTable(page: Page) {
  const rows = await page
    .getByTestId('account-history-table')
    .locator('tbody tr')
    .evaluateAll((rs) =>
      rs.map((r) => [r.children[0].textContent ?? '', r.children[1].textContent ?? '']),
    );
  const scored = rows.filter(([, score]) => score !== '—');
  expect(scored.length).toBeGreaterThanOrEqual(2);
  const chart = page.getByTestId('account-history-chart');
  const dots = chart.locator('.lchart-dot');
  await expect(dots).toHaveCount(scored.length);
  const plot = (await chart.locator('.lchart-plot').boundingBox())!;
  for (let i = 0; i < scored.length; i++) {
    const [asOf, score] = scored[i];
    const dot = dots.nth(i);
    await expect(dot).toHaveAttribute('data-asof', asOf);
    await expect(dot).toHaveAttribute('aria-label', new RegExp(`^${asOf}: score ${score} \\(`));
    // Its centre at the score's height on the axis (the plot's bottom is 0, its top 100).
    const b = (await dot.boundingBox())!;
    const height = (plot.y + plot.height - (b.y + b.height / 2)) / plot.height;
    expect(Math.abs(height - Number(score) / 100)).toBeLessThan(0.03);
  }
  await dots.last().focus();
  await expect(page.getByTestId('account-history-tip')).toHaveText(
    new RegExp(`^${scored[scored.length - 1][0]}: score `),
  );
  await dots.last().blur();
}
