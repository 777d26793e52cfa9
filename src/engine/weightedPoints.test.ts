import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Normalisation } from '../model';
import { numericPointsWeighted } from './weightedPoints';
import { invertPoints, numericPoints } from './normalise';

// The fused kernels must give the bits of the per-value reference (normalise.ts, which the SQL
// mirrors) and add the weight exactly where points are present.
const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(NaN, 0, -0, 20, 50, 80, 79.999, Infinity, -Infinity),
  fc.integer({ min: -10, max: 110 }),
);
const tiers = fc.array(
  fc.record({
    min: fc.oneof(fc.integer({ min: -5, max: 105 }), fc.constantFrom(-Infinity, Infinity)),
    points: fc.integer({ min: 0, max: 100 }),
  }),
  { minLength: 0, maxLength: 6 },
);

function check(nm: Normalisation, xs: number[], invert: boolean): void {
  const v = Float64Array.from(xs);
  const out = new Float64Array(v.length);
  const acc = new Float64Array(v.length).fill(1);
  numericPointsWeighted(nm, v, out, invert, 2.5, acc);
  const bits = (x: number) => new Uint8Array(Float64Array.of(x).buffer).join();
  v.forEach((x, i) => {
    const p = invertPoints(numericPoints(nm, x), invert);
    expect(bits(out[i]), `row ${i}: ${x}`).toBe(bits(p));
    expect(acc[i]).toBe(Number.isNaN(p) ? 1 : 3.5);
  });
}

describe('numericPointsWeighted', () => {
  it('tiers, sorted best first or in any order, any count, with missing values, are bit-identical to numericPoints', () => {
    fc.assert(
      fc.property(
        tiers,
        fc.boolean(),
        fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(NaN)),
        fc.array(value, { maxLength: 60 }),
        fc.boolean(),
        (ts, sort, below, xs, invert) => {
          const sorted = sort ? [...ts].sort((a, b) => b.min - a.min) : ts;
          check({ kind: 'tiers', tiers: sorted, below } as Normalisation, xs, invert);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('three tiers on the boundaries', () => {
    const nm = {
      kind: 'tiers',
      tiers: [
        { min: 80, points: 100 },
        { min: 50, points: 70 },
        { min: 50, points: 60 },
        { min: 20, points: 40 },
      ],
      below: 0,
    } as Normalisation;
    check(nm, [NaN, 80, 79.99, 50, 49.99, 20, 19.99, -Infinity, Infinity, -0], false);
    check(nm, [NaN, 80, 79.99, 50, 49.99, 20, 19.99, -Infinity, Infinity, -0], true);
  });

  it('linear, straight and inverted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(value, { maxLength: 60 }),
        fc.boolean(),
        (min, span, xs, invert) => {
          check({ kind: 'linear', min, max: min + span } as Normalisation, xs, invert);
        },
      ),
      { numRuns: 200 },
    );
  });
});
