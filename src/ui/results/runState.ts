import {
  type ActivityData,
  type CompiledPlaybook,
  type FunnelRow,
  type ScoreResult,
  type Summary,
  type TrendResult,
} from '../../engine';
import type { Playbook } from '../../model';
import type { RunActivityInfo, RunRow } from '../../store/db';
import type { AccountTable } from '../../table/columns';
import { mark, scoreInWorker, WorkerFailure } from '../../workers/clients';
import { deleteRun, listRuns } from '../../store/runStore';
import { runTimeline } from '../../util/runOrder';
import { compiledPlaybook } from './compileAhead';
import { releaseOnHide } from '../../workers/releaseOnHide';

/** What a run asks the scoring worker to score: the model, its date, and the data. */
export interface ScoredData {
  projectId: string;
  playbook: Playbook;
  asOf: string;
  /** The user's time zone, stored with the run. */
  timeZone?: string;
  table: AccountTable;
  datasetId: string;
  datasetName?: string;
}

/** The part of a scoring request that names the data and model (a run and a what-if preview). */
export function scoredData(o: ScoredData): ScoredData {
  return {
    playbook: o.playbook,
    asOf: o.asOf,
    timeZone: o.timeZone,
    table: o.table,
    projectId: o.projectId,
    datasetId: o.datasetId,
    datasetName: o.datasetName,
  };
}

/**
 * The results of the open project's latest run, kept outside React so switching views does
 * not lose them. Scoring runs in a worker; the compiled playbook is kept here too, because
 * an account page explains one account on the main thread (cheap) with it.
 */
export interface RunOutcome {
  result: ScoreResult;
  summary: Summary;
  trend: TrendResult | null;
  previous: RunRow | null;
  run: RunRow | null;
  compiled: CompiledPlaybook;
  /** The scored table: the dataset plus one column per activity aggregate the playbook reads. */
  table: AccountTable;
  /** The activity the run read, linked to the dataset's rows, and where it came from. */
  activity: ActivityData;
  activityUsed: RunActivityInfo[];
  datasetId: string;
  /** The playbook that produced these numbers (the run's own, never the project's current one). */
  playbook: Playbook;
  /** The result's stage funnel, counted in the scoring worker (the dashboard draws it). */
  funnel?: FunnelRow[];
}

export interface ResultsState {
  projectId: string | null;
  status: 'idle' | 'running' | 'ready' | 'failed';
  phase: string;
  fraction: number;
  outcome: RunOutcome | null;
  /**
   * The runs over time: one per as-of date, in time order (util/runOrder.ts). Trends, the CTA
   * lifecycle, comparisons and the account history read these.
   */
  runs: RunRow[];
  /** Every stored run in time order, superseded ones included (runs of a date stored earlier). */
  stored: RunRow[];
  /** The project's stored runs have been listed (an empty `runs` then means "none"). */
  runsLoaded?: boolean;
  error?: string;
  issues?: { path: string; message: string }[];
  /** Sources the playbook reads that have no imported activity (error = 'activity'). */
  missingActivity?: string[];
}

/** Nothing run or listed yet for the project. */
const idleState = (projectId: string | null): ResultsState => ({
  projectId,
  status: 'idle',
  phase: '',
  fraction: 0,
  outcome: null,
  runs: [],
  stored: [],
});

let state: ResultsState = idleState(null);
const listeners = new Set<() => void>();
// The run's arrays go with the dataset's when the page goes (releaseOnHide.ts).
releaseOnHide(() => state.outcome);
let cancelCurrent: (() => void) | null = null;

/** The project's runs as the state keeps them. */
async function listed(projectId: string): Promise<Pick<ResultsState, 'runs' | 'stored'>> {
  const t = runTimeline(await listRuns(projectId));
  return { runs: t.current, stored: t.all };
}

function set(patch: Partial<ResultsState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export const resultsStore = {
  get: () => state,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** Switch to a project: forget another project's results and list this one's runs. */
  async open(projectId: string): Promise<void> {
    if (state.projectId === projectId) return;
    cancelCurrent?.();
    state = idleState(projectId);
    set({});
    const runs = await listed(projectId);
    if (state.projectId === projectId) set({ ...runs, runsLoaded: true });
  },
  /**
   * Score `table` with `playbook` as of `asOf` in a worker. `store` keeps the run as a fixed
   * record; re-showing a stored run passes store=false, its id, and its own playbook and date
   * (scoring is deterministic, so the numbers are the stored ones). Either way the run is
   * compared with the run before it in time (the newest stored run dated before `asOf`).
   */
  async run(
    opts: ScoredData & {
      store: boolean;
      /** The stored run shown again (store=false). */
      runId?: string;
      /**
       * The worker reads the stored dataset `datasetId` itself (`table` is the page's copy of it,
       * not sent: a stored run shown again after a reload).
       */
      readTable?: boolean;
      /**
       * Stored runs of the same as-of the new run replaces (the user confirmed): deleted in the
       * transaction that stores it, never before.
       */
      replaces?: string[];
    },
  ): Promise<void> {
    cancelCurrent?.();
    // Compiled ahead when this is a stored run shown again (compileAhead.ts), else now.
    const compiled = compiledPlaybook(opts.playbook, opts.asOf);
    if (!compiled.ok) {
      set({ status: 'failed', error: 'playbook', issues: compiled.issues });
      return;
    }
    set({
      status: 'running',
      phase: 'compile',
      fraction: 0,
      error: undefined,
      issues: undefined,
      missingActivity: undefined,
    });
    const job = scoreInWorker(
      {
        ...scoredData(opts),
        store: opts.store,
        readTable: opts.readTable,
        compareWith: 'previous',
        ...(opts.store && opts.replaces?.length ? { replaces: opts.replaces } : {}),
      },
      (phase, fraction) => set({ phase, fraction }),
    );
    cancelCurrent = job.cancel;
    const current = () => cancelCurrent === job.cancel;
    try {
      const m = await job.promise;
      if (state.projectId !== opts.projectId) return;
      const runs = await listed(opts.projectId);
      set({
        status: 'ready',
        ...runs,
        outcome: {
          result: m.result,
          summary: m.summary,
          trend: m.trend,
          previous: m.previous,
          run: m.run ?? runs.stored.find((r) => r.id === opts.runId) ?? null,
          compiled: compiled.compiled,
          // The dataset plus the aggregate columns the worker computed (workers/scoredWire.ts).
          table: m.table,
          activity: m.activity,
          activityUsed: m.activityUsed,
          datasetId: opts.datasetId,
          playbook: opts.playbook,
          funnel: m.funnel,
        },
      });
      mark('waymark:run-set');
    } catch (e) {
      // A run cancelled because another started must not touch the state the new one owns.
      if (e instanceof WorkerFailure && e.message === 'cancelled') {
        if (current()) set({ status: state.outcome ? 'ready' : 'idle' });
      } else if (e instanceof WorkerFailure && e.missingActivity?.length)
        set({ status: 'failed', error: 'activity', missingActivity: e.missingActivity });
      else
        set({
          status: 'failed',
          error: e instanceof Error ? e.message : String(e),
          issues: e instanceof WorkerFailure ? e.issues : undefined,
        });
    } finally {
      if (current()) cancelCurrent = null;
    }
  },
  cancel(): void {
    cancelCurrent?.();
  },
  /** List the stored runs again (after an import). */
  async refreshRuns(): Promise<void> {
    const projectId = state.projectId;
    if (projectId) {
      const runs = await listed(projectId);
      if (state.projectId === projectId) set(runs);
    }
  },
  /** Delete stored runs the user chose (never done silently). */
  async deleteRuns(ids: string[]): Promise<void> {
    const projectId = state.projectId;
    for (const id of ids) await deleteRun(id);
    if (projectId && state.projectId === projectId) {
      const runs = await listed(projectId);
      if (state.projectId === projectId) set(runs);
    }
  },
};
