import { useEffect, useState } from 'react';
import type { CtaEpisode } from '../../engine/lifecycle';
import { entryEpisode, entryOf, type RunLife } from '../../engine/lifecycleRuns';
import type { Queue } from '../../engine/ctaQueue';
import type { RunRow } from '../../store/db';
import type { AccountTable } from '../../table/columns';
import { lifecycleInWorker, lifecycleOfStoredRun } from '../../workers/exportClient';
import { afterDrawn } from './afterDrawn';
import { runsBeforeAsOf } from '../../util/runOrder';
import type { RunOutcome } from './runState';

/** The CTA lifecycle as the queue reads it: summary counts and each fired CTA's episode. */
export interface LifeView {
  previousAsOf: string | null;
  newCount: number;
  continuingCount: number;
  resolvedCount: number;
  /** The first 200 resolved CTAs (what the tab lists). */
  resolved: RunLife['resolved'];
  /** The episode of CTA `c` for account `row` (undefined when it did not fire). */
  episode(row: number, c: number): CtaEpisode | undefined;
  /** The episode of queue entry `k` (buildQueue's order). */
  episodeAt(k: number): CtaEpisode | undefined;
  /** Consecutive runs queue entry `k` fired in (0: none, 1: new); no object, no date. */
  runsAt(k: number): number;
  /** By queue entry, the same as runsAt (filterQueue reads it without a call per entry). */
  runs: Uint16Array;
  /** The stored run the worker read it from (the queue export reuses it), if it did. */
  runId?: string;
}

/**
 * The lifecycle from the run worker (by queue entry: 2 bytes each, and the as-of dates read) as
 * the queue reads it. `queue`: buildQueue of the same run, as the worker built it.
 */
export function lifeView(life: RunLife, asOf: string, queue: Queue, runId?: string): LifeView {
  const at = (k: number) => (k < 0 ? undefined : entryEpisode(life, k, asOf));
  return {
    runs: life.runs,
    ...(runId !== undefined ? { runId } : {}),
    previousAsOf: life.previousAsOf,
    newCount: life.newCount,
    continuingCount: life.continuingCount,
    resolvedCount: life.resolvedCount,
    resolved: life.resolved,
    episode: (row, c) => at(entryOf(queue, row, c)),
    episodeAt: at,
    runsAt: (k) => life.runs[k],
  };
}

/** A CTA as the stored run's header names it (the check that the stored run is the shown one). */
const ctaKeyOf = (c: { id: string; dedupeKey: string }) => ({ id: c.id, dedupeKey: c.dedupeKey });

/** The last answer, kept across the tab's remounts (a run's lifecycle never changes). */
let kept: { result: object; key: string; value: LifeView } | null = null;

type Got = { life: RunLife; from: string | undefined };
/** The last stored run's lifecycle asked of the worker (the tab's or an early one at idle). */
let asked: {
  result: object;
  key: string;
  got: Promise<Got | null>;
  /** The answer once in (the tab then draws it at once: no first pass without it). */
  value?: Got | null;
} | null = null;

/** The lifecycle of the shown run, if stored, read by the worker from the store (null: not). */
function askStored(outcome: RunOutcome, key: string): Promise<Got | null> {
  const r = outcome.result;
  if (asked && asked.result === r && asked.key === key) return asked.got;
  const runId = outcome.run?.id;
  const shown = { asOf: r.asOf, rowCount: r.rowCount, ctas: r.ctas.map(ctaKeyOf) };
  const got = runId
    ? lifecycleOfStoredRun(runId, shown, key ? key.split(',') : []).then(
        (life) => (life ? { life, from: runId } : null),
        () => null,
      )
    : Promise.resolve(null);
  const entry: NonNullable<typeof asked> = { result: r, key, got };
  asked = entry;
  void got.then((v) => (entry.value = v));
  return got;
}

/**
 * Have the worker compute the shown stored run's lifecycle once the run is drawn and the page is
 * idle (afterDrawn), so the CTA tab finds it ready: it costs the page one message (the worker
 * reads the runs from the store). A run that is not stored waits for the tab (it would have to be sent).
 */
export function usePrepareLifecycle(outcome: RunOutcome, runs: RunRow[]): void {
  const key = runsBefore(outcome, runs).join(',');
  const r = outcome.result;
  const stored = !!outcome.run;
  useEffect(() => {
    if (!stored) return;
    // Once the run is drawn and the page idle (afterDrawn), not at idle with a timeout: the
    // worker's read of the stored runs (~0.5 s of CPU at a million accounts) fell inside the
    // re-derived run's draw after a reload (session 31).
    return afterDrawn(() => void askStored(outcome, key));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the run and its earlier runs
  }, [r, key, stored]);
}

/**
 * The CTA lifecycle of the shown run against the stored runs before it (newest first),
 * computed in the run worker (workers/export.worker.ts, engine/lifecycleRuns.ts), which reads of
 * the earlier runs only their key lists and CTA columns, and only as many runs as the longest
 * open streak needs. A stored run is read by the worker from the store too (its key list and
 * CTA columns): nothing is sent from the page (sending a million-account run took the page
 * seconds of tasks). A run that is not stored (or not as shown) is sent as before.
 * `table`: the run worker's columns (workerTable.ts); `queue`: buildQueue(r).
 */
export function useLifecycle(
  outcome: RunOutcome,
  runs: RunRow[],
  table: AccountTable,
  queue: Queue,
): LifeView | null {
  const key = runsBefore(outcome, runs).join(',');
  const r = outcome.result;
  const hit = keptOrReady(r, key, queue);
  const [got, setGot] = useState<{ result: object; key: string; value: LifeView } | null>(null);
  useEffect(() => {
    if (keptOrReady(r, key, queue)) return;
    let live = true;
    void askStored(outcome, key)
      .then(
        async (fromStore): Promise<Got> =>
          fromStore ?? {
            life: await lifecycleInWorker(r, table, key ? key.split(',') : []),
            from: undefined,
          },
      )
      .then(
        ({ life, from }) => {
          const value = { result: r, key, value: lifeView(life, r.asOf, queue, from) };
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

/** The kept view of this run's lifecycle, or one made now of an answer already in. */
function keptOrReady(r: RunOutcome['result'], key: string, queue: Queue): LifeView | null {
  if (kept && kept.result === r && kept.key === key) return kept.value;
  const a = asked && asked.result === r && asked.key === key ? asked.value : null;
  if (!a) return null;
  kept = { result: r, key, value: lifeView(a.life, r.asOf, queue, a.from) };
  return kept.value;
}

/**
 * Ids of the stored runs before the shown one in time, newest first (what the lifecycle reads):
 * those dated before its as-of, one per date (util/runOrder.ts), whenever they were stored — a
 * back-filled older run counts for the later ones, and a run never counts for itself.
 */

export function runsBefore(outcome: Pick<RunOutcome, 'result'>, runs: readonly RunRow[]): string[] {
  return runsBeforeAsOf(runs, outcome.result.asOf).map((r) => r.id);
}
