import { everyRow } from './accountRows';
import type { RowQueryArgs } from './rowQuery';

/**
 * The query whose answer is every row in table order: no filter, no search text (spaces are
 * none: filterRows trims it), no journey-map condition, no sort — what the accounts tab asks
 * first. Its answer needs no worker, so a large table draws these rows while the worker is
 * still taking the run (shown as pending until its answer), and the answer, when it comes,
 * changes no row on screen: the rows' first layout is no longer made beside the worker's major
 * GC that follows the hand-over (docs/page-speed-log.md, session 32 tabtask).
 */
export function asksEveryRow(q: RowQueryArgs): boolean {
  const f = q.filter;
  return (
    !q.sort &&
    !q.live &&
    f.color === undefined &&
    f.segment === undefined &&
    f.stage === undefined &&
    f.owner === undefined &&
    !f.renewal &&
    (f.q ?? '').trim() === ''
  );
}

/** 0…n-1, made once per run (a million rows: 4 MB, kept while the run is). */
const made = new WeakMap<object, Int32Array>();

export function everyRowOf(run: object, rowCount: number): Int32Array {
  let rows = made.get(run);
  if (!rows || rows.length !== rowCount) {
    rows = everyRow(new Int32Array(rowCount));
    made.set(run, rows);
  }
  return rows;
}

/**
 * Rows `first` to `last` of `a` and `b` are the same rows: a table drawing that window from
 * either draws the same thing, so the worker's answer to a query whose rows were drawn already
 * (asksEveryRow) does not render the rows again.
 */
export function sameRowsIn(a: Int32Array, b: Int32Array, first: number, last: number): boolean {
  if (a === b) return true;
  if (a.length < last || b.length < last) return false;
  for (let k = first; k < last; k++) if (a[k] !== b[k]) return false;
  return true;
}
