import { describe, expect, it } from 'vitest';
import { aucOf, aucWithInterval, hanleyMcNeilSe, wilson } from './stats';

describe('Wilson score interval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857–872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i → %f–%f', (k, n, low, high) => {
    const w = wilson(k, n)!;
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
  });
  it('has no interval without observations and stays within [0, 1]', () => {
    expect(wilson(0, 0)).toBeNull();
    const all = wilson(20, 20)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - 0.1611, 4);
  });
});

describe('AUC and its Hanley–McNeil interval', () => {
  // Hanley & McNeil (1982), Radiology 143:29–36, Table 1: CT ratings (1 = definitely normal …
  // 5 = definitely abnormal) of 58 normal and 51 abnormal cases; published A = 0.893, SE = 0.032.
  const ratings = (counts: number[]) => counts.flatMap((c, i) => Array<number>(c).fill(i + 1));
  const normal = ratings([33, 6, 6, 11, 2]);
  const abnormal = ratings([3, 2, 2, 11, 33]);
  it('reproduces the published example', () => {
    const r = aucWithInterval(abnormal, normal)!;
    expect(r.auc).toBeCloseTo(0.893, 3);
    expect(r.se).toBeCloseTo(0.032, 3);
    expect(r.low).toBeCloseTo(0.893 - 1.96 * r.se, 3);
    expect(r.positives).toBe(51);
    expect(r.negatives).toBe(58);
  });
  it('counts ties as half and is null for an empty class', () => {
    expect(aucOf([3, 4], [1, 2])).toBe(1);
    expect(aucOf([1, 2], [3, 4])).toBe(0);
    expect(aucOf([2, 2], [2])).toBe(0.5);
    expect(aucOf([3, 1], [2])).toBe(0.5);
    expect(aucWithInterval([], [1])).toBeNull();
  });
  it('narrows as the sample grows', () => {
    expect(hanleyMcNeilSe(0.8, 400, 400)).toBeLessThan(hanleyMcNeilSe(0.8, 40, 40));
  });
});
