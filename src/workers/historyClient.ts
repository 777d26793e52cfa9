import type { MigrationMatrix } from '../engine';
import { cellAccounts, changesOf, matrixOf } from './historyReads';
import type { HistoryReply, HistoryRequest } from './history.worker';
import { accountPoints, type AccountPoint } from '../store/accountPoints';
import { workerAsker } from './workerAsk';
import type { ChangeFilter, ChangeSort, ChangesPage } from '../engine/changes';

/**
 * The History tab's migration matrix and its cells' accounts, computed in history.worker.ts (one
 * warm worker). Where there is no Worker (unit tests in jsdom) the same code runs here.
 */
let factory = () => new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module' });
/** The benchmark loads the worker from its own bundle (test/bench/historyBrowser.ts). */
export function setHistoryWorkerFactory(f: () => Worker): void {
  factory = f;
}
const asker = workerAsker<HistoryRequest, HistoryReply>('history', () => factory());
const ask = asker.ask;

/** Stop the worker (what it read goes with it); the next question starts a new one. */
export function closeHistoryWorker(): void {
  asker.close();
}

/**
 * Start the worker and let it read these runs' colour columns (the Results view calls it at
 * idle with the two newest runs, the History tab's default pair), so the tab's first matrix does
 * not wait for a new worker, the database and two column reads. Nothing happens without Worker;
 * the promise (which never rejects) settles when the columns are read.
 */
export async function warmHistory(runIds: string[]): Promise<void> {
  if (typeof Worker === 'undefined' || runIds.length === 0) return;
  await ask({ type: 'warm', runs: runIds }).catch(() => undefined);
}

/** The colour-migration matrix from run a to run b (stored run ids). */
export async function loadMigration(a: string, b: string): Promise<MigrationMatrix> {
  if (typeof Worker === 'undefined') {
    return matrixOf(a, b);
  }
  const r = await ask({ type: 'matrix', a, b });
  if (!r.ok || !r.matrix) throw new Error(r.ok ? 'no matrix' : r.error);
  return r.matrix;
}

/** Account ids of run b that went from colour `from` in run a to `to` in run b. */
export async function loadMigratedAccounts(
  a: string,
  b: string,
  from: string,
  to: string,
): Promise<string[]> {
  if (typeof Worker === 'undefined') {
    return cellAccounts(a, b, from, to);
  }
  const r = await ask({ type: 'cell', a, b, from, to });
  if (!r.ok || !r.accounts) throw new Error(r.ok ? 'no accounts' : r.error);
  return r.accounts;
}

/** The first `limit` accounts of run b by their change since run a, and how many pass the filter. */
export async function loadChanges(
  a: string,
  b: string,
  order: string[],
  filter: ChangeFilter,
  sort: ChangeSort,
  limit: number,
): Promise<ChangesPage> {
  if (typeof Worker === 'undefined') {
    return changesOf(a, b, order, filter, sort, limit);
  }
  const r = await ask({ type: 'changes', a, b, order, filter, sort, limit });
  if (!r.ok || !r.changes) throw new Error(r.ok ? 'no changes' : r.error);
  return r.changes;
}

/** One account's row in each of the runs (ids oldest first): the account page's history. */
export async function loadAccountPoints(
  runs: string[],
  accountId: string,
): Promise<AccountPoint[]> {
  if (typeof Worker === 'undefined') {
    return accountPoints(runs, accountId);
  }
  const r = await ask({ type: 'account', runs, accountId });
  if (!r.ok || !r.points) throw new Error(r.ok ? 'no points' : r.error);
  return r.points;
}
