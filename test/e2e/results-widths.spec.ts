import { expect, test, type Locator, type Page } from '@playwright/test';
import { shotPath } from './shots';
import {
  exportOpenProject,
  gotoApp,
  openProject,
  waitSaved,
  withoutDemoRun,
  type Lang,
} from './helpers';

// The Results tables in ordinary laptop windows (1280×800, 1440×900; usable at 1024): every CTA
// name and status (a dismissal with its reason) can be read. A cell whose text is cut (an
// ellipsis, or a third line of a two-line cell) carries its full text in its title, and the
// short texts a queue is read by (CTA names, owners, dates, the lifecycle) are not cut at all.

async function twoRuns(page: Page, lang: Lang) {
  await gotoApp(page, { lang });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  for (const asOf of ['2026-06-01', '2026-11-01']) {
    await page.getByTestId('run-asof').fill(asOf);
    await page.getByTestId('run-playbook').click();
    await expect(page.getByTestId('run-info')).toContainText(asOf);
  }
}

/** Cells of the rows in view whose text does not fit, with their text and title. */
function clippedCells(rows: Locator, selector: string) {
  return rows.evaluateAll(
    (els, sel) =>
      els.flatMap((row) =>
        [...row.querySelectorAll<HTMLElement>(sel)]
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => ({
            cell: e.dataset.testid ?? e.className,
            text: (e.textContent ?? '').trim(),
            title: e.title,
          })),
      ),
    selector,
  );
}

const REASON = {
  en: 'Renewal already signed last week with the procurement team; champion confirmed by phone',
  ja: '更新契約はすでに締結済みのため、このアラートは対象外です（営業担当と確認済み）',
};

for (const lang of ['en', 'ja'] as const) {
  test(`the CTA queue and the account list can be read at 1280 px (${lang})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await twoRuns(page, lang);
    await page.getByTestId('tab-ctas').click();
    await page.getByTestId('queue-type').selectOption('risk');
    await page.getByTestId('queue-row').first().getByTestId('queue-dismiss').click();
    await page.getByTestId('mark-reason').fill(REASON[lang]);
    await page.getByTestId('mark-save').click();
    await page.getByTestId('queue-type').selectOption('');
    await page.getByTestId('queue-status').selectOption('all');
    const rows = page.getByTestId('queue-row');
    await expect(rows.first().getByTestId('queue-state')).toContainText(REASON[lang]);
    // The demo's CTA names (the longest is "Six months to renewal: book the renewal meeting"),
    // owners, due dates and lifecycle texts ("Continuing · 2 runs, 153 days (since …)") fit.
    for (const type of ['lifecycle', 'risk', 'expansion', 'other']) {
      await page.getByTestId('queue-type').selectOption(type);
      if ((await rows.count()) === 0) continue;
      const cut = await clippedCells(
        rows,
        '[data-testid=queue-cta], [data-testid=queue-owner-cell], [data-testid=queue-due]',
      );
      expect(cut, `cut queue cells (${type})`).toEqual([]);
      const states = await clippedCells(rows, '[data-testid=queue-state]');
      expect(states.filter((s) => !s.text.includes(REASON[lang]))).toEqual([]);
    }
    // What may be cut (company names, a long reason) has its full text in the title.
    await page.getByTestId('queue-type').selectOption('');
    const cut = await clippedCells(rows, 'span, a');
    expect(cut.length).toBeGreaterThan(0); // the long reason, at least
    for (const c of cut) expect(c.title, `${c.cell}: ${c.text}`).toBe(c.text);
    // The row is wide enough for its floors: nothing sticks out of the table at 1280.
    const table = page.locator('.queue-table');
    expect(await table.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: shotPath(`results-queue-1280-${lang}.png`) });

    // The account list: the company column has room, long names show whole in the title.
    await page.getByTestId('tab-accounts').click();
    const acct = page.getByTestId('account-row');
    await expect(acct.first()).toBeVisible();
    const widths = await acct
      .first()
      .evaluate((r) => [...r.children].map((c) => c.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(36);
    const cutAcct = await clippedCells(acct, ':scope > span');
    for (const c of cutAcct) expect(c.title, `${c.cell}: ${c.text}`).toBe(c.text);
    expect(
      await page.locator('.acct-table').evaluate((e) => e.scrollWidth <= e.clientWidth + 1),
    ).toBe(true);
    await page.screenshot({ path: shotPath(`results-accounts-1280-${lang}.png`) });

    if (lang !== 'en') return;
    // Issue 14 points 1 and 3: the downloaded project keeps the dismissal with its reason, and
    // the downloaded playbook carries the as-of date of the run.
    await waitSaved(page);
    const file = JSON.parse(await exportOpenProject(page));
    expect(file.asOf).toBe('2026-11-01');
    expect(file.ctaMarks).toEqual([
      expect.objectContaining({ state: 'dismissed', reason: REASON.en, since: '2026-06-01' }),
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-playbook').click(),
    ]);
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(await download.path(), 'utf8')).asOf).toBe('2026-11-01');

    // 1440×900: the same, with more room. 1024: the table scrolls sideways, header and rows
    // together, and the actions stay reachable.
    await page.getByTestId('tab-ctas').click();
    await page.getByTestId('queue-status').selectOption('all');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await clippedCells(rows, '[data-testid=queue-cta], [data-testid=queue-due]')).toEqual(
      [],
    );
    await page.screenshot({ path: shotPath('results-queue-1440-en.png') });
    await page.setViewportSize({ width: 1024, height: 800 });
    expect(await table.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await table.evaluate((e) => (e.scrollLeft = e.scrollWidth));
    await expect(rows.getByTestId('queue-dismiss').first()).toBeInViewport();
    await page.screenshot({ path: shotPath('results-queue-1024-en.png') });
  });
}
