import { describe, expect, it } from 'vitest';
import { accountChanges, type Comparable } from './changes';

const order = ['green', 'yellow', 'red'];
// Run A and B list colours in different orders: ranks must come from the bands, not indices.
const a: Comparable = {
  accountIds: ['p', 'q', 'r', 's', 't'],
  colorIds: ['red', 'yellow', 'green'],
  color: Int8Array.from([2, 1, 0, 2, -1]), // green, yellow, red, green, none
  total: Float64Array.from([90, 50, 10, 85, NaN]),
};
const b: Comparable = {
  accountIds: ['t', 'q', 'p', 'r', 'n', 's'],
  colorIds: ['green', 'yellow', 'red'],
  color: Int8Array.from([1, 2, 1, 1, 0, 0]), // t yellow, q red, p yellow, r yellow, n green, s green
  total: Float64Array.from([55, 30, 60, 45, 95, 86]),
};
const ids = (c: ReturnType<typeof accountChanges>) => [...c.rowB].map((j) => b.accountIds[j]);

describe('accountChanges', () => {
  it('finds accounts whose colour got worse or better, by the bands order', () => {
    expect(ids(accountChanges(a, b, order, 'worse', 'delta_asc'))).toEqual(['p', 'q']);
    expect(ids(accountChanges(a, b, order, 'better', 'delta_asc'))).toEqual(['r']);
    expect(ids(accountChanges(a, b, order, 'same', 'delta_asc'))).toEqual(['s']);
    // t had no colour in A: a change, but neither worse nor better.
    expect(ids(accountChanges(a, b, order, 'changed', 'delta_asc'))).toEqual(['p', 'q', 'r', 't']);
    expect(ids(accountChanges(a, b, order, 'new', 'delta_asc'))).toEqual(['n']);
  });

  it('sorts by score delta (missing last) or by score', () => {
    const c = accountChanges(a, b, order, 'all', 'delta_asc');
    expect(ids(c)).toEqual(['p', 'q', 's', 'r', 't', 'n']);
    expect([...c.delta]).toEqual([-30, -20, 1, 35, NaN, NaN]);
    expect([...c.rowA]).toEqual([0, 1, 3, 2, 4, -1]);
    expect(ids(accountChanges(a, b, order, 'all', 'delta_desc'))).toEqual([
      'r',
      's',
      'q',
      'p',
      't',
      'n',
    ]);
    expect(ids(accountChanges(a, b, order, 'all', 'score_asc'))).toEqual([
      'q',
      'r',
      't',
      'p',
      's',
      'n',
    ]);
  });

  it('matches by position when both runs list the same accounts in the same order', () => {
    const c = accountChanges(
      a,
      { ...a, total: Float64Array.from([80, 50, 20, 85, 1]) },
      order,
      'all',
      'delta_asc',
    );
    expect([...c.delta]).toEqual([-10, 0, 0, 10, NaN]);
  });
});
