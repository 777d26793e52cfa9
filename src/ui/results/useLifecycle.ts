import { useEffect, useState } from 'react';
import type { CtaEpisode } from '../../engine/lifecycle';
import type { RunRow } from '../../store/db';
import { daysToIso, isoToDays, type AccountTable } from '../../table/columns';
import { lifecycleInWorker } from '../../workers/exportClient';
import type { LifeArrays } from '../../workers/exportProtocol';
import type { RunOutcome } from './runState';

/** The CTA lifecycle as the queue reads it: summary counts and each fired CTA's episode. */
export interface LifeView {
  previousAsOf: string | null;
  newCount: number;
  continuingCount: number;
  resolvedCount: number;
  /** The first 200 resolved CTAs (what the tab lists). */
  resolved: LifeArrays['resolved'];
  /** The episode of CTA `c` for account `row` (undefined when it did not fire). */
  episode(row: number, c: number): CtaEpisode | undefined;
}

/** The lifecycle's arrays (from the run worker) as the queue reads them. */
export function lifeView(life: LifeArrays, asOf: string): LifeView {
  const today = isoToDays(asOf);
  return {
    ...life,
    episode(row, c) {
      const runs = life.runs[c]?.[row];
      if (!runs) return undefined;
      const since = life.since[c][row];
      return { since: daysToIso(since), runs, days: today - since, isNew: runs === 1 };
    },
  };
}

/** The last answer, kept across the tab's remounts (a run's lifecycle never changes). */
let kept: { result: object; key: string; value: LifeView } | null = null;

/**
 * The CTA lifecycle of the shown run against the stored runs before it (newest first),
 * computed in the run worker (workers/export.worker.ts), which reads only as many stored runs as
 * the longest continuing streak needs. `table`: the run worker's columns (workerTable.ts).
 */
export function useLifecycle(
  outcome: RunOutcome,
  runs: RunRow[],
  table: AccountTable,
): LifeView | null {
  const key = runsBefore(outcome, runs).join(',');
  const r = outcome.result;
  const hit = kept && kept.result === r && kept.key === key ? kept.value : null;
  const [got, setGot] = useState<{ result: object; key: string; value: LifeView } | null>(null);
  useEffect(() => {
    if (kept && kept.result === r && kept.key === key) return;
    let live = true;
    void lifecycleInWorker(r, table, key ? key.split(',') : []).then(
      (life) => {
        const value = { result: r, key, value: lifeView(life, r.asOf) };
        kept = value;
        if (live) setGot(value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the worker's table follows the run
  }, [r, key]);
  return hit ?? (got && got.result === r && got.key === key ? got.value : null);
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
