import { describe, expect, it, vi } from 'vitest';
import {
  ACTION_IDS,
  actionForKey,
  buildActions,
  shortcutText,
  type ActionHandlers,
  type ActionState,
} from './actionRegistry';
import en from '../../i18n/en/prep';
import ja from '../../i18n/ja/prep';

const handlers = (): ActionHandlers => ({
  editLabel: vi.fn(),
  addNode: vi.fn(),
  copy: vi.fn(),
  cut: vi.fn(),
  paste: vi.fn(),
  duplicate: vi.fn(),
  deleteSelection: vi.fn(),
  selectAll: vi.fn(),
  clearSelection: vi.fn(),
  nudge: vi.fn(),
  layout: vi.fn(),
  shortcuts: vi.fn(),
});
const state = (s: Partial<ActionState> = {}): ActionState => ({
  selectedNodes: 1,
  selectedEdges: 0,
  hasClipboard: true,
  boxes: 3,
  layoutRunning: false,
  step: 16,
  ...s,
});

describe('action registry', () => {
  it('every action has a label in both languages, and no two share a shortcut', () => {
    const acts = buildActions(handlers(), state());
    expect(acts.map((a) => a.id)).toEqual([...ACTION_IDS]);
    for (const a of acts) {
      expect((en.actions as Record<string, string>)[a.id]).toBeTruthy();
      expect((ja.actions as Record<string, string>)[a.id]).toBeTruthy();
    }
    const seen = new Set<string>();
    for (const a of acts)
      for (const k of a.keys) {
        const id = `${k.mod ? 'm' : ''}${k.shift ? 's' : ''}${k.key.toLowerCase()}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
  });

  it('keys run the matching enabled action; Ctrl and ⌘ are the same modifier', () => {
    const h = handlers();
    const acts = buildActions(h, state());
    actionForKey(acts, { key: 'c', ctrlKey: true })!.run();
    actionForKey(acts, { key: 'D', metaKey: true })!.run();
    actionForKey(acts, { key: 'F2' })!.run();
    expect(h.copy).toHaveBeenCalledTimes(1);
    expect(h.duplicate).toHaveBeenCalledTimes(1);
    expect(h.editLabel).toHaveBeenCalledTimes(1);
    // c without the modifier is not copy.
    expect(actionForKey(acts, { key: 'c' })).toBeUndefined();
    // ? typed with Shift opens the sheet.
    expect(actionForKey(acts, { key: '?', shiftKey: true })!.id).toBe('shortcuts');
  });

  it('arrows move by the grid step, ×4 with Shift', () => {
    const h = handlers();
    const acts = buildActions(h, state());
    const e = { key: 'ArrowLeft', shiftKey: true };
    actionForKey(acts, e)!.run(e);
    const d = { key: 'ArrowDown' };
    actionForKey(acts, d)!.run(d);
    expect(h.nudge).toHaveBeenNthCalledWith(1, -64, 0);
    expect(h.nudge).toHaveBeenNthCalledWith(2, 0, 16);
  });

  it('disabled actions do not take their keys', () => {
    const acts = buildActions(handlers(), state({ selectedNodes: 0, hasClipboard: false }));
    expect(actionForKey(acts, { key: 'Delete' })).toBeUndefined();
    expect(actionForKey(acts, { key: 'Enter' })).toBeUndefined();
    expect(actionForKey(acts, { key: 'v', ctrlKey: true })).toBeUndefined();
    expect(actionForKey(acts, { key: 'ArrowUp' })).toBeUndefined();
  });

  it('shortcuts are spelled for the platform', () => {
    const layout = buildActions(handlers(), state()).find((a) => a.id === 'layout')!;
    expect(shortcutText(layout, false)).toBe('Ctrl+Shift+L');
    expect(shortcutText(layout, true)).toBe('⌘⇧L');
  });
});
