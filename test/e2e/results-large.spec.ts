import { expect, test, type Page } from '@playwright/test';
import { generateDemoTable } from '../../src/data/demo/generate';
import type { StringColumn } from '../../src/table/columns';
import { confirmReplaceRun, gotoApp, openProject } from './helpers';
import { shotPath } from './shots';

// A large run's account list is computed in the row-query worker: search, sort and filters
// show what the stored dataset holds, with an honest "searching…" state while a query runs.
// 60,000 accounts: above the worker threshold (20,000), small enough for CI.
const ROWS = 60_000;
const SEED = 42; // the Data view's default demo seed
const stored = generateDemoTable({ rows: ROWS, seed: SEED });
const text = (id: string) => {
  const c = stored.columns[id] as StringColumn;
  return (i: number) => (c.codes[i] < 0 ? '' : c.dict[c.codes[i]]);
};
const idOf = text('account_id');
const nameOf = text('company_name');

const settled = (page: Page) =>
  expect(page.getByTestId('account-count')).toHaveAttribute('data-pending', 'false', {
    timeout: 60_000,
  });
const shownCount = async (page: Page) => {
  await settled(page);
  return Number(await page.getByTestId('account-count').getAttribute('data-count'));
};

test('searching, sorting and filtering 60,000 accounts happen in the worker and match the data', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  await page.getByTestId('demo-rows').fill(String(ROWS));
  await page.getByTestId('demo-generate').click();
  await page.getByTestId('replace-confirm').check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('60,000', { timeout: 60_000 });
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  // The demo's first-start run is as of that date: replaced (asked first).
  await confirmReplaceRun(page, '2026-11-01');
  await expect(page.getByTestId('kpi-accounts')).toContainText('60,000', { timeout: 120_000 });
  const redOnDashboard = Number(
    ((await page.getByTestId('color-count-red').textContent()) ?? '').replace(/\D/g, ''),
  );

  await page.getByTestId('tab-accounts').click();
  await expect(page.getByTestId('account-scroll')).toHaveAttribute('data-query', 'worker');
  expect(await shownCount(page)).toBe(ROWS);

  // Search, one key at a time: the count is the stored accounts whose id or name holds it.
  const needle = idOf(12_345).slice(-4).toLowerCase();
  const expected = (q: string) => {
    let n = 0;
    for (let i = 0; i < ROWS; i++)
      if (idOf(i).toLowerCase().includes(q) || nameOf(i).toLowerCase().includes(q)) n++;
    return n;
  };
  const search = page.getByTestId('account-search');
  await search.click();
  for (const ch of needle) await search.press(ch);
  expect(await shownCount(page)).toBe(expected(needle));
  await page.getByTestId('account-table').screenshot({ path: shotPath('results-search.png') });
  const ids = await page.getByTestId('account-row').locator('a').allTextContents();
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toContain(idOf(12_345));
  for (const id of ids) {
    const i = stored.columns.account_id.type === 'string' ? idRow(id) : -1;
    expect(idOf(i).toLowerCase().includes(needle) || nameOf(i).toLowerCase().includes(needle)).toBe(
      true,
    );
  }

  // A full id finds exactly its account; clearing shows everyone again.
  await search.fill(idOf(777));
  expect(await shownCount(page)).toBe(1);
  await expect(page.getByTestId('account-row').locator('a')).toHaveText([idOf(777)]);
  await search.fill('');
  expect(await shownCount(page)).toBe(ROWS);

  // Sort by MRR, largest first: the first rows carry the largest MRRs of the stored data.
  await page.getByTestId('sort-mrr').click();
  await page.getByTestId('sort-mrr').click();
  await expect(page.getByTestId('sort-mrr')).toHaveAttribute('aria-sort', 'descending');
  await settled(page);
  const mrr = stored.columns.mrr.type === 'number' ? stored.columns.mrr.values : null;
  const top = [...mrr!].filter((x) => !Number.isNaN(x)).sort((a, b) => b - a);
  const firstId = (await page.getByTestId('account-row').first().locator('a').textContent())!;
  expect(mrr![idRow(firstId)]).toBe(top[0]);

  // Sort by account id: the first row is the collation-first id of the data.
  await page.getByTestId('sort-account').click();
  await settled(page);
  const coll = new Intl.Collator('en-US', { numeric: true });
  const allIds = Array.from({ length: ROWS }, (_, i) => idOf(i)).sort(coll.compare);
  await expect(page.getByTestId('account-row').first().locator('a')).toHaveText(allIds[0]);

  // The red filter lists what the dashboard counted as red (summary from the scoring worker).
  await page.getByTestId('filter-color').selectOption('red');
  expect(await shownCount(page)).toBe(redOnDashboard);
  const colors = await page
    .getByTestId('account-row')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
  expect(new Set(colors)).toEqual(new Set(['red']));

  // While a query runs the old rows are dimmed under "Searching…", and exports wait. The sort
  // by company name (ranks computed ahead in a collation worker, waited for if not ready) runs
  // in the worker: long enough to see. The page stays interactive meanwhile: the search box
  // takes keys.
  await page.getByTestId('filter-clear').click();
  await settled(page);
  await page.getByTestId('sort-company').click();
  // One look at the page while the query is pending (the answer may come within ~100 ms).
  const pending = await page.waitForFunction(
    () => {
      const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
      if (q('account-count')?.getAttribute('data-pending') !== 'true') return null;
      return {
        text: q('account-count')?.textContent ?? '',
        busy: q('account-scroll')?.getAttribute('aria-busy'),
        exportDisabled: (q('export-scores-csv') as HTMLButtonElement | null)?.disabled,
      };
    },
    undefined,
    { polling: 'raf' },
  );
  const seen = await pending.jsonValue();
  expect(seen?.text).toContain('Searching 60,000 accounts');
  expect(seen?.busy).toBe('true');
  expect(seen?.exportDisabled).toBe(true);
  await page.getByTestId('account-table').screenshot({ path: shotPath('results-searching.png') });
  await search.fill('zz');
  await expect(search).toHaveValue('zz');
  await settled(page);
  await expect(page.getByTestId('export-scores-csv')).toBeEnabled();
  expect(await shownCount(page)).toBe(expected('zz'));
  await search.fill('');
  expect(await shownCount(page)).toBe(ROWS);
  const names = await page
    .getByTestId('account-row')
    .evaluateAll((els) => els.slice(0, 5).map((e) => e.children[1].textContent ?? ''));
  const sortedNames = Array.from({ length: ROWS }, (_, i) => nameOf(i))
    .filter((x) => x)
    .sort(coll.compare);
  expect(names).toEqual(sortedNames.slice(0, 5));
  await page.getByTestId('account-table').screenshot({ path: shotPath('results-large.png') });

  // The same search in Japanese after a reload: the re-derived run's ids and names reach a new
  // row-query worker, indexed as they arrive.
  await page.evaluate(() => localStorage.setItem('waymark.lang', 'ja'));
  await page.reload();
  await page.getByTestId('tab-accounts').click();
  await page.getByTestId('account-search').fill(needle);
  await expect(page.getByTestId('account-search')).toHaveValue(needle);
  await expect.poll(() => shownCount(page), { timeout: 60_000 }).toBe(expected(needle));
  await page.getByTestId('account-table').screenshot({ path: shotPath('results-search-ja.png') });
});

const rowOf = new Map<string, number>();
function idRow(id: string): number {
  if (!rowOf.size) for (let i = 0; i < ROWS; i++) rowOf.set(idOf(i), i);
  return rowOf.get(id) ?? -1;
}
