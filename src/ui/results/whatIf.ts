import type { ScoreResult, Summary } from '../../engine';
import type { ColoredRun } from '../../engine/migration';
import type { RunRow } from '../../store/db';
import type { AgainstColors } from '../../workers/protocol';
import { scoreInWorker, WorkerFailure } from '../../workers/clients';
import { requestRun, type RunOptions } from './replaceRun';
import { scoredData } from './runState';

/**
 * A what-if preview: the project's current model scored over the data of a stored run's date in
 * the score worker, NOT stored, and compared with that stored run (the colour migration, colour
 * distribution, CTA counts, segments: WhatIfPanel). It lives only here, in memory: the history,
 * trends, CTA lifecycle and marks never see it. Saving goes through requestRun (the replace
 * dialog, one IndexedDB transaction); discarding, leaving Results or reloading forgets it.
 */
export interface WhatIf {
  /** The run it would store if saved (`store` is set only on save). */
  opts: RunOptions;
  /** The stored run of that date it is compared with. */
  against: RunRow;
  status: 'running' | 'ready' | 'failed';
  phase: string;
  fraction: number;
  result?: ScoreResult;
  summary?: Summary;
  /** The stored run's colours, read by the score worker. */
  colors?: AgainstColors;
  error?: string;
  /** The migration cell whose accounts are listed (kept while an account page is open). */
  cell?: { from: string; to: string } | null;
}

let state: WhatIf | null = null;
let cancelJob: (() => void) | null = null;
const listeners = new Set<() => void>();
const set = (next: WhatIf | null) => {
  state = next;
  listeners.forEach((l) => l());
};

export const whatIfStore = {
  get: () => state,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** Score `opts.playbook` as of `opts.asOf` without storing it, against the stored run `against`. */
  async start(opts: RunOptions, against: RunRow): Promise<void> {
    cancelJob?.();
    const mine: WhatIf = { opts, against, status: 'running', phase: 'compile', fraction: 0 };
    set(mine);
    const job = scoreInWorker(
      {
        ...scoredData(opts),
        store: false,
        compareWith: 'none',
        against: against.id,
      },
      (phase, fraction) => state?.opts === opts && set({ ...state, phase, fraction }),
    );
    cancelJob = job.cancel;
    try {
      const m = await job.promise;
      if (state?.opts !== opts) return;
      if (!m.against) throw new Error('run not found');
      set({ ...state, status: 'ready', result: m.result, summary: m.summary, colors: m.against });
    } catch (e) {
      if (state?.opts !== opts) return;
      if (e instanceof WorkerFailure && e.message === 'cancelled') set(null);
      else set({ ...state, status: 'failed', error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (cancelJob === job.cancel) cancelJob = null;
    }
  },
  /** List a migration cell's accounts (null: none). */
  setCell(cell: { from: string; to: string } | null): void {
    if (state) set({ ...state, cell });
  },
  /** Forget the preview (a running one is stopped). Nothing stored is touched. */
  discard(): void {
    cancelJob?.();
    cancelJob = null;
    if (state) set(null);
  },
  /**
   * Store the previewed model as the run of its date: asks first in the replace dialog (the date
   * is stored), which replaces the stored run in one transaction; the preview goes when it runs.
   */
  save(onGo?: () => void): void {
    const w = state;
    if (!w) return;
    requestRun({ ...w.opts, store: true }, () => {
      whatIfStore.discard();
      onGo?.();
    });
  },
};

/**
 * The stored run and the preview as the migration matrix reads them (engine/migration.ts). When
 * the worker found the stored run's keys to be the preview's own, both align by position.
 */
export function whatIfSides(w: WhatIf): [ColoredRun, ColoredRun] | null {
  if (!w.result || !w.colors) return null;
  const aligned = !w.colors.accountIds;
  const key = aligned ? 'same-rows' : null;
  return [
    {
      keysId: key,
      accountIds: w.colors.accountIds,
      colorIds: w.colors.colorIds,
      color: w.colors.color,
    },
    {
      keysId: key,
      accountIds: aligned ? undefined : w.result.accountIds,
      colorIds: w.result.colorIds,
      color: w.result.color,
    },
  ];
}
