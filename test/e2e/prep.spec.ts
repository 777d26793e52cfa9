import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createProject, currentProjectId, gotoApp, openView, readStoredProject, waitReady, waitSaved } from './helpers';

// The PReP user story (issue 4 §7): draw the feature-addition example from an empty diagram with
// the palette and handles, see the insufficient-inputs and single-person findings, fix the
// diagram and see them go, undo, export PNG and SVG, reload with everything kept.

const node = (page: Page, label: string) => page.getByTestId('prep-node').filter({ hasText: label });
const finding = (page: Page, rule: string) => page.locator(`[data-testid="finding"][data-rule="${rule}"]`);

async function addBox(page: Page, kind: 'deliverable' | 'knowhow', label: string, holders: string[], org: string) {
  await page.getByTestId(`palette-${kind}`).click();
  const insp = page.getByTestId('prep-inspector');
  await insp.getByTestId('inspector-label').fill(label);
  await insp.getByTestId('inspector-holders').fill(holders.join('\n'));
  await insp.getByTestId('inspector-organisation').fill(org);
  await expect(node(page, label)).toBeVisible();
}

async function connect(page: Page, from: string, to: string) {
  const a = (await node(page, from).getByTestId('handle-out').boundingBox())!;
  const b = (await node(page, to).getByTestId('handle-in').boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Decode an image in the page: its size, and how many distinct colours a grid of samples has. */
async function inspectImage(page: Page, dataUrl: string) {
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<string>();
    for (let y = 0; y < c.height; y += 3) for (let x = 0; x < c.width; x += 3) {
      const i = (y * c.width + x) * 4;
      colours.add(`${px[i]},${px[i + 1]},${px[i + 2]},${px[i + 3]}`);
    }
    return { width: img.naturalWidth, height: img.naturalHeight, colours: colours.size };
  }, dataUrl);
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

test('draw the feature-addition example, see the findings, fix them, undo, export, reload', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Feature call' });
  await openView(page, 'diagrams');
  await expect(page.getByTestId('prep-empty')).toBeVisible();

  // Naive: customer request list → additional service ⇢ approval.
  await addBox(page, 'deliverable', 'Customer request list', ['CSM'], 'customer');
  await addBox(page, 'deliverable', 'Additional service', ['PM'], 'vendor');
  await addBox(page, 'deliverable', 'Approval', ['Customer manager'], 'customer');
  await connect(page, 'Customer request list', 'Additional service');
  await page.getByTestId('link-kind').selectOption('sync');
  await connect(page, 'Additional service', 'Approval');
  await expect(page.locator('.prep-edge-io')).toHaveCount(1);
  await expect(page.locator('.prep-edge-sync')).toHaveCount(1);

  await page.getByTestId('panel-findings').click();
  const svcId = await node(page, 'Additional service').getAttribute('data-node-id');
  const reqId = await node(page, 'Customer request list').getAttribute('data-node-id');
  await expect(finding(page, 'insufficient-inputs')).toHaveCount(1);
  await expect(finding(page, 'insufficient-inputs')).toHaveAttribute('data-node-id', svcId!);
  await expect(finding(page, 'single-person-dependency')).toHaveAttribute('data-node-id', reqId!);
  await expect(finding(page, 'insufficient-inputs')).toContainText('What else do you look at');
  await expect(page.getByTestId('findings-summary')).toHaveText('2 errors, 3 warnings');
  await expect(node(page, 'Additional service').getByTestId('prep-marker')).toBeVisible();

  // Clicking a finding selects its box.
  await finding(page, 'insufficient-inputs').click();
  await expect(node(page, 'Additional service')).toHaveClass(/is-selected/);

  // Fix: the service also needs development know-how (held by two engineers), and the request
  // list is kept by two people.
  await page.getByTestId('link-kind').selectOption('io');
  await addBox(page, 'knowhow', 'Development know-how', ['Lead engineer', 'Senior engineer'], 'vendor');
  await connect(page, 'Development know-how', 'Additional service');
  await node(page, 'Customer request list').click();
  await page.getByTestId('inspector-holders').fill('CSM\nSales');
  await page.getByTestId('panel-findings').click();
  await expect(finding(page, 'insufficient-inputs')).toHaveCount(0);
  await expect(finding(page, 'single-person-dependency')).toHaveCount(0);
  await expect(finding(page, 'missing-knowhow')).toHaveCount(0);
  await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-errors', '0');
  await expect(node(page, 'Additional service').getByTestId('prep-marker')).toHaveAttribute('class', /warn/);

  // Undo brings the single-person finding back (one step for the whole holders edit); redo removes it.
  await page.getByTestId('undo').click();
  await expect(finding(page, 'single-person-dependency')).toHaveCount(1);
  await page.getByTestId('redo').click();
  await expect(finding(page, 'single-person-dependency')).toHaveCount(0);

  // A label that must be escaped in SVG.
  const tricky = 'Service <v2> & "beta"';
  await node(page, 'Additional service').click();
  await page.getByTestId('inspector-label').fill(tricky);
  await expect(node(page, tricky)).toBeVisible();

  const png = await download(page, 'export-png');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  const pngInfo = await inspectImage(page, `data:image/png;base64,${png.bytes.toString('base64')}`);
  expect(pngInfo.width).toBeGreaterThan(300);
  expect(pngInfo.height).toBeGreaterThan(100);
  expect(pngInfo.colours).toBeGreaterThan(5);

  const svg = await download(page, 'export-svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toContain('Service &lt;v2&gt; &amp;');
  expect(svgText).not.toContain('<v2>');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, text: doc.documentElement.textContent ?? '' };
  }, svgText);
  expect(parsed.error).toBeNull();
  expect(parsed.text).toContain(tricky);
  const svgInfo = await inspectImage(page, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`);
  expect(svgInfo.width).toBeGreaterThan(300);
  expect(svgInfo.colours).toBeGreaterThan(5);

  const json = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8'));
  expect(json.nodes).toHaveLength(4);
  expect(json.edges).toHaveLength(3);

  // Auto-layout in the worker (real CSP), ELK's routes kept on the edges, one undo step.
  await page.getByTestId('layout-run').click();
  const id = currentProjectId(page);
  type Doc = { diagrams: { edges: { route?: unknown[] }[]; nodes: { size?: { width: number } }[] }[] };
  const laidOut = async () => {
    const stored = (await readStoredProject(page, id)) as Doc;
    const d = stored.diagrams[0];
    return d.edges.every((e) => (e.route?.length ?? 0) >= 2) && d.nodes.every((n) => (n.size?.width ?? 0) > 100);
  };
  await expect.poll(laidOut, { timeout: 20_000 }).toBe(true);
  // One undo step takes the whole layout back; redo re-applies it.
  await page.getByTestId('undo').click();
  await expect.poll(laidOut, { timeout: 10_000 }).toBe(false);
  await page.getByTestId('redo').click();
  await expect.poll(laidOut, { timeout: 10_000 }).toBe(true);
  await waitSaved(page);

  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('prep-node')).toHaveCount(4);
  await expect(node(page, tricky)).toBeVisible();
  await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-errors', '0');
  await expect(page.locator('.prep-edge-sync')).toHaveCount(1);
});
