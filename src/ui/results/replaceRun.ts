import type { Playbook } from '../../model';
import type { DatasetRow, RunRow } from '../../store/db';
import type { AccountTable } from '../../table/columns';
import { localTimeZone } from '../../util/localDate';
import { runsOfDate } from '../../util/runOrder';
import { resultsStore } from './runState';

/**
 * Running for an as-of date that already has a stored run: a history keeps one run per date (as
 * the CLI's history folder does), so the user is asked whether to replace the stored run of that
 * date or cancel (ReplaceRunDialog, shown by Results and by the journey map's live layer). The
 * old run is deleted in the transaction that stores the new one: a run that fails or is
 * cancelled leaves it as it was. CTA marks live in the project, keyed by account, dedupe key and
 * episode start, so they carry over to the replacing run.
 */
export type RunOptions = Parameters<typeof resultsStore.run>[0];

/**
 * A stored run of `playbook` over the active dataset as of `asOf`: the one place the request is
 * built (Results' Run, the journey map's live layer, a what-if preview with `store: false`).
 */
export function runRequest(
  projectId: string,
  playbook: Playbook,
  asOf: string,
  data: { table: AccountTable; meta: DatasetRow },
): RunOptions {
  return {
    projectId,
    playbook: { ...playbook, asOf },
    asOf,
    timeZone: localTimeZone(),
    table: data.table,
    datasetId: data.meta.id,
    datasetName: data.meta.name,
    store: true,
  };
}

export interface PendingReplace {
  opts: RunOptions;
  /** The stored runs of that date, oldest first (more than one only in older projects). */
  same: RunRow[];
  /** What the caller does when the run goes ahead (remember the date, close an account page). */
  onGo?: () => void;
  /** Offered by Results: score the model without storing and compare it with the stored run. */
  onPreview?: () => void;
}

let pending: PendingReplace | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const replaceStore = {
  get: () => pending,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** The user chose to replace: run, deleting the date's stored runs once the new one is stored. */
  confirm(): void {
    const p = pending;
    pending = null;
    emit();
    if (!p) return;
    p.onGo?.();
    void resultsStore.run({ ...p.opts, replaces: p.same.map((r) => r.id) });
  },
  /** The user chose to preview: nothing is run as a stored run, nothing stored changes. */
  preview(): void {
    const p = pending;
    pending = null;
    emit();
    p?.onPreview?.();
  },
  cancel(): void {
    pending = null;
    emit();
  },
};

/**
 * Run and store `opts`, asking first when the project already holds a run as of `opts.asOf`.
 * `onGo` runs only when the run goes ahead; `onPreview`, when given, is the dialog's third choice
 * (a what-if preview against the stored run of that date, whatIf.ts).
 */
export function requestRun(
  opts: RunOptions,
  onGo?: () => void,
  onPreview?: (against: RunRow) => void,
): void {
  const s = resultsStore.get();
  const same = s.projectId === opts.projectId ? runsOfDate(s.stored, opts.asOf) : [];
  if (opts.store && same.length) {
    const last = same[same.length - 1];
    pending = { opts, same, onGo, onPreview: onPreview && (() => onPreview(last)) };
    emit();
    return;
  }
  onGo?.();
  void resultsStore.run(opts);
}
