import { expect, test, type Page } from '@playwright/test';
import { createProject, currentProjectId, gotoApp, readStoredProject, waitSaved } from './helpers';

// Auto-layout on a big diagram (over 300 boxes): the document changes at once (one undo step),
// the boxes move over a few frames; in the end every box is drawn where the document says,
// after the layout and after its undo.

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

test('auto-layout of 400 boxes: staged on screen, one undo step, every box ends where stored', async ({ page }) => {
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
  // (Only the boxes in view are drawn: a tall layout does not fit above the minimum zoom.)
  expect(await page.getByTestId('prep-node').count()).toBeGreaterThan(50);

  // One undo step restores every position, and the boxes follow.
  await page.getByTestId('undo').click();
  await expect.poll(async () => {
    await waitSaved(page);
    const d = ((await readStoredProject(page, id)) as Doc).diagrams.find((x) => x.id.startsWith('bench'))!;
    return d.nodes.every((n, i) => n.position.x === before[i].position.x && n.position.y === before[i].position.y);
  }, { timeout: 10_000 }).toBe(true);
  await expect.poll(() => misplaced(page, id), { timeout: 10_000 }).toBe(0);
});
