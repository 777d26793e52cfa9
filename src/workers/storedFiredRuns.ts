import type { StoredFiredRun } from '../engine/lifecycleRuns';
import { openRun } from '../store/runStore';

/**
 * Stored runs (ids, newest first) as the CTA lifecycle reads them: a run's key list and CTA
 * columns, each read from IndexedDB only when asked for (engine/lifecycleRuns.ts). A run that
 * is gone ends the list.
 */
export function storedRuns(before: readonly string[]) {
  return async (i: number): Promise<StoredFiredRun | null> => {
    const id = before[i];
    const v = id ? await openRun(id) : null;
    if (!v) return null;
    return {
      asOf: v.meta.asOf,
      ctas: v.header.ctas,
      keysId: v.keysId,
      accountIds: () => v.accountIds(),
      fired: (k) => v.column(`cta.${k}`),
    };
  };
}
