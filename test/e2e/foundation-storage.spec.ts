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
  // The backoff retry may get there first, and then the button is gone.
  await page
    .getByTestId('save-retry')
    .click({ timeout: 2000 })
    .catch(() => undefined);
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

/** Make IndexedDB refuse project writes (window.__failPuts = 1) and, optionally, localStorage. */
async function failingStorage(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __failPuts?: number; __failLocal?: number };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (w.__failPuts && this.name === 'projects')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
      if (w.__failLocal && k.startsWith('waymark.unsaved.'))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
}

const setFlag = (page: import('@playwright/test').Page, flag: string, v: number) =>
  page.evaluate(([f, n]) => ((window as unknown as Record<string, number>)[f] = n), [
    flag,
    v,
  ] as const);

const journalKeys = (page: import('@playwright/test').Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waymark.unsaved.')));

async function renameTo(page: import('@playwright/test').Page, name: string) {
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill(name);
  await page.getByTestId('project-name-input').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveText(name);
}

// (A) After a quota error, Back does not drop the edits: a dialog asks to export or discard.
test('after a quota error, Back is held by a dialog; export then leave keeps the edits', async ({
  page,
}) => {
  await failingStorage(page);
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Before the full disk' });
  await waitSaved(page);
  await setFlag(page, '__failPuts', 1);
  await renameTo(page, 'Edited on a full disk');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
  // The edit is journaled at once, under this tab's key.
  await expect.poll(() => journalKeys(page)).toHaveLength(1);
  await page.goBack();
  const dialog = page.getByTestId('leave-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('browser storage is full');
  expect(page.url()).toContain(`#/p/${id}/`);
  await expect(page.getByTestId('project-name')).toHaveText('Edited on a full disk');
  await page.screenshot({ path: shotPath('persist-leave-blocked.png') });
  // Staying keeps everything as it was; the brand link is held the same way.
  await page.getByTestId('leave-stay').click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('nav-projects').click();
  await expect(dialog).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('leave-export').click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  expect(JSON.parse(await readFile(await download.path(), 'utf8')).meta.name).toBe(
    'Edited on a full disk',
  );
  await page.waitForURL(/#\/$/);
  await expect(page.getByTestId('new-project')).toBeVisible();
  expect((await readStoredProject(page, id)).meta.name).toBe('Before the full disk');
  // The journal stays: with room again, opening the project brings the edit back and stores it.
  expect(await journalKeys(page)).toHaveLength(1);
  await setFlag(page, '__failPuts', 0);
  await page.getByTestId('project-row').filter({ hasText: 'Before the full disk' }).click();
  await expect(page.getByTestId('project-name')).toHaveText('Edited on a full disk');
  await waitSaved(page);
  expect((await readStoredProject(page, id)).meta.name).toBe('Edited on a full disk');
  expect(await journalKeys(page)).toHaveLength(0);
});

test('after a quota error, "discard and leave" drops the edits and their journal on purpose', async ({
  page,
}) => {
  await failingStorage(page);
  await gotoApp(page, { lang: 'ja' });
  const id = await createProject(page, { name: 'Kept name' });
  await waitSaved(page);
  await setFlag(page, '__failPuts', 1);
  await renameTo(page, 'Dropped name');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
  await page.goBack();
  await expect(page.getByTestId('leave-dialog')).toContainText(
    '最新の編集がまだ保存されていません',
  );
  await page.getByTestId('leave-discard').click();
  await page.waitForURL(/#\/$/);
  expect(await journalKeys(page)).toHaveLength(0);
  expect((await readStoredProject(page, id)).meta.name).toBe('Kept name');
});

// (E) localStorage refuses the emergency copy too: the user is told, with export at hand.
test('a journal that cannot be written is shown', async ({ page }) => {
  await failingStorage(page);
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'No room anywhere' });
  await waitSaved(page);
  await setFlag(page, '__failPuts', 1);
  await setFlag(page, '__failLocal', 1);
  await renameTo(page, 'Only in this tab');
  await expect(page.getByTestId('journal-problem')).toBeVisible();
  await expect(
    page.getByTestId('message-error').filter({ hasText: 'emergency copy' }),
  ).toContainText('QuotaExceededError');
  await page.screenshot({ path: shotPath('persist-journal-failed.png') });
  await setFlag(page, '__failPuts', 0);
  await setFlag(page, '__failLocal', 0);
  await page
    .getByTestId('save-retry')
    .click({ timeout: 2000 })
    .catch(() => undefined);
  await waitSaved(page);
  await expect(page.getByTestId('journal-problem')).toBeHidden();
});

// (F) An older journal (the project was saved after it) is offered until restored or discarded.
test('an older journal is offered until the user restores or discards it', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Current' });
  await waitSaved(page);
  await renameTo(page, 'Current 2');
  await waitSaved(page);
  const doc = await readStoredProject(page, id);
  await page.evaluate(
    ([pid, d]) => {
      const put = (tab: string, name: string, at: string) =>
        localStorage.setItem(
          `waymark.unsaved.${pid}.${tab}`,
          JSON.stringify({
            projectId: pid,
            tabId: tab,
            baseRev: 1,
            at,
            doc: { ...d, meta: { ...d.meta, name } },
          }),
        );
      put('tab_closed1', 'From a closed tab', '2026-01-05T09:00:00.000Z');
      put('tab_closed2', 'Another closed tab', '2026-01-04T09:00:00.000Z');
    },
    [id, doc] as const,
  );
  await page.goto('/#/');
  await waitReady(page);
  await page.getByTestId('project-row').filter({ hasText: 'Current 2' }).click();
  const offers = page.getByTestId('journal-offer');
  await expect(offers).toHaveCount(2);
  await page.screenshot({ path: shotPath('persist-older-journal.png') });
  // It does not fade: still there after the 5 s a notice lasts, and after a reload.
  await page.waitForTimeout(5500);
  await expect(offers).toHaveCount(2);
  await page.reload();
  await waitReady(page);
  await expect(offers).toHaveCount(2);
  expect(await journalKeys(page)).toHaveLength(2);
  // Restore the newest: it replaces the project (undoable) and its journal goes once stored.
  await offers.first().getByTestId('journal-offer-restore').click();
  await expect(page.getByTestId('project-name')).toHaveText('From a closed tab');
  await waitSaved(page);
  expect((await readStoredProject(page, id)).meta.name).toBe('From a closed tab');
  expect(await journalKeys(page)).toEqual([`waymark.unsaved.${id}.tab_closed2`]);
  await expect(offers).toHaveCount(1);
  await offers.getByTestId('journal-offer-discard').click();
  await expect(offers).toHaveCount(0);
  expect(await journalKeys(page)).toEqual([]);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('project-name')).toHaveText('Current 2');
});
