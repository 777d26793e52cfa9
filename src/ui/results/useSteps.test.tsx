// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSteps } from './useSteps';

/** `n` steps of about `ms` each, then the sum 0 + … + n-1. */
function* sum(n: number, ms: number): Generator<void, number, void> {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const end = performance.now() + ms;
    while (performance.now() < end);
    s += i;
    yield;
  }
  return s;
}

describe('useSteps', () => {
  it('gives a small computation at once, as useMemo would', () => {
    const { result } = renderHook(() => useSteps(() => sum(10, 0), []));
    expect(result.current).toEqual({ value: 45, pending: false });
  });

  it('runs a long one in slices, pending with the previous value until done', async () => {
    const { result, rerender } = renderHook(({ n }) => useSteps(() => sum(n, 1), [n]), {
      initialProps: { n: 40 },
    });
    expect(result.current).toEqual({ value: undefined, pending: true });
    await waitFor(() => expect(result.current).toEqual({ value: 780, pending: false }));
    rerender({ n: 50 });
    expect(result.current).toEqual({ value: 780, pending: true });
    await waitFor(() => expect(result.current).toEqual({ value: 1225, pending: false }));
  });

  it('stops a computation whose inputs changed before it was done', async () => {
    let started = 0;
    let finished = 0;
    function* counted(n: number): Generator<void, number, void> {
      started++;
      const v = yield* sum(n, 1);
      finished++;
      return v;
    }
    const { result, rerender } = renderHook(({ n }) => useSteps(() => counted(n), [n]), {
      initialProps: { n: 60 },
    });
    rerender({ n: 30 });
    await waitFor(() => expect(result.current).toEqual({ value: 435, pending: false }));
    await new Promise((res) => setTimeout(res, 100));
    expect(started).toBe(2);
    expect(finished).toBe(1);
    expect(result.current.value).toBe(435);
  });
});
