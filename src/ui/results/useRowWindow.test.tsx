// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAfterFirstDraw, useRowWindow } from './useRowWindow';

/** A scroller whose size and scroll the test sets; counts the reads of its size. */
function scroller(height: number) {
  const el = document.createElement('div');
  let reads = 0;
  let h = height;
  Object.defineProperty(el, 'clientHeight', {
    get: () => (reads++, h),
  });
  return {
    el,
    reads: () => reads,
    resize: (next: number) => (h = next),
  };
}

const observers: { cb: () => void; el: Element }[] = [];
class FakeResizeObserver {
  constructor(private cb: () => void) {}
  observe(el: Element) {
    observers.push({ cb: this.cb, el });
  }
  disconnect() {}
}

afterEach(() => {
  observers.length = 0;
  vi.unstubAllGlobals();
});

describe('useRowWindow', () => {
  it('draws the rows of the CSS height at mount without reading the size, then follows the measure', async () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const s = scroller(320);
    const ref = { current: s.el };
    const { result } = renderHook(() => useRowWindow(ref, 1000, 32, 2, 560));
    // 560 / 32 = 17.5 → rows 0..18, plus 2 of overscan: no layout read in the mount's commit.
    expect([result.current.first, result.current.last]).toEqual([0, 20]);
    expect(s.reads()).toBe(0);
    expect(observers.length).toBe(1);
    // The observer's first report (after the layout): the real height, read in a frame.
    await act(async () => {
      observers[0].cb();
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    });
    expect([result.current.first, result.current.last]).toEqual([0, 12]);
    // Scrolled: the window follows.
    await act(async () => {
      s.el.scrollTop = 3200;
      s.el.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    });
    expect([result.current.first, result.current.last]).toEqual([98, 112]);
    expect(result.current.totalHeight).toBe(32000);
  });

  it('reads the size at once where there is no ResizeObserver', () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const s = scroller(320);
    const ref = { current: s.el };
    const { result } = renderHook(() => useRowWindow(ref, 1000, 32, 2, 560));
    expect([result.current.first, result.current.last]).toEqual([0, 12]);
  });
});

describe('useAfterFirstDraw: the overscan after the first draw', () => {
  it('false until a frame after `ready` held (and a task after it), then true for good', () => {
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((f) => frames.push(f));
    vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => {});
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const h = renderHook(({ ready }) => useAfterFirstDraw(ready), {
        initialProps: { ready: false },
      });
      expect(h.result.current).toBe(false);
      expect(frames).toHaveLength(0);
      h.rerender({ ready: true });
      expect(h.result.current).toBe(false);
      // The frame: still false inside it (its layout and paint come after the callback).
      act(() => frames.shift()!(0));
      expect(h.result.current).toBe(false);
      act(() => vi.runAllTimers());
      expect(h.result.current).toBe(true);
      // For good: no longer ready (an empty answer) keeps it.
      h.rerender({ ready: false });
      expect(h.result.current).toBe(true);
      expect(raf).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });
});
