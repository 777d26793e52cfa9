import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import { createProject, gotoApp, readStoredProject, waitReady, waitSaved } from './helpers';

// A full disk: the save status says so, the document stays in the tab, export is offered, and
// the save goes through once there is room again.
test('a quota error keeps the work, offers export, and saves after retry', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __failPuts: number };
    w.__failPuts = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (w.__failPuts > 0 && this.name === 'projects')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Full disk' });
  await waitSaved(page);
  await page.evaluate(() => ((window as unknown as { __failPuts: number }).__failPuts = 1));
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill('Unsaved on a full disk');
  await page.getByTestId('project-name-input').press('Enter');
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('Could not save: browser storage is full');
  await expect(page.getByTestId('project-name')).toHaveText('Unsaved on a full disk');
  await page.screenshot({ path: shotPath('foundation-quota.png') });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('save-export').click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  expect(JSON.parse(await readFile(await download.path(), 'utf8')).meta.name).toBe(
    'Unsaved on a full disk',
  );
  expect((await readStoredProject(page, id)).meta.name).toBe('Full disk');
  await page.evaluate(() => ((window as unknown as { __failPuts: number }).__failPuts = 0));
  await page.getByTestId('save-retry').click();
  await waitSaved(page);
  expect((await readStoredProject(page, id)).meta.name).toBe('Unsaved on a full disk');
});

// The crash journal: the tab closes while IndexedDB cannot take the write; the edit comes back.
test('an edit that never reached IndexedDB is recovered after the tab closes', async ({
  context,
}) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if ((window as unknown as { __failPuts?: number }).__failPuts && this.name === 'projects') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Journal' });
  await waitSaved(page);
  await page.evaluate(() => ((window as unknown as { __failPuts: number }).__failPuts = 1));
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill('Only in the journal');
  await page.getByTestId('project-name-input').press('Enter');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto('/#/');
  await waitReady(again);
  expect((await readStoredProject(again, id)).meta.name).toBe('Journal');
  await again.goto(`/#/p/${id}/diagrams`);
  await waitReady(again);
  await expect(again.getByTestId('project-name')).toHaveText('Only in the journal');
  await expect(again.getByTestId('message-info')).toContainText('Recovered edits');
  await waitSaved(again);
  expect((await readStoredProject(again, id)).meta.name).toBe('Only in the journal');
});
