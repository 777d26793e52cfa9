import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** The virtualised tables' scroller height in results.css (`.vscroll`), px. */
export const VSCROLL_HEIGHT = 560;

/**
 * The rows of a fixed-height list that are on screen (plus overscan), from the scroll position
 * alone: O(visible) per render. @tanstack/react-virtual keeps a measurement object per row and
 * rebuilds them whenever the count changes — about 100 ms of main-thread work per filter or
 * search at 200,000 rows, several hundred at a million — which a list of equal rows never needs.
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 16,
  /**
   * The scroller's height as its CSS gives it (`.vscroll`: 560 px). Taken as the height until the
   * scroller is measured, and the first measure is left to a ResizeObserver (after the frame's
   * layout) rather than read in the mount's commit: reading it there forced the page's style and
   * layout inside the commit's task (one task of 40–60 ms when the table came back with its rows
   * at once), and a guess that differed redrew the rows in that task too.
   */
  viewHeight = 600,
): {
  totalHeight: number;
  /** The window: rows `first` (inclusive) to `last` (exclusive). */
  first: number;
  last: number;
  items: { index: number; start: number }[];
} {
  const [view, setView] = useState({ top: 0, height: viewHeight });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onScroll);
    // A ResizeObserver reports the size once observed (after the layout), then each change.
    if (ro) ro.observe(el);
    else read();
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scroller]);
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const items: { index: number; start: number }[] = [];
  for (let i = first; i < last; i++) items.push({ index: i, start: i * rowHeight });
  return { totalHeight: count * rowHeight, first, last, items };
}

/**
 * False until the frame after `ready` first held, then true for good (this mount): a table draws
 * only its visible rows with its first answer, and its overscan once that frame is made — the
 * first draw of a million-account table shares the cores with the workers taking the run, and
 * each row more is layout and paint in that one task.
 */
export function useAfterFirstDraw(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAfter(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}
