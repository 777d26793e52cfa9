import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shotPath } from './shots';
import {
  createProject,
  currentProjectId,
  exportOpenProject,
  gotoApp,
  importProjectFile,
  openView,
  readStoredProject,
  waitSaved,
} from './helpers';

const FIX = join(process.cwd(), 'test/fixtures/history');
const CSMS = ['佐藤 花子', '鈴木 一郎', ''];

/** The cells of one CSV line (quoted cells may hold commas; "" is a quote). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

// Issue 14.3: a CTA owned by the person in the account's CSM column, not only by a role.
test('a CTA owned by the CSM field shows the person in the queue and its export', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Owners', template: 'demo' });
  await waitSaved(page);
  const project = JSON.parse(await exportOpenProject(page));
  project.meta.name = 'Owners with CSM';
  project.fields.fields.push({
    id: 'csm',
    label: { ja: '担当CSM', en: 'CSM' },
    type: 'string',
    required: false,
  });
  await importProjectFile(page, { name: 'owners.waymark.json', content: JSON.stringify(project) });
  await expect(page.getByTestId('message-success').filter({ hasText: 'Imported' })).toBeVisible();
  await page.waitForURL((u) => !u.hash.includes(project.id));
  const id = currentProjectId(page);

  // The accounts, each with a CSM (every third one blank: the role owns those).
  const lines = readFileSync(join(FIX, 'before.csv'), 'utf8').trim().split('\n');
  const csv = [lines[0] + ',csm', ...lines.slice(1).map((l, i) => `${l},${CSMS[i % 3]}`)];
  await openView(page, 'data');
  await page.getByTestId('data-file-input').setInputFiles({
    name: 'with-csm.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv.join('\n') + '\n', 'utf8'),
  });
  await page.getByTestId('import-run').click();
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('dataset-rows')).toContainText('200 accounts');

  // Every CTA: owner from the CSM field.
  await openView(page, 'ctas');
  const selects = page.getByLabel(/^Field naming the owner of /);
  await expect(selects.first()).toBeVisible();
  const n = await selects.count();
  expect(n).toBeGreaterThan(0);
  for (let k = 0; k < n; k++) await selects.nth(k).selectOption('csm');
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  expect(stored.ctas.map((c: { ownerField?: string }) => c.ownerField)).toEqual(
    Array(n).fill('csm'),
  );

  await openView(page, 'results');
  await page.getByTestId('run-asof').fill('2026-06-01');
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('run-info')).toContainText('as of 2026-06-01');
  await page.getByTestId('tab-ctas').click();
  const owners = page.getByTestId('queue-owner');
  await expect(owners.locator('option', { hasText: '佐藤 花子' })).toHaveCount(1);
  await owners.selectOption('佐藤 花子');
  const rows = page.getByTestId('queue-row');
  await expect(rows.first()).toBeVisible();
  const shown = await page.getByTestId('queue-owner-cell').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(new Set(shown)).toEqual(new Set(['佐藤 花子']));
  // Each such row's account really has 佐藤 花子 as its CSM in the data.
  const csmOf = new Map(
    csv.slice(1).map((l) => [l.split(',')[0], l.slice(l.lastIndexOf(',') + 1)] as const),
  );
  for (const a of await rows.locator('a').allTextContents()) expect(csmOf.get(a)).toBe('佐藤 花子');
  await page.screenshot({ path: shotPath('history-owner-queue.png') });

  // Accounts with a blank CSM stay with a role; the export names the person per row.
  await owners.selectOption('');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('queue-export').click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const [head, ...body] = text.trim().split(/\r\n/);
  const cols = head.split(',');
  const ownerAt = cols.indexOf('owner');
  expect(body.length).toBeGreaterThan(0);
  for (const l of body) {
    const cells = csvCells(l);
    const csm = csmOf.get(cells[0]);
    if (csm) expect(cells[ownerAt]).toBe(csm);
    else expect(['佐藤 花子', '鈴木 一郎']).not.toContain(cells[ownerAt]);
  }
});
