import { describe, expect, it } from 'vitest';
import { DocumentHistory } from './history';

describe('DocumentHistory', () => {
  it('undoes and redoes a command', () => {
    const h = new DocumentHistory({ n: 1, list: [] as number[] });
    h.apply('inc', (d) => {
      d.n++;
      d.list.push(d.n);
    });
    expect(h.current).toEqual({ n: 2, list: [2] });
    h.undo();
    expect(h.current).toEqual({ n: 1, list: [] });
    h.redo();
    expect(h.current).toEqual({ n: 2, list: [2] });
  });

  it('merges a typing burst into one step', () => {
    let t = 0;
    const h = new DocumentHistory({ s: '' }, { now: () => t });
    for (const ch of 'hello') {
      t += 100;
      h.apply(
        'type',
        (d) => {
          d.s += ch;
        },
        { coalesceKey: 'label' },
      );
    }
    expect(h.current.s).toBe('hello');
    h.undo();
    expect(h.current.s).toBe('');
  });

  it('does not merge edits further apart than the window', () => {
    let t = 0;
    const h = new DocumentHistory({ s: '' }, { now: () => t, coalesceMs: 500 });
    h.apply(
      'type',
      (d) => {
        d.s += 'a';
      },
      { coalesceKey: 'k' },
    );
    t += 2000;
    h.apply(
      'type',
      (d) => {
        d.s += 'b';
      },
      { coalesceKey: 'k' },
    );
    h.undo();
    expect(h.current.s).toBe('a');
  });

  it('makes a gesture one step', () => {
    const h = new DocumentHistory({ x: 0 });
    h.beginGesture('drag');
    for (let i = 1; i <= 10; i++)
      h.apply('move', (d) => {
        d.x = i;
      });
    h.endGesture();
    expect(h.current.x).toBe(10);
    h.undo();
    expect(h.current.x).toBe(0);
    expect(h.canUndo).toBe(false);
  });

  it('records nothing for a no-op and clears redo on a new edit', () => {
    const h = new DocumentHistory({ x: 0 });
    h.apply('noop', () => {});
    expect(h.canUndo).toBe(false);
    h.apply('a', (d) => {
      d.x = 1;
    });
    h.undo();
    expect(h.canRedo).toBe(true);
    h.apply('b', (d) => {
      d.x = 2;
    });
    expect(h.canRedo).toBe(false);
  });

  it('names the step undo and redo would apply, and where it was made', () => {
    const h = new DocumentHistory({ x: 0, y: 0 });
    h.apply('Move 3 boxes', (d) => void (d.x = 1), { scope: 'diagrams:d1' });
    h.apply('Rename', (d) => void (d.y = 1));
    expect(h.undoStep).toEqual({ label: 'Rename', scope: undefined });
    h.undo();
    expect(h.undoStep).toEqual({ label: 'Move 3 boxes', scope: 'diagrams:d1' });
    expect(h.redoStep).toEqual({ label: 'Rename', scope: undefined });
    h.undo();
    expect(h.undoStep).toBeUndefined();
    expect(h.redoStep).toEqual({ label: 'Move 3 boxes', scope: 'diagrams:d1' });
  });
});
