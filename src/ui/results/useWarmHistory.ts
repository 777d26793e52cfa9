import { useEffect } from 'react';
import type { RunRow } from '../../store/db';
import { warmHistory } from '../../workers/historyClient';

/**
 * When the Results view shows a project with two runs or more, start the History tab's worker at
 * idle and let it read the two newest runs' colour columns (its default pair): the tab's first
 * migration matrix then skips the worker's start, the database's opening and the two reads
 * (docs/history-format.md, benchmark).
 */
export function useWarmHistory(runs: RunRow[]): void {
  const a = runs[runs.length - 2]?.id;
  const b = runs[runs.length - 1]?.id;
  useEffect(() => {
    if (!a || !b) return;
    const ids = [a, b];
    if (typeof requestIdleCallback === 'function') {
      const h = requestIdleCallback(() => void warmHistory(ids), { timeout: 2000 });
      return () => cancelIdleCallback(h);
    }
    const h = setTimeout(() => void warmHistory(ids), 200);
    return () => clearTimeout(h);
  }, [a, b]);
}
