import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import {
  createProject,
  currentProjectId,
  exportOpenProject,
  gotoApp,
  importProjectFile,
  listProjectNames,
  openView,
  readStoredProject,
  waitReady,
  waitSaved,
} from './helpers';

// One journey per user story of the foundation issue (projects, persistence, import/export).

test('first run seeds the demo project and lands in a working app', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await expect(page.getByTestId('project-row')).toHaveCount(1);
  await expect(page.getByTestId('project-row-name')).toContainText('Demo');
  await page.getByTestId('project-row-name').click();
  await expect(page.getByTestId('project-name')).toContainText('Demo');
  for (const v of ['journey', 'health', 'ctas', 'fields', 'data', 'results', 'diagrams'] as const)
    await openView(page, v);
  await page.screenshot({ path: shotPath('foundation-demo.png') });
});

test('create from a template, rename, reload: the edit is still there; undo/redo via keys', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Acme roadmap', template: 'demo' });
  await openView(page, 'journey');
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill('Acme roadmap v2');
  await page.getByTestId('project-name-input').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveText('Acme roadmap v2');
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await expect(page).toHaveURL(new RegExp(`#/p/${id}/journey$`));
  await expect(page.getByTestId('project-name')).toHaveText('Acme roadmap v2');
  // History survives view switches within a page; keyboard undo works through the store.
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill('Third name');
  await page.getByTestId('project-name-input').press('Enter');
  await openView(page, 'health');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('project-name')).toHaveText('Acme roadmap v2');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('project-name')).toHaveText('Third name');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('project-name')).toHaveText('Acme roadmap v2');
  await waitSaved(page);
  expect((await readStoredProject(page, id)).meta.name).toBe('Acme roadmap v2');
});

test('closing the tab right after an edit keeps the edit', async ({ context }) => {
  const page = await context.newPage();
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Crash test' });
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill('Edited before crash');
  await page.getByTestId('project-name-input').press('Enter');
  await page.close(); // no wait for the autosave
  const again = await context.newPage();
  await again.goto(`/#/p/${id}/diagrams`);
  await waitReady(again);
  await expect(again.getByTestId('project-name')).toHaveText('Edited before crash');
  await waitSaved(again);
  expect((await readStoredProject(again, id)).meta.name).toBe('Edited before crash');
});

test('export then import gives the same content as a new project', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Round trip', template: 'demo' });
  await waitSaved(page);
  const text = await exportOpenProject(page);
  const exported = JSON.parse(text);
  expect(exported.meta.name).toBe('Round trip');
  await importProjectFile(page, { name: 'round-trip.waymark.json', content: text });
  await expect(page.getByTestId('message-success').filter({ hasText: 'Imported' })).toBeVisible();
  await page.waitForURL((u) => !u.hash.includes(exported.id));
  const newId = currentProjectId(page);
  await waitSaved(page);
  const stored = await readStoredProject(page, newId);
  expect({ ...stored, id: 'x' }).toEqual({ ...exported, id: 'x' });
  expect(await listProjectNames(page)).toEqual(
    expect.arrayContaining(['Round trip', 'Round trip']),
  );
});

test('a broken import says what and where, and changes nothing stored', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  const before = await listProjectNames(page);
  await importProjectFile(page, 'test/fixtures/projects/bad-syntax.json');
  const err = page.getByTestId('message-error');
  await expect(err).toContainText('bad-syntax.json');
  await expect(err).toContainText(/line 5, column 3/);
  await err.getByRole('button', { name: 'Close' }).click();
  await importProjectFile(page, 'test/fixtures/projects/bad-schema.json');
  await expect(page.getByTestId('message-error')).toContainText('$.journey.stages[0].id');
  expect(await listProjectNames(page)).toEqual(before);
});

test('Japanese UI by choice, kept after reload', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await page.getByTestId('lang-switch').selectOption('ja');
  await expect(page.getByTestId('new-project')).toContainText('新規プロジェクト');
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('new-project')).toContainText('新規プロジェクト');
  await page.getByTestId('project-row-name').first().click();
  await expect(page.getByTestId('nav-journey')).toContainText('カスタマージャーニー');
  await expect(page.getByTestId('save-status')).toHaveText('保存済み');
  // The demo opens on its Results dashboard.
  await expect(page.getByTestId('view-results')).not.toContainText('読み込み中');
  await page.screenshot({ path: shotPath('foundation-ja.png') });
});

test('project list: rename, duplicate, delete (confirmed)', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Listed' });
  await page.goto('/#/');
  await waitReady(page);
  const row = page.getByTestId('project-row').filter({ hasText: 'Listed' });
  await row.getByTestId('project-rename').click();
  await page.getByTestId('rename-input').fill('Listed renamed');
  await page.getByTestId('rename-ok').click();
  await expect(
    page.getByTestId('project-row-name').filter({ hasText: 'Listed renamed' }),
  ).toBeVisible();
  expect((await readStoredProject(page, id)).meta.name).toBe('Listed renamed');
  await page
    .getByTestId('project-row')
    .filter({ hasText: 'Listed renamed' })
    .getByTestId('project-duplicate')
    .click();
  await expect(
    page.getByTestId('project-row-name').filter({ hasText: 'Listed renamed (copy)' }),
  ).toBeVisible();
  await page.screenshot({ path: shotPath('foundation-projects.png') });
  // Delete asks first; cancelling keeps the project.
  const original = page
    .getByTestId('project-row')
    .filter({ has: page.getByText('Listed renamed', { exact: true }) });
  await original.getByTestId('project-delete').click();
  await page.getByTestId('delete-dialog').getByTestId('confirm-cancel').click();
  expect(await readStoredProject(page, id)).not.toBeNull();
  await original.getByTestId('project-delete').click();
  await page.getByTestId('delete-dialog').getByTestId('confirm-ok').click();
  await expect(original).toHaveCount(0);
  expect(await readStoredProject(page, id)).toBeNull();
  expect(await listProjectNames(page)).toEqual(expect.arrayContaining(['Listed renamed (copy)']));
});

test('an unknown project id says so and links back to the list', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await page.goto('/#/p/no_such_project/journey');
  await waitReady(page);
  await expect(page.getByTestId('open-failed')).toContainText('no_such_project');
  await page.getByRole('link', { name: 'Back to projects' }).click();
  await expect(page.getByTestId('project-list')).toBeVisible();
});

test.describe('a browser set to Japanese', () => {
  test.use({ locale: 'ja-JP' });
  test('gets the Japanese UI without choosing', async ({ page }) => {
    await page.goto('/#/');
    await waitReady(page);
    await expect(page.getByTestId('lang-switch')).toHaveValue('ja');
    await expect(page.getByTestId('new-project')).toContainText('新規プロジェクト');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await page.screenshot({ path: shotPath('foundation-projects-ja.png') });
  });
});

test('the new-project dialog offers every template and asks for a name', async ({ page }) => {
  const { readdirSync } = await import('node:fs');
  const templates = readdirSync('templates')
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  await gotoApp(page, { lang: 'en' });
  await page.getByTestId('new-project').click();
  const dialog = page.getByTestId('new-project-dialog');
  const values = await dialog
    .getByTestId('new-project-template')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values.sort()).toEqual(['', ...templates].sort());
  await dialog.getByTestId('new-project-create').click();
  await expect(dialog.getByRole('alert')).toContainText('Enter a name');
  await dialog.getByTestId('new-project-template').selectOption('saas-4-stage');
  await expect(dialog.getByTestId('new-project-name')).not.toHaveValue('');
  await page.screenshot({ path: shotPath('foundation-new-project.png') });
});
