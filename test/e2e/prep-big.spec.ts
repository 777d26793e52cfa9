import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createProject, currentProjectId, gotoApp, readStoredProject, waitSaved } from './helpers';
import { shotPath } from './shots';

// Auto-layout on a big diagram (over 300 boxes): the document changes at once (one undo step),
// the view moves to the start of the flow (only the boxes in view rendered), then the boxes move;
// every box is drawn where the document says, after the layout and after its undo (staged when
// many boxes are on screen, after Fit view).

type Doc = {
  diagrams: {
    id: string;
    nodes: { id: string; label: string; position: { x: number; y: number } }[];
    edges: { id: string; source: string; target: string }[];
  }[];
};
const benchDiagram = async (page: Page, id: string) =>
  ((await readStoredProject(page, id)) as Doc).diagrams.find((x) => x.id.startsWith('bench'))!;

/** Boxes whose drawn place (React Flow's transform) differs from the stored position. */
async function misplaced(page: Page, id: string): Promise<number> {
  await waitSaved(page);
  const d = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) =>
    x.id.startsWith('bench'),
  )!;
  const drawn = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
      return [el.getAttribute('data-id'), m.e, m.f] as const;
    }),
  );
  const at = new Map(d.nodes.map((n) => [n.id, n.position]));
  return drawn.filter(([nid, x, y]) => {
    const p = at.get(nid!);
    return !p || Math.abs(p.x - x) > 0.5 || Math.abs(p.y - y) > 0.5;
  }).length;
}

/** A new project with a generated 400-box diagram (the ?bench hook), open and drawn; its id. */
async function openBigDiagram(page: Page): Promise<string> {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Big' });
  const id = currentProjectId(page);
  await page.goto(`/?bench=prep&n=400#/p/${id}/diagrams`);
  await expect(page.getByTestId('prep-node')).toHaveCount(400, { timeout: 30_000 });
  return id;
}

test('auto-layout of 400 boxes: start of the flow shown, one undo step, every box ends where stored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = await openBigDiagram(page);
  const before = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) =>
    x.id.startsWith('bench'),
  )!.nodes;

  await page.getByTestId('layout-run').click();
  await page.waitForFunction(
    () => performance.getEntriesByName('waymark:layout-shown').length > 0,
    undefined,
    { timeout: 60_000 },
  );
  await expect.poll(() => misplaced(page, id), { timeout: 10_000 }).toBe(0);
  const after = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) =>
    x.id.startsWith('bench'),
  )!.nodes;
  expect(
    after.filter(
      (n, i) => n.position.x !== before[i].position.x || n.position.y !== before[i].position.y,
    ).length,
  ).toBeGreaterThan(300);
  // The view shows the start of the flow at a readable zoom, not the whole diagram: the leftmost
  // box sits at the canvas's left edge, and only the boxes in view are rendered.
  const vp = await page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform));
  expect(vp.a).toBeGreaterThanOrEqual(0.5);
  const minX = Math.min(...after.map((n) => n.position.x));
  expect(vp.e + minX * vp.a).toBeCloseTo(24, 0);
  const shown = await page.getByTestId('prep-node').count();
  expect(shown).toBeGreaterThan(3);
  expect(shown).toBeLessThan(200);
  // The links come a frame after the boxes (useFlowSync): they are drawn too, only those in view.
  const links = await page.locator('.react-flow__edge').count();
  expect(links).toBeGreaterThan(0);
  expect(links).toBeLessThan(400);
  // The minimap (held still while the boxes move) shows the new places too.
  const mini = await page
    .locator('.react-flow__minimap-node')
    .evaluateAll((els) =>
      els.map(
        (el) =>
          [
            el.getAttribute('data-id'),
            Number(el.getAttribute('x')),
            Number(el.getAttribute('y')),
          ] as const,
      ),
    );
  expect(mini).toHaveLength(400);
  const stored = new Map(after.map((n) => [n.id, n.position]));
  expect(
    mini.filter(
      ([nid, x, y]) =>
        Math.abs(stored.get(nid!)!.x - x) > 0.5 || Math.abs(stored.get(nid!)!.y - y) > 0.5,
    ),
  ).toEqual([]);
  const leftmost = after.find((n) => n.position.x === minX)!;
  await expect(page.locator(`.react-flow__node[data-id="${leftmost.id}"]`)).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('after-layout-400.png') });
  // The notice says so and offers Fit view, which shows (and renders) the whole diagram.
  const notice = page
    .getByTestId('message-info')
    .filter({ hasText: 'Fit view shows the whole diagram' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Fit view' }).click();
  await expect
    .poll(() => page.getByTestId('prep-node').count(), { timeout: 10_000 })
    .toBeGreaterThan(shown);

  // One undo step restores every position, and the boxes follow.
  await page.getByTestId('undo').click();
  await expect
    .poll(
      async () => {
        await waitSaved(page);
        const d = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) =>
          x.id.startsWith('bench'),
        )!;
        return d.nodes.every(
          (n, i) => n.position.x === before[i].position.x && n.position.y === before[i].position.y,
        );
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  await expect.poll(() => misplaced(page, id), { timeout: 10_000 }).toBe(0);
});

/** Links the zoomed-out layer draws: subpaths of its still io and sync paths (arrowheads apart). */
const layerLinks = (page: Page) =>
  page
    .getByTestId('link-layer')
    .evaluate((svg) =>
      [...svg.querySelectorAll('path:not(.prep-link-arrow)')].reduce(
        (n, p) => n + (p.getAttribute('d')!.match(/M/g) ?? []).length,
        0,
      ),
    );

test('zoomed out, a big diagram is drawn in low detail: drag, select, zoom back in, export every box', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = await openBigDiagram(page);
  const doc = await benchDiagram(page, id);
  const canvas = page.getByTestId('prep-canvas');

  // Fitted on open, 400 boxes are far below 40 %: boxes without text or handles, every link in
  // the editor's one layer and none as React Flow's components.
  await expect(canvas).toHaveAttribute('data-detail', 'low');
  await expect.poll(() => layerLinks(page)).toBe(doc.edges.length);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await expect(page.getByTestId('handle-out')).toHaveCount(0);
  await expect(page.locator('.prep-node-label').first()).toBeHidden();
  await expect(page.getByTestId('lod-hint')).toContainText('Zoom in, or click a finding');
  await page.screenshot({ path: shotPath('prep-zoomed-out.png') });

  // A drag: its links follow in a layer of their own, the drop is stored and drawn with the rest.
  const dragged = doc.nodes[200];
  const box = (await page.locator(`.react-flow__node[data-id="${dragged.id}"]`).boundingBox())!;
  const before = await page.getByTestId('link-layer').innerHTML();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 5);
  await expect(page.getByTestId('link-layer-moving')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByTestId('link-layer-moving')).toHaveCount(0);
  await expect
    .poll(async () => (await benchDiagram(page, id)).nodes[200].position.x, { timeout: 10_000 })
    .toBeGreaterThan(dragged.position.x + 100);
  expect(await misplaced(page, id)).toBe(0);
  expect(await layerLinks(page)).toBe(doc.edges.length);
  expect(await page.getByTestId('link-layer').innerHTML()).not.toBe(before);

  // Zoomed out React Flow does not hold the links, so the editor unselects them where React Flow
  // would have: select all (boxes and links, drawn highlighted), then click the empty canvas.
  await page.getByTestId('panel-inspect').click();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('prep-inspector')).toContainText(
    `400 box(es) and ${doc.edges.length} link(s) selected`,
  );
  await expect(page.locator('.prep-link-io.is-selected')).toHaveCount(1);
  const area = (await canvas.boundingBox())!;
  await page.mouse.click(area.x + 120, area.y + 40);
  await expect(page.getByTestId('prep-inspector')).not.toContainText('selected');
  await expect(page.locator('.prep-links .is-selected')).toHaveCount(0);
  const other = (await page
    .locator(`.react-flow__node[data-id="${doc.nodes[300].id}"]`)
    .boundingBox())!;
  await page.mouse.click(other.x + other.width / 2, other.y + other.height / 2);
  await expect(page.getByTestId('prep-inspector')).toHaveAttribute(
    'data-node-id',
    doc.nodes[300].id,
  );

  // Zooming in on a box first drawn zoomed out (no handles then) brings the full drawing back,
  // its handles measured again: each of its links is React Flow's and starts or ends on a handle.
  const focus = doc.nodes.find((n, i) => i > 300 && doc.edges.some((e) => e.source === n.id))!;
  const fb = (await page.locator(`.react-flow__node[data-id="${focus.id}"]`).boundingBox())!;
  await page.mouse.move(fb.x + fb.width / 2, fb.y + fb.height / 2);
  for (let i = 0; i < 40 && (await canvas.getAttribute('data-detail')) === 'low'; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(50);
  }
  await expect(canvas).toHaveAttribute('data-detail', 'full');
  await expect(page.getByTestId('link-layer')).toHaveCount(0);
  await expect(page.getByTestId('lod-hint')).toHaveCount(0);
  const focusNode = page.locator(`.react-flow__node[data-id="${focus.id}"]`);
  await expect(focusNode.getByTestId('handle-out')).toHaveCount(1);
  await expect(focusNode.locator('.prep-node-label')).toBeVisible();
  const out = doc.edges.filter((e) => e.source === focus.id);
  for (const e of out) await expect(page.getByTestId(`rf__edge-${e.id}`)).toHaveCount(1);
  const handle = (await focusNode.getByTestId('handle-out').boundingBox())!;
  const start = await page
    .getByTestId(`rf__edge-${out[0].id}`)
    .locator('path.prep-edge')
    .evaluate((p: SVGPathElement) => {
      const pt = p.getPointAtLength(0).matrixTransform(p.getScreenCTM()!);
      return { x: pt.x, y: pt.y };
    });
  expect(Math.abs(start.x - (handle.x + handle.width))).toBeLessThan(2);
  expect(Math.abs(start.y - (handle.y + handle.height / 2))).toBeLessThan(2);

  // At full detail too, a dragged box's links leave React Flow for the editor's layer above the
  // boxes while the drag lasts, and come back on the drop, from the box's new place.
  const fb2 = (await focusNode.boundingBox())!;
  await page.mouse.move(fb2.x + fb2.width / 2, fb2.y + fb2.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(fb2.x + fb2.width / 2 + i * 6, fb2.y + fb2.height / 2 + i * 4);
  await expect(page.getByTestId('link-layer-moving')).toBeVisible();
  await expect(page.getByTestId(`rf__edge-${out[0].id}`)).toHaveCount(0);
  await page.mouse.up();
  await expect(page.getByTestId('link-layer-moving')).toHaveCount(0);
  await expect(page.getByTestId(`rf__edge-${out[0].id}`)).toHaveCount(1);
  const handle2 = (await focusNode.getByTestId('handle-out').boundingBox())!;
  expect(handle2.x).toBeGreaterThan(handle.x + 20);
  const start2 = await page
    .getByTestId(`rf__edge-${out[0].id}`)
    .locator('path.prep-edge')
    .evaluate((p: SVGPathElement) => {
      const pt = p.getPointAtLength(0).matrixTransform(p.getScreenCTM()!);
      return { x: pt.x, y: pt.y };
    });
  expect(Math.abs(start2.x - (handle2.x + handle2.width))).toBeLessThan(2);
  expect(Math.abs(start2.y - (handle2.y + handle2.height / 2))).toBeLessThan(2);

  // Zoomed out again, an SVG export draws all 400 boxes in full, not the boxes in view without
  // text: it is drawn from the model (diagramSvg.ts), not from the DOM.
  await page.locator('.react-flow__controls-fitview').click();
  await expect(canvas).toHaveAttribute('data-detail', 'low');
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-svg').click(),
  ]);
  const svg = (await readFile((await d.path())!)).toString('utf8');
  expect(svg.match(/<g class="box"/g)?.length).toBe(400);
  expect(svg.match(/<g class="link link-/g)?.length).toBe(doc.edges.length);
  expect(svg).toContain(`data-id="${doc.nodes[123].id}"`);
  expect(svg).not.toContain('foreignObject');
  // Every label drawn as text.
  for (const n of doc.nodes) expect(svg).toContain(`>${n.label}</text>`);
  await expect(canvas).toHaveAttribute('data-detail', 'low');
  await expect(page.getByTestId('export-running')).toHaveCount(0);
});
