import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openView } from './helpers';

// Issue 17.5: on a large dataset the editors' previews are computed in a worker over every
// account — exact counts (the page used to estimate them from a 50,000-row sample, and link the
// activity and compute its windows itself, freezing for seconds at a million accounts).
test('on 60,000 accounts a CTA trigger previews exactly the accounts the run fires on', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await gotoApp(page, { lang: 'en' });
  await page.getByTestId('project-row-name').first().click();
  await openView(page, 'data');
  await page.getByTestId('dataset-rows').waitFor();
  await page.getByTestId('demo-rows').fill('60000');
  await page.getByTestId('demo-generate').click();
  await page.getByTestId('replace-summary').or(page.getByTestId('import-save')).first().waitFor();
  if (await page.getByTestId('replace-confirm').count())
    await page.getByTestId('replace-confirm').check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('60,000', { timeout: 120_000 });

  // A run as of the date the previews use (the project's).
  await openView(page, 'results');
  await page.getByTestId('run-asof').fill('2026-11-01');
  await page.getByTestId('run-playbook').click();
  const ok = page.getByTestId('replace-run').getByTestId('confirm-ok');
  await ok
    .or(page.getByTestId('run-progress'))
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  if (await ok.isVisible()) await ok.click();
  await expect(page.getByTestId('kpi-accounts')).toContainText('60,000', { timeout: 180_000 });
  await expect(page.getByTestId('run-progress')).toBeHidden({ timeout: 180_000 });

  await openView(page, 'overview');
  // The counts of the run just made (the table may show "not run" until it has read it).
  const fired = async (id: string) => {
    const cell = page.locator(`tr[data-cta="${id}"]`).getByTestId('ov-fired');
    await expect(cell).toHaveText(/^\s*[\d,]+\s*$/, { timeout: 60_000 });
    return Number(((await cell.textContent()) ?? '').replace(/,/g, '').trim());
  };
  // A plain trigger, and the activity one (logins of the last 30 days against the 30 before).
  const expected = {
    champion_left: await fired('champion_left'),
    logins_halved: await fired('logins_halved'),
  };
  expect(expected.champion_left).toBeGreaterThan(0);
  expect(expected.logins_halved).toBeGreaterThan(0);

  await openView(page, 'ctas');
  for (const [id, n] of Object.entries(expected)) {
    const preview = page.locator(`li[data-cta="${id}"]`).getByTestId('expr-preview').first();
    await expect(preview).toHaveAttribute('data-matched', String(n), { timeout: 120_000 });
    await expect(preview).toHaveAttribute('data-total', '60000');
    // Every account evaluated: no estimate, no sample.
    await expect(preview).toContainText(`${n.toLocaleString('en-US')} of 60,000 accounts match`);
    await expect(preview).not.toContainText('estimated');
  }
  await page.locator('li[data-cta="logins_halved"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('editors-preview-large-en.png') });

  // Editing the trigger re-evaluates it in the worker: a stricter one matches fewer.
  const trigger = page.getByRole('combobox', { name: /^Trigger of Logins fell by half/ });
  await trigger.fill(
    'change(count(logins, 30d)) <= -0.9 and count(logins, 30d, before: 30d) >= 10',
  );
  const preview = page.locator('li[data-cta="logins_halved"]').getByTestId('expr-preview').first();
  await expect
    .poll(async () => Number(await preview.getAttribute('data-matched')), { timeout: 60_000 })
    .toBeLessThan(expected.logins_halved);
  // The health score's measures: exact too ("Evaluated on N of 60,000"), never estimated.
  await openView(page, 'health');
  const measure = page.locator('[data-measure="setup"]').getByTestId('expr-preview');
  await expect(measure).toContainText(/Evaluated on [\d,]+ of 60,000 accounts/, {
    timeout: 60_000,
  });
  await expect(measure).not.toContainText('estimated');
});
