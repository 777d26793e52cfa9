import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { createProject, gotoApp, openView } from './helpers';

// Screenshots of the editors in both languages (docs/screenshots/editors-*.png), plus the
// journey map at 15 stages and in print, checked for what must be visible.

for (const lang of ['ja', 'en'] as const) {
  test(`editors in ${lang}`, async ({ page }) => {
    await gotoApp(page, { lang });
    await createProject(page, {
      name: lang === 'ja' ? 'SaaS ロードマップ' : 'SaaS roadmap',
      template: 'saas-4-stage',
    });
    await openView(page, 'journey');
    await expect(page.locator('th.jm-stage-head')).toHaveCount(4);
    await page.screenshot({ path: shotPath(`editors-journey-${lang}.png`) });
    await openView(page, 'health');
    await expect(page.locator('.hm-view')).toBeVisible();
    await page.screenshot({ path: shotPath(`editors-health-${lang}.png`) });
    await page.locator('.hm-overrides').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath(`editors-health-overrides-${lang}.png`) });
    await openView(page, 'ctas');
    await expect(page.locator('.cta-view')).toBeVisible();
    await page.screenshot({ path: shotPath(`editors-cta-${lang}.png`) });
    await openView(page, 'fields');
    await expect(page.locator('.fc-view')).toBeVisible();
    await page.screenshot({ path: shotPath(`editors-fields-${lang}.png`) });
    await expect(page.locator('[data-testid="expr-error"]')).toHaveCount(0);
  });
}

test('a 15-stage map scrolls sideways with sticky lane headers, and prints every stage', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Cisco-size map', template: 'saas-4-stage' });
  await openView(page, 'journey');
  for (let i = 0; i < 11; i++)
    await page.getByRole('button', { name: '+ Add stage' }).first().click();
  await expect(page.locator('th.jm-stage-head')).toHaveCount(15);
  const scroller = page.locator('.jm-scroll');
  await scroller.evaluate((el) => {
    el.scrollLeft = 1200;
  });
  // The lane header column stays in view while scrolled.
  const lane = page.locator('th.jm-lane-head').first();
  const box = await lane.boundingBox();
  const sbox = await scroller.boundingBox();
  expect(box && sbox && Math.abs(box.x - sbox.x) < 3).toBe(true);
  await page.screenshot({ path: shotPath('editors-journey-15-stages.png') });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.jm-toolbar')).toBeHidden();
  // Print shows the plain-text map in stage groups (journey-cells.spec.ts checks the PDF).
  await expect(page.locator('.jm-scroll')).toBeHidden();
  const last = page.locator('.jm-print th.jm-print-stage').last();
  const lb = await last.boundingBox();
  expect(lb && lb.x + lb.width <= 1440 + 1).toBe(true);
  await page.screenshot({ path: shotPath('editors-journey-print.png'), fullPage: true });
});
