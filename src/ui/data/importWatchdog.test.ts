import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWatchdog, WATCHDOG_LATE_MS, type WatchdogPage } from './importWatchdog';

const LIMIT = 30_000;

/** A page whose visibility the test sets. */
function fakePage() {
  let hidden = false;
  const fns = new Set<() => void>();
  const page: WatchdogPage = {
    hidden: () => hidden,
    onVisibility: (fn) => {
      fns.add(fn);
      return () => fns.delete(fn);
    },
  };
  return {
    page,
    set(h: boolean) {
      hidden = h;
      for (const f of fns) f();
    },
    listeners: () => fns.size,
  };
}

function setup() {
  const p = fakePage();
  const stalls: number[] = [];
  const onResume = vi.fn();
  const clock = {
    now: () => Date.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>),
  };
  const w = createWatchdog({
    limitMs: LIMIT,
    onStall: (q) => stalls.push(q),
    onResume,
    clock,
    page: p.page,
  });
  return { w, p, stalls, onResume };
}

describe('import watchdog', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('reports a stall after the limit without progress, not before', () => {
    const { w, stalls } = setup();
    vi.advanceTimersByTime(LIMIT - 1);
    expect(stalls).toEqual([]);
    expect(w.status()).toBe('watching');
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([LIMIT]);
    expect(w.status()).toBe('stalled');
    // Stalled, it does not report again by itself; the quiet time goes on.
    vi.advanceTimersByTime(5 * LIMIT);
    expect(stalls).toHaveLength(1);
    expect(w.quietMs()).toBe(6 * LIMIT);
  });

  it('starts from zero at each progress message', () => {
    const { w, stalls } = setup();
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(LIMIT - 1000);
      w.progress();
    }
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(LIMIT);
    expect(stalls).toEqual([LIMIT]);
  });

  it('does not count time while the page is hidden, and counts from zero when shown', () => {
    const { w, p, stalls } = setup();
    vi.advanceTimersByTime(LIMIT - 5000);
    p.set(true);
    expect(w.status()).toBe('paused');
    vi.advanceTimersByTime(10 * LIMIT);
    expect(stalls).toEqual([]);
    p.set(false);
    expect(w.status()).toBe('watching');
    vi.advanceTimersByTime(LIMIT - 1);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([LIMIT]);
  });

  it('a progress message while hidden keeps it paused', () => {
    const { w, p, stalls } = setup();
    p.set(true);
    w.progress();
    expect(w.status()).toBe('paused');
    vi.advanceTimersByTime(3 * LIMIT);
    expect(stalls).toEqual([]);
  });

  it('a timer that fires late (a frozen page) counts from then, not the late time', () => {
    const { w, stalls } = setup();
    vi.advanceTimersByTime(LIMIT / 2);
    // The page's thread did not run for a minute: the clock moved, no timer ran.
    vi.setSystemTime(Date.now() + 60_000);
    vi.advanceTimersByTime(LIMIT / 2);
    expect(stalls).toEqual([]);
    expect(w.status()).toBe('watching');
    vi.advanceTimersByTime(LIMIT - 1);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([LIMIT]);
    expect(WATCHDOG_LATE_MS).toBeLessThan(LIMIT);
  });

  it('progress after a stall clears it; keep waiting gives another full limit', () => {
    const { w, stalls, onResume } = setup();
    vi.advanceTimersByTime(LIMIT);
    expect(w.status()).toBe('stalled');
    w.progress();
    expect(onResume).toHaveBeenCalledTimes(1);
    expect(w.status()).toBe('watching');
    vi.advanceTimersByTime(LIMIT);
    expect(stalls).toEqual([LIMIT, LIMIT]);
    w.keepWaiting();
    expect(w.status()).toBe('watching');
    vi.advanceTimersByTime(LIMIT - 1);
    expect(stalls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(stalls).toHaveLength(3);
  });

  it('stops: no stall, no listener left', () => {
    const { w, p, stalls } = setup();
    expect(p.listeners()).toBe(1);
    w.stop();
    vi.advanceTimersByTime(10 * LIMIT);
    p.set(true);
    p.set(false);
    w.progress();
    vi.advanceTimersByTime(10 * LIMIT);
    expect(stalls).toEqual([]);
    expect(w.status()).toBe('stopped');
    expect(p.listeners()).toBe(0);
  });
});
