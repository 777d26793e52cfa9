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
 * run's young-generation garbage collections (docs/dashboard.md).
 *
 * The dictionaries travel as bytes (`dictBytes`, a message per ~a million code units of text,
 * DICT_BYTES_UNITS): the string columns' slices in order, their text in two transferred buffers (ASCII slices one byte a
 * code unit, the others UTF-16 code units), decoded into the same joined slices on the page
 * (`decodeDictBytes`). Sent as ~250 structured-clone messages of one joined string each (1M ids
 * and 1M names in slices of 8,192), each message's serialised copy (96 and 320 kB) was held by
 * its MessageEvent and given back by Blink's sweep on the page's main thread seconds after the
 * reload (~194 regions, ~45 MB: a 34–46 ms CPU task); a transferred buffer is not copied.
 *
 * The messages, in order: `meta` (or `none`), the `dictBytes` (chunk by chunk, each column's
 * slices in order, a message ending at any slice), `columns`; or `failed` at any point. `receiveDataset` turns them into the
 * table `loadDataset` gives.
 */
export type TypedColumn = Float64Array | Uint8Array | Int32Array;
export type DatasetLoadMessage =
  | { type: 'none' }
  | { type: 'meta'; meta: DatasetRow }
  | { type: 'dictBytes'; parts: DictBytesPart[]; ascii: Uint8Array; wide: Uint16Array }
  | { type: 'columns'; arrays: Record<string, TypedColumn> }
  | { type: 'failed'; message: string };
export type DatasetLoadRequest = { type: 'load'; datasetId: string };

/** Dictionary values per slice. */
export const DICT_SLICE = 8192;

/**
 * A `dictBytes` message is posted once its slices hold this many code units (and at the end):
 * about a stored chunk's ids, or half its names — one message decoded in a few ms on the page.
 */
export const DICT_BYTES_UNITS = 1 << 20;

/**
 * One slice of a `dictBytes` message, in order: a joined slice's `count` values, its text the
 * next `length` code units of the `ascii` buffer (all below U+0080) or of the `wide` one; or a
 * slice holding NUL, its values as they are.
 */
export type DictBytesPart =
  | { column: string; count: number; ascii: boolean; length: number }
  | { column: string; values: string[] };

/** Whether every code unit of `s` is below U+0080. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The worker's side: slices (by column, in order) as one `dictBytes` message and its buffers. */
export function encodeDictBytes(slices: { column: string; dict: PackedDict }[]): {
  message: Extract<DatasetLoadMessage, { type: 'dictBytes' }>;
  transfer: ArrayBuffer[];
} {
  const parts: DictBytesPart[] = [];
  let asciiLength = 0;
  let wideLength = 0;
  for (const { column, dict } of slices) {
    if (Array.isArray(dict)) {
      parts.push({ column, values: dict });
      continue;
    }
    const ascii = isAscii(dict.joined);
    parts.push({ column, count: dict.count, ascii, length: dict.joined.length });
    if (ascii) asciiLength += dict.joined.length;
    else wideLength += dict.joined.length;
  }
  const ascii = new Uint8Array(asciiLength);
  const wide = new Uint16Array(wideLength);
  const encoder = new TextEncoder();
  let a = 0;
  let w = 0;
  slices.forEach(({ dict }, k) => {
    const part = parts[k];
    if (Array.isArray(dict) || 'values' in part) return;
    const j = dict.joined;
    if (part.ascii) {
      // ASCII: its UTF-8 bytes are its code units.
      encoder.encodeInto(j, ascii.subarray(a, a + j.length));
      a += j.length;
    } else {
      for (let i = 0; i < j.length; i++) wide[w + i] = j.charCodeAt(i);
      w += j.length;
    }
  });
  return {
    message: { type: 'dictBytes', parts, ascii, wide },
    transfer: [ascii.buffer, wide.buffer],
  };
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let asciiDecoder: TextDecoder | null = null;
let wideDecoder: TextDecoder | null = null;

/** UTF-16 code units as a string, exactly (a lone surrogate and a leading U+FEFF kept). */
export function wideText(units: Uint16Array): string {
  if (littleEndian)
    try {
      wideDecoder ??= new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
      return wideDecoder.decode(units);
    } catch {
      // A lone surrogate: the decoder would not keep it as it is.
    }
  let s = '';
  for (let i = 0; i < units.length; i += 4096)
    s += String.fromCharCode.apply(null, units.subarray(i, i + 4096) as unknown as number[]);
  return s;
}

/** The page's side: a `dictBytes` message's slices (by column, in order), decoded. */
export function decodeDictBytes(
  m: Extract<DatasetLoadMessage, { type: 'dictBytes' }>,
): { column: string; dict: PackedDict }[] {
  asciiDecoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
  const out: { column: string; dict: PackedDict }[] = [];
  let a = 0;
  let w = 0;
  for (const part of m.parts) {
    if ('values' in part) {
      out.push({ column: part.column, dict: part.values });
      continue;
    }
    let joined: string;
    if (part.ascii) {
      joined = asciiDecoder.decode(m.ascii.subarray(a, a + part.length));
      a += part.length;
    } else {
      joined = wideText(m.wide.subarray(w, w + part.length));
      w += part.length;
    }
    out.push({ column: part.column, dict: { joined, count: part.count } });
  }
  return out;
}

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
  dictUnits = DICT_BYTES_UNITS,
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
      const { message, transfer } = encodeDictBytes(slices);
      post(message, transfer);
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
    if (m.type === 'dictBytes') {
      for (const { column, dict } of decodeDictBytes(m)) dicts.get(column)!.push(dict);
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
