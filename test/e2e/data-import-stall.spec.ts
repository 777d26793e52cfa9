import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoTable } from '../../src/data/demo/generate';
import { tableToCsv } from '../../src/data/tableCsv';
import { demoContractForTests } from './dataContract';
import { gotoApp, openProject } from './helpers';

/**
 * An import whose worker stops answering (session 26, importWatchdog.ts): the page says so
 * after the watchdog's limit (3 s here, `waymark.importWatchdogMs`) and offers Keep waiting,
 * Cancel (back to the preview, the mapping kept) and Try again (the import again in a new
 * worker). The stalled worker is made by an init script: while `__stallImports` > 0, the import
 * worker is never sent the import request, so it never answers (a read that never came back,
 * a worker that hangs). The stored dataset is never changed by any of it.
 */
async function stallNextImports(page: Page) {
  await page.addInitScript(() => {
    localStorage.setItem('waymark.importWatchdogMs', '3000');
    const g = globalThis as unknown as { __stallImports: number; __swallowed: number };
    g.__stallImports = 0;
    g.__swallowed = 0;
    const W = globalThis.Worker;
    globalThis.Worker = class extends W {
      constructor(url: string | URL, o?: WorkerOptions) {
        super(url, o);
        if (!String(url).includes('import')) return;
        const post = this.postMessage.bind(this) as (m: unknown, t?: Transferable[]) => void;
        this.postMessage = ((m: { type?: string }, t?: Transferable[]) => {
          if (m?.type === 'import' && g.__stallImports > 0) {
            g.__stallImports--;
            g.__swallowed++;
            return;
          }
          post(m, t);
        }) as Worker['postMessage'];
      }
    };
  });
}

const setStalls = (page: Page, n: number) =>
  page.evaluate(
    (k) => ((globalThis as unknown as { __stallImports: number }).__stallImports = k),
    n,
  );

test('a stalled import says so and offers keep waiting, cancel and try again; nothing stored changes', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = join(process.cwd(), 'test-results', 'import-stall');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'accounts-stall.csv');
  writeFileSync(
    path,
    tableToCsv(generateDemoTable({ rows: 321, seed: 3 }), demoContractForTests(), {
      headers: 'ja',
    }),
  );
  await stallNextImports(page);
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'data');
  const rows = page.getByTestId('dataset-rows');
  await expect(rows).toBeVisible({ timeout: 30_000 });
  const storedBefore = await rows.textContent();

  await page.getByTestId('data-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-run')).toBeEnabled({ timeout: 20_000 });
  // A mapping changed by the user: Cancel must keep it.
  await page.getByTestId('map-industry').selectOption('');
  await setStalls(page, 1);
  await page.getByTestId('import-run').click();

  const stalled = page.getByTestId('import-stalled');
  await expect(stalled).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  const msg = page.getByTestId('import-stalled-message');
  await expect(msg).toContainText('accounts-stall.csv');
  await expect(msg).toContainText(/No progress .* for \d+ s \(last at 0%\)/);
  await expect(stalled).toContainText('Nothing stored has been changed');
  // The seconds count on.
  const s0 = Number(/for (\d+) s/.exec((await msg.textContent()) ?? '')![1]);
  await expect(msg).not.toContainText(`for ${s0} s`, { timeout: 5_000 });
  await stalled.screenshot({ path: join(dir, 'import-stalled-en.png') });

  // Keep waiting: the progress again, and (still no answer) the stall after the limit again.
  await page.getByTestId('import-stalled-wait').click();
  await expect(stalled).toHaveCount(0);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(stalled).toBeVisible({ timeout: 15_000 });

  // Cancel: back to the preview, the mapping as the user left it.
  await page.getByTestId('import-stalled-cancel').click();
  await expect(stalled).toHaveCount(0);
  await expect(page.getByTestId('import-run')).toBeVisible();
  await expect(page.getByTestId('map-industry')).toHaveValue('');
  await expect(rows).toHaveText(storedBefore!);

  // Again, stalled once more; Try again runs it in a new worker, which answers.
  await setStalls(page, 1);
  await page.getByTestId('import-run').click();
  await expect(stalled).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('import-stalled-retry').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('report-rows-read')).toHaveText('321');
  expect(
    await page.evaluate(() => (globalThis as unknown as { __swallowed: number }).__swallowed),
  ).toBe(2);
  // Not saved: the stored dataset is the one from before, also after a reload.
  await expect(rows).toHaveText(storedBefore!);
  await page.getByTestId('import-discard').click();
  await page.reload();
  await expect(rows).toHaveText(storedBefore!, { timeout: 30_000 });
});

test('the stall message in Japanese', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = join(process.cwd(), 'test-results', 'import-stall');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'accounts-stall-ja.csv');
  writeFileSync(
    path,
    tableToCsv(generateDemoTable({ rows: 50, seed: 4 }), demoContractForTests(), {
      headers: 'ja',
    }),
  );
  await stallNextImports(page);
  await gotoApp(page, { lang: 'ja' });
  await openProject(page, 'demo', 'data');
  await page.getByTestId('data-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-run')).toBeEnabled({ timeout: 20_000 });
  await setStalls(page, 1);
  await page.getByTestId('import-run').click();
  const stalled = page.getByTestId('import-stalled');
  await expect(stalled).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('import-stalled-message')).toContainText(
    /accounts-stall-ja\.csv の取り込みから \d+ 秒間進捗がありません/,
  );
  await expect(stalled).toContainText('保存済みのデータは何も変更されていません');
  await expect(page.getByTestId('import-stalled-wait')).toHaveText('このまま待つ');
  await stalled.screenshot({ path: join(dir, 'import-stalled-ja.png') });
  await page.getByTestId('import-stalled-cancel').click();
  await expect(page.getByTestId('import-run')).toBeVisible();
});
