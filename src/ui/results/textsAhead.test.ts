import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StringColumn } from '../../table/columns';
import {
  dictAt,
  lazyDictList,
  packedDecodeCount,
  packedIndexedCount,
  packedPartsColumn,
} from '../../table/packedDict';
import { packStrings } from '../../store/datasets';
import { slicePacked } from '../../workers/datasetLoad';
import { idAt } from '../../table/runIds';
import { textAt } from './queue';
import { indexTextsAhead } from './textsAhead';

/** A run whose ids are the packed key column, and a packed names column, in slices of 97. */
function packedRun(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `A-${String(i).padStart(6, '0')}`);
  const names = Array.from({ length: n }, (_, i) => `株式会社 ${i % 977} ${'x'.repeat(i % 13)}`);
  const key = packedPartsColumn(
    Int32Array.from(ids, (_, i) => i),
    slicePacked(packStrings(ids), 97),
  );
  const name = packedPartsColumn(
    Int32Array.from(names, (_, i) => i),
    slicePacked(packStrings(names), 97),
  );
  const run = { rowCount: n, accountIds: [] as string[] };
  lazyDictList(run, 'accountIds', key);
  return { run, key, name, ids, names, slices: Math.ceil(n / 97) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('indexTextsAhead (the table rows’ texts indexed while the page is idle)', () => {
  it('indexes every slice of the ids and the names, later reads give the same texts, nothing decoded', () => {
    vi.useFakeTimers();
    const { run, key, name, ids, names, slices } = packedRun(5000);
    const before = packedDecodeCount();
    indexTextsAhead(run, name);
    expect(packedIndexedCount(key), 'nothing at once').toBe(0);
    vi.runAllTimers();
    expect(packedIndexedCount(key)).toBe(slices);
    expect(packedIndexedCount(name)).toBe(slices);
    for (let i = 0; i < ids.length; i += 7) {
      expect(idAt(run, i)).toBe(ids[i]);
      expect(textAt(name, i)).toBe(names[i]);
      expect(dictAt(key, i)).toBe(ids[i]);
    }
    expect(packedDecodeCount(), 'nothing decoded whole').toBe(before);
    // Asked again (the table drawn again): nothing left to do.
    indexTextsAhead(run, name);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when cancelled (the table gone), and a later call goes on from there', () => {
    vi.useFakeTimers();
    const { run, key, name, slices } = packedRun(3000);
    const cancel = indexTextsAhead(run, name);
    cancel();
    vi.runAllTimers();
    expect(packedIndexedCount(key)).toBe(0);
    expect(packedIndexedCount(name)).toBe(0);
    indexTextsAhead(run, name);
    vi.runAllTimers();
    expect(packedIndexedCount(key)).toBe(slices);
    expect(packedIndexedCount(name)).toBe(slices);
  });

  it('takes no step for plain columns (a small run)', () => {
    vi.useFakeTimers();
    const plain: StringColumn = { type: 'string', codes: Int32Array.of(0, 1), dict: ['a', 'b'] };
    indexTextsAhead({ rowCount: 2, accountIds: ['x', 'y'] }, plain);
    expect(vi.getTimerCount()).toBe(0);
  });
});
