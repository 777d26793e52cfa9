import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import {
  createProject,
  currentProjectId,
  gotoApp,
  openView,
  readStoredProject,
  waitSaved,
} from './helpers';
import { shotPath } from './shots';
import { decodePng, inkShare } from '../../src/layout/testing/png';

// Issue 16 §6: draw the sales-proposal example from an empty diagram while the customer talks —
// six boxes, five input/output links, a synchronisation link beside an arrow between the same two
// boxes, holders typed on one line — and see exactly the expected findings, the one-person
// know-how first; dismiss one with a note; export a vector SVG that librsvg renders.

// Exact label: 提案書 is also the start of 提案書ドラフト.
const node = (page: Page, label: string) =>
  page
    .getByTestId('prep-node')
    .filter({ has: page.locator('.prep-node-label').getByText(label, { exact: true }) });

const BOXES = [
  { label: '顧客の要望', kind: 'deliverable', org: 'customer', holders: '山田、鈴木' },
  { label: '業界ノウハウ', kind: 'knowhow', org: 'vendor', holders: '佐藤' },
  { label: '提案書ドラフト', kind: 'deliverable', org: 'vendor', holders: '佐藤、田中' },
  { label: '見積書', kind: 'deliverable', org: 'vendor', holders: '田中, 高橋' },
  { label: '提案書', kind: 'deliverable', org: 'vendor', holders: '佐藤, 田中' },
  { label: '顧客承認', kind: 'deliverable', org: 'customer', holders: '山田、鈴木' },
] as const;

/** Drag from the source's output handle and drop on the middle of the target box (not its handle). */
async function link(page: Page, from: string, to: string) {
  const a = (await node(page, from).getByTestId('handle-out').boundingBox())!;
  const b = (await node(page, to).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.6, { steps: 12 });
  await page.mouse.up();
}

async function download(page: Page, testId: string) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

test('sales proposal from empty: the know-how held by one person comes first; dismiss; vector SVG', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Sales call' });
  await openView(page, 'diagrams');
  await expect(page.getByTestId('prep-empty')).toBeVisible();

  // Each new box opens its label for typing on the canvas; Enter commits it.
  for (const b of BOXES) {
    await page.getByTestId(`palette-${b.kind}`).click();
    const input = page.getByTestId('node-label-input');
    await expect(input).toBeFocused();
    await page.keyboard.type(b.label);
    await page.keyboard.press('Enter');
    await expect(input).toHaveCount(0);
    await expect(node(page, b.label)).toBeVisible();
    await page.getByTestId('inspector-organisation').fill(b.org);
  }
  await expect(page.getByTestId('prep-node')).toHaveCount(6);

  await link(page, '顧客の要望', '提案書ドラフト');
  await link(page, '業界ノウハウ', '提案書ドラフト');
  await link(page, '提案書ドラフト', '提案書');
  await link(page, '見積書', '提案書');
  await link(page, '提案書', '顧客承認');
  await expect(page.locator('.prep-edge-io')).toHaveCount(5);
  await page.getByTestId('link-kind').selectOption('sync');
  await link(page, '提案書', '顧客承認');
  await expect(page.locator('.prep-edge-sync')).toHaveCount(1);

  // No holders yet: one notice, not an error per box.
  await page.getByTestId('panel-findings').click();
  const notice = page.locator('[data-testid="finding"][data-rule="holders-not-recorded"]');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(
    'Holders not recorded for 5 deliverables: record them to check 属人化.',
  );
  await expect(
    page.locator('[data-testid="finding"][data-rule="single-person-dependency"]'),
  ).toHaveCount(0);
  await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-infos', '1');

  // One click opens a form for the five; holders typed as one line each become separate people.
  await notice.getByTestId('record-holders').click();
  const rows = page.getByTestId('holders-form-row');
  await expect(rows).toHaveCount(5);
  await page.screenshot({ path: shotPath('prep-holders-form.png') });
  for (const b of BOXES.slice(0, 5)) {
    const input = page
      .getByTestId('holders-form-row')
      .filter({ has: page.getByText(b.label, { exact: true }) })
      .getByTestId('holders-form-input');
    await input.fill(b.holders);
    await input.press('Enter');
  }
  await page.getByTestId('holders-form-done').click();
  // The final approval (nothing depends on it) through the inspector.
  await node(page, '顧客承認').click();
  await page.getByTestId('inspector-holders').fill(BOXES[5].holders);
  await page.getByTestId('inspector-holders').press('Enter');
  await expect(page.getByTestId('holder-chip')).toHaveText(['山田×', '鈴木×']);

  await page.getByTestId('panel-findings').click();
  const found = page.getByTestId('finding');
  const summary = async () =>
    (await found.evaluateAll((els) =>
      els.map(
        (e) =>
          `${(e as HTMLElement).dataset.rule}@${e.querySelector('.prep-finding-node')?.textContent}`,
      ),
    )) as string[];
  await expect
    .poll(summary)
    .toEqual([
      'single-person-dependency@業界ノウハウ',
      'insufficient-inputs@顧客承認',
      'missing-knowhow@提案書',
      'coordination-bottleneck@提案書',
      'missing-knowhow@顧客承認',
      'coordination-bottleneck@顧客承認',
    ]);
  await expect(page.getByTestId('findings-summary')).toHaveText('2 errors, 4 warnings');
  const first = found.first();
  await expect(first.getByTestId('finding-message')).toHaveText(
    'Only 佐藤 holds the know-how “業界ノウハウ”, and 3 deliverables depend on it.',
  );
  await expect(first.getByTestId('finding-question')).toHaveText(
    'Ask: If 佐藤 were away for a month, who else could produce “業界ノウハウ”, and from what material?',
  );
  await expect(first.getByTestId('finding-impact')).toHaveText(
    'Impact: 3 deliverables downstream · on the path to a final deliverable · across organisations',
  );
  await expect(first.getByTestId('finding-question')).toHaveCSS('font-style', 'normal');
  await page.screenshot({ path: shotPath('prep-findings-ranked.png') });

  // The arrow and the sync link between 提案書 and 顧客承認 are drawn apart; each can be selected.
  for (const kind of ['io', 'sync'] as const) {
    const path = page.locator(`.prep-edge-${kind}`).filter({ hasNot: page.locator('x') });
    const target = kind === 'io' ? path.last() : path.first();
    const p = await target.evaluate((el) => {
      const g = el as SVGPathElement;
      const pt = g.getPointAtLength(g.getTotalLength() / 2);
      const m = g.getScreenCTM()!;
      return { x: pt.x * m.a + m.e, y: pt.y * m.d + m.f };
    });
    await page.mouse.click(p.x, p.y);
    await expect(page.getByTestId('inspector-edge-kind')).toHaveValue(kind);
  }

  // Dismiss the know-how finding with a note: stored with the diagram, counted, listed.
  await page.getByTestId('panel-findings').click();
  await first.getByTestId('finding-dismiss').click();
  await page.getByTestId('dismiss-note').fill('田中さんも業界を担当できる');
  await page.getByTestId('dismiss-confirm').click();
  await expect(page.getByTestId('findings-summary')).toHaveText('1 error, 4 warnings');
  await expect(page.getByTestId('dismissed-toggle')).toContainText('1 dismissed');
  await expect(node(page, '業界ノウハウ').getByTestId('prep-marker')).toHaveCount(0);
  await page.getByTestId('dismissed-toggle').click();
  await expect(page.getByTestId('dismissed-note')).toHaveText('Note: 田中さんも業界を担当できる');
  await waitSaved(page);
  const stored = await readStoredProject(page, currentProjectId(page));
  const diagram = stored.diagrams[0];
  expect(diagram.reviews).toEqual([
    expect.objectContaining({
      key: `single-person-dependency@${await node(page, '業界ノウハウ').getAttribute('data-node-id')}`,
      status: 'dismissed',
      note: '田中さんも業界を担当できる',
    }),
  ]);
  // The stored holders are separate people.
  const holders = Object.fromEntries(
    diagram.nodes.map((n: { label: string; holders: string[] }) => [n.label, n.holders]),
  );
  expect(holders['見積書']).toEqual(['田中', '高橋']);
  expect(holders['業界ノウハウ']).toEqual(['佐藤']);
  expect(diagram.edges).toHaveLength(6);

  // The report lists the dismissed finding in its own section.
  const md = (await download(page, 'export-report-md')).bytes.toString('utf8');
  expect(md).toContain('## Dismissed findings (1)');
  expect(md).toMatch(/## 1\. Error: Insufficient inputs/);

  // SVG: real vector, rendered by librsvg (not Chromium): not blank, every label present.
  const svg = await download(page, 'export-svg');
  const text = svg.bytes.toString('utf8');
  expect(text).not.toContain('foreignObject');
  for (const b of BOXES) expect(text).toContain(`>${b.label}<`);
  const png = decodePng(execFileSync('rsvg-convert', ['--format', 'png'], { input: svg.bytes }));
  expect(png.width).toBeGreaterThan(400);
  expect(inkShare(png)).toBeGreaterThan(0.01);
});
