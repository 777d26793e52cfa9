import type { Locator, Page } from 'playwright-core';

/**
 * After a click on Run: when the date is stored already (the demo's first-start run is as of
 * 2026-11-01), the app asks whether to replace that date's run. The benches always replace.
 * Waits for the dialog or for `started` (something the run shows once under way, without the
 * dialog), so a bench that times the run does not wait for a dialog that never comes.
 */
export async function replaceIfAsked(page: Page, started: Locator): Promise<void> {
  const ok = page.getByTestId('replace-run').getByTestId('confirm-ok');
  // A small run can finish before `started` is seen: then give up after 10 s, as no dialog came.
  await ok
    .or(started)
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  if (await ok.isVisible()) await ok.click();
}

/**
 * The UI benches' starting point: `rows` demo accounts generated in the Data view (replacing the
 * demo's dataset) and scored as of 2026-10-01 and 2026-11-01, so Results has two stored runs.
 */
export async function seedDemoRuns(p: Page, base: string, rows: number): Promise<void> {
  const n = rows.toLocaleString('en-US');
  await p.goto(`${base}/#/p/demo/data`);
  await p.getByTestId('dataset-rows').waitFor();
  await p.getByTestId('demo-rows').fill(String(rows));
  await p.getByTestId('demo-generate').click();
  // The demo project holds a dataset already: replacing it asks for a confirmation.
  await p.getByTestId('replace-summary').or(p.getByTestId('import-save')).first().waitFor();
  if (await p.getByTestId('replace-confirm').count())
    await p.getByTestId('replace-confirm').check();
  await p.getByTestId('import-save').click();
  await p.getByTestId('dataset-rows').filter({ hasText: n }).waitFor();
  await p.goto(`${base}/#/p/demo/results`);
  for (const asOf of ['2026-10-01', '2026-11-01']) {
    await p.getByTestId('run-asof').fill(asOf);
    await p.getByTestId('run-playbook').click();
    await replaceIfAsked(p, p.getByTestId('run-progress'));
    // Until the run is in: run-info can name the date already as the previous run's.
    await p
      .getByTestId('run-progress')
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await p.getByTestId('run-progress').waitFor({ state: 'hidden' });
    await p.getByTestId('run-info').filter({ hasText: asOf }).waitFor();
    await p.getByTestId('kpi-accounts').filter({ hasText: n }).waitFor();
  }
}
