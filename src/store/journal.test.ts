import { describe, expect, it } from 'vitest';
import { emptyProject } from '../model';
import { Journal, JOURNAL_PREFIX, type KeyValueStorage } from './journal';
import { MemoryStorage } from './testing/fakes';

const p = emptyProject('P');
const entry = (at: string, goal = '') => ({
  baseRev: 2,
  at,
  doc: { ...p, journey: { ...p.journey, goal } },
});

describe('journal', () => {
  it('writes one key per project and tab, and reads it back with its ids', () => {
    const s = new MemoryStorage();
    const j = new Journal(() => s);
    expect(j.keyOf(p.id, 'tab_1')).toBe(`waymark.unsaved.${p.id}.tab_1`);
    expect(j.write(p.id, 'tab_1', entry('2026-01-01T00:00:00Z', 'one'))).toEqual({ ok: true });
    expect(j.write(p.id, 'tab_2', entry('2026-01-02T00:00:00Z', 'two'))).toEqual({ ok: true });
    expect([...s.map.keys()]).toEqual([j.keyOf(p.id, 'tab_1'), j.keyOf(p.id, 'tab_2')]);
    expect(j.read(j.keyOf(p.id, 'tab_1'))).toEqual({
      key: j.keyOf(p.id, 'tab_1'),
      projectId: p.id,
      tabId: 'tab_1',
      ...entry('2026-01-01T00:00:00Z', 'one'),
    });
  });

  it('lists a project’s journals of every tab, newest first, and no other project’s', () => {
    const s = new MemoryStorage();
    const j = new Journal(() => s);
    j.write(p.id, 'a', entry('2026-01-02T00:00:00Z'));
    j.write(p.id, 'b', entry('2026-01-03T00:00:00Z'));
    j.write(p.id, 'c', entry('2026-01-01T00:00:00Z'));
    j.write(p.id, 'd', entry('2026-01-03T00:00:00Z'));
    j.write('other', 'a', entry('2026-01-09T00:00:00Z'));
    // Not under the prefix, though it looks like a journal of project `p`.
    s.setItem('x'.repeat(JOURNAL_PREFIX.length) + p.id, '{"baseRev":1,"doc":{}}');
    expect(j.list(p.id).map((e) => e.tabId)).toEqual(['b', 'd', 'a', 'c']);
    expect(j.list('other').map((e) => e.tabId)).toEqual(['a']);
  });

  it('reads the single-key journal of older builds', () => {
    const s = new MemoryStorage();
    s.setItem(`${JOURNAL_PREFIX}${p.id}`, JSON.stringify({ baseRev: 3, doc: p }));
    const [e] = new Journal(() => s).list(p.id);
    expect(e).toEqual({
      key: `${JOURNAL_PREFIX}${p.id}`,
      projectId: p.id,
      tabId: '',
      baseRev: 3,
      at: '',
      doc: p,
    });
  });

  it('skips entries that are not journals', () => {
    const s = new MemoryStorage();
    const j = new Journal(() => s);
    for (const [k, v] of [
      ['x1', 'not json'],
      ['x2', 'null'],
      ['x3', JSON.stringify({ baseRev: '1', doc: p })],
      ['x4', JSON.stringify({ baseRev: 1 })],
      ['x5', ''],
    ])
      s.setItem(JOURNAL_PREFIX + k, v);
    s.setItem(
      JOURNAL_PREFIX + 'x6',
      JSON.stringify({ baseRev: 1, doc: null, projectId: 7, tabId: 8, at: 9 }),
    );
    expect(j.list('x1')).toEqual([]);
    expect(j.read(JOURNAL_PREFIX + 'x1')).toBeNull();
    expect(j.read(JOURNAL_PREFIX + 'x2')).toBeNull();
    expect(j.read(JOURNAL_PREFIX + 'x3')).toBeNull();
    expect(j.read(JOURNAL_PREFIX + 'x4')).toBeNull();
    expect(j.read(JOURNAL_PREFIX + 'x5')).toBeNull();
    expect(j.read(JOURNAL_PREFIX + 'nothing')).toBeNull();
    expect(j.list('x6')).toEqual([
      { key: JOURNAL_PREFIX + 'x6', projectId: 'x6', tabId: '', baseRev: 1, at: '', doc: null },
    ]);
  });

  it('says why a write failed: full storage, or none at all', () => {
    const s = new MemoryStorage();
    s.full = true;
    const w = new Journal(() => s).write(p.id, 't', entry('x'));
    expect(w).toEqual({
      ok: false,
      detail: "QuotaExceededError: Failed to execute 'setItem' on 'Storage'",
    });
    expect(new Journal(() => null).write(p.id, 't', entry('x'))).toEqual({
      ok: false,
      detail: 'localStorage is not available',
    });
    const odd = {
      setItem() {
        throw 'blocked';
      },
    } as unknown as KeyValueStorage;
    expect(new Journal(() => odd).write(p.id, 't', entry('x'))).toEqual({
      ok: false,
      detail: 'blocked',
    });
  });

  it('removes only the key it is given', () => {
    const s = new MemoryStorage();
    const j = new Journal(() => s);
    j.write(p.id, 'a', entry('1'));
    j.write(p.id, 'b', entry('2'));
    j.remove(j.keyOf(p.id, 'a'));
    expect([...s.map.keys()]).toEqual([j.keyOf(p.id, 'b')]);
  });

  it('survives storage that is missing or throws on every call', () => {
    const none = new Journal(() => null);
    expect(none.list(p.id)).toEqual([]);
    expect(none.read('k')).toBeNull();
    none.remove('k');
    const boom = () => {
      throw new Error('SecurityError');
    };
    const hostile = {
      get length(): number {
        return boom();
      },
      key: boom,
      getItem: boom,
      setItem: boom,
      removeItem: boom,
    } as unknown as KeyValueStorage;
    const j = new Journal(() => hostile);
    expect(j.list(p.id)).toEqual([]);
    expect(j.read('k')).toBeNull();
    expect(() => j.remove('k')).not.toThrow();
    expect(j.write(p.id, 't', entry('x'))).toEqual({ ok: false, detail: 'Error: SecurityError' });
  });

  it('the default storage is the page’s localStorage, or none when reading it throws', () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    const s = new MemoryStorage();
    try {
      Object.defineProperty(globalThis, 'localStorage', { value: s, configurable: true });
      new Journal().write(p.id, 't', entry('x'));
      expect(s.map.size).toBe(1);
      Object.defineProperty(globalThis, 'localStorage', {
        get() {
          throw new Error('denied');
        },
        configurable: true,
      });
      expect(new Journal().write(p.id, 't', entry('x')).ok).toBe(false);
    } finally {
      if (had) Object.defineProperty(globalThis, 'localStorage', had);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
