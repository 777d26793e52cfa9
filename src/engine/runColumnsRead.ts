import { snappyUncompress, type FileMetaData, type SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';

/**
 * A fast reader for the flat columns a run file holds (what parquetRunWriter.ts writes: data
 * pages v1, PLAIN or dictionary-coded, RLE definition levels, Snappy or none), into whole
 * columns: doubles as a Float64Array (NaN where null), text as indices into its strings (-1
 * where null), flags as 0/1. hyparquet's general reader assembles nested structures value by value (~230 ms a
 * column of a million doubles); this takes ~10. Anything else it meets — another page kind,
 * encoding, codec, type or a nested schema — throws `Unsupported`, and the caller reads the
 * file with hyparquet instead: same values either way (runFileRead.test.ts).
 */
export class Unsupported extends Error {}

/**
 * A text column: each row's index into `values` (-1 = null). A dictionary-coded page adds its
 * dictionary's values once, so a few-valued column is a few strings, not a million.
 */
export interface TextColumn {
  ids: Int32Array;
  values: string[];
}

export type ColumnValues = Float64Array | Uint8Array | TextColumn;

/** Row i of a column as hyparquet gives it (null where null). */
export function valueAt(c: ColumnValues, i: number): number | boolean | string | null {
  if (c instanceof Float64Array) return c[i] === c[i] ? c[i] : null;
  if (c instanceof Uint8Array) return c[i] === 1;
  return c.ids[i] < 0 ? null : c.values[c.ids[i]];
}

/**
 * Each row of a text column as a code into `ids` (codes are indices there; a value not in it is
 * appended, so new values are numbered in order of first use over the rows), with one lookup
 * per distinct value read, not per row. Null rows are left as they are in `out`.
 */
export function codesByFirstUse(
  c: TextColumn,
  ids: string[],
  out: { [i: number]: number; readonly length: number },
): void {
  const index = new Map(ids.map((v, i) => [v, i]));
  const codeOf = new Int32Array(c.values.length).fill(-1);
  for (let i = 0; i < out.length; i++) {
    const id = c.ids[i];
    if (id < 0) continue;
    let k = codeOf[id];
    if (k < 0) {
      const v = c.values[id];
      k = index.get(v) ?? -1;
      if (k < 0) {
        k = ids.length;
        ids.push(v);
        index.set(v, k);
      }
      codeOf[id] = k;
    }
    out[i] = k;
  }
}

const utf8 = new TextDecoder();

export function readRunColumns(
  file: ArrayBuffer,
  meta: FileMetaData,
  names: string[],
): Map<string, ColumnValues> {
  const n = Number(meta.num_rows);
  const bytes = new Uint8Array(file);
  const schema = new Map<string, { el: SchemaElement; index: number }>();
  meta.schema.forEach((el, i) => {
    if (i > 0) schema.set(el.name, { el, index: i - 1 });
  });
  if (meta.schema.some((el, i) => i > 0 && el.num_children)) throw new Unsupported('nested');
  const out = new Map<string, ColumnValues>();
  for (const name of names) {
    const s = schema.get(name);
    if (!s) continue;
    const { el, index } = s;
    if (el.repetition_type === 'REPEATED') throw new Unsupported('repeated');
    const optional = el.repetition_type !== 'REQUIRED';
    let sink: Sink;
    if (el.type === 'DOUBLE') sink = doubleSink(n);
    else if (el.type === 'BOOLEAN') sink = flagSink(n);
    else if (
      el.type === 'BYTE_ARRAY' &&
      (el.converted_type === 'UTF8' || el.logical_type?.type === 'STRING')
    )
      sink = textSink(n);
    else throw new Unsupported(`type ${el.type}`);
    let row = 0;
    for (const g of meta.row_groups) {
      const chunk = g.columns[index];
      const cm = chunk?.meta_data;
      if (!cm || chunk.file_path || cm.path_in_schema.length !== 1 || cm.path_in_schema[0] !== name)
        throw new Unsupported('chunk');
      if (cm.codec !== 'UNCOMPRESSED' && cm.codec !== 'SNAPPY') throw new Unsupported(cm.codec);
      // As hyparquet finds a chunk's start: a missing or later dictionary offset is ignored.
      const dictAt = Number(cm.dictionary_page_offset ?? 0);
      const dataAt = Number(cm.data_page_offset);
      const start = dictAt && dictAt < dataAt ? dictAt : dataAt;
      const reader = { view: new DataView(file), offset: start };
      const end = start + Number(cm.total_compressed_size);
      const groupRows = Number(g.num_rows);
      let dict: Dict | null = null;
      let got = 0;
      while (got < groupRows) {
        if (reader.offset >= end) throw new Unsupported('short chunk');
        const h = parquetHeader(reader);
        const at = reader.offset;
        reader.offset += h.compressed_page_size;
        let page = bytes.subarray(at, at + h.compressed_page_size);
        if (cm.codec === 'SNAPPY') {
          const raw = new Uint8Array(h.uncompressed_page_size);
          snappyUncompress(page, raw);
          page = raw;
        }
        if (h.type === 'DICTIONARY_PAGE') {
          const e = h.dictionary_page_header?.encoding;
          if (e !== 'PLAIN' && e !== 'PLAIN_DICTIONARY') throw new Unsupported(`dict ${e}`);
          const k = h.dictionary_page_header!.num_values;
          if (el.type === 'BYTE_ARRAY') {
            const strings = new Array<string>(k);
            plainText(page, 0, k, strings, 0);
            dict = strings;
          } else if (el.type === 'DOUBLE') {
            if (8 * k > page.length) throw new Unsupported('short page');
            dict = new Float64Array(page.slice(0, 8 * k).buffer);
          } else throw new Unsupported('dict type');
          continue;
        }
        const dh = h.data_page_header;
        if (h.type !== 'DATA_PAGE' || !dh) throw new Unsupported(String(h.type));
        const count = dh.num_values;
        let pos = 0;
        let present: Uint8Array | null = null;
        let m = count;
        if (optional) {
          if (dh.definition_level_encoding !== 'RLE') throw new Unsupported('levels');
          const len = u32(page, 0);
          present = new Uint8Array(count);
          hybrid(page, 4, 4 + len, 1, present, count);
          pos = 4 + len;
          m = 0;
          for (let i = 0; i < count; i++) m += present[i];
        }
        const e = dh.encoding;
        if (e === 'PLAIN') sink.plain(page, pos, m, present, row + got, count);
        else if (e === 'RLE_DICTIONARY' || e === 'PLAIN_DICTIONARY') {
          if (!dict) throw new Unsupported('no dictionary');
          const idx = new Int32Array(m);
          hybrid(page, pos + 1, page.length, page[pos], idx, m);
          sink.coded(dict, idx, present, row + got, count);
        } else throw new Unsupported(`encoding ${e}`);
        got += count;
      }
      if (got !== groupRows) throw new Unsupported('page rows');
      row += groupRows;
    }
    if (row !== n) throw new Unsupported('rows');
    out.set(name, sink.values);
  }
  return out;
}

type Dict = string[] | Float64Array;

interface Sink {
  values: ColumnValues;
  /** m present values PLAIN from `pos`, spread over `count` rows from `row` by `present`. */
  plain(
    p: Uint8Array,
    pos: number,
    m: number,
    present: Uint8Array | null,
    row: number,
    count: number,
  ): void;
  /** Dictionary codes for the present rows. */
  coded(dict: Dict, idx: Int32Array, present: Uint8Array | null, row: number, count: number): void;
}

function doubleSink(n: number): Sink {
  const values = new Float64Array(n).fill(NaN);
  return {
    values,
    plain(p, pos, m, present, row, count) {
      if (pos + 8 * m > p.length) throw new Unsupported('short page');
      const v = new Float64Array(p.slice(pos, pos + 8 * m).buffer);
      if (!present) values.set(v, row);
      else for (let i = 0, k = 0; i < count; i++) if (present[i]) values[row + i] = v[k++];
    },
    coded(dict, idx, present, row, count) {
      if (!(dict instanceof Float64Array)) throw new Unsupported('dict type');
      for (let i = 0, k = 0; i < count; i++) {
        if (present && !present[i]) continue;
        const c = idx[k++];
        if (c >= dict.length) throw new Unsupported('code past dictionary');
        values[row + i] = dict[c];
      }
    },
  };
}

function flagSink(n: number): Sink {
  const values = new Uint8Array(n);
  return {
    values,
    plain(p, pos, m, present, row, count) {
      if (pos + Math.ceil(m / 8) > p.length) throw new Unsupported('short page');
      for (let i = 0, k = 0; i < count; i++) {
        if (present && !present[i]) continue;
        values[row + i] = (p[pos + (k >> 3)] >> (k & 7)) & 1;
        k++;
      }
    },
    coded() {
      throw new Unsupported('coded flags');
    },
  };
}

function textSink(n: number): Sink {
  const column: TextColumn = { ids: new Int32Array(n).fill(-1), values: [] };
  // Strings are written in place, not pushed (pushing a million keys took ~0.1 s): a PLAIN page
  // makes room for as many strings as rows are left, and reading `values` trims the rest.
  let list = column.values;
  let size = 0;
  // Each dictionary's values are added once, at its first use.
  let seen: Dict | null = null;
  let base = 0;
  return {
    get values() {
      list.length = size;
      column.values = list;
      return column;
    },
    plain(p, pos, m, present, row, count) {
      if (list.length < size + m) {
        const more = new Array<string>(size + Math.max(m, n - row));
        for (let k = 0; k < size; k++) more[k] = list[k];
        list = more;
      }
      plainText(p, pos, m, list, size);
      for (let i = 0, k = 0; i < count; i++)
        if (!present || present[i]) column.ids[row + i] = size + k++;
      size += m;
    },
    coded(dict, idx, present, row, count) {
      if (dict instanceof Float64Array) throw new Unsupported('dict type');
      if (dict !== seen) {
        seen = dict;
        base = size;
        for (const x of dict) list[size++] = x;
      }
      for (let i = 0, k = 0; i < count; i++) {
        if (present && !present[i]) continue;
        const c = idx[k++];
        if (c >= dict.length) throw new Unsupported('code past dictionary');
        column.ids[row + i] = base + c;
      }
    },
  };
}

function u32(p: Uint8Array, at: number): number {
  if (at + 4 > p.length) throw new Unsupported('short page');
  return (p[at] | (p[at + 1] << 8) | (p[at + 2] << 16) | (p[at + 3] << 24)) >>> 0;
}

/** Argument lists for String.fromCharCode, one per length up to ASCII_CHARS (reused). */
const ASCII_CHARS = 32;
const charArgs = Array.from({ length: ASCII_CHARS + 1 }, (_, k) => new Array<number>(k).fill(0));

/**
 * m PLAIN BYTE_ARRAY values from p[pos..] as UTF-8 text, into out[at..at + m). A value of at
 * most ASCII_CHARS bytes, all ASCII (< 0x80), is its bytes as char codes — the string UTF-8
 * decoding gives — made without a TextDecoder call, most of the cost of reading account keys
 * (in Node ~2.5× faster a value up to 32 bytes, no faster from 34: docs/history-format.md). Any
 * other value is decoded as before: invalid bytes replaced and a leading BOM dropped, as
 * TextDecoder (and hyparquet, runFileRead.test.ts) do.
 */
function plainText(p: Uint8Array, pos: number, m: number, out: string[], at: number): void {
  for (let k = 0; k < m; k++) {
    const len = u32(p, pos);
    pos += 4;
    const end = pos + len;
    if (end > p.length) throw new Unsupported('short page');
    let s: string | null = null;
    if (len <= ASCII_CHARS) {
      const args = charArgs[len];
      let i = 0;
      for (; i < len; i++) {
        const c = p[pos + i];
        if (c >= 0x80) break;
        args[i] = c;
      }
      if (i === len) s = String.fromCharCode.apply(null, args);
    }
    out[at + k] = s ?? utf8.decode(p.subarray(pos, end));
    pos = end;
  }
}

/** The RLE / bit-packed hybrid encoding of `n` values of `w` bits from p[pos..end). */
function hybrid(
  p: Uint8Array,
  pos: number,
  end: number,
  w: number,
  out: Uint8Array | Int32Array,
  n: number,
): void {
  if (w > 32 || end > p.length) throw new Unsupported('levels');
  const bytesPer = (w + 7) >> 3;
  let i = 0;
  while (i < n) {
    if (pos >= end) throw new Unsupported('short levels');
    let header = 0;
    for (let shift = 0; ; shift += 7) {
      const b = p[pos++];
      header += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      if (pos >= end) throw new Unsupported('short levels');
    }
    if (header % 2 === 1) {
      const groups = Math.floor(header / 2);
      if (pos + groups * w > end) throw new Unsupported('short levels');
      const count = groups * 8;
      const mask = w === 32 ? 0xffffffff : (1 << w) - 1;
      for (let k = 0, bit = pos * 8; k < count; k++, bit += w) {
        if (i >= n) break;
        let v = 0;
        for (let got = 0; got < w;) {
          const byte = p[(bit + got) >> 3];
          const off = (bit + got) & 7;
          const take = Math.min(8 - off, w - got);
          v |= ((byte >> off) & ((1 << take) - 1)) << got;
          got += take;
        }
        out[i++] = (v & mask) >>> 0;
      }
      pos += groups * w;
    } else {
      const count = Math.floor(header / 2);
      if (pos + bytesPer > end) throw new Unsupported('short levels');
      let v = 0;
      for (let k = 0; k < bytesPer; k++) v |= p[pos + k] << (8 * k);
      pos += bytesPer;
      const stop = Math.min(n, i + count);
      out.fill(v >>> 0, i, stop);
      i = stop;
    }
  }
}
