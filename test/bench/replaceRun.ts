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
