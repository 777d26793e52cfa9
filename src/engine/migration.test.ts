import { describe, expect, it } from 'vitest';
import { migratedAccounts, migrationMatrix } from './migration';

const run = (ids: string[], colorIds: string[], color: number[]) => ({
  accountIds: ids,
  colorIds,
  color: Int8Array.from(color),
});

describe('colour migration matrix', () => {
  it('counts from → to by account id, with no-score and one-sided accounts apart', () => {
    const a = run(['x', 'y', 'z', 'gone'], ['green', 'red'], [0, 0, 1, 1]);
    // B lists accounts in another order, adds one and has a band A did not.
    const b = run(['z', 'new', 'y', 'x'], ['green', 'yellow', 'red'], [0, 2, 2, -1]);
    const m = migrationMatrix(a, b);
    expect(m.colors).toEqual(['green', 'red', 'yellow', '']);
    expect(m.counts).toEqual([
      [0, 1, 0, 1], // green → red (y), green → no score (x)
      [1, 0, 0, 0], // red → green (z)
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(m.onlyInA).toBe(1);
    expect(m.onlyInB).toBe(1);
    expect(migratedAccounts(a, b, 'green', 'red')).toEqual([2]);
    expect(migratedAccounts(a, b, 'green', '')).toEqual([3]);
  });
});

describe('colour migration matrix, same accounts in the same order', () => {
  it('matches by position and gives the same counts as the Map path', () => {
    const ids = ['p', 'q', 'r', 's'];
    const a = run(ids, ['green', 'red'], [0, 1, 1, -1]);
    const b = run(ids, ['green', 'red'], [1, 1, 0, 0]);
    const shuffled = run(['s', 'r', 'q', 'p'], ['green', 'red'], [0, 0, 1, 1]);
    expect(migrationMatrix(a, b)).toEqual(migrationMatrix(a, shuffled));
    expect(migrationMatrix(a, b).counts).toEqual([
      [0, 1, 0],
      [1, 1, 0],
      [1, 0, 0],
    ]);
  });
});
