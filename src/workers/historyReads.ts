import {
  migratedAccounts,
  migrationMatrix,
  type ColoredRun,
  type MigrationMatrix,
} from '../engine/migration';
import {
  changesPage,
  type ChangeFilter,
  type ChangeSort,
  type ChangesPage,
} from '../engine/changes';
import { openRun, type RunView } from '../store/runStore';

/**
 * What the History tab asks of stored runs, reading only the columns each answer needs: the
 * migration matrix reads the two runs' colour columns (runs of one key list align by position;
 * others also read their account keys), a cell's accounts add run B's keys, the change list the
 * totals. Runs opened here stay open (their columns read once) for the next questions.
 */
const views = new Map<string, Promise<RunView | null>>();
const KEEP = 4;

function view(id: string): Promise<RunView> {
  let v = views.get(id);
  if (!v) {
    v = openRun(id);
    views.set(id, v);
    while (views.size > KEEP) views.delete(views.keys().next().value!);
  }
  return v.then((x) => {
    if (!x) {
      views.delete(id);
      throw new Error('run not found');
    }
    return x;
  });
}

async function colored(x: RunView, y: RunView): Promise<[ColoredRun, ColoredRun]> {
  const [ca, cb] = await Promise.all([x.column('color'), y.column('color')]);
  const aligned = x.keysId !== null && x.keysId === y.keysId;
  const [ia, ib] = aligned
    ? [undefined, undefined]
    : await Promise.all([x.accountIds(), y.accountIds()]);
  return [
    { keysId: x.keysId, accountIds: ia, colorIds: x.header.colorIds, color: ca as Int8Array },
    { keysId: y.keysId, accountIds: ib, colorIds: y.header.colorIds, color: cb as Int8Array },
  ];
}

/** A wait on a timer (not a microtask): the worker's event loop turns between a warm-up's steps. */
export type Pause = () => Promise<void>;
const timerPause: Pause = () => new Promise((r) => setTimeout(r, 0));
let pause: Pause = timerPause;
/** Tests count the waits (null: the timer again). */
export function setHistoryPauseForTests(p: Pause | null): void {
  pause = p ?? timerPause;
}

/**
 * Open the runs and read their colour columns (and the database) ahead of the first matrix: what
 * a new worker otherwise does while the History tab waits. A run that is gone is skipped.
 * One run at a time, one step (its record, its column) at a time, with a wait on a timer before
 * each: a worker whose page was left stops at the next wait (~50 ms), where one chain of promises
 * runs on until Chromium's forced stop ~2 s later, beside the new page's first tasks
 * (docs/page-speed-log.md, session 31 reloadcalm). What it reads goes into the same views and columns
 * the matrix reads (a matrix asked meanwhile shares them).
 */
export async function warmRuns(ids: string[]): Promise<void> {
  for (const id of ids) {
    await pause();
    const v = await view(id).catch(() => null);
    if (!v) continue;
    await pause();
    await v.column('color');
  }
}

/** The colour-migration matrix from run a to run b (stored run ids). */
export async function matrixOf(a: string, b: string): Promise<MigrationMatrix> {
  const [x, y] = await Promise.all([view(a), view(b)]);
  const [ca, cb] = await colored(x, y);
  // Each answer's long synchronous step after a wait on a timer, not chained to the read's
  // reply: a page left meanwhile stops the worker there (see warmRuns).
  await pause();
  return migrationMatrix(ca, cb);
}

/** Account ids of run b that went from colour `from` in run a to `to` in run b. */
export async function cellAccounts(
  a: string,
  b: string,
  from: string,
  to: string,
): Promise<string[]> {
  const [x, y] = await Promise.all([view(a), view(b)]);
  const [ca, cb] = await colored(x, y);
  await pause();
  const rows = migratedAccounts(ca, cb, from, to);
  const ids = await y.accountIds();
  await pause();
  return rows.map((j) => ids[j]);
}

/** The first `limit` accounts of run b by their change since run a. */
export async function changesOf(
  a: string,
  b: string,
  order: string[],
  filter: ChangeFilter,
  sort: ChangeSort,
  limit: number,
): Promise<ChangesPage> {
  const [x, y] = await Promise.all([view(a), view(b)]);
  const [[ca, cb], ta, tb, idsB] = await Promise.all([
    colored(x, y),
    x.column('total'),
    y.column('total'),
    y.accountIds(),
  ]);
  const idsA = ca.accountIds ?? idsB;
  await pause();
  return changesPage(
    { ...ca, accountIds: idsA, total: ta as Float64Array },
    { ...cb, accountIds: idsB, total: tb as Float64Array },
    order,
    filter,
    sort,
    limit,
  );
}
