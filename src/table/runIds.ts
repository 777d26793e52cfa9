import { dictAt, dictIndexOf, dictSlices, lazyListColumn } from './packedDict';

/** A run (engine/types.ts ScoreResult): its ids, row by row. */
export type Run = { accountIds: readonly string[] };

/**
 * A run's account ids as the page reads them. After a reload the run's ids are the dataset's
 * packed key column (workers/scoredWire.ts, `lazyDictList`): these read one id, or find one,
 * without making the million strings (reading `r.accountIds` itself would). Row `row` of such a
 * run is code `row` of the column (unique keys in file order).
 */
export function idAt(r: Run, row: number): string {
  const col = lazyListColumn(r, 'accountIds');
  return col ? dictAt(col, row) : r.accountIds[row];
}

/** The first row ≥ `from` whose id is `id` (-1 if none): `r.accountIds.indexOf(id, from)`. */
export function idIndexOf(r: Run, id: string, from = 0): number {
  const col = lazyListColumn(r, 'accountIds');
  return col ? dictIndexOf(col, id, from) : r.accountIds.indexOf(id, from);
}

/**
 * The run's ids in row order a slice at a time, `[first row, its ids]`: a packed run's are
 * made a slice at a time and not kept (a plain run's are one slice, the list itself).
 */
export function* idSlices(r: Run): Generator<[number, readonly string[]]> {
  const col = lazyListColumn(r, 'accountIds');
  if (col) yield* dictSlices(col);
  else yield [0, r.accountIds];
}
