import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { shotPath } from './shots';
import { gotoApp, openProject, readStoredProject, waitSaved, withoutDemoRun } from './helpers';

// A CTA that keeps firing over three weekly runs is one task "continuing for 3 runs" (the run
// worker reads the earlier runs' key lists and CTA columns); a done mark follows it through
// both later runs, on screen and in the export.
test('a CTA continuing for three runs keeps its done mark', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  const runAt = async (asOf: string) => {
    await page.getByTestId('run-asof').fill(asOf);
    await page.getByTestId('run-playbook').click();
    await expect(page.getByTestId('run-info')).toContainText(`as of ${asOf}`);
    await page.getByTestId('tab-ctas').click();
  };
  await runAt('2026-11-01');
  await expect(page.getByTestId('queue-lifecycle')).toContainText('First run');
  // Risk CTAs of the demo do not depend on the date: they keep firing.
  await page.getByTestId('queue-type').selectOption('risk');
  const first = page.getByTestId('queue-row').first();
  await expect(first.getByTestId('queue-state')).toHaveText('New');
  const account = (await first.locator('a').textContent())!;
  const cta = (await first.locator('span').nth(1).textContent())!;
  await first.getByTestId('queue-done').click();
  await waitSaved(page);

  await runAt('2026-11-08');
  await expect(page.getByTestId('queue-lifecycle')).toContainText(
    /Against the run as of 2026-11-01: \d+ new, \d+ continuing, \d+ resolved/,
  );
  await runAt('2026-11-15');
  await expect(page.getByTestId('queue-lifecycle')).toContainText(
    /Against the run as of 2026-11-08: \d+ new, [1-9][\d,]* continuing, \d+ resolved/,
  );
  await page.getByTestId('queue-type').selectOption('risk');
  await page.getByTestId('queue-status').selectOption('continuing');
  await expect(page.getByTestId('queue-row').first().getByTestId('queue-state')).toHaveText(
    'Continuing · 3 runs, 14 days (since 2026-11-01)',
  );
  // Nothing of a three-run streak is new, and the marked CTA is still done.
  await page.getByTestId('queue-status').selectOption('marked');
  const done = page.getByTestId('queue-row').filter({ hasText: account });
  await expect(done).toHaveCount(1);
  await expect(done.getByTestId('queue-state')).toHaveText('Done');
  await expect(done.locator('span').nth(1)).toHaveText(cta);
  await page.screenshot({ path: shotPath('history-cta-streak.png') });
  // The mark is stored once, with the episode it was made in.
  const marks = (await readStoredProject(page, 'demo')).ctaMarks;
  expect(marks).toHaveLength(1);
  expect(marks[0]).toMatchObject({ accountId: account, state: 'done', since: '2026-11-01' });

  // The export says the same: continuing, 3 runs since 2026-11-01, done.
  await page.getByTestId('queue-status').selectOption('all');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('queue-export').click(),
  ]);
  const lines = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r\n/);
  const mine = lines.filter((l) => l.startsWith(`${account},`) && l.includes(',done,'));
  expect(mine).toHaveLength(1);
  expect(mine[0]).toContain(',continuing,3,2026-11-01,done,');
});
