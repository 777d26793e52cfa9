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
  test.setTimeout(300_000);
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

  // Typed fast (no wait between keys): the last text's answer is shown and the address holds
  // that text, written in place at each key (no history entry per key). A filter or a sort
  // chosen next keeps it (the place is read from the address, not from the last render).
  const fast = idOf(4_321).slice(-5).toLowerCase();
  const entries = await page.evaluate(() => history.length);
  await search.pressSequentially(fast);
  await expect(search).toHaveValue(fast);
  expect(await shownCount(page)).toBe(expected(fast));
  await expect(page).toHaveURL(new RegExp(`[?&]q=${fast}$`));
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.getByTestId('sort-score').click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${fast}&sort=score%3Aasc$`));
  await expect(search).toHaveValue(fast);
  expect(await shownCount(page)).toBe(expected(fast));
  // Back from an account returns to the same search; Forward and Back again too.
  await page.getByTestId('account-row').first().locator('a').click();
  await expect(page).toHaveURL(/account=/);
  await page.goBack();
  await expect(search).toHaveValue(fast);
  expect(await shownCount(page)).toBe(expected(fast));
  await page.goForward();
  await expect(page).toHaveURL(/account=/);
  await page.goBack();
  await expect(search).toHaveValue(fast);
  expect(await shownCount(page)).toBe(expected(fast));
  // Keys removed one by one, a filter, then Clear: the box, the answer and the address follow.
  await search.press('End');
  await search.press('Backspace');
  await search.press('Backspace');
  expect(await shownCount(page)).toBe(expected(fast.slice(0, -2)));
  await expect(page).toHaveURL(new RegExp(`[?&]q=${fast.slice(0, -2)}&sort=score%3Aasc$`));
  await page.getByTestId('filter-color').selectOption('red');
  await expect(page).toHaveURL(new RegExp(`color=red&q=${fast.slice(0, -2)}&sort=score%3Aasc$`));
  await expect(search).toHaveValue(fast.slice(0, -2));
  await settled(page);
  await page.getByTestId('filter-clear').click();
  await expect(search).toHaveValue('');
  expect(await shownCount(page)).toBe(ROWS);
  await expect(page).not.toHaveURL(/[?&]q=/);

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

  // While a query runs the old rows are dimmed under "Sorting…" ("Searching…" for a search),
  // and exports wait. The sort by company name (ranks computed ahead in a collation worker,
  // waited for if not ready) runs in the worker: long enough to see. The page stays
  // interactive meanwhile: the search box takes keys.
  await page.getByTestId('filter-clear').click();
  await settled(page);
  // The first pending state is recorded as React draws it (a mutation observer, not a poll on
  // frames: the answer can be drawn before the next frame when the ranks are ready).
  await page.evaluate(() => {
    const w = window as unknown as { __pendingSeen?: unknown };
    w.__pendingSeen = null;
    const look = () => {
      const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
      if (w.__pendingSeen || q('account-count')?.getAttribute('data-pending') !== 'true') return;
      w.__pendingSeen = {
        text: q('account-count')?.textContent ?? '',
        busy: q('account-scroll')?.getAttribute('aria-busy'),
        exportDisabled: (q('export-scores-csv') as HTMLButtonElement | null)?.disabled,
      };
      observer.disconnect();
    };
    const observer = new MutationObserver(look);
    observer.observe(document.querySelector('[data-testid="account-table"]')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  await page.getByTestId('sort-company').click();
  const pending = await page.waitForFunction(
    () => (window as unknown as { __pendingSeen?: unknown }).__pendingSeen,
  );
  const seen = (await pending.jsonValue()) as {
    text: string;
    busy: string | null;
    exportDisabled: boolean | undefined;
  };
  // A sort says it sorts (and, while the names' collation order is still being made, that it
  // waits for it: "Sorting 60,000 accounts by company: the company names are being put in order
  // first…"), not "Searching" (session 32).
  expect(seen?.text).toContain('Sorting 60,000 accounts');
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

  // The same search in Japanese after a reload, from the address: the re-derived run's ids and
  // names reach a new row-query worker, indexed as they arrive.
  await search.fill(needle);
  expect(await shownCount(page)).toBe(expected(needle));
  await expect(page).toHaveURL(new RegExp(`[?&]q=${needle}(&|$)`));
  await page.evaluate(() => localStorage.setItem('waymark.lang', 'ja'));
  await page.reload();
  await page.getByTestId('tab-accounts').click();
  await expect(page.getByTestId('account-search')).toHaveValue(needle, { timeout: 60_000 });
  await expect.poll(() => shownCount(page), { timeout: 60_000 }).toBe(expected(needle));
  await page.getByTestId('account-table').screenshot({ path: shotPath('results-search-ja.png') });
});

const rowOf = new Map<string, number>();
function idRow(id: string): number {
  if (!rowOf.size) for (let i = 0; i < ROWS; i++) rowOf.set(idOf(i), i);
  return rowOf.get(id) ?? -1;
}
