import { columnOf, MISSING_BOOL, type AccountTable } from './columns';

/**
 * The run's account ids: the key column's text per row. Deterministic in the table, so the page
 * rebuilds them from its own copy of the dataset instead of receiving a million strings from the
 * scoring worker (workers/scoredWire.ts; here, not in the engine, so the page's worker client does not load the
 * engine's bundle at start).
 */
export function accountIdsOf(table: AccountTable, key: string): string[] {
  const col = columnOf(table, key);
  // Unique keys in file order (the usual import) are their own dictionary: share it, no copy.
  if (col && col.type === 'string' && col.dict.length === table.rowCount && isIdentity(col.codes))
    return col.dict;
  const out = new Array<string>(table.rowCount);
  if (!col) {
    for (let i = 0; i < table.rowCount; i++) out[i] = String(i + 1);
    return out;
  }
  for (let i = 0; i < table.rowCount; i++) {
    if (col.type === 'string') out[i] = col.codes[i] < 0 ? '' : col.dict[col.codes[i]];
    else if (col.type === 'boolean')
      out[i] = col.values[i] === MISSING_BOOL ? '' : String(col.values[i] === 1);
    else out[i] = Number.isNaN(col.values[i]) ? '' : String(col.values[i]);
  }
  return out;
}

export function isIdentity(codes: Int32Array): boolean {
  for (let i = 0; i < codes.length; i++) if (codes[i] !== i) return false;
  return true;
}
