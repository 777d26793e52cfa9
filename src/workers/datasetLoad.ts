import { db, type DatasetRow } from '../store/db';
import { chunkCount, type PackedDict } from '../store/datasets';
import type { AccountTable, Column } from '../table/columns';
import { packedPartsColumn } from '../table/packedDict';

/**
 * Reading the stored dataset off the page (dataset.worker.ts). Read on the page, each stored
 * chunk was one long task: IndexedDB's reply deserialised, Dexie's callbacks, then the chunk
 * decoded and copied into the columns. The worker reads the chunks and puts the typed arrays
 * together; the page receives only the dictionaries of the string columns, then every typed
 * array whole, transferred (no copy, no per-value work). The page keeps the dictionaries packed
 * in slices of at most DICT_SLICE values (one joined string each): each string column's `dict`
 * is decoded (into an array of its final size) when first read, one value is read without
 * decoding (`dictAt`), and a hand-over to a worker sends the slices (table/packedDict.ts).
 * Split on the page as they arrived, the million ids and million names were the re-derived
 * run's young-generation garbage collections (docs/page-speed-log.md).
 *
 * The slices travel many to a message (`dicts`, ~2 million code units each, DICT_MESSAGE_UNITS:
 * ~18 messages at a million accounts). One slice a message (~250: 1M ids and 1M names in slices
 * of 8,192), each message's serialised copy (96 or 320 kB) was held by its MessageEvent and given
 * back by Blink's sweep on the page's main thread seconds after the reload, one small region at
 * a time (~194 regions, ~45 MB: a 34–46 ms CPU task). Sent as transferred bytes and decoded on
 * the page (TextDecoder), the strings were Blink's (external to V8), most likely what a new
 * task of V8's external second-pass callbacks (35–51 ms CPU) finalised: not kept.
 *
 * The messages, in order: `meta` (or `none`), the `dicts` (chunk by chunk, each column's slices
 * in order, a message ending at any slice), `columns`; or `failed` at any point.
 * `receiveDataset` turns them into the table `loadDataset` gives.
 */
export type TypedColumn = Float64Array | Uint8Array | Int32Array;
export type DatasetLoadMessage =
  | { type: 'none' }
  | { type: 'meta'; meta: DatasetRow }
  | { type: 'dicts'; slices: { column: string; dict: PackedDict }[] }
  | { type: 'columns'; arrays: Record<string, TypedColumn> }
  | { type: 'failed'; message: string };
export type DatasetLoadRequest = { type: 'load'; datasetId: string };

/** Dictionary values per slice. */
export const DICT_SLICE = 8192;

/**
 * A `dicts` message is posted once its slices hold this many code units (and at the end): its
 * serialised copy is then 2–4 MB (one or two bytes a code unit), an allocation of its own that
 * is given back whole, and the page deserialises it in a few ms.
 */
export const DICT_MESSAGE_UNITS = 1 << 21;

/** A packed dictionary slice cut into packed slices of at most `size` values (none if empty). */
export function slicePacked(p: PackedDict, size: number): PackedDict[] {
  const out: PackedDict[] = [];
  if (Array.isArray(p)) {
    for (let i = 0; i < p.length; i += size) out.push(p.slice(i, i + size));
    return out;
  }
  if (p.count <= size) return p.count ? [p] : [];
  let start = 0;
  for (let left = p.count; left > 0;) {
    const take = Math.min(size, left);
    // The end of the take-th value: the NUL after it, or the end of the text for the last one.
    let end = start - 1;
    for (let k = 0; k < take; k++) {
      end = p.joined.indexOf('\u0000', end + 1);
      if (end < 0) {
        end = p.joined.length;
        break;
      }
    }
    out.push({ joined: p.joined.slice(start, end), count: take });
    start = end + 1;
    left -= take;
  }
  return out;
}

type StoredChunk = {
  cols: Record<string, TypedColumn>;
  dicts: Record<string, PackedDict>;
};

/** The worker's half: read dataset `id` and post what the page needs, in the order above. */
export async function readDataset(
  id: string,
  post: (m: DatasetLoadMessage, transfer?: Transferable[]) => void,
  dictSlice = DICT_SLICE,
  dictUnits = DICT_MESSAGE_UNITS,
): Promise<void> {
  const d = db();
  const arrays = await d.transaction('r', d.datasets, d.datasetChunks, async () => {
    const meta = await d.datasets.get(id);
    if (!meta) return null;
    post({ type: 'meta', meta });
    const n = meta.rowCount;
    const arrays: Record<string, TypedColumn> = {};
    for (const c of meta.columns)
      arrays[c.id] =
        c.type === 'string'
          ? new Int32Array(n)
          : c.type === 'boolean'
            ? new Uint8Array(n)
            : new Float64Array(n);
    const count = meta.chunkCount ?? chunkCount(n);
    // The slices not posted yet, and their text's length in code units.
    let slices: { column: string; dict: PackedDict }[] = [];
    let units = 0;
    const flush = () => {
      if (!slices.length) return;
      post({ type: 'dicts', slices });
      slices = [];
      units = 0;
    };
    let at = 0;
    for (let i = 0; i < count; i++) {
      const ch = await d.datasetChunks.get([id, i]);
      if (!ch) throw new Error(`dataset ${id}: chunk ${i + 1} of ${count} is missing`);
      const data = ch.data as StoredChunk;
      let rows = 0;
      for (const c of meta.columns) {
        const part = data.cols[c.id];
        rows = part.length;
        (arrays[c.id] as Float64Array).set(part as Float64Array, at);
        if (c.type === 'string')
          for (const dict of slicePacked(data.dicts[c.id], dictSlice)) {
            slices.push({ column: c.id, dict });
            units += Array.isArray(dict) ? dict.length : dict.joined.length;
            if (units >= dictUnits) flush();
          }
      }
      at += rows;
    }
    flush();
    return arrays;
  });
  // After the transaction has ended: the page stops the worker on this message.
  if (!arrays) return post({ type: 'none' });
  post(
    { type: 'columns', arrays },
    Object.values(arrays).map((a) => a.buffer as ArrayBuffer),
  );
}

/**
 * The page's half: feed it the worker's messages in order; it answers `undefined` while more
 * are to come, then the dataset (null: there is none). A `failed` message throws its error.
 */
export function receiveDataset(): (
  m: DatasetLoadMessage,
) => { meta: DatasetRow; table: AccountTable } | null | undefined {
  let meta: DatasetRow | null = null;
  const dicts = new Map<string, PackedDict[]>();
  return (m) => {
    if (m.type === 'failed') throw new Error(m.message);
    if (m.type === 'none') return null;
    if (m.type === 'meta') {
      meta = m.meta;
      for (const c of meta.columns) if (c.type === 'string') dicts.set(c.id, []);
      return undefined;
    }
    if (!meta) throw new Error('dataset load: data before its description');
    if (m.type === 'dicts') {
      for (const { column, dict } of m.slices) dicts.get(column)!.push(dict);
      return undefined;
    }
    const columns: Record<string, Column> = {};
    for (const c of meta.columns) {
      const a = m.arrays[c.id];
      columns[c.id] =
        c.type === 'string'
          ? packedPartsColumn(a as Int32Array, dicts.get(c.id)!)
          : c.type === 'boolean'
            ? { type: 'boolean', values: a as Uint8Array }
            : { type: c.type, values: a as Float64Array };
    }
    return { meta, table: { rowCount: meta.rowCount, columns } };
  };
}
