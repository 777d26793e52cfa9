import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoTable } from '../../src/data/demo/generate';
import { tableToCsv } from '../../src/data/tableCsv';
import { sjis } from '../../src/data/testing/sjisEncode';
import { demoContractForTests } from './dataContract';
import { gotoApp, openProject } from './helpers';
import { shotPath } from './shots';

/**
 * A file of a few MB is read in two parts by two workers (issue 17): the report says so, and
 * the stored dataset is byte for byte the one the one-pass import stores, with the same
 * warnings. The file has a bad number, a duplicate key in the other half from its first
 * occurrence, and a quoted line break exactly where the file is cut in two.
 */
function makeFile(): { path: string; rows: number } {
  const rows = 30_000;
  const csv = tableToCsv(generateDemoTable({ rows, seed: 21 }), demoContractForTests(), {
    headers: 'ja',
  });
  const lines = csv.split('\n');
  // Row 101 (line index 100): an MRR that is not a number; the last row repeats row 3's id.
  const cells = (i: number) => lines[i].split(',');
  const mrrCol = cells(0).indexOf('MRR');
  expect(mrrCol).toBeGreaterThan(0);
  const bad = cells(100);
  bad[mrrCol] = 'twelve';
  lines[100] = bad.join(',');
  const dup = cells(lines.length - 2);
  dup[0] = cells(2)[0];
  lines[lines.length - 2] = dup.join(',');
  // A company name with a line break, placed so the cut (the first line feed after the middle
  // byte) falls inside its quotes: the second part's first guess is wrong and is read again.
  const enc = new TextEncoder();
  let cutInQuotes = false;
  for (let attempt = 0; attempt < 10 && !cutInQuotes; attempt++) {
    const bytes = enc.encode(lines.join('\n'));
    const mid = Math.round(bytes.length / 2);
    let at = 0;
    let line = 0;
    while (at + enc.encode(lines[line]).length + 1 <= mid)
      at += enc.encode(lines[line++]).length + 1;
    const c = cells(line);
    c[1] = `"${'x'.repeat(Math.max(0, mid - at - c[0].length - 2))}\nSecond line"`;
    lines[line] = c.join(',');
    const b = enc.encode(lines.join('\n'));
    const cut = b.indexOf(0x0a, Math.round(b.length / 2)) + 1;
    cutInQuotes = new TextDecoder().decode(b.subarray(cut, cut + 11)) === 'Second line';
  }
  expect(cutInQuotes).toBe(true);
  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'parallel-30k.csv');
  writeFileSync(path, lines.join('\n'));
  return { path, rows };
}

/** SHA-256 of the newest stored dataset's chunks (typed arrays as bytes) and its columns. */
async function storedDigest(page: Page): Promise<{ rows: number; hash: string }> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('waymark');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = <T>(store: string): Promise<T[]> =>
      new Promise((res, rej) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => res(r.result as T[]);
        r.onerror = () => rej(r.error);
      });
    type Meta = { id: string; createdAt: string; rowCount: number; columns: unknown };
    const metas = (await all<Meta>('datasets')).sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    const meta = metas[metas.length - 1];
    const chunks = (await all<{ datasetId: string; index: number; data: unknown }>('datasetChunks'))
      .filter((c) => c.datasetId === meta.id)
      .sort((a, b) => a.index - b.index);
    const parts: Uint8Array[] = [new TextEncoder().encode(JSON.stringify(meta.columns))];
    const walk = (v: unknown): void => {
      if (ArrayBuffer.isView(v)) parts.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      else if (v && typeof v === 'object')
        for (const k of Object.keys(v).sort()) {
          parts.push(new TextEncoder().encode(k));
          walk((v as Record<string, unknown>)[k]);
        }
      else parts.push(new TextEncoder().encode(JSON.stringify(v)));
    };
    for (const c of chunks) walk(c.data);
    const size = parts.reduce((n, p) => n + p.length, 0);
    const all8 = new Uint8Array(size);
    let o = 0;
    for (const p of parts) {
      all8.set(p, o);
      o += p.length;
    }
    const h = new Uint8Array(await crypto.subtle.digest('SHA-256', all8));
    db.close();
    return {
      rows: meta.rowCount,
      hash: Array.from(h, (b) => b.toString(16).padStart(2, '0')).join(''),
    };
  });
}

/** The import worker's phases of the last import (its console: `waymark-import-phases {...}`). */
let phases: Record<string, number & number[]> = {};

async function importAndSave(page: Page, path: string, parts: number, readFor = 0, first = false) {
  await page.evaluate((p) => localStorage.setItem('waymark.importParts', String(p)), parts);
  // The Data view opened starts the import worker and its helpers before any file is picked
  // (and again when it is back to no file, after a save).
  const prepared =
    first &&
    page.waitForEvent('console', {
      predicate: (m) => m.text() === 'waymark-import-prepared',
      timeout: 30_000,
    });
  await openProject(page, 'demo', 'data');
  await prepared;
  phases = {};
  const onConsole = (m: { text(): string }) => {
    const ph = /^waymark-import-phases (.*)$/.exec(m.text());
    if (ph) phases = JSON.parse(ph[1]) as typeof phases;
  };
  page.on('console', onConsole);
  await page.getByTestId('data-file-input').setInputFiles(path);
  // The user reads the preview for a while (the one pass's column memory is faulted in then).
  if (readFor) {
    await expect(page.getByTestId('import-run')).toBeEnabled();
    await page.waitForTimeout(readFor);
  }
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  const report = {
    read: await page.getByTestId('report-rows-read').textContent(),
    imported: await page.getByTestId('report-rows-imported').textContent(),
    errors: await page.getByTestId('report-errors').textContent(),
    warnings: await page.getByTestId('report-warnings').textContent(),
    duplicates: await page.getByTestId('report-duplicates').textContent(),
    issues: await page.getByTestId('report-issues').innerText(),
    parts: await page.getByTestId('import-parts').count(),
    partsText: (await page.getByTestId('import-parts').count())
      ? await page.getByTestId('import-parts').textContent()
      : '',
  };
  if (parts > 1) await page.screenshot({ path: shotPath('data-parallel-import-report.png') });
  const confirm = page.getByTestId('replace-confirm');
  if (await confirm.count()) await confirm.check();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('29,998', { timeout: 60_000 });
  page.off('console', onConsole);
  return { report, stored: await storedDigest(page) };
}

test('a file of a few MB is read in two parts and stores what the one-pass import stores', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { path, rows } = makeFile();
  await gotoApp(page, { lang: 'en' });
  // Two parts after a second on the preview: the fault worker faulted in both parts' columns
  // meanwhile (the range worker's went with its job; the first part's, with room for the whole
  // file, moved in between blocks), and every column of both moved.
  const fields = demoContractForTests().fields.length;
  const parallel = await importAndSave(page, path, 2, 1000, true);
  expect(phases.partFaulted).toEqual([fields, fields]);
  // …by a fault worker started with the Data view, ready before the file's preview began.
  expect(phases.faultReady).toBeLessThan(phases.inspectAt);
  expect(parallel.report.parts).toBe(1);
  expect(parallel.report.partsText).toContain('Read in 2 parts in parallel');
  expect(parallel.report.read).toBe(String(rows).replace(/\B(?=(\d{3})+$)/g, ','));
  expect(parallel.report.duplicates).toBe('1');
  expect(parallel.report.issues).toContain('twelve');
  expect(parallel.report.issues).toContain('101');
  expect(parallel.stored.rows).toBe(rows - 2);

  // One pass after a second on the preview: every column moved into memory faulted in by the
  // fault worker meanwhile (columnFaults.ts), and still the same dataset.
  const serial = await importAndSave(page, path, 1, 1000);
  expect(serial.report.parts).toBe(0);
  expect(phases.faulted).toBe(fields);
  expect({ ...parallel.report, parts: 0, partsText: '' }).toEqual(serial.report);
  expect(parallel.stored).toEqual(serial.stored);

  // Two parts clicked at once: the memory arrives while they parse (some columns move, some
  // not), and the dataset is still the same.
  const atOnce = await importAndSave(page, path, 2);
  expect(atOnce.report.partsText).toContain('Read in 2 parts in parallel');
  expect(atOnce.stored).toEqual(serial.stored);
});

test('a Shift_JIS file is read in two streamed parts and stores what the one-pass import stores', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { path, rows } = makeFile();
  const sjisPath = path.replace(/\.csv$/, '-sjis.csv');
  writeFileSync(sjisPath, sjis(readFileSync(path, 'utf8')));
  await gotoApp(page, { lang: 'en' });
  // Both parts streamed as Shift_JIS bytes (a part read whole takes no faulted memory): every
  // column of both moved into the memory faulted in while the preview was read.
  const fields = demoContractForTests().fields.length;
  const parallel = await importAndSave(page, sjisPath, 2, 1000);
  expect(phases.partFaulted).toEqual([fields, fields]);
  expect(parallel.report.partsText).toContain('Read in 2 parts in parallel');
  expect(parallel.report.duplicates).toBe('1');
  expect(parallel.stored.rows).toBe(rows - 2);
  const serial = await importAndSave(page, sjisPath, 1, 1000);
  expect(serial.report.parts).toBe(0);
  expect({ ...parallel.report, parts: 0, partsText: '' }).toEqual(serial.report);
  expect(parallel.stored).toEqual(serial.stored);
});
