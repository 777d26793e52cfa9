import { useEffect } from 'react';
import type { RunRow } from '../../store/db';
import { warmHistory } from '../../workers/historyClient';
import { afterDrawn } from './afterDrawn';

/**
 * When the Results view shows a project with two runs or more, start the History tab's worker
 * once the page is done drawing the run (afterDrawn: its frame painted, then the main thread idle
 * twice in a row) and let it read the two newest runs' colour columns (its default pair): the
 * tab's first migration matrix then skips the worker's start, the database's opening and the two
 * reads (docs/history-format.md, benchmark). Started earlier (at idle with a 2 s timeout), its
 * 0.3–0.5 s of worker CPU fell inside the re-derived run's draw after a reload (session 31).
 */
export function useWarmHistory(runs: RunRow[]): void {
  const a = runs[runs.length - 2]?.id;
  const b = runs[runs.length - 1]?.id;
  useEffect(() => {
    if (!a || !b) return;
    const ids = [a, b];
    return afterDrawn(() => void warmHistory(ids));
  }, [a, b]);
}
