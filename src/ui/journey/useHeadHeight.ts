import { useEffect, type RefObject } from 'react';

/**
 * Keeps `--jm-head-h` on the grid equal to its stage header row's height, so a lane's label
 * can stick just below the header while a tall row scrolls past (the label stays readable).
 */
export function useHeadHeight(grid: RefObject<HTMLTableElement | null>, stages: number): void {
  useEffect(() => {
    const table = grid.current;
    const head = table?.querySelector('thead');
    if (!table || !head) return;
    const set = () => table.style.setProperty('--jm-head-h', `${head.offsetHeight}px`);
    set();
    // jsdom (unit tests) has no ResizeObserver: the one measurement is enough there.
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(set);
    ro.observe(head);
    return () => ro.disconnect();
  }, [grid, stages]);
}
