import type { AccountTable, Column } from './columns';

/** Rows lo..hi of a table as a table of views (no copies; dictionaries are shared). */
export function sliceTable(table: AccountTable, lo: number, hi: number): AccountTable {
  if (lo === 0 && hi === table.rowCount) return table;
  // A dictionary-mode object: adding ~30 keys to `{}` builds a chain of hidden classes that dies
  // with the run, and optimised code that saw them would be discarded at the next collection.
  const columns: Record<string, Column> = Object.create(null);
  for (const id of Object.keys(table.columns)) {
    const col = table.columns[id];
    columns[id] =
      col.type === 'string'
        ? { type: 'string', codes: col.codes.subarray(lo, hi), dict: col.dict }
        : ({ type: col.type, values: col.values.subarray(lo, hi) } as Column);
  }
  return { rowCount: hi - lo, columns };
}
