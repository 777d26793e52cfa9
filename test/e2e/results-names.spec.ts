import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { gotoApp, openProject, readStoredProject, waitSaved } from './helpers';

// Names, not ids (issue 19, point 4): segment previews count what first-match-wins assigns, a
// segment id can be renamed with its references, and a new project starts in the UI language.

test('segments: first-match-wins counts and a renamed id', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'health');
  const count = (id: string) =>
    page.getByTestId(`segment-assigned-${id}`).getAttribute('data-count').then(Number);
  await expect(page.getByTestId('segment-assigned-mid')).toBeVisible({ timeout: 30_000 });
  const [ent, mid, smb] = [await count('enterprise'), await count('mid'), await count('smb')];
  // Every account is in exactly one segment.
  expect(ent + mid + smb).toBe(2000);
  // The same numbers the dashboard shows after a run (the engine assigns them).
  await page.getByTestId('segment-assigned-mid').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('results-names-segments-en.png'), fullPage: false });

  // Rename smb → small_business: the default and the overrides follow.
  const id = page.getByTestId('segment-id-smb');
  await id.fill('small_business');
  await id.press('Enter');
  await waitSaved(page);
  const stored = await readStoredProject(page, 'demo');
  expect(stored.segments.defaultId).toBe('small_business');
  expect(stored.health.overrides.map((o: { segment: string }) => o.segment)).toContain(
    'small_business',
  );
  expect(JSON.stringify(stored)).not.toContain('"smb"');
  await expect(page.getByTestId('segment-assigned-small_business')).toHaveAttribute(
    'data-count',
    String(smb),
  );
  // An id another segment has is refused and nothing changes.
  const midId = page.getByTestId('segment-id-mid');
  await midId.fill('enterprise');
  await expect(midId).toHaveAttribute('aria-invalid', 'true');
  await midId.blur();
  await expect(midId).toHaveValue('mid');
});

test('a new project in Japanese starts with Japanese names', async ({ page }) => {
  await gotoApp(page, { lang: 'ja' });
  await page.getByTestId('new-project').click();
  await page.getByTestId('new-project-name').fill('空のプロジェクト');
  await page.getByTestId('new-project-create').click();
  await page.waitForURL(/#\/p\/[^/]+\//);
  await openProject(page, page.url().match(/#\/p\/([^/]+)/)![1], 'health');
  await expect(page.locator('[data-segment="all"] input').first()).toHaveValue('すべて');
  await page.screenshot({ path: shotPath('results-names-new-ja.png'), fullPage: true });
});

test('a project from a template reads in the UI language, not "日本語 / English"', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'ja' });
  await page.getByTestId('new-project').click();
  const dialog = page.getByTestId('new-project-dialog');
  await dialog.getByTestId('new-project-template').selectOption('demo');
  await dialog.getByTestId('new-project-name').fill('テンプレートから');
  await dialog.getByTestId('new-project-create').click();
  await page.waitForURL(/#\/p\/[^/]+\//);
  const id = decodeURIComponent(page.url().match(/#\/p\/([^/]+)/)![1]);
  await waitSaved(page);
  const doc = await readStoredProject(page, id);
  expect(doc.journey.stages.map((s: { label: string }) => s.label)).toEqual([
    'オンボーディング',
    '利用定着',
    '成果創出',
    '推奨',
  ]);
  expect(doc.segments.items.map((s: { label: string }) => s.label)).toEqual([
    'エンタープライズ',
    'ミッド',
    'SMB',
  ]);
  // The seeded demo was made in the UI language of the first start (Japanese here) too.
  expect((await readStoredProject(page, 'demo')).journey.stages[0].label).toBe('オンボーディング');
});

test('the template picker and a {ja, en} template read in the UI language, English-only texts too', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await page.getByTestId('new-project').click();
  let dialog = page.getByTestId('new-project-dialog');
  const picker = dialog.getByTestId('new-project-template');
  await expect(picker.locator('option[value="saas-4-stage"]')).toHaveText(
    'SaaS four-stage lifecycle',
  );
  await picker.selectOption('saas-4-stage');
  await expect(dialog.getByTestId('new-project-name')).toHaveValue('SaaS four-stage lifecycle');

  // Switch the UI to Japanese, as a user does, and open the dialog again.
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '日本語' });
  await page.getByTestId('new-project').click();
  dialog = page.getByTestId('new-project-dialog');
  await dialog.getByTestId('new-project-name').fill('');
  await dialog.getByTestId('new-project-template').selectOption('dear-starter');
  await expect(dialog.getByTestId('new-project-name')).toHaveValue('DEARヘルススコア スターター');
  await expect(dialog.locator('.hint')).toContainText('ヘルススコアのひな形');
  await page.screenshot({ path: shotPath('results-names-template-picker-ja.png') });
  await dialog.getByTestId('new-project-create').click();
  await page.waitForURL(/#\/p\/[^/]+\//);
  const id = decodeURIComponent(page.url().match(/#\/p\/([^/]+)/)![1]);
  await waitSaved(page);
  const doc = await readStoredProject(page, id);
  // Written only in English in the template before: now a Japanese text.
  expect(doc.health.dimensions.map((d: { label: string }) => d.label)).toEqual([
    '導入',
    'エンゲージメント',
    '活用',
    'ROI',
    '体験',
  ]);
  expect(doc.meta.description).toMatch(/^ヘルススコアのひな形/);
  expect(JSON.stringify(doc.journey)).not.toMatch(/[\u3040-\u9fff][^"]* \/ [A-Za-z]/);
});
