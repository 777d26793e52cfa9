import { describe, expect, it } from 'vitest';
import { throttleProgress } from './progressThrottle';

describe('throttleProgress', () => {
  it('passes the first fraction, then at most one per interval, and always a finished one', () => {
    let t = 0;
    const got: number[] = [];
    const tell = throttleProgress(
      (f) => got.push(f),
      200,
      () => t,
    );
    for (const [at, f] of [
      [0, 0.01],
      [50, 0.02],
      [199, 0.03],
      [200, 0.04],
      [390, 0.05],
      [420, 0.06],
      [430, 1],
      [440, 1],
    ] as const) {
      t = at;
      tell(f);
    }
    expect(got).toEqual([0.01, 0.04, 0.06, 1, 1]);
  });

  it('passes every message when they come further apart than the interval', () => {
    let t = 0;
    const got: number[] = [];
    const tell = throttleProgress(
      (f) => got.push(f),
      200,
      () => t,
    );
    for (let k = 1; k <= 10; k++) {
      t = k * 250;
      tell(k / 10);
    }
    expect(got).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});
