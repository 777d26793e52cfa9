import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './routes';
import { historyKey } from './keyboard';

describe('hash routes', () => {
  it('parses the list and project views', () => {
    expect(parseRoute('')).toEqual({ kind: 'list' });
    expect(parseRoute('#/')).toEqual({ kind: 'list' });
    expect(parseRoute('#/p/abc/health')).toEqual({ kind: 'project', id: 'abc', view: 'health' });
  });
  it('falls back to the first view for an unknown or missing view', () => {
    expect(parseRoute('#/p/abc')).toEqual({ kind: 'project', id: 'abc', view: 'diagrams' });
    expect(parseRoute('#/p/abc/nope')).toEqual({ kind: 'project', id: 'abc', view: 'diagrams' });
  });
  it('round-trips ids that need escaping', () => {
    const r = { kind: 'project' as const, id: 'a/b c', view: 'data' as const };
    expect(parseRoute(routeHash(r))).toEqual(r);
    expect(parseRoute('#/p/%E0%A4%A/data')).toEqual({ kind: 'list' });
  });
  it("keeps a view's own place after ?", () => {
    const r = parseRoute('#/p/abc/results?tab=accounts&color=red');
    expect(r).toEqual({
      kind: 'project',
      id: 'abc',
      view: 'results',
      query: 'tab=accounts&color=red',
    });
    expect(routeHash(r)).toBe('#/p/abc/results?tab=accounts&color=red');
    expect(parseRoute('#/p/abc?x=1')).toEqual({
      kind: 'project',
      id: 'abc',
      view: 'diagrams',
      query: 'x=1',
    });
  });
});

describe('undo/redo keys', () => {
  const k = (
    key: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  ) => historyKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y', () => {
    expect(k('z', { ctrlKey: true })).toBe('undo');
    expect(k('z', { metaKey: true })).toBe('undo');
    expect(k('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(k('z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(k('y', { ctrlKey: true })).toBe('redo');
  });
  it('ignores plain keys and other chords', () => {
    expect(k('z')).toBeNull();
    expect(k('y', { metaKey: true })).toBeNull();
    expect(k('z', { ctrlKey: true, altKey: true })).toBeNull();
    expect(k('s', { ctrlKey: true })).toBeNull();
  });
});
