import { describe, expect, it } from 'vitest';
import { asksEveryRow, everyRowOf, sameRowsIn } from './everyRowFirst';
import type { RowQueryArgs } from './rowQuery';

const q = (over: Partial<RowQueryArgs> = {}): RowQueryArgs => ({
  filter: {},
  segmentLabels: [],
  stageLabels: [],
  ...over,
});

describe('asksEveryRow: the query answered by every row in table order', () => {
  it('is no filter, no search text, no journey-map condition and no sort', () => {
    expect(asksEveryRow(q())).toBe(true);
    expect(asksEveryRow(q({ filter: { q: '' } }))).toBe(true);
    expect(asksEveryRow(q({ filter: { q: '   ' } }))).toBe(true);
    expect(asksEveryRow(q({ filter: { renewal: 0 } }))).toBe(true);
  });

  it('is not any query that filters, searches, selects or sorts', () => {
    for (const other of [
      q({ filter: { q: 'a' } }),
      q({ filter: { color: 'none' } }),
      q({ filter: { color: '' } }),
      q({ filter: { segment: '' } }),
      q({ filter: { stage: 'none' } }),
      q({ filter: { owner: 'x' } }),
      q({ filter: { renewal: 30 } }),
      q({ live: { ready: true } }),
      q({ sort: { key: 'account', dir: 'asc' } }),
    ])
      expect(asksEveryRow(other)).toBe(false);
  });
});

describe('everyRowOf', () => {
  it('is 0…n-1, made once per run', () => {
    const run = {};
    const rows = everyRowOf(run, 5);
    expect([...rows]).toEqual([0, 1, 2, 3, 4]);
    expect(everyRowOf(run, 5)).toBe(rows);
    expect([...everyRowOf({}, 3)]).toEqual([0, 1, 2]);
  });
});

describe('sameRowsIn: the rows of a window compared by value', () => {
  const a = Int32Array.from([0, 1, 2, 3, 4, 5]);
  it('is true for the same rows in the window, whatever lies outside it', () => {
    expect(sameRowsIn(a, Int32Array.from([0, 1, 2, 3, 4, 5]), 0, 6)).toBe(true);
    expect(sameRowsIn(a, Int32Array.from([9, 1, 2, 3, 9]), 1, 4)).toBe(true);
    expect(sameRowsIn(a, a, 0, 6)).toBe(true);
  });

  it('is false when any row of the window differs, first or last included, or is missing', () => {
    expect(sameRowsIn(a, Int32Array.from([9, 1, 2, 3, 4, 5]), 0, 6)).toBe(false);
    expect(sameRowsIn(a, Int32Array.from([0, 1, 2, 3, 4, 9]), 0, 6)).toBe(false);
    expect(sameRowsIn(a, Int32Array.from([0, 1, 2]), 0, 6)).toBe(false);
    expect(sameRowsIn(Int32Array.from([0, 1, 2]), a, 0, 6)).toBe(false);
  });
});
