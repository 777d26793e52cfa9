import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import {
  createProject,
  currentProjectId,
  gotoApp,
  openView,
  readStoredProject,
  waitSaved,
} from './helpers';

// Issue 16 §3, §4 and §2's last points, in Japanese: organisations as lanes (each box in its
// lane, links across organisations emphasised, the free view's placement kept), as-is / to-be
// marked on the canvas, a link dropped near a box's top attached there, undo naming its step
// and going to the diagram it belongs to.

type Node = {
  id: string;
  label: string;
  organisation: string;
  position: { x: number; y: number };
};
type Doc = {
  diagrams: {
    id: string;
    name: string;
    nodes: Node[];
    edges: { id: string; source: string; target: string; targetSide?: string }[];
  }[];
};
async function stored(page: Page): Promise<Doc> {
  await waitSaved(page);
  return (await readStoredProject(page, currentProjectId(page))) as Doc;
}
const box = (page: Page, id: string) =>
  page.locator(`[data-testid="prep-node"][data-node-id="${id}"]`);
/** React Flow's own placement of a box (translate of its wrapper), in flow coordinates. */
async function flowPos(page: Page, id: string) {
  const t = await page
    .locator(`.react-flow__node[data-id="${id}"]`)
    .evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(t)!;
  return { x: Number(m[1]), y: Number(m[2]) };
}

test('lane view: each box in its organisation’s lane, cross-organisation links emphasised, free placement kept', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'ja' });
  await createProject(page, { name: 'レーン', template: 'prep-feature' });
  await openView(page, 'diagrams');
  await page.getByTestId('diagram-tab').nth(1).click();
  await expect(page.getByTestId('prep-node')).toHaveCount(5);
  const doc = await stored(page);
  const d = doc.diagrams[1];
  const free = Object.fromEntries(
    await Promise.all(d.nodes.map(async (n) => [n.id, await flowPos(page, n.id)] as const)),
  );

  await page.getByTestId('view-lanes').click();
  await expect(page.getByTestId('prep-canvas')).toHaveAttribute('data-view', 'lanes');
  const lanes = page.getByTestId('lane');
  // customer first, then vendor (stable order by role), as the template's boxes say.
  await expect(lanes).toHaveCount(2);
  await expect(lanes.nth(0)).toHaveAttribute('data-role', 'customer');
  await expect(lanes.nth(1)).toHaveAttribute('data-role', 'vendor');
  await expect(page.getByTestId('lane-header').nth(0)).toContainText('顧客');
  // The view fits the lanes, headers included (not only the boxes).
  await page.waitForTimeout(500);
  const canvas = (await page.getByTestId('prep-canvas').boundingBox())!;
  for (const h of await page.getByTestId('lane-header').all()) {
    const hb = (await h.boundingBox())!;
    expect(hb.x).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(hb.y).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(hb.y + hb.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }

  // Every box lies inside its lane's band (on screen), right of the header.
  for (const n of d.nodes) {
    const lane = page.locator(`[data-testid="lane"][data-lane="${n.organisation}"]`);
    const l = (await lane.boundingBox())!;
    const h = (await lane.getByTestId('lane-header').boundingBox())!;
    const b = (await box(page, n.id).boundingBox())!;
    expect(b.y, `${n.label} top`).toBeGreaterThanOrEqual(l.y);
    expect(b.y + b.height, `${n.label} bottom`).toBeLessThanOrEqual(l.y + l.height + 0.5);
    expect(b.x, `${n.label} left of the header`).toBeGreaterThan(h.x + h.width);
  }
  // Links whose ends are in different organisations are drawn emphasised; the legend counts them.
  const orgOf = new Map(d.nodes.map((n) => [n.id, n.organisation]));
  const cross = d.edges.filter((e) => orgOf.get(e.source) !== orgOf.get(e.target)).length;
  expect(cross).toBeGreaterThan(0);
  await expect(page.locator('.react-flow__edge-path.prep-edge-cross')).toHaveCount(cross);
  await expect(page.getByTestId('lane-legend')).toContainText(`組織をまたぐリンク ${cross} 本`);
  // Boxes cannot be dragged out of their lanes; auto-layout belongs to the free view.
  await expect(page.getByTestId('layout-run')).toBeDisabled();
  await page.screenshot({ path: shotPath('prep-lanes-ja.png') });

  // Back to the free view: the boxes are where they were, the document untouched.
  await page.getByTestId('view-free').click();
  for (const n of d.nodes) expect(await flowPos(page, n.id)).toEqual(free[n.id]);
  const after = await stored(page);
  expect(after.diagrams[1].nodes.map((n) => n.position)).toEqual(d.nodes.map((n) => n.position));
  await expect(page.getByTestId('lane')).toHaveCount(0);
});

test('compare: as-is and to-be picked by name, the difference marked on the to-be’s canvas', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'ja' });
  await createProject(page, { name: '健康経営', template: 'prep-health' });
  await openView(page, 'diagrams');
  const doc = await stored(page);
  const [asIs, toBe] = doc.diagrams;
  // Open on the as-is: the default pair is still as-is → to-be, by their names.
  await page.getByTestId('diagram-tab').nth(0).click();
  await page.getByTestId('panel-compare').click();
  await expect(page.getByTestId('compare-from')).toHaveValue(asIs.id);
  await expect(page.getByTestId('compare-to')).toHaveValue(toBe.id);
  await expect(page.getByTestId('compare-rule')).toContainText('名前で選びました');
  // The as-is canvas is not the to-be: one click opens the to-be with the marks.
  await expect(page.getByTestId('diff-legend')).toHaveCount(0);
  await page.getByTestId('compare-open-to').click();
  await expect(page.getByTestId('prep-view')).toHaveAttribute('data-diagram-id', toBe.id);
  await expect(page.getByTestId('prep-compare')).toBeVisible();

  // What the panel lists is what the canvas marks.
  const added = Number(await page.getByTestId('compare-added').getAttribute('data-count'));
  const removed = Number(await page.getByTestId('compare-removed').getAttribute('data-count'));
  const changed = Number(await page.getByTestId('compare-changed').getAttribute('data-count'));
  // Expected from the documents themselves: matched by id, then by label.
  const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  const toIds = new Set(toBe.nodes.map((n) => n.id));
  const toLabels = new Set(toBe.nodes.map((n) => norm(n.label)));
  const gone = asIs.nodes.filter((n) => !toIds.has(n.id) && !toLabels.has(norm(n.label)));
  expect(removed).toBe(gone.length);
  expect(added).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="prep-node"][data-diff="added"]')).toHaveCount(added);
  await expect(page.locator('[data-testid="prep-node"][data-diff="changed"]')).toHaveCount(changed);
  await expect(page.getByTestId('ghost-node')).toHaveCount(removed);
  for (const g of gone)
    await expect(page.locator(`[data-testid="ghost-node"][data-node-id="${g.id}"]`)).toContainText(
      g.label,
    );
  const legend = page.getByTestId('diff-legend');
  await expect(legend).toContainText(`追加したボックス (${added})`);
  await expect(legend).toContainText(`「${asIs.name}」→「${toBe.name}」`);
  await expect(page.locator('.react-flow__edge-path.prep-edge-added').first()).toBeVisible();
  await page.screenshot({ path: shotPath('prep-compare-canvas-ja.png') });

  // The marks can be turned off; they are not part of the diagram.
  await page.getByTestId('compare-show').uncheck();
  await expect(page.locator('[data-testid="prep-node"][data-diff="added"]')).toHaveCount(0);
  await expect(page.getByTestId('ghost-node')).toHaveCount(0);
  const again = await stored(page);
  expect(again.diagrams).toEqual(doc.diagrams);
});

test('a link dropped near a box’s top attaches there; undo names the step and goes to its diagram', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'ja' });
  await createProject(page, { name: '元に戻す' });
  await openView(page, 'diagrams');
  if (await page.getByTestId('diagram-create-first').isVisible())
    await page.getByTestId('diagram-create-first').click();
  for (const label of ['要望', '提案書', '見積書']) {
    await page.getByTestId('palette-deliverable').click();
    await page.getByTestId('node-label-input').fill(label);
    await page.getByTestId('node-label-input').press('Enter');
  }
  await expect(page.getByTestId('prep-node')).toHaveCount(3);
  const undo = page.getByTestId('undo');
  await expect(undo).toHaveAttribute('title', /^元に戻す: ラベルを編集/);

  // A link dragged from 要望 and dropped just inside 見積書's top edge arrives at its top side.
  let doc = await stored(page);
  const id = (label: string) => doc.diagrams[0].nodes.find((n) => n.label === label)!.id;
  const out = (await box(page, id('要望')).getByTestId('handle-out').boundingBox())!;
  const target = (await box(page, id('見積書')).boundingBox())!;
  await page.mouse.move(out.x + out.width / 2, out.y + out.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width * 0.5, target.y + 4, { steps: 12 });
  await page.mouse.up();
  doc = await stored(page);
  expect(doc.diagrams[0].edges).toHaveLength(1);
  expect(doc.diagrams[0].edges[0]).toMatchObject({
    source: id('要望'),
    target: id('見積書'),
    targetSide: 'top',
  });
  // And one dropped near the left edge keeps the input side (no side stored).
  const out2 = (await box(page, id('提案書')).getByTestId('handle-out').boundingBox())!;
  await page.mouse.move(out2.x + out2.width / 2, out2.y + out2.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 6, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  doc = await stored(page);
  expect(doc.diagrams[0].edges).toHaveLength(2);
  expect(doc.diagrams[0].edges[1].targetSide).toBeUndefined();

  // A second diagram (its own tab), then back to the first.
  const first = doc.diagrams[0].id;
  await page.getByTestId('diagram-add').click();
  await expect(page.getByTestId('prep-view')).not.toHaveAttribute('data-diagram-id', first);
  const second = await page.getByTestId('prep-view').getAttribute('data-diagram-id');
  await page.getByTestId('diagram-tab').nth(0).click();
  await expect(page.getByTestId('prep-view')).toHaveAttribute('data-diagram-id', first);

  // Move all three boxes with the mouse: one step, named for what it did.
  const before = (await stored(page)).diagrams[0].nodes.map((n) => n.position);
  await page.getByTestId('prep-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  const b = (await box(page, id('提案書')).boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + 12);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 60, b.y + 72, { steps: 10 });
  await page.mouse.up();
  await expect(undo).toHaveAttribute('title', '元に戻す: 3 個のボックスを移動 (Ctrl+Z / ⌘Z)');
  const moved = (await stored(page)).diagrams[0].nodes.map((n) => n.position);
  expect(moved).not.toEqual(before);

  // From the other diagram the tooltip says where the step belongs; undo goes there and undoes it.
  await page.getByTestId('diagram-tab').nth(1).click();
  await expect(page.getByTestId('prep-view')).toHaveAttribute('data-diagram-id', second!);
  const name = doc.diagrams[0].name;
  await expect(undo).toHaveAttribute(
    'title',
    `元に戻す: 3 個のボックスを移動 — 図「${name}」の操作 (その図を開きます)`,
  );
  await undo.hover();
  await page.waitForTimeout(600);
  await page.screenshot({ path: shotPath('prep-undo-label-ja.png') });
  await undo.click();
  await expect(page.getByTestId('prep-view')).toHaveAttribute('data-diagram-id', first);
  expect((await stored(page)).diagrams[0].nodes.map((n) => n.position)).toEqual(before);
  await expect(page.getByTestId('redo')).toHaveAttribute(
    'title',
    'やり直す: 3 個のボックスを移動 (Ctrl+Shift+Z / Ctrl+Y)',
  );
  // From another view the tooltip names the view and the diagram.
  await openView(page, 'journey');
  await expect(page.getByTestId('redo')).toHaveAttribute(
    'title',
    `やり直す: 3 個のボックスを移動 — 業務モデル図 の図「${name}」の操作`,
  );
});
