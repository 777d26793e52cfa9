import { isoToDays } from '../../table/columns';
import { lifecycleKey, type FiredRun, type Lifecycle } from '../lifecycle';

/**
 * The lifecycle as the run worker sent it before it read stored runs column by column
 * (engine/lifecycleRuns.ts): kept verbatim as the oracle the new computation is tested against.
 */
/**
 * A lifecycle as arrays, for sending from a worker (transferred, not cloned: a Map of a million
 * string keys took the page seconds to build or receive): by CTA and row, the episode's
 * consecutive runs (0 = the CTA did not fire for that account) and the day its streak started
 * (days since 1970-01-01); the summary counts, and the first 200 resolved CTAs (what is listed).
 */
export interface LifeArrays {
  previousAsOf: string | null;
  newCount: number;
  continuingCount: number;
  resolvedCount: number;
  resolved: Lifecycle['resolved'];
  runs: Uint16Array[];
  since: Int32Array[];
}

export function lifeArrays(current: FiredRun, life: Lifecycle): LifeArrays {
  const n = current.accountIds.length;
  const runs: Uint16Array[] = [];
  const since: Int32Array[] = [];
  let newCount = 0;
  for (const e of life.episodes.values()) if (e.isNew) newCount++;
  current.ctas.forEach((c, k) => {
    const f = current.ctaFired[k];
    const r = new Uint16Array(n);
    const d = new Int32Array(n);
    for (let row = 0; row < n; row++) {
      if (!f[row]) continue;
      const e = life.episodes.get(lifecycleKey(current.accountIds[row], c.dedupeKey));
      if (!e) continue;
      r[row] = Math.min(e.runs, 0xffff);
      d[row] = isoToDays(e.since);
    }
    runs.push(r);
    since.push(d);
  });
  return {
    previousAsOf: life.previousAsOf,
    newCount,
    continuingCount: life.episodes.size - newCount,
    resolvedCount: life.resolved.length,
    resolved: life.resolved.slice(0, 200),
    runs,
    since,
  };
}
