import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { generateDemoTable } from '../../src/data/demo/generate';
import type { Column } from '../../src/table/columns';
import { shotPath } from './shots';
import {
  gotoApp,
  openProject,
  openView,
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
 * The demo's stored data as the app generates it (2,000 accounts, seed 42): each account's MRR
 * (NaN = missing) and company name, by account id, in the data's row order.
 */
function demoData(): Map<string, { mrr: number; name: string }> {
  const t = generateDemoTable({ rows: 2000, seed: 42 });
  const str = (id: string) => t.columns[id] as Extract<Column, { type: 'string' }>;
  const mrr = (t.columns.mrr as Extract<Column, { type: 'number' }>).values;
  const [ids, names] = [str('account_id'), str('company_name')];
  const out = new Map<string, { mrr: number; name: string }>();
  for (let i = 0; i < t.rowCount; i++)
    out.set(ids.dict[ids.codes[i]], {
      mrr: mrr[i],
      name: names.codes[i] >= 0 ? names.dict[names.codes[i]] : '',
    });
  return out;
}

/** A number as the screen writes it ("¥1,234,567", "−12.5", "27.6%", "1,234,567円") → 1234567. */
const num = (s: string | null) => {
  const t = (s ?? '').replace(/\(.*\)/, '').trim();
  const v = Number(t.replace(/[^\d.]/g, ''));
  return /^[−-]/.test(t) ? -v : v;
};

/** A cell's CSV, downloaded: its rows as [account_id, company_name, from_color, to_color]. */
async function cellCsv(page: Page, scope: Locator): Promise<string[][]> {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByTestId('migration-cell-csv').click(),
  ]);
  const text = readFileSync((await dl.path())!, 'utf8');
  expect(text.startsWith('\uFEFFaccount_id,company_name,from_color,to_color\r\n')).toBe(true);
  // The demo's ids and names hold no quotes; a name with a comma is quoted.
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) =>
      (l.match(/("[^"]*"|[^,]*)(,|$)/g) ?? [])
        .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''))
        .slice(0, 4),
    );
}

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
  // With each colour's share of the 2,000 accounts and its MRR: the demo data's MRR of the
  // colour's accounts (accounts without MRR left out), stored colour vs preview colour.
  const data = demoData();
  const mrrOf = (c: string, side: 'from' | 'to') =>
    [...stored.entries()]
      .filter(([, [s, f]]) => (side === 'from' ? f : band(s)) === c)
      .reduce((sum, [acc]) => sum + (Number.isNaN(data.get(acc)!.mrr) ? 0 : data.get(acc)!.mrr), 0);
  const missing = [...stored.keys()].filter((acc) => Number.isNaN(data.get(acc)!.mrr)).length;
  const pct = (n: number) =>
    `${((100 * n) / 2000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  const colorCell = (c: string, col: string) =>
    page.getByTestId('what-if-colors').locator(`tr[data-key="${c}"] td[data-col="${col}"]`);
  for (const c of colors) {
    await expect(colorCell(c, 'before')).toHaveText(count(c, 'from').toLocaleString('en-US'));
    await expect(colorCell(c, 'after')).toHaveText(count(c, 'to').toLocaleString('en-US'));
    await expect(colorCell(c, 'before-share')).toHaveText(pct(count(c, 'from')));
    await expect(colorCell(c, 'after-share')).toHaveText(pct(count(c, 'to')));
    for (const [col, side] of [
      ['before-mrr', 'from'],
      ['after-mrr', 'to'],
    ] as const) {
      const text = await colorCell(c, col).textContent();
      expect(text, `${c} ${col}`).toMatch(/^¥/);
      expect(Math.abs(num(text) - mrrOf(c, side)), `${c} ${col}: ${text}`).toBeLessThan(0.01);
    }
    const change = mrrOf(c, 'to') - mrrOf(c, 'from');
    expect(Math.abs(num(await colorCell(c, 'change-mrr').textContent()) - change)).toBeLessThan(
      0.01,
    );
  }
  expect(mrrOf('green', 'to')).toBeLessThan(mrrOf('green', 'from'));
  await expect(colorCell('green', 'change')).toHaveText(`−${moved.length.toLocaleString('en-US')}`);
  const greenPts = (100 * (count('green', 'to') - count('green', 'from'))) / 2000;
  await expect(colorCell('green', 'change-share')).toHaveText(
    `−${Math.abs(greenPts).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`,
  );
  // The demo's MRR field is called MRR: the header does not repeat it.
  await expect(page.getByRole('columnheader', { name: 'MRR', exact: true })).toHaveCount(3);
  // Accounts without MRR would be named in a note (their count: summaryMoves.test); the demo has none.
  expect(missing).toBe(0);
  await expect(page.getByTestId('what-if-mrr-missing')).toHaveCount(0);
  await expect(page.getByTestId('what-if-mrr-no-field')).toHaveCount(0);
  // Segments do not move with a colour threshold; CTA counts are listed per type.
  for (const td of await page.getByTestId('what-if-segments').locator('tbody tr').all())
    await expect(td.locator('td').nth(3)).toHaveText('±0');
  await expect(page.getByTestId('what-if-ctas').locator('tbody tr')).toHaveCount(4);

  await page.screenshot({ path: shotPath('history-what-if.png') });
  // A cell lists its accounts: the first 200 drawn, each with its company name and a link to its
  // page; the rest counted; the whole cell in its CSV.
  await page.getByTestId('cell-green-lime').click();
  const list = page.getByTestId('migration-accounts');
  await expect(list.locator('h4')).toContainText(
    `${moved.length} accounts went from Green to Lime`,
  );
  const chips = list.locator('li[data-account]');
  await expect(chips).toHaveCount(Math.min(200, moved.length));
  const shownIds = await chips.evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-account')!),
  );
  expect(new Set(shownIds).size).toBe(shownIds.length);
  for (const id of shownIds) expect(moved).toContain(id);
  for (const chip of (await chips.all()).slice(0, 20)) {
    const id = (await chip.getAttribute('data-account'))!;
    await expect(chip.getByTestId('migration-account-link')).toHaveText(
      `${id} ${data.get(id)!.name}`,
    );
  }
  await expect(list.getByTestId('migration-more')).toHaveText(
    `… and ${moved.length - 200} more (in the CSV)`,
  );
  const csv = await cellCsv(page, list);
  expect(csv.map((r) => r[0]).sort()).toEqual([...moved].sort());
  for (const [id, name, from, to] of csv)
    expect([name, from, to]).toEqual([data.get(id)!.name, 'green', 'lime']);
  await page.getByTestId('migration').screenshot({ path: shotPath('history-what-if-cell.png') });
  await page
    .getByTestId('what-if-colors')
    .screenshot({ path: shotPath('history-what-if-colors.png') });

  // An account's link opens its (stored) page; Back returns to the preview, the cell still open.
  const first = shownIds[0];
  await chips.first().getByTestId('migration-account-link').click();
  await expect(page.getByTestId('account-page')).toContainText(data.get(first)!.name);
  await expect(page.getByTestId('what-if-account-note')).toContainText(
    `This account page shows the stored run as of ${AS_OF}. The what-if preview is kept`,
  );
  await page.getByTestId('account-back').click();
  await expect(page.getByTestId('what-if-label')).toBeVisible();
  await expect(list.locator('li[data-account]').first()).toHaveAttribute('data-account', first);

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
  await expect(
    page.getByTestId('what-if-colors').locator('tr[data-key="green"] td[data-col="before-mrr"]'),
  ).toHaveText(new RegExp(`^${Math.round(mrrOf('green', 'from')).toLocaleString('ja')}円`));
  await page
    .getByTestId('what-if-colors')
    .screenshot({ path: shotPath('history-what-if-colors-ja.png') });
  await page.getByTestId('cell-green-lime').click();
  await page.screenshot({ path: shotPath('history-what-if-ja.png') });
  await page.getByTestId('migration').screenshot({ path: shotPath('history-what-if-cell-ja.png') });
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

test('History cells name and link their accounts; the journey map previews the model too', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'results');
  await page.getByTestId('run-asof').fill(AS_OF);
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
  await waitSaved(page);
  const first = await scores(page);
  const setGreen = async (min: string) => {
    await openView(page, 'health');
    const greenMin = page.getByLabel('Minimum score of Green', { exact: true });
    await greenMin.fill(min);
    await greenMin.blur();
    await waitSaved(page);
  };
  // A stricter green, stored as the next date's run.
  await setGreen('95');
  await openView(page, 'results');
  await page.getByTestId('run-asof').fill('2026-11-08');
  await page.getByTestId('run-again').click();
  await expect(page.getByTestId('run-info')).toContainText('Stored runs: 2');
  await waitSaved(page);
  const second = await scores(page);
  const data = demoData();

  // History: the cell green → lime between the two stored runs, from the two scores CSVs.
  const moved = [...second.entries()]
    .filter(([acc, [, c]]) => c === 'lime' && first.get(acc)?.[1] === 'green')
    .map(([acc]) => acc);
  expect(moved.length).toBeGreaterThan(0);
  await page.getByTestId('tab-history').click();
  const section = page.getByTestId('migration');
  await section.getByTestId('cell-green-lime').click();
  const list = section.getByTestId('migration-accounts');
  const chips = list.locator('li[data-account]');
  await expect(chips).toHaveCount(Math.min(200, moved.length));
  for (const chip of (await chips.all()).slice(0, 20)) {
    const id = (await chip.getAttribute('data-account'))!;
    expect(moved).toContain(id);
    await expect(chip.getByTestId('migration-account-link')).toHaveText(
      `${id} ${data.get(id)!.name}`,
    );
  }
  const csv = await cellCsv(page, list);
  expect(csv.map((r) => r[0]).sort()).toEqual([...moved].sort());
  for (const [id, name, from, to] of csv)
    expect([name, from, to]).toEqual([data.get(id)!.name, 'green', 'lime']);
  await list.screenshot({ path: shotPath('history-migration-names.png') });
  const id = (await chips.first().getAttribute('data-account'))!;
  await chips.first().getByTestId('migration-account-link').click();
  await expect(page.getByTestId('account-page')).toContainText(id);
  await expect(page.getByTestId('account-page').locator('h2')).toContainText(data.get(id)!.name);
  await page.getByTestId('account-back').click();

  // The model changes again; the journey map's stale notice previews it on the shown run's data.
  await setGreen('90');
  await openView(page, 'journey');
  const notice = page.getByTestId('live-bar').getByTestId('stale-model');
  await expect(notice).toContainText('1 band');
  const before = await storedRuns(page);
  expect(before.map((r) => r.asOf)).toEqual([AS_OF, '2026-11-08']);
  await expect(notice.getByTestId('what-if-preview')).toHaveText(
    'Preview the current model on this run’s data (not saved)',
  );
  await page.getByTestId('live-bar').screenshot({ path: shotPath('journey-what-if-notice.png') });
  await notice.getByTestId('what-if-preview').click();
  await page.waitForURL(/#\/p\/demo\/results/);
  await expect(page.getByTestId('what-if-label')).toContainText('What-if preview — not saved');
  await expect(page.getByTestId('what-if-against')).toContainText(
    'Compared with the run as of 2026-11-08 stored',
  );
  // Green from 95 down to 90 (thresholds move no score): each cell from the 11-08 scores CSV.
  const bands: [string, number][] = [
    ['green', 90],
    ['lime', 60],
    ['yellow', 40],
    ['red', 0],
  ];
  const band = (s: number) => (Number.isNaN(s) ? '' : (bands.find(([, m]) => s >= m)?.[0] ?? ''));
  const want = new Map<string, number>();
  for (const [, [s, from]] of second) {
    const k = `${from || 'none'}-${band(s) || 'none'}`;
    want.set(k, (want.get(k) ?? 0) + 1);
  }
  expect(want.get('lime-green') ?? 0).toBeGreaterThan(0);
  for (const from of ['green', 'lime', 'yellow', 'red'])
    for (const to of ['green', 'lime', 'yellow', 'red']) {
      const n = want.get(`${from}-${to}`) ?? 0;
      const cell = page.getByTestId(`cell-${from}-${to}`);
      if (n) await expect(cell, `${from}→${to}`).toHaveText(n.toLocaleString('en-US'));
      else await expect(cell, `${from}→${to}`).toHaveCount(0);
    }
  // Nothing stored by the preview.
  expect(await storedRuns(page)).toEqual(before);
  await page.getByTestId('what-if-discard').click();
  await expect(page.getByTestId('what-if')).toHaveCount(0);
  expect(await storedRuns(page)).toEqual(before);

  // The journey map's notice in Japanese.
  await page.evaluate(() => localStorage.setItem('waymark.lang', 'ja'));
  await page.reload();
  await waitReady(page);
  await openView(page, 'journey');
  await expect(
    page.getByTestId('live-bar').getByTestId('stale-model').getByTestId('what-if-preview'),
  ).toHaveText('現在のモデルをこの実行のデータで試す (保存しない)');
  await page
    .getByTestId('live-bar')
    .screenshot({ path: shotPath('journey-what-if-notice-ja.png') });
});
