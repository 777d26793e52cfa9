import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { createProject, gotoApp, openView } from './helpers';

// Screenshots of the PReP editor for docs/ (docs/screenshots/prep-*.png), taken from the templates.
test('PReP editor screenshots: findings, comparison, auto-layout and the exported image', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Health management', template: 'prep-health' });
  await openView(page, 'diagrams');
  await expect(page.getByTestId('prep-node').first()).toBeVisible();
  await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-errors', '5');
  await page.screenshot({ path: shotPath('prep-editor-findings.png') });

  await page.getByTestId('diagram-tab').nth(1).click();
  await page.getByTestId('panel-compare').click();
  await expect(page.getByTestId('compare-resolved')).toHaveAttribute('data-count', '8');
  await page.screenshot({ path: shotPath('prep-compare.png') });

  // Auto-layout with measured sizes: ELK's orthogonal routes are drawn.
  await page.getByTestId('layout-run').click();
  await expect(page.locator('.prep-edge').first()).toHaveAttribute('d', /^M[\d.-]+,[\d.-]+ L/, {
    timeout: 20_000,
  });
  await page.getByTestId('panel-findings').click();
  await page.screenshot({ path: shotPath('prep-layout.png') });
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png').click(),
  ]);
  await d.saveAs(shotPath('prep-export-sample.png'));
});

test('PReP editor in Japanese with the inspector', async ({ page }) => {
  await gotoApp(page, { lang: 'ja' });
  await createProject(page, { name: '機能追加', template: 'prep-feature' });
  await openView(page, 'diagrams');
  await page.getByTestId('prep-node').filter({ hasText: '追加サービス' }).click();
  await expect(page.getByTestId('inspector-label')).toHaveValue('追加サービス');
  await page.screenshot({ path: shotPath('prep-editor-ja.png') });
  // The findings in Japanese: natural questions naming the box, no italics, counts with 件.
  await page.getByTestId('panel-findings').click();
  await expect(page.getByTestId('findings-summary')).toHaveText('エラー 2 件、警告 3 件');
  await expect(page.getByTestId('finding-question').first()).toHaveCSS('font-style', 'normal');
  await expect(page.getByTestId('finding-message').first()).not.toContainText('(s)');
  await page.screenshot({ path: shotPath('prep-findings-ja.png') });
});
