import { isoToDays } from '../table/columns';

/**
 * CTA lifecycle across runs (DOMAIN §7 "CTAs have a life"): a CTA is identified by account and
 * dedupe key, so a risk that keeps firing is one task. Against the runs before it, each CTA of
 * the current run is new (did not fire in the previous run) or continuing (fired in the last N
 * consecutive runs, since the date its episode started); one that fired in the previous run and
 * no longer fires is resolved. A user's mark (done / snoozed / dismissed) belongs to an episode:
 * when the condition clears and fires again later, it is a new task.
 */
export interface FiredRun {
  asOf: string;
  accountIds: string[];
  ctas: { id: string; dedupeKey: string }[];
  ctaFired: Uint8Array[];
}

export const lifecycleKey = (accountId: string, dedupeKey: string) =>
  `${accountId}\u0000${dedupeKey}`;

export interface CtaEpisode {
  /** As-of date of the first run of the current uninterrupted streak. */
  since: string;
  /** Consecutive runs it fired in, this one included. */
  runs: number;
  /** Days from `since` to this run's as-of. */
  days: number;
  /** Did not fire in the previous run (or there is no previous run). */
  isNew: boolean;
  /**
   * As-of date of the newest run before the streak, in which it did not fire; null when the
   * streak reaches back to the oldest stored run. A mark belongs to this episode when its date
   * lies after it: runs thinned away inside the streak do not end the task.
   */
  before: string | null;
}

export interface Lifecycle {
  episodes: Map<string, CtaEpisode>;
  /** Fired in the previous run, not in this one. */
  resolved: { accountId: string; dedupeKey: string; ctaId: string }[];
  /** As-of date of the previous run; null when this is the first. */
  previousAsOf: string | null;
}

/** Keys (account × dedupe key) that fired in a run, with the CTA id that fired for each. */
export function firedKeys(run: FiredRun): Map<string, string> {
  const out = new Map<string, string>();
  run.ctas.forEach((c, k) => {
    const f = run.ctaFired[k];
    for (let i = 0; i < f.length; i++)
      if (f[i]) out.set(lifecycleKey(run.accountIds[i], c.dedupeKey), c.id);
  });
  return out;
}

/**
 * `previous` newest first. Only as many previous runs are read as needed: `next()` returns the
 * next older run (or null), so a caller can load stored runs lazily.
 */
export async function ctaLifecycle(
  current: FiredRun,
  next: () => Promise<FiredRun | null>,
): Promise<Lifecycle> {
  const cur = firedKeys(current);
  const episodes = new Map<string, CtaEpisode>();
  for (const k of cur.keys())
    episodes.set(k, { since: current.asOf, runs: 1, days: 0, isNew: true, before: null });
  const alive = new Set(cur.keys());
  const resolved: Lifecycle['resolved'] = [];
  let previousAsOf: string | null = null;
  let first = true;
  while (alive.size || first) {
    const prev = await next();
    if (!prev) break;
    const keys = firedKeys(prev);
    if (first) {
      previousAsOf = prev.asOf;
      for (const [k, ctaId] of keys)
        if (!cur.has(k)) {
          const [accountId, dedupeKey] = k.split('\u0000');
          resolved.push({ accountId, dedupeKey, ctaId });
        }
    }
    for (const k of [...alive]) {
      const e = episodes.get(k)!;
      if (keys.has(k)) {
        e.since = prev.asOf;
        e.runs++;
        if (first) e.isNew = false;
      } else {
        e.before = prev.asOf;
        alive.delete(k);
      }
    }
    first = false;
  }
  const today = isoToDays(current.asOf);
  for (const e of episodes.values()) e.days = today - isoToDays(e.since);
  return { episodes, resolved, previousAsOf };
}

export interface CtaMarkLike {
  accountId: string;
  dedupeKey: string;
  state: 'done' | 'snoozed' | 'dismissed';
  /** The episode it was marked in (its `since`). */
  since: string;
  until?: string;
}

/**
 * The mark that applies to a CTA of a run as of `asOf`, if any: one made in this episode, i.e.
 * whose episode start lies after the newest stored run in which the CTA did not fire and no later
 * than `asOf` (before < m.since ≤ asOf). A run back-filled for an older date can move the streak's
 * start earlier, and thinning can delete the run the mark was made on: the task is the same and
 * its mark stays. A streak that broke after the mark starts after it: a new task.
 */
export function activeMark<M extends CtaMarkLike>(
  marks: Map<string, M>,
  key: string,
  episode: CtaEpisode | undefined,
  asOf: string,
): M | null {
  const m = marks.get(key);
  if (!m || !episode || m.since > asOf) return null;
  if (episode.before !== null && m.since <= episode.before) return null;
  if (m.state === 'snoozed' && m.until !== undefined && asOf >= m.until) return null;
  return m;
}
