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

// Editing tools of the PReP editor on the feature-addition template: a drag is one undo step,
// multi-select + align, copy/paste/delete, stamps, arrow keys, diagram rename/duplicate, and the
// as-is / to-be comparison.

const node = (page: Page, label: string) =>
  page.getByTestId('prep-node').filter({ hasText: label });
type Doc = {
  diagrams: {
    id: string;
    name: string;
    nodes: { id: string; label: string; position: { x: number; y: number } }[];
    edges: unknown[];
  }[];
};

async function stored(page: Page): Promise<Doc> {
  await waitSaved(page);
  return (await readStoredProject(page, currentProjectId(page))) as Doc;
}
const pos = (doc: Doc, id: string) => doc.diagrams[0].nodes.find((n) => n.id === id)!.position;

test('drag, select, align, copy/paste, stamps, keys, diagrams and comparison', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Editing', template: 'prep-feature' });
  await openView(page, 'diagrams');
  await expect(page.getByTestId('prep-node')).toHaveCount(3);
  const start = await stored(page);

  // A drag of many mouse moves is one undo step.
  const b = (await node(page, 'Additional service').boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + 10);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(b.x + b.width / 2 + i * 4, b.y + 10 + i * 6);
  await page.mouse.up();
  let doc = await stored(page);
  expect(pos(doc, 'svc')).not.toEqual(pos(start, 'svc'));
  await page.getByTestId('undo').click();
  doc = await stored(page);
  expect(pos(doc, 'svc')).toEqual(pos(start, 'svc'));

  // Shift+click selects several; align their top edges.
  await node(page, 'Customer request list').click();
  await node(page, 'Approval').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('align-tools')).toBeVisible();
  await page.getByTestId('align-top').click();
  doc = await stored(page);
  expect(pos(doc, 'req').y).toBe(pos(doc, 'approval').y);
  await page.getByTestId('undo').click();

  // Arrow keys move the selection on the grid; a burst of presses is one undo step.
  await node(page, 'Approval').click();
  const before = pos(await stored(page), 'approval');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  doc = await stored(page);
  expect(pos(doc, 'approval')).toEqual({ x: before.x + 48, y: before.y });
  await page.getByTestId('undo').click();
  expect(pos(await stored(page), 'approval')).toEqual(before);

  // Copy, paste (the copy is selected), delete.
  await node(page, 'Additional service').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('prep-node')).toHaveCount(4);
  await expect(page.locator('.prep-node.is-selected')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('prep-node')).toHaveCount(3);

  // Cut removes and pastes back; Ctrl+D duplicates; undo takes each back.
  await node(page, 'Approval').click();
  await page.keyboard.press('Control+x');
  await expect(page.getByTestId('prep-node')).toHaveCount(2);
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('prep-node')).toHaveCount(3);
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('prep-node')).toHaveCount(4);
  // Duplicate leaves the clipboard alone: a paste still gives the cut box.
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('prep-node')).toHaveCount(5);
  await expect(node(page, 'Approval')).toHaveCount(3);
  for (let i = 0; i < 4; i++) await page.getByTestId('undo').click();
  await expect(page.getByTestId('prep-node')).toHaveCount(3);
  await expect(node(page, 'Approval')).toHaveCount(1);

  // The action registry: F2 edits a label in place; the context menu and the ? sheet list the
  // same actions with their shortcuts.
  await node(page, 'Approval').click();
  await page.keyboard.press('F2');
  await expect(page.getByTestId('node-label-input')).toBeFocused();
  await page.keyboard.type('Approval (ringi)');
  await page.keyboard.press('Enter');
  await expect(node(page, 'Approval (ringi)')).toHaveCount(1);
  await node(page, 'Approval (ringi)').dblclick();
  await expect(page.getByTestId('node-label-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('node-label-input')).toHaveCount(0);
  await node(page, 'Approval (ringi)').click({ button: 'right' });
  const menu = page.getByTestId('prep-context-menu');
  await expect(menu.getByTestId('menu-duplicate')).toContainText('Ctrl+D');
  await expect(menu.getByTestId('menu-paste')).toBeEnabled();
  await menu.getByTestId('menu-duplicate').click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('prep-node')).toHaveCount(4);
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(node(page, 'Approval')).toHaveCount(1);
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet.locator('[data-action="layout"]')).toContainText('Ctrl+Shift+L');
  await expect(sheet.locator('[data-action="editLabel"]')).toContainText('Enter / F2');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  // Shift+drag on the empty canvas draws a selection box.
  const r = (await node(page, 'Customer request list').boundingBox())!;
  const s2 = (await node(page, 'Additional service').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(r.x - 20, Math.min(r.y, s2.y) - 30);
  await page.mouse.down();
  await page.mouse.move(s2.x + s2.width + 10, Math.max(r.y + r.height, s2.y + s2.height) + 20, {
    steps: 8,
  });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.prep-node.is-selected')).toHaveCount(2);
  await page.keyboard.press('Escape');

  // The basic-pattern stamp: two inputs → one output.
  await page.getByTestId('stamp-basic').click();
  await expect(page.getByTestId('prep-node')).toHaveCount(6);
  // It lands beside the selection, on top of no other box.
  const rects = await page
    .getByTestId('prep-node')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const [a, b] = [rects[i], rects[j]];
      const apart =
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `boxes ${i} and ${j} overlap`).toBe(true);
    }
  doc = await stored(page);
  expect(doc.diagrams[0].edges).toHaveLength(4);
  await page.keyboard.press('Control+a');
  await expect(page.locator('.prep-node.is-selected')).toHaveCount(6);
  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('prep-node')).toHaveCount(3);

  // Rename a diagram by double-clicking its tab; duplicate it.
  await page.getByTestId('diagram-tab').first().dblclick();
  await page.getByTestId('diagram-rename-input').fill('As-is (call 1)');
  await page.getByTestId('diagram-rename-input').press('Enter');
  await expect(page.getByTestId('diagram-tab').first()).toHaveText('As-is (call 1)');
  await page.getByTestId('diagram-duplicate').click();
  await expect(page.getByTestId('diagram-tab')).toHaveCount(3);
  await expect(page.getByTestId('diagram-tab').nth(2)).toHaveText('As-is (call 1) (copy)');
  await expect(page.getByTestId('prep-node')).toHaveCount(3);

  // Compare naive (as-is) with real (to-be): two know-how boxes added, inputs finding resolved.
  await page.getByTestId('diagram-tab').nth(1).click();
  await page.getByTestId('panel-compare').click();
  await page.getByTestId('compare-from').selectOption({ label: 'As-is (call 1)' });
  await page.getByTestId('compare-to').selectOption({ index: 1 });
  await expect(page.getByTestId('compare-added')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('compare-added')).toContainText('Development know-how');
  await expect(page.getByTestId('compare-removed')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('compare-resolved')).toContainText('Insufficient inputs');
  await expect(page.getByTestId('compare-introduced')).toContainText('Single-person dependency');
  await page.screenshot({ path: shotPath('prep-compare-feature.png') });

  // Clicking a finding selects and centres its box.
  await page.getByTestId('panel-findings').click();
  await page.locator('[data-testid="finding"][data-rule="single-person-dependency"]').click();
  await expect(node(page, 'Development know-how')).toHaveClass(/is-selected/);
  // Centred once the 300 ms viewport animation has run.
  const offCentre = async () => {
    const canvas = (await page.getByTestId('prep-canvas').boundingBox())!;
    const kh = (await node(page, 'Development know-how').boundingBox())!;
    return Math.max(
      Math.abs(kh.x + kh.width / 2 - (canvas.x + canvas.width / 2)),
      Math.abs(kh.y + kh.height / 2 - (canvas.y + canvas.height / 2)),
    );
  };
  await expect.poll(offCentre, { timeout: 5_000 }).toBeLessThan(40);

  // The minimap can be hidden; that and the open diagram (the second tab) survive a reload.
  await expect(page.locator('.react-flow__minimap')).toHaveCount(1);
  await page.getByTestId('minimap-toggle').uncheck();
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  const open = await page.getByTestId('prep-view').getAttribute('data-diagram-id');
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('prep-view')).toHaveAttribute('data-diagram-id', open!);
  await expect(page.getByTestId('diagram-tab').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await page.getByTestId('minimap-toggle').check();
  await expect(page.locator('.react-flow__minimap')).toHaveCount(1);
});

// A new box's in-place label field cannot take the focus (on a loaded machine the box is measured
// late) while the label is typed in the inspector: the field must close without writing, so its
// old text neither stays over the box nor overwrites the typed label.
test('a label typed in the inspector survives the new box’s untouched label field', async ({
  page,
}) => {
  // The in-place field cannot take the focus until we say so (as when the box is still being
  // measured on a loaded machine).
  await page.addInitScript(() => {
    const focus = HTMLElement.prototype.focus;
    HTMLElement.prototype.focus = function (this: HTMLElement, ...a: [FocusOptions?]) {
      const w = window as unknown as { allowLabelFocus?: boolean };
      if (this.dataset.testid === 'node-label-input' && !w.allowLabelFocus) return;
      return focus.apply(this, a);
    };
  });
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Label race', template: 'prep-feature' });
  await openView(page, 'diagrams');
  await expect(page.getByTestId('prep-node')).toHaveCount(3);
  await page.getByTestId('palette-deliverable').click();
  const insp = page.getByTestId('prep-inspector');
  await expect(insp.getByTestId('inspector-label')).toHaveValue('New deliverable');
  await insp.getByTestId('inspector-label').fill('Quote draft');
  // The field could not take the focus while the user typed elsewhere: it closes without
  // writing, so the box shows the label typed in the inspector, not a stale "New deliverable".
  await expect(page.getByTestId('node-label-input')).toHaveCount(0);
  await page.evaluate(
    () => ((window as unknown as { allowLabelFocus: boolean }).allowLabelFocus = true),
  );
  await insp.getByTestId('inspector-holders').click();
  await expect(node(page, 'Quote draft')).toBeVisible();
  const doc = await stored(page);
  expect(doc.diagrams[0].nodes.map((n) => n.label)).toContain('Quote draft');
  expect(doc.diagrams[0].nodes.map((n) => n.label)).not.toContain('New deliverable');
});
