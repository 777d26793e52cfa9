import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import {
  gotoApp,
  openProject,
  readStoredProject,
  waitReady,
  waitSaved,
  withoutDemoRun,
} from './helpers';

// Issue 14 (points 1–3): after a model change, a what-if preview scores the current model on the
// stored run's data and date WITHOUT storing it, and compares the two: the colour migration
// (cells list their accounts), the colour distribution, CTA and segment counts. Nothing stored
// changes until the user saves (through the replace dialog); discarding or reloading forgets it.

const AS_OF = '2026-11-01';

/**
 * Every stored run of the demo with a digest of each of its column records, straight from
 * IndexedDB: equal digests mean the stored run is byte for byte unchanged.
 */
async function storedRuns(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        { id: string; asOf: string; fingerprint: string; row: string; columns: string[] }[]
      >((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['runs', 'runColumns']);
          const q = tx.objectStore('runs').getAll();
          const c = tx.objectStore('runColumns').getAll();
          tx.oncomplete = async () => {
            open.result.close();
            const bytes = async (d: unknown): Promise<Uint8Array> =>
              d instanceof Blob
                ? new Uint8Array(await d.arrayBuffer())
                : d instanceof ArrayBuffer
                  ? new Uint8Array(d)
                  : ArrayBuffer.isView(d)
                    ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
                    : new TextEncoder().encode(JSON.stringify(d));
            // FNV-1a over the record's bytes, with its length.
            const digest = async (d: unknown) => {
              const b = await bytes(d);
              let h = 0x811c9dc5;
              for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193) >>> 0;
              return `${b.length}:${h.toString(16)}`;
            };
            const cols = c.result as { owner: string; name: string; data: unknown }[];
            const runs = (
              q.result as { id: string; asOf: string; projectId: string; fingerprint: string }[]
            ).filter((r) => r.projectId === 'demo');
            const out = [];
            for (const r of runs)
              out.push({
                id: r.id,
                asOf: r.asOf,
                fingerprint: r.fingerprint,
                row: JSON.stringify(r),
                columns: await Promise.all(
                  cols
                    .filter((x) => x.owner === r.id)
                    .map(async (x) => `${x.name}=${await digest(x.data)}`),
                ),
              });
            resolve(out.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0)));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The scores CSV of the shown run, parsed: account id → [score, colour]. */
async function scores(page: Page): Promise<Map<string, [number, string]>> {
  await page.getByTestId('tab-accounts').click();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-scores-csv').click(),
  ]);
  const lines = readFileSync((await dl.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const head = lines[0].split(',');
  const [id, score, color] = ['account_id', 'score', 'color'].map((k) => head.indexOf(k));
  expect(
    [id, score, color].every((k) => k >= 0),
    `CSV header: ${lines[0]}`,
  ).toBe(true);
  const out = new Map<string, [number, string]>();
  // The demo's ids, scores and colour ids hold no commas or quotes.
  for (const line of lines.slice(1)) {
    const c = line.split(',');
    out.set(c[id], [c[score] === '' ? NaN : Number(c[score]), c[color]]);
  }
  return out;
}

test('what-if: preview a stricter green against the stored run, discard, then save it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill(AS_OF);
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await waitSaved(page);
  const stored = await scores(page);
  expect(stored.size).toBe(2000);

  // The expectation, by hand: the demo's bands (min, inclusive, best first) with green raised to
  // 95. A threshold moves no score, so each account's new colour is its stored score's band.
  const bands: [string, number][] = [
    ['green', 95],
    ['lime', 60],
    ['yellow', 40],
    ['red', 0],
  ];
  const band = (s: number) => (Number.isNaN(s) ? '' : (bands.find(([, m]) => s >= m)?.[0] ?? ''));
  const want = new Map<string, string[]>();
  for (const [acc, [s, from]] of stored) {
    const k = `${from || 'none'}-${band(s) || 'none'}`;
    want.set(k, [...(want.get(k) ?? []), acc]);
  }
  const moved = want.get('green-lime') ?? [];
  expect(moved.length).toBeGreaterThan(0);

  await page.getByTestId('nav-health').click();
  const greenMin = page.getByLabel('Minimum score of Green', { exact: true });
  await greenMin.fill('95');
  await greenMin.blur();
  await waitSaved(page);
  const marks = (await readStoredProject(page, 'demo')).ctaMarks ?? null;
  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('stale-model')).toContainText('1 band');
  const before = await storedRuns(page);
  expect(before.map((r) => r.asOf)).toEqual([AS_OF]);

  // Preview from the stale notice.
  await page.getByTestId('what-if-preview').click();
  const label = page.getByTestId('what-if-label');
  await expect(label).toContainText('What-if preview — not saved');
  await expect(page.getByTestId('what-if-model')).toContainText(
    /Current model \w{8}, changed since the stored run: 1 band/,
  );
  await expect(page.getByTestId('what-if-against')).toContainText(
    `Compared with the run as of ${AS_OF} stored`,
  );
  await expect(page.getByTestId('what-if-against')).toContainText(
    `(model ${before[0].fingerprint.slice(0, 8)})`,
  );
  await expect(label).toContainText('Leaving Results or reloading the page discards this preview');
  const matrix = page.getByTestId('migration-matrix');
  await expect(matrix).toBeVisible();
  // The stored run's tabs are not shown beside it.
  await expect(page.getByTestId('tab-history')).toHaveCount(0);

  // Every cell is the hand-computed count; empty cells show 0 and are not buttons.
  const colors = ['green', 'lime', 'yellow', 'red'];
  for (const from of colors)
    for (const to of colors) {
      const n = want.get(`${from}-${to}`)?.length ?? 0;
      const cell = page.getByTestId(`cell-${from}-${to}`);
      if (n) await expect(cell, `${from}→${to}`).toHaveText(n.toLocaleString('en-US'));
      else await expect(cell, `${from}→${to}`).toHaveCount(0);
    }
  const total = (await matrix.locator('button').allTextContents())
    .map((x) => Number(x.replace(/,/g, '')))
    .reduce((a, b) => a + b, 0);
  expect(total).toBe(2000);

  // The colour distribution: stored and preview counts per colour.
  const count = (c: string, side: 'from' | 'to') =>
    [...stored.entries()].filter(([, [s, f]]) => (side === 'from' ? f : band(s)) === c).length;
  for (const c of colors) {
    const row = page.getByTestId('what-if-colors').locator(`tr[data-key="${c}"] td`);
    await expect(row.nth(1)).toHaveText(count(c, 'from').toLocaleString('en-US'));
    await expect(row.nth(2)).toHaveText(count(c, 'to').toLocaleString('en-US'));
  }
  await expect(
    page.getByTestId('what-if-colors').locator('tr[data-key="green"] td').nth(3),
  ).toHaveText(`−${moved.length.toLocaleString('en-US')}`);
  // Segments do not move with a colour threshold; CTA counts are listed per type.
  for (const td of await page.getByTestId('what-if-segments').locator('tbody tr').all())
    await expect(td.locator('td').nth(3)).toHaveText('±0');
  await expect(page.getByTestId('what-if-ctas').locator('tbody tr')).toHaveCount(4);

  await page.screenshot({ path: shotPath('history-what-if.png') });
  // A cell lists exactly its accounts.
  await page.getByTestId('cell-green-lime').click();
  const list = page.getByTestId('migration-accounts');
  await expect(list.locator('h4')).toContainText(
    `${moved.length} accounts went from Green to Lime`,
  );
  expect((await list.locator('.acct-chip').allTextContents()).sort()).toEqual(
    [...moved].sort().slice(0, 500),
  );
  await page.getByTestId('migration').screenshot({ path: shotPath('history-what-if-cell.png') });

  // Nothing stored changed: the run (row and every column), the marks.
  expect(await storedRuns(page)).toEqual(before);
  expect((await readStoredProject(page, 'demo')).ctaMarks ?? null).toEqual(marks);

  // Discard: the stored run's view again, unchanged, still stale.
  await page.getByTestId('what-if-discard').click();
  await expect(page.getByTestId('what-if')).toHaveCount(0);
  await expect(page.getByTestId('stale-model')).toBeVisible();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('trend-colors').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId(`trend-${AS_OF}-green`)).toContainText(
    count('green', 'from').toLocaleString('en-US'),
  );
  expect(await storedRuns(page)).toEqual(before);

  // The replace dialog offers the preview as its third choice; a reload forgets the preview.
  await page.getByTestId('run-playbook').click();
  const dialog = page.getByTestId('replace-run');
  await expect(dialog).toContainText(`A run as of ${AS_OF} is already stored`);
  await expect(dialog.getByTestId('replace-run-preview')).toHaveText('Preview without saving');
  await page.screenshot({ path: shotPath('history-what-if-dialog.png') });
  await dialog.getByTestId('replace-run-preview').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`cell-green-lime`)).toHaveText(
    moved.length.toLocaleString('en-US'),
  );
  await page.evaluate(() => localStorage.setItem('waymark.lang', 'ja'));
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('stale-model')).toBeVisible();
  await expect(page.getByTestId('what-if')).toHaveCount(0);
  expect(await storedRuns(page)).toEqual(before);

  // In Japanese: preview, then save it through the replace dialog.
  await page.getByTestId('what-if-preview').click();
  await expect(label).toContainText('試算 (what-if) — 保存されていません');
  await expect(label).toContainText('ページを再読み込みすると、この試算は破棄されます');
  await expect(page.getByTestId('cell-green-lime')).toHaveText(moved.length.toLocaleString('ja'));
  const fingerprint = /([0-9a-f]{8})/.exec(
    (await page.getByTestId('what-if-model').textContent())!,
  )![1];
  await page.getByTestId('cell-green-lime').click();
  await page.screenshot({ path: shotPath('history-what-if-ja.png') });
  await page.getByTestId('what-if-save').click();
  await expect(dialog).toContainText(`基準日 ${AS_OF} の実行はすでに保存されています`);
  // Saving from a preview is replace or cancel only.
  await expect(dialog.getByTestId('replace-run-preview')).toHaveCount(0);
  await page.screenshot({ path: shotPath('history-what-if-save-ja.png') });
  await dialog.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('what-if')).toHaveCount(0);
  await expect(page.getByTestId('stale-model')).toHaveCount(0);
  await expect(page.getByTestId('run-model')).toContainText(fingerprint);
  await page.getByTestId('tab-dashboard').click();
  await expect(page.getByTestId('color-count-green')).toHaveText(
    count('green', 'to').toLocaleString('ja'),
  );
  // One run of the date, a new one, with the previewed model.
  const after = await storedRuns(page);
  expect(after.map((r) => r.asOf)).toEqual([AS_OF]);
  expect(after[0].id).not.toBe(before[0].id);
  expect(after[0].fingerprint.slice(0, 8)).toBe(fingerprint);
  expect(after[0].columns.length).toBeGreaterThan(0);
});
