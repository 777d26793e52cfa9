import { describe, expect, it } from 'vitest';
import { sameValues } from './sameValues';

describe('sameValues', () => {
  it('equal keys and values, in any order', () => {
    expect(sameValues({}, {})).toBe(true);
    expect(sameValues({ color: 'red', renewal: 30 }, { renewal: 30, color: 'red' })).toBe(true);
  });
  it('a value, a key or a count that differs', () => {
    expect(sameValues({ color: 'red' }, { color: 'green' })).toBe(false);
    expect(sameValues({ renewal: 30 }, { renewal: '30' })).toBe(false);
    expect(sameValues({ color: 'red' }, { stage: 'red' })).toBe(false);
    expect(sameValues({ color: 'red' }, { color: 'red', stage: 'x' })).toBe(false);
    expect(sameValues({ color: 'red', stage: 'x' }, { color: 'red' })).toBe(false);
    expect(sameValues({ q: undefined }, { stage: undefined })).toBe(false);
  });
});
