import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampPoints } from './clamp';

const branchy = (p: number) => {
  p = p < 0 ? 0 : p;
  return p > 100 ? 100 : p;
};

describe('clampPoints', () => {
  it('gives the bits of the branchy clamp (and the SQL CASE), -0 and NaN included', () => {
    for (const p of [NaN, -0, 0, 100, 100.0000001, -1e-300, -Infinity, Infinity, 50.5, -5])
      expect(Object.is(clampPoints(p), branchy(p)), String(p)).toBe(true);
    fc.assert(
      fc.property(fc.double(), (p) => Object.is(clampPoints(p), branchy(p))),
      { numRuns: 2000 },
    );
  });
});
