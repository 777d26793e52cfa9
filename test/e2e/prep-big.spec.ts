import { expect, test, type Page } from '@playwright/test';
import { createProject, currentProjectId, gotoApp, readStoredProject, waitSaved } from './helpers';

// Auto-layout on a big diagram (over 300 boxes): the document changes at once (one undo step),
// the view moves to the start of the flow (only the boxes in view rendered), then the boxes move;
// every box is drawn where the document says, after the layout and after its undo (staged when
// many boxes are on screen, after Fit view).

type Doc = { diagrams: { id: string; nodes: { id: string; position: { x: number; y: number } }[] }[] };

/** Boxes whose drawn place (React Flow's transform) differs from the stored position. */
async function misplaced(page: Page, id: string): Promise<number> {
  await waitSaved(page);
  const d = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) => x.id.startsWith('bench'))!;
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

test('auto-layout of 400 boxes: start of the flow shown, one undo step, every box ends where stored', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Big' });
  const id = currentProjectId(page);
  await page.goto(`/?bench=prep&n=400#/p/${id}/diagrams`);
  await expect(page.getByTestId('prep-node')).toHaveCount(400, { timeout: 30_000 });
  const before = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) => x.id.startsWith('bench'))!.nodes;

  await page.getByTestId('layout-run').click();
  await page.waitForFunction(() => performance.getEntriesByName('waymark:layout-shown').length > 0, undefined, { timeout: 60_000 });
  await expect.poll(() => misplaced(page, id), { timeout: 10_000 }).toBe(0);
  const after = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) => x.id.startsWith('bench'))!.nodes;
  expect(after.filter((n, i) => n.position.x !== before[i].position.x || n.position.y !== before[i].position.y).length).toBeGreaterThan(300);
  // The view shows the start of the flow at a readable zoom, not the whole diagram: the leftmost
  // box sits at the canvas's left edge, and only the boxes in view are rendered.
  const vp = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform));
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
  const mini = await page.locator('.react-flow__minimap-node').evaluateAll((els) => els.map((el) => [el.getAttribute('data-id'), Number(el.getAttribute('x')), Number(el.getAttribute('y'))] as const));
  expect(mini).toHaveLength(400);
  const stored = new Map(after.map((n) => [n.id, n.position]));
  expect(mini.filter(([nid, x, y]) => Math.abs(stored.get(nid!)!.x - x) > 0.5 || Math.abs(stored.get(nid!)!.y - y) > 0.5)).toEqual([]);
  const leftmost = after.find((n) => n.position.x === minX)!;
  await expect(page.locator(`.react-flow__node[data-id="${leftmost.id}"]`)).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('after-layout-400.png') });
  // The notice says so and offers Fit view, which shows (and renders) the whole diagram.
  const notice = page.getByTestId('message-info').filter({ hasText: 'Fit view shows the whole diagram' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Fit view' }).click();
  await expect.poll(() => page.getByTestId('prep-node').count(), { timeout: 10_000 }).toBeGreaterThan(shown);

  // One undo step restores every position, and the boxes follow.
  await page.getByTestId('undo').click();
  await expect.poll(async () => {
    await waitSaved(page);
    const d = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) => x.id.startsWith('bench'))!;
    return d.nodes.every((n, i) => n.position.x === before[i].position.x && n.position.y === before[i].position.y);
  }, { timeout: 10_000 }).toBe(true);
  await expect.poll(() => misplaced(page, id), { timeout: 10_000 }).toBe(0);
});
