import type { FiredRun } from '../engine/lifecycle';
import { runLifecycle, type RunLife, type StoredFiredRun } from '../engine/lifecycleRuns';
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

/** What the page knows of the run it shows, to check the stored run is that one. */
export interface ShownRun {
  asOf: string;
  rowCount: number;
  ctas: { id: string; dedupeKey: string }[];
}

/**
 * The shown run as the lifecycle reads it (its key list and CTA columns), read from IndexedDB by
 * its id rather than sent from the page: sending a million-account run to the worker cost the
 * page seconds of tasks before the CTA tab could show its lifecycle. Null when the run is gone
 * or is not the one shown (another date, row count or CTA list): the caller then sends the run.
 */
export async function storedShownRun(runId: string, shown: ShownRun): Promise<FiredRun | null> {
  const v = await openRun(runId);
  if (!v) return null;
  const ctas = v.header.ctas;
  if (
    v.meta.asOf !== shown.asOf ||
    v.meta.rowCount !== shown.rowCount ||
    ctas.length !== shown.ctas.length ||
    ctas.some((c, k) => c.id !== shown.ctas[k].id || c.dedupeKey !== shown.ctas[k].dedupeKey)
  )
    return null;
  const [accountIds, ...fired] = await Promise.all([
    v.accountIds(),
    ...ctas.map((_, k) => v.column(`cta.${k}`)),
  ]);
  return {
    asOf: v.meta.asOf,
    accountIds,
    ctas: ctas.map((c) => ({ id: c.id, dedupeKey: c.dedupeKey })),
    ctaFired: fired.map((a) => (a instanceof Uint8Array ? a : Uint8Array.from(a))),
  };
}

/** The lifecycle of stored run `runId` against the stored runs `before` it; null as above. */
export async function storedRunLifecycle(
  runId: string,
  shown: ShownRun,
  before: readonly string[],
): Promise<RunLife | null> {
  const current = await storedShownRun(runId, shown);
  return current && runLifecycle(current, storedRuns(before));
}
