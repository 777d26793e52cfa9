import { db, type DatasetRow } from './db';
import { newId } from '../model/ids';
import type { AccountTable, Column } from '../table/columns';
import { packedValues, type PackedDict } from '../table/packedDict';

/**
 * Datasets in IndexedDB, column-wise in chunks of CHUNK_ROWS rows: typed arrays are stored as
 * they are (structured clone copies them without per-value work), and a string column's
 * dictionary is split over the chunks by dictionary index, so reloading concatenates slices
 * instead of re-interning a million strings.
 */
export const CHUNK_ROWS = 1 << 16;

/** A dictionary slice: joined with NUL (one string clones far faster than 65k small ones), or an array if a value holds NUL. */
export type { PackedDict };
type ChunkData = {
  cols: Record<string, Float64Array | Uint8Array | Int32Array>;
  dicts: Record<string, PackedDict>;
};

export function packStrings(xs: string[]): PackedDict {
  for (let i = 0; i < xs.length; i++) if (xs[i].includes('\u0000')) return xs;
  return { joined: xs.join('\u0000'), count: xs.length };
}

export function unpackStrings(p: PackedDict, into: string[]): void {
  const xs = packedValues(p);
  for (let i = 0; i < xs.length; i++) into.push(xs[i]);
}

export interface DatasetMeta {
  name: string;
  sources: unknown[];
}

/** Rows [index*CHUNK_ROWS, …) of a table as a stored chunk (also used for activity events). */
export function chunkOf(table: AccountTable, index: number): ChunkData {
  const from = index * CHUNK_ROWS;
  const to = Math.min(table.rowCount, from + CHUNK_ROWS);
  const data: ChunkData = { cols: {}, dicts: {} };
  for (const [id, col] of Object.entries(table.columns)) {
    if (col.type === 'string') {
      data.cols[id] = col.codes.slice(from, to);
      data.dicts[id] = packStrings(
        col.dict.slice(from, index === chunkCount(table.rowCount) - 1 ? col.dict.length : to),
      );
    } else data.cols[id] = col.values.slice(from, to);
  }
  return data;
}

export function chunkCount(rows: number): number {
  return Math.max(1, Math.ceil(rows / CHUNK_ROWS));
}

/**
 * Store a dataset for a project. Written in one transaction, so a failure leaves nothing
 * behind; older datasets of the project are removed only after the new one is stored.
 */
export async function saveDataset(
  projectId: string,
  table: AccountTable,
  meta: DatasetMeta,
  keepOlder = false,
): Promise<DatasetRow> {
  const d = db();
  const count = chunkCount(table.rowCount);
  const row: DatasetRow = {
    id: newId('ds_'),
    projectId,
    name: meta.name,
    createdAt: new Date().toISOString(),
    rowCount: table.rowCount,
    columns: Object.entries(table.columns).map(([id, c]) => ({ id, type: c.type })),
    chunkCount: count,
    sources: meta.sources,
  };
  const older = keepOlder
    ? []
    : await d.datasets.where('projectId').equals(projectId).primaryKeys();
  await d.transaction('rw', d.datasets, d.datasetChunks, async () => {
    for (let i = 0; i < count; i++)
      await d.datasetChunks.add({ datasetId: row.id, index: i, data: chunkOf(table, i) });
    await d.datasets.add(row);
    for (const id of older) {
      await d.datasetChunks.where('datasetId').equals(id).delete();
      await d.datasets.delete(id);
    }
  });
  return row;
}

export async function loadDataset(
  id: string,
  /** After each chunk read (the import worker tells the page it is still going). */
  onChunk?: (done: number, count: number) => void,
): Promise<{ meta: DatasetRow; table: AccountTable } | null> {
  const d = db();
  return d.transaction('r', d.datasets, d.datasetChunks, async () => {
    const meta = await d.datasets.get(id);
    if (!meta) return null;
    // One chunk per request: each is decoded and put in place in a task of its own (reading
    // them all in one request decoded a million rows in one task of ~0.6 s on the page).
    const n = meta.rowCount;
    const asm = columnAssembler(meta.columns, n);
    const count = meta.chunkCount ?? chunkCount(n);
    for (let i = 0; i < count; i++) {
      const ch = await d.datasetChunks.get([id, i]);
      if (!ch) throw new Error(`dataset ${id}: chunk ${i + 1} of ${count} is missing`);
      asm.add(ch);
      onChunk?.(i + 1, count);
    }
    return { meta, table: { rowCount: n, columns: asm.columns } };
  });
}

/** Columns of `n` rows put back together from stored chunks (in index order). */
export function assembleColumns(
  cols: DatasetRow['columns'],
  n: number,
  chunks: readonly { data: unknown }[],
): Record<string, Column> {
  const asm = columnAssembler(cols, n);
  for (const ch of chunks) asm.add(ch);
  return asm.columns;
}

/** The same, one chunk at a time (in index order). */
function columnAssembler(cols: DatasetRow['columns'], n: number) {
  const columns: Record<string, Column> = {};
  for (const c of cols)
    columns[c.id] =
      c.type === 'string'
        ? { type: 'string', codes: new Int32Array(n), dict: [] }
        : c.type === 'boolean'
          ? { type: 'boolean', values: new Uint8Array(n) }
          : { type: c.type, values: new Float64Array(n) };
  let at = 0;
  return {
    columns,
    add(ch: { data: unknown }): void {
      const data = ch.data as ChunkData;
      let rows = 0;
      for (const c of cols) {
        const col = columns[c.id];
        const part = data.cols[c.id];
        rows = part.length;
        if (col.type === 'string') {
          col.codes.set(part as Int32Array, at);
          unpackStrings(data.dicts[c.id], col.dict);
        } else col.values.set(part as never, at);
      }
      at += rows;
    },
  };
}

/** The project's current dataset: the newest one. */
export async function latestDatasetMeta(projectId: string): Promise<DatasetRow | null> {
  const rows = await db().datasets.where('projectId').equals(projectId).sortBy('createdAt');
  return rows.length ? rows[rows.length - 1] : null;
}

export async function deleteDataset(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', d.datasets, d.datasetChunks, async () => {
    await d.datasetChunks.where('datasetId').equals(id).delete();
    await d.datasets.delete(id);
  });
}
