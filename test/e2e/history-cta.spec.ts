import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { shotPath } from './shots';
import { gotoApp, openProject, readStoredProject, waitSaved, withoutDemoRun } from './helpers';

// CTA lifecycle: mark a CTA done, run again, it is still done (same task, continuing); the
// queue says what is new since the last run and exports it.
test('a CTA marked done stays done after the next run', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  // Starts from a demo with no run yet.
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-lifecycle')).toContainText('First run');
  const count = async () =>
    Number((await page.getByTestId('queue-count').textContent())!.replace(/\D/g, ''));
  // Risk CTAs here (champion left, low usage…) do not depend on the date, so they continue.
  await page.getByTestId('queue-type').selectOption('risk');
  const before = await count();
  const first = page.getByTestId('queue-row').first();
  await expect(first.getByTestId('queue-state')).toHaveText('New');
  const account = (await first.locator('a').textContent())!;
  await first.getByTestId('queue-done').click();
  await expect.poll(count).toBe(before - 1);
  await waitSaved(page);
  const marks = (await readStoredProject(page, 'demo')).ctaMarks;
  expect(marks).toHaveLength(1);
  expect(marks[0]).toMatchObject({ accountId: account, state: 'done', since: '2026-11-01' });

  // Snooze another one until a date after the run.
  const second = page.getByTestId('queue-row').first();
  await second.getByTestId('queue-snooze').click();
  await page.getByTestId('mark-until').fill('2026-12-01');
  await page.getByTestId('mark-save').click();
  await expect.poll(count).toBe(before - 2);

  // A week later: same data, the CTAs continue; the marks follow them.
  await page.getByTestId('run-asof').fill('2026-11-08');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('run-info')).toContainText('as of 2026-11-08');
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-lifecycle')).toContainText(
    /Against the run as of 2026-11-01: \d+ new, \d+ continuing, \d+ resolved/,
  );
  await page.getByTestId('queue-type').selectOption('risk');
  await page.getByTestId('queue-status').selectOption('marked');
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  const done = page.getByTestId('queue-row').filter({ hasText: account }).first();
  await expect(done.getByTestId('queue-state')).toHaveText('Done');
  await expect(
    page.getByTestId('queue-row').filter({ hasText: 'Snoozed until 2026-12-01' }),
  ).toHaveCount(1);
  await page.getByTestId('queue-status').selectOption('open');
  await expect(page.getByTestId('queue-row').first().getByTestId('queue-state')).toContainText(
    'Continuing · 2 runs, 7 days (since 2026-11-01)',
  );
  await page.screenshot({ path: shotPath('history-cta-queue.png') });

  // Nothing is new since the last run; the export carries the lifecycle columns.
  await page.getByTestId('queue-status').selectOption('all');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('queue-export').click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toMatch(/,status,runs,since,mark,mark_until,mark_reason$/);
  expect(
    lines.filter((l) => l.includes(`${account},`) && l.includes(',continuing,2,2026-11-01,done,')),
  ).toHaveLength(1);
  // "New since the last run": only CTAs that did not fire on 2026-11-01.
  await page.getByTestId('queue-type').selectOption('');
  await page.getByTestId('queue-status').selectOption('new');
  const states = await page.getByTestId('queue-state').allTextContents();
  expect(states.length).toBeGreaterThan(0);
  expect(states.every((x) => x === 'New')).toBe(true);
});
