import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { compilePlaybook, scoreSheet, scoreTable, withActivity } from '../../src/engine';
import { buildQueue } from '../../src/engine/ctaQueue';
import { ctaLifecycle, lifecycleKey } from '../../src/engine/lifecycle';
import { legacyQueueCsv, legacyScoresCsv } from '../../src/engine/testing/legacyExports';
import { generateDemoTable } from '../../src/data/demo/generate';
import { playbookFromProject, Project } from '../../src/model';
import { i18next, initI18n } from '../../src/i18n';
import { resultLabels } from '../../src/ui/results/labels';
import { filterQueue } from '../../src/ui/results/queue';
import { createProject, gotoApp, openView, readStoredProject } from './helpers';
import { shotPath } from './shots';

// Issue 17 point 5: the exports are written by a worker in chunks, with progress and cancel.
// What is downloaded (or written into the picked file) must be byte for byte what the page
// wrote before as one string: the expected files are made here in Node by that old code
// (src/engine/testing/legacyExports.ts) from the same generated accounts and playbook.
const ROWS = 20_000;
const SEED = 42;
const AS_OF = '2026-11-01';

/** Every state the export line went through (the line changes faster than a poll). */
async function watchProgress(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: [number, number][] };
    w.__progress = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="export-progress"]');
      if (el)
        w.__progress.push([
          Number(el.getAttribute('data-done')),
          Number(el.getAttribute('data-total')),
        ]);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}
const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __progress: [number, number][] }).__progress);

/** A picker that hands out a file in the origin-private file system, so the test can read it. */
async function stubPicker(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (o: {
      suggestedName: string;
    }) => (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true });
  });
}
const opfsFile = (page: Page, name: string) =>
  page.evaluate(async (n) => {
    const f = await (await (await navigator.storage.getDirectory()).getFileHandle(n)).getFile();
    const b = new Uint8Array(await f.arrayBuffer());
    let s = '';
    for (let i = 0; i < b.length; i += 0x8000)
      s += String.fromCharCode(...b.subarray(i, i + 0x8000));
    return btoa(s);
  }, name);

test('exports stream from a worker with progress and cancel, and equal the old files byte for byte', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await gotoApp(page, { lang: 'en' });
  // From the demo template (the seeded demo project also reads activity files).
  const id = await createProject(page, { name: 'Export', template: 'demo' });
  await openView(page, 'data');
  await page.getByTestId('demo-rows').fill(String(ROWS));
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('import-save')).toBeEnabled();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('20,000');
  await openView(page, 'results');
  await page.getByTestId('run-asof').fill(AS_OF);
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('kpi-accounts')).toHaveText('20,000', { timeout: 60_000 });

  // The expected files, from the old code in Node.
  const project = Project.parse(await readStoredProject(page, id));
  const pb = { ...playbookFromProject(project), asOf: AS_OF };
  const c = compilePlaybook(pb, { asOf: AS_OF });
  if (!c.ok) throw new Error('demo playbook does not compile');
  const table = withActivity(c.compiled, generateDemoTable({ rows: ROWS, seed: SEED }), {}, AS_OF);
  const r = scoreTable(c.compiled, table, { asOf: AS_OF });
  initI18n('en');
  const t = i18next.getFixedT('en', 'results');
  const tw = i18next.getFixedT('en', 'resultsWork');
  const labels = resultLabels(project, t);
  const sheetLabels = {
    ...labels,
    headers: {
      segment: tw('export.segmentLabel'),
      stage: tw('export.stageLabel'),
      color: tw('export.colorLabel'),
    },
  };
  const all = Int32Array.from({ length: r.rowCount }, (_, i) => i);
  const q = buildQueue(r);
  // First stored run: every CTA is new, none is marked.
  const life = await ctaLifecycle(r, async () => null);
  const idx = filterQueue(
    q,
    r,
    table,
    pb.fields,
    { sort: 'priority', status: 'open' },
    {
      // By queue entry: the runs its CTA fired in (none is marked).
      runs: Uint16Array.from(
        { length: q.length },
        (_, k) =>
          life.episodes.get(lifecycleKey(r.accountIds[q.row[k]], r.ctas[q.cta[k]].dedupeKey))
            ?.runs ?? 0,
      ),
      markedRows: new Set<number>(),
      marked: () => false,
    },
  );
  const queueWant = Buffer.from(
    legacyQueueCsv(q, idx, r, table, pb, labels, (row, k) => {
      const e = life.episodes.get(lifecycleKey(r.accountIds[row], r.ctas[k].dedupeKey));
      return {
        status: !e ? '' : e.isNew ? 'new' : 'continuing',
        runs: e?.runs ?? 0,
        since: e?.since ?? '',
        mark: '',
        until: '',
        reason: '',
      };
    }),
  );
  const scoresWant = Buffer.from(legacyScoresCsv(r, sheetLabels, all));

  // CTA queue: downloaded (headless Chromium closes a real save dialog at once: download).
  await page.getByTestId('tab-ctas').click();
  await expect(page.getByTestId('queue-lifecycle')).toBeVisible();
  await watchProgress(page);
  const [queueDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('queue-export').click(),
  ]);
  expect(queueDl.suggestedFilename()).toBe(`cta-queue-${AS_OF}.csv`);
  const queueGot = readFileSync((await queueDl.path())!);
  expect(queueGot.length).toBe(queueWant.length);
  expect(queueGot.equals(queueWant)).toBe(true);
  await expect(page.getByTestId('export-done')).toContainText(
    `the CTA queue (CSV) handed to the browser as the download cta-queue-${AS_OF}.csv`,
  );
  const seen = await progressSeen(page);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every(([, total]) => total === idx.length || total === 0)).toBe(true);

  // Scores CSV, all rows in table order: downloaded, then written into a picked file.
  await page.getByTestId('tab-accounts').click();
  await expect(page.getByTestId('account-count')).toHaveAttribute('data-count', String(ROWS));
  const [csvDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-scores-csv').click(),
  ]);
  expect(readFileSync((await csvDl.path())!).equals(scoresWant)).toBe(true);
  await stubPicker(page);
  await page.getByTestId('export-scores-csv').click();
  await expect(page.getByTestId('export-done')).toContainText(
    `the scores (CSV) saved to scores-${AS_OF}.csv`,
  );
  expect(
    Buffer.from(await opfsFile(page, `scores-${AS_OF}.csv`), 'base64').equals(scoresWant),
  ).toBe(true);

  // XLSX into a picked file, cancelled while it runs: the file keeps nothing of it.
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('export-scores-xlsx').click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  await expect(page.getByTestId('export-scores-csv')).toBeDisabled();
  await page.screenshot({ path: shotPath('results-export-progress.png') });
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-cancelled')).toContainText(
    `Export of the scores (Excel) cancelled: nothing was written to scores-${AS_OF}.xlsx.`,
  );
  await expect(page.getByTestId('export-done')).toHaveCount(0);
  await page.screenshot({ path: shotPath('results-export-cancelled.png') });
  expect(Buffer.from(await opfsFile(page, `scores-${AS_OF}.xlsx`), 'base64').length).toBe(0);

  // XLSX downloaded in full, then cancelled as a download: no download is started.
  await page.evaluate(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  const [xlsxDl] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId('export-scores-xlsx').click(),
  ]);
  const before = downloads;
  // Same workbook as write-excel-file makes from the old cells (the zip's dates differ).
  const sheet = scoreSheet(r, sheetLabels, all);
  const want = unzipSync(
    await writeXlsxFile(
      [
        sheet.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
        ...sheet.rows.map((row) => row.map((v) => (v === null || v === '' ? null : { value: v }))),
      ],
      { sheet: tw('export.sheet') },
    ).toBuffer(),
  );
  const got = unzipSync(readFileSync((await xlsxDl.path())!));
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const k of Object.keys(want)) expect(strFromU8(got[k]), k).toBe(strFromU8(want[k]));
  await expect(page.getByTestId('export-done')).toContainText('the scores (Excel)');
  await page.screenshot({ path: shotPath('results-export-done.png') });
  await page.getByTestId('export-scores-xlsx').click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-cancelled')).toContainText('nothing was downloaded');
  await page.waitForTimeout(1500);
  expect(downloads).toBe(before);
});
