import { describe, expect, it } from 'vitest';
import { throttleProgress } from './progressThrottle';

/** Fractions told at the given times (ms), and what the throttle passed on. */
function passed(told: readonly (readonly [number, number])[]): number[] {
  let t = 0;
  const got: number[] = [];
  const tell = throttleProgress(
    (f) => got.push(f),
    200,
    () => t,
  );
  for (const [at, f] of told) {
    t = at;
    tell(f);
  }
  return got;
}

describe('throttleProgress', () => {
  it('passes the first fraction, then at most one per interval, and always a finished one', () => {
    const told = [
      [0, 0.01],
      [50, 0.02],
      [199, 0.03],
      [200, 0.04],
      [390, 0.05],
      [420, 0.06],
      [430, 1],
      [440, 1],
    ] as const;
    expect(passed(told)).toEqual([0.01, 0.04, 0.06, 1, 1]);
  });

  it('passes every message when they come further apart than the interval', () => {
    const told = Array.from({ length: 10 }, (_, k) => [(k + 1) * 250, (k + 1) / 10] as const);
    expect(passed(told)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});
