import { useEffect, useState } from 'react';
import { ctaLifecycle, type Lifecycle } from '../../engine/lifecycle';
import type { RunRow } from '../../store/db';
import { loadRun } from '../../store/runStore';
import type { RunOutcome } from './runState';

/**
 * The CTA lifecycle of the shown run against the stored runs before it (newest first), read
 * lazily: only as many runs as the longest continuing streak needs.
 */
export function useLifecycle(outcome: RunOutcome, runs: RunRow[]): Lifecycle | null {
  const [life, setLife] = useState<{ for: RunOutcome; value: Lifecycle } | null>(null);
  const key = runsBefore(outcome, runs).join(',');
  useEffect(() => {
    let live = true;
    let i = 0;
    const ids = key ? key.split(',') : [];
    void ctaLifecycle(outcome.result, async () => {
      const id = ids[i++];
      if (!id) return null;
      return (await loadRun(id))?.result ?? null;
    }).then((value) => {
      if (live) setLife({ for: outcome, value });
    });
    return () => {
      live = false;
    };
  }, [outcome, key]);
  return life && life.for === outcome ? life.value : null;
}

/** Ids of the stored runs before the shown one, newest first (what the lifecycle reads). */
export function runsBefore(outcome: RunOutcome, runs: RunRow[]): string[] {
  const currentId = outcome.run?.id;
  const at = currentId ? runs.findIndex((r) => r.id === currentId) : runs.length;
  return (at < 0 ? runs : runs.slice(0, at))
    .slice()
    .reverse()
    .map((r) => r.id);
}
