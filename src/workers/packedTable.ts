import { newColumns, type AccountTable, type Column } from '../table/columns';
import { packedPartsColumn, type PackedDict } from '../table/packedDict';
import { packStrings } from '../store/datasets';
import { DICT_MESSAGE_UNITS, DICT_SLICE } from './datasetLoad';

/**
 * A table as the import worker sends it to the page when it is stored ("commit"): each string
 * column's dictionary as packed slices of at most DICT_SLICE values (one NUL-joined string
 * each, or the values themselves for a slice holding NUL), the typed arrays as they are, to
 * transfer. Sent as a plain table, the page deserialised a million ids, a million names and
 * the other string columns in one task and then held them; the page keeps the slices packed,
 * as it keeps a reloaded dataset's (datasetLoad.ts, table/packedDict.ts). The slices go in
 * messages of their own ahead of the table (`sliceMessages`, `withSlices`): in the table's one
 * message, the ~40 MB of joined strings of a million accounts were one task of 120–150 ms on
 * the page (their deserialisation); one slice is about a millisecond. Many slices go to a
 * message (up to DICT_MESSAGE_UNITS code units, as a reloaded dataset's do: datasetLoad.ts):
 * one slice a message left ~250 small copies that Blink's sweep freed one by one on the page's
 * main thread (session 29, reloadfast).
 */
export type PackedColumn =
  Exclude<Column, { type: 'string' }> | { type: 'string'; codes: Int32Array; parts: PackedDict[] };
export type PackedTable = { rowCount: number; columns: Record<string, PackedColumn> };

/**
 * The worker's half: the dictionaries read (a lazy one is decoded here, in the worker) and
 * packed, `slice` values per slice.
 */
export function packTable(table: AccountTable, slice = DICT_SLICE): PackedTable {
  // Without a prototype: a field may be named `__proto__` (columns.ts, newColumns).
  const columns = Object.create(null) as Record<string, PackedColumn>;
  for (const [id, col] of Object.entries(table.columns)) {
    if (col.type !== 'string') {
      columns[id] = col;
      continue;
    }
    const dict = col.dict;
    const parts: PackedDict[] = [];
    for (let i = 0; i < dict.length; i += slice)
      parts.push(packStrings(dict.slice(i, Math.min(dict.length, i + slice))));
    columns[id] = { type: 'string', codes: col.codes, parts };
  }
  return { rowCount: table.rowCount, columns };
}

/** The page's half: the table, its string columns' dictionaries still packed (no strings made). */
export function unpackTable(t: PackedTable): AccountTable {
  const columns = newColumns();
  for (const [id, col] of Object.entries(t.columns))
    columns[id] = col.type === 'string' ? packedPartsColumn(col.codes, col.parts) : col;
  return { rowCount: t.rowCount, columns };
}

export type SliceBatch = { column: string; dict: PackedDict }[];

/**
 * The worker's messages: the string columns' slices, in order, in batches of at most `units`
 * code units of text (a slice larger than that alone), and the table with its columns' `parts`
 * emptied (sent last, its typed arrays transferred).
 */
export function sliceMessages(
  t: PackedTable,
  units = DICT_MESSAGE_UNITS,
): { batches: SliceBatch[]; table: PackedTable } {
  const batches: SliceBatch[] = [];
  let batch: SliceBatch = [];
  let size = 0;
  const columns = Object.create(null) as Record<string, PackedColumn>;
  for (const [id, col] of Object.entries(t.columns)) {
    if (col.type !== 'string') {
      columns[id] = col;
      continue;
    }
    for (const dict of col.parts) {
      const n = Array.isArray(dict) ? dict.length : dict.joined.length;
      if (batch.length && size + n > units) {
        batches.push(batch);
        batch = [];
        size = 0;
      }
      batch.push({ column: id, dict });
      size += n;
    }
    columns[id] = { type: 'string', codes: col.codes, parts: [] };
  }
  if (batch.length) batches.push(batch);
  return { batches, table: { rowCount: t.rowCount, columns } };
}

/** The page's side: the slices received (by column, in order) put back into the table. */
export function withSlices(t: PackedTable, slices: Map<string, PackedDict[]>): PackedTable {
  for (const [id, col] of Object.entries(t.columns))
    if (col.type === 'string') col.parts = slices.get(id) ?? [];
  return t;
}
