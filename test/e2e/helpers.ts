// Stable helpers for every e2e spec. Signatures do not change; new helpers may be added.
// Each Playwright test runs in a fresh browser context, so IndexedDB and localStorage start
// empty: the app seeds the demo project on first load.
import { expect, type Page } from '@playwright/test';

export type ViewId =
  'diagrams' | 'journey' | 'health' | 'ctas' | 'fields' | 'data' | 'results' | 'overview';
export type Lang = 'ja' | 'en';

/** The stored row of a project, as the app writes it (see src/store/db.ts ProjectRow). */
export interface StoredProjectRow {
  id: string;
  name: string;
  updatedAt: string;
  rev: number;
  writer: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doc: any;
}

/**
 * Open the app at the project list and wait until it is ready (bootstrap done, demo seeded on
 * first run). `lang` fixes the UI language for this page (unless the user switches it later).
 */
export async function gotoApp(page: Page, opts: { lang?: Lang } = {}): Promise<void> {
  if (opts.lang) {
    await page.addInitScript((lang) => {
      // Only the first load: a later switch in the UI must survive reloads.
      if (!sessionStorage.getItem('waymark.e2e.lang')) {
        sessionStorage.setItem('waymark.e2e.lang', '1');
        localStorage.setItem('waymark.lang', lang);
      }
    }, opts.lang);
  }
  await page.goto('/#/');
  await waitReady(page);
}

/** Wait until the shell has finished bootstrapping (after goto or reload). */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/**
 * Create a project from the project list (empty when `template` is absent, else a template id =
 * the file name in templates/ without .json, e.g. 'demo'). Opens it and returns its id.
 */
export async function createProject(
  page: Page,
  opts: { name: string; template?: string },
): Promise<string> {
  await page.goto('/#/');
  await waitReady(page);
  await page.getByTestId('new-project').click();
  const dialog = page.getByTestId('new-project-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('new-project-template').selectOption(opts.template ?? '');
  await dialog.getByTestId('new-project-name').fill(opts.name);
  await dialog.getByTestId('new-project-create').click();
  await page.waitForURL(/#\/p\/[^/]+\//);
  await expect(page.getByTestId('project-name')).toContainText(opts.name);
  return currentProjectId(page);
}

/** The id of the project open in the page (from the URL), or throws. */
export function currentProjectId(page: Page): string {
  const m = /#\/p\/([^/]+)/.exec(page.url());
  if (!m) throw new Error(`no project open at ${page.url()}`);
  return decodeURIComponent(m[1]);
}

/** Open a project by id directly (hash route), optionally at a view. */
export async function openProject(
  page: Page,
  id: string,
  view: ViewId = 'diagrams',
): Promise<void> {
  await page.goto(`/#/p/${encodeURIComponent(id)}/${view}`);
  await waitReady(page);
  await expect(page.getByTestId('project-name')).toBeVisible();
}

/** Switch the open project to a view through the navigation. */
export async function openView(page: Page, view: ViewId): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await page.waitForURL(new RegExp(`#/p/[^/]+/${view}$`));
  await expect(page.getByTestId(`view-${view}`)).toBeVisible();
}

/** Wait until the open project's last edit is stored (save status "saved"). */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', {
    timeout: 15_000,
  });
}

/** Read a stored project row straight from IndexedDB (null when absent). */
export async function readStoredRow(page: Page, id: string): Promise<StoredProjectRow | null> {
  return page.evaluate(
    (pid) =>
      new Promise<StoredProjectRow | null>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains('projects')) {
            idb.close();
            resolve(null);
            return;
          }
          const req = idb.transaction('projects', 'readonly').objectStore('projects').get(pid);
          req.onsuccess = () => {
            idb.close();
            resolve((req.result as StoredProjectRow | undefined) ?? null);
          };
          req.onerror = () => {
            idb.close();
            reject(req.error);
          };
        };
      }),
    id,
  );
}

/** Read a stored project document (the Project JSON) from IndexedDB, or null. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readStoredProject(page: Page, id: string): Promise<any | null> {
  const row = await readStoredRow(page, id);
  return row ? row.doc : null;
}

/** Names of the projects in the project list, as shown. */
export async function listProjectNames(page: Page): Promise<string[]> {
  await page.goto('/#/');
  await waitReady(page);
  return page.getByTestId('project-row').getByTestId('project-row-name').allInnerTexts();
}

/**
 * Record every request the page makes from now on (URLs, in order). The array fills as the page
 * runs; check it at the end, e.g. `expect(reqs.filter((u) => !isLocalUrl(u))).toEqual([])`.
 */
export function collectRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (w) => urls.push(w.url()));
  return urls;
}

/** True for URLs that stay on this machine (loopback, data:, blob:, about:). */
export function isLocalUrl(url: string): boolean {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** Export the open project through the top bar; returns the downloaded file's text. */
export async function exportOpenProject(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-project').click(),
  ]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  return readFile(path, 'utf8');
}

/** Import a project file (path on disk, or {name, content}) through the import button. */
export async function importProjectFile(
  page: Page,
  file: string | { name: string; content: string },
): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('import-project').click(),
  ]);
  if (typeof file === 'string') await chooser.setFiles(file);
  else
    await chooser.setFiles({
      name: file.name,
      mimeType: 'application/json',
      buffer: Buffer.from(file.content, 'utf8'),
    });
}

/**
 * The seeded demo stores its first run at first start (issue 19). For a test that starts from a
 * demo with no run yet: wait for that run to be stored, delete it (and its chunks), reload.
 */
export async function withoutDemoRun(page: Page): Promise<void> {
  const runsOfDemo = () =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('waymark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const q = open.result.transaction('runs').objectStore('runs').getAll();
            q.onsuccess = () => {
              open.result.close();
              resolve(
                (q.result as { id: string; projectId: string }[])
                  .filter((r) => r.projectId === 'demo')
                  .map((r) => r.id),
              );
            };
            q.onerror = () => reject(q.error);
          };
        }),
    );
  await expect.poll(async () => (await runsOfDemo()).length, { timeout: 30_000 }).toBe(1);
  await page.evaluate(
    (ids) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['runs', 'runChunks', 'runColumns'], 'readwrite');
          for (const id of ids) tx.objectStore('runs').delete(id);
          const chunks = tx.objectStore('runChunks');
          chunks.openCursor().onsuccess = (ev) => {
            const c = (ev.target as IDBRequest<IDBCursorWithValue | null>).result;
            if (!c) return;
            if (ids.includes((c.value as { runId: string }).runId)) c.delete();
            c.continue();
          };
          // Run format 2: the runs' columns (their shared key list is left; it is harmless).
          for (const id of ids)
            tx.objectStore('runColumns').delete(IDBKeyRange.bound([id, ''], [id, '\uffff']));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    await runsOfDemo(),
  );
  await page.reload();
  await waitReady(page);
}

/**
 * Running for an as-of date that already has a stored run asks first (issue 14): replace that
 * date's run. For a spec that knows the project holds a run of `asOf` (the demo's first-start run
 * is as of 2026-11-01).
 */
export async function confirmReplaceRun(page: Page, asOf: string): Promise<void> {
  const dialog = page.getByTestId('replace-run');
  await expect(dialog).toContainText(asOf);
  await dialog.getByTestId('confirm-ok').click();
  await expect(dialog).toBeHidden();
}
