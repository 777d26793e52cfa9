import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import type { ColumnChunk, RowGroup, SchemaElement, Statistics } from 'hyparquet';

/**
 * A Parquet encoder for the fixed columns of a history run (docs/history-format.md), written
 * from the engine's typed arrays. hyparquet-writer takes one JS value per cell and encodes value
 * by value (8 s for a million accounts); here a column is a typed array and each page is built
 * by one tight loop: PLAIN doubles are the array's bytes, text columns are dictionary codes,
 * levels and codes use the RLE/bit-packed hybrid. Only the page and footer Thrift structures and
 * Snappy come from hyparquet-writer. The output is standard Parquet (data page v1, Snappy):
 * DuckDB, Polars and hyparquet read it with the same values (src/engine/parquetRunWriter.test.ts,
 * src/cli/history.test.ts).
 */
export type RunColumn =
  /** REQUIRED BYTE_ARRAY (UTF8), PLAIN: one string per row (the account key). */
  | { kind: 'text'; name: string; values: readonly string[] }
  /** REQUIRED BYTE_ARRAY (UTF8): the same string in every row (as_of), a one-entry dictionary. */
  | { kind: 'constant'; name: string; value: string }
  /** OPTIONAL BYTE_ARRAY (UTF8), dictionary: codes into dict, a negative code = null. */
  | { kind: 'coded'; name: string; codes: ArrayLike<number>; dict: readonly string[] }
  /** OPTIONAL DOUBLE, NaN = null. */
  | { kind: 'double'; name: string; values: Float64Array }
  /** REQUIRED BOOLEAN: 1 = true. */
  | { kind: 'flag'; name: string; values: Uint8Array };

export interface RunTable {
  rowCount: number;
  columns: RunColumn[];
  kvMetadata: { key: string; value: string }[];
  createdBy: string;
  /** Rows per row group (each has its own dictionaries and one data page per column). */
  rowGroupRows?: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextEncoder();

/** A growable byte buffer for page bodies (no DataView per value). */
class Bytes {
  buf: Uint8Array;
  len = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(16, size));
  }
  ensure(extra: number) {
    if (this.len + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  u32(v: number) {
    this.ensure(4);
    const b = this.buf;
    b[this.len++] = v & 0xff;
    b[this.len++] = (v >>> 8) & 0xff;
    b[this.len++] = (v >>> 16) & 0xff;
    b[this.len++] = (v >>> 24) & 0xff;
  }
  varint(v: number) {
    this.ensure(5);
    while (v > 0x7f) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }
  bytes(src: Uint8Array) {
    this.ensure(src.length);
    this.buf.set(src, this.len);
    this.len += src.length;
  }
  /** A string as Parquet PLAIN BYTE_ARRAY: 4-byte length, then UTF-8. */
  str(s: string) {
    const n = s.length;
    this.ensure(4 + n * 3);
    const b = this.buf;
    const at = this.len + 4;
    let k = 0;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c >= 0x80) break;
      b[at + k] = c;
    }
    let written = k;
    if (k < n) written = k + utf8.encodeInto(s.slice(k), b.subarray(at + k)).written;
    b[this.len] = written & 0xff;
    b[this.len + 1] = (written >>> 8) & 0xff;
    b[this.len + 2] = (written >>> 16) & 0xff;
    b[this.len + 3] = (written >>> 24) & 0xff;
    this.len = at + written;
  }
  view() {
    return this.buf.subarray(0, this.len);
  }
}

const bitWidthOf = (maxValue: number) => (maxValue <= 1 ? 1 : 32 - Math.clz32(maxValue));

/** Values [a, b) bit-packed (b − a a multiple of 8 except at the very end), ≤ 63 groups a header. */
function bitPacked(out: Bytes, v: ArrayLike<number>, a: number, b: number, w: number) {
  while (a < b) {
    const take = Math.min(b - a, 63 * 8);
    const groups = (take + 7) >> 3;
    out.varint((groups << 1) | 1);
    out.ensure(groups * w);
    const buf = out.buf;
    let acc = 0;
    let bits = 0;
    let at = out.len;
    const end = a + groups * 8;
    for (let i = a; i < end; i++) {
      const x = i < a + take ? v[i] : 0;
      acc |= x << bits;
      bits += w;
      while (bits >= 8) {
        buf[at++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    out.len = at;
    a += take;
  }
}

/**
 * The RLE/bit-packed hybrid of v[0..n) at bit width w: runs of 8 or more equal values as RLE
 * runs, the rest bit-packed. A literal stretch is made a multiple of 8 (padding is only allowed at
 * the end) by lending it values from the run that follows.
 */
function rleHybrid(out: Bytes, v: ArrayLike<number>, n: number, w: number) {
  const byteWidth = (w + 7) >> 3;
  let lit = 0;
  let i = 0;
  while (i < n) {
    const x = v[i];
    let j = i + 1;
    while (j < n && v[j] === x) j++;
    if (j - i >= 8) {
      const start = i + ((8 - ((i - lit) & 7)) & 7);
      if (j - start >= 8) {
        if (start > lit) bitPacked(out, v, lit, start, w);
        out.varint((j - start) << 1);
        for (let k = 0; k < byteWidth; k++) out.byte((x >>> (8 * k)) & 0xff);
        lit = j;
      }
    }
    i = j;
  }
  if (n > lit) bitPacked(out, v, lit, n, w);
}

interface Chunk {
  meta: ColumnChunk;
  uncompressed: number;
}

/** The file as a list of parts (no growing buffer copied over and over), with its offset. */
class Out {
  parts: Uint8Array[] = [];
  offset = 0;
  push(b: Uint8Array) {
    this.parts.push(b);
    this.offset += b.length;
  }
  concat(): Uint8Array {
    const all = new Uint8Array(this.offset);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }
}

/** One page: header, then the body, Snappy-compressed when the chunk's codec says so. */
function writePage(
  out: Out,
  body: Uint8Array,
  snappy: boolean,
  header: { dict?: number; data?: { n: number; encoding: 'PLAIN' | 'RLE_DICTIONARY' } },
): number {
  const stored = snappy ? snappyCompress(body) : body.slice();
  const h = new ByteWriter(64);
  writePageHeader(h, {
    type: header.dict !== undefined ? 'DICTIONARY_PAGE' : 'DATA_PAGE',
    uncompressed_page_size: body.length,
    compressed_page_size: stored.length,
    dictionary_page_header:
      header.dict !== undefined ? { num_values: header.dict, encoding: 'PLAIN' } : undefined,
    data_page_header: header.data && {
      num_values: header.data.n,
      encoding: header.data.encoding,
      definition_level_encoding: 'RLE',
      repetition_level_encoding: 'RLE',
    },
  });
  const hb = h.getBytes();
  out.push(hb);
  out.push(stored);
  return hb.length + body.length;
}

/** Definition levels (1 = value present) with their 4-byte length, as data page v1 wants them. */
function defLevels(out: Bytes, present: Uint8Array, n: number) {
  const at = out.len;
  out.u32(0);
  rleHybrid(out, present, n, 1);
  const len = out.len - at - 4;
  out.buf[at] = len & 0xff;
  out.buf[at + 1] = (len >>> 8) & 0xff;
  out.buf[at + 2] = (len >>> 16) & 0xff;
  out.buf[at + 3] = (len >>> 24) & 0xff;
}

/** Doubles as little-endian bytes (the array's own bytes on a little-endian machine). */
function le64(vals: Float64Array, m: number): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(vals.buffer, vals.byteOffset, m * 8);
  const dv = new DataView(new ArrayBuffer(m * 8));
  for (let i = 0; i < m; i++) dv.setFloat64(i * 8, vals[i], true);
  return new Uint8Array(dv.buffer);
}

/** Scratch arrays reused by every chunk of a write (one row group's size). */
class Scratch {
  present: Uint8Array;
  vals: Float64Array;
  bits: Uint32Array;
  idx: Int32Array;
  body: Bytes;
  /** Hash slots, twice the largest dictionary of doubles (a quarter of the rows). */
  hashBits: number;
  slots: Int32Array;
  dict: Float64Array;
  dictBits: Uint32Array;
  constructor(readonly rows: number) {
    this.hashBits = Math.max(4, 32 - Math.clz32(rows >> 1));
    this.slots = new Int32Array(1 << this.hashBits);
    this.dict = new Float64Array(1 << (this.hashBits - 1));
    this.dictBits = new Uint32Array(this.dict.buffer);
    this.present = new Uint8Array(rows);
    this.vals = new Float64Array(rows);
    this.bits = new Uint32Array(this.vals.buffer);
    this.idx = new Int32Array(rows);
    this.body = new Bytes(rows * 9 + 64);
  }
}

/**
 * Dictionary codes for a double column with few distinct values (measure points, dimension scores
 * on a few steps) into s.idx, or 0 when it is not worth it: gives up as soon as it passes a
 * quarter of the values (then codes and dictionary would be about as big as the doubles), so a column of unique scores costs one short pass and stays
 * PLAIN. Values are compared by their bits (an open-addressing table), so -0 and 0 stay apart.
 */
function doubleDictionary(s: Scratch, m: number): number {
  const limit = Math.min(s.dict.length, m >> 2);
  const slots = s.slots.fill(-1);
  const { bits, dictBits, idx, hashBits } = s;
  const mask = (1 << hashBits) - 1;
  let size = 0;
  for (let i = 0; i < m; i++) {
    const lo = bits[2 * i];
    const hi = bits[2 * i + 1];
    let h = (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - hashBits)) & mask;
    let k = slots[h];
    while (k >= 0 && (dictBits[2 * k] !== lo || dictBits[2 * k + 1] !== hi)) {
      h = (h + 1) & mask;
      k = slots[h];
    }
    if (k < 0) {
      if (size >= limit) return 0;
      k = size++;
      slots[h] = k;
      dictBits[2 * k] = lo;
      dictBits[2 * k + 1] = hi;
    }
    idx[i] = k;
  }
  return size;
}

function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * One column chunk of rows [r0, r1). Codec by what the pages hold: Snappy for text, dictionaries
 * and codes (they shrink), none for PLAIN doubles of many distinct values (Snappy barely shrinks
 * them and was half the time of a write).
 */
function writeChunk(out: Out, s: Scratch, col: RunColumn, r0: number, r1: number): Chunk {
  const n = r1 - r0;
  const start = out.offset;
  let uncompressed = 0;
  let dictionaryOffset: bigint | undefined;
  let type: 'BYTE_ARRAY' | 'DOUBLE' | 'BOOLEAN' = 'BYTE_ARRAY';
  let encodings: ('PLAIN' | 'RLE' | 'RLE_DICTIONARY')[] = ['PLAIN', 'RLE'];
  let statistics: Statistics | undefined;
  let snappy = true;
  const body = s.body;
  body.len = 0;
  let dataOffset: bigint;
  const dictPage = (bytes: Uint8Array, count: number) => {
    dictionaryOffset = BigInt(out.offset);
    uncompressed += writePage(out, bytes, snappy, { dict: count });
    encodings = ['PLAIN', 'RLE', 'RLE_DICTIONARY'];
  };
  const dataPage = (encoding: 'PLAIN' | 'RLE_DICTIONARY') => {
    dataOffset = BigInt(out.offset);
    uncompressed += writePage(out, body.view(), snappy, { data: { n, encoding } });
  };
  if (col.kind === 'text') {
    for (let i = r0; i < r1; i++) body.str(col.values[i]);
    dataPage('PLAIN');
  } else if (col.kind === 'constant') {
    const dict = new Bytes(col.value.length * 3 + 8);
    dict.str(col.value);
    dictPage(dict.view(), 1);
    body.byte(1);
    s.idx.fill(0, 0, n);
    rleHybrid(body, s.idx, n, 1);
    dataPage('RLE_DICTIONARY');
    statistics = { null_count: 0n, min_value: col.value, max_value: col.value };
  } else if (col.kind === 'coded') {
    // A dictionary of the codes this row group uses, in order of first use.
    const remap = new Int32Array(col.dict.length).fill(-1);
    const used: number[] = [];
    const { present, idx } = s;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const c = col.codes[r0 + i];
      if (c < 0) {
        present[i] = 0;
        continue;
      }
      present[i] = 1;
      let k = remap[c];
      if (k < 0) {
        k = remap[c] = used.length;
        used.push(c);
      }
      idx[m++] = k;
    }
    const dict = new Bytes(64);
    for (const c of used) dict.str(col.dict[c]);
    dictPage(dict.view(), used.length);
    defLevels(body, present, n);
    const width = bitWidthOf(used.length - 1);
    body.byte(width);
    rleHybrid(body, idx, m, width);
    dataPage('RLE_DICTIONARY');
    const names = used.map((c) => col.dict[c]).sort(compareUtf8);
    statistics = {
      null_count: BigInt(n - m),
      min_value: names[0],
      max_value: names[names.length - 1],
    };
  } else if (col.kind === 'double') {
    type = 'DOUBLE';
    const { present, vals } = s;
    let m = 0;
    const src = col.values;
    for (let i = 0; i < n; i++) {
      const x = src[r0 + i];
      if (x === x) {
        present[i] = 1;
        vals[m++] = x;
      } else present[i] = 0;
    }
    defLevels(body, present, n);
    const size = doubleDictionary(s, m);
    if (size > 0) {
      dictPage(new Uint8Array(s.dict.buffer, 0, size * 8).slice(), size);
      const width = bitWidthOf(size - 1);
      body.byte(width);
      rleHybrid(body, s.idx, m, width);
      dataPage('RLE_DICTIONARY');
    } else {
      snappy = false;
      body.bytes(le64(vals, m));
      dataPage('PLAIN');
    }
  } else {
    type = 'BOOLEAN';
    const bytes = (n + 7) >> 3;
    body.ensure(bytes);
    const b = body.buf;
    b.fill(0, 0, bytes);
    const src = col.values;
    for (let i = 0; i < n; i++) if (src[r0 + i]) b[i >> 3] |= 1 << (i & 7);
    body.len = bytes;
    dataPage('PLAIN');
  }
  return {
    uncompressed,
    meta: {
      file_offset: BigInt(start),
      meta_data: {
        type,
        encodings,
        path_in_schema: [col.name],
        codec: snappy ? 'SNAPPY' : 'UNCOMPRESSED',
        num_values: BigInt(n),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(out.offset - start),
        data_page_offset: dataOffset!,
        dictionary_page_offset: dictionaryOffset,
        statistics,
      },
    },
  };
}

function schemaOf(col: RunColumn): SchemaElement {
  const required = col.kind === 'text' || col.kind === 'constant' || col.kind === 'flag';
  const repetition_type = required ? 'REQUIRED' : 'OPTIONAL';
  if (col.kind === 'double') return { name: col.name, type: 'DOUBLE', repetition_type };
  if (col.kind === 'flag') return { name: col.name, type: 'BOOLEAN', repetition_type };
  return { name: col.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
}

/** The Parquet bytes of a table of run columns. */
export function writeRunParquet(t: RunTable): Uint8Array {
  const out = new Out();
  const magic = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // PAR1
  out.push(magic);
  const groupRows = Math.max(1, t.rowGroupRows ?? 131072);
  const scratch = new Scratch(Math.min(groupRows, Math.max(1, t.rowCount)));
  const rowGroups: RowGroup[] = [];
  for (let r0 = 0; r0 < t.rowCount; r0 += groupRows) {
    const r1 = Math.min(t.rowCount, r0 + groupRows);
    const groupStart = out.offset;
    const chunks = t.columns.map((c) => writeChunk(out, scratch, c, r0, r1));
    rowGroups.push({
      columns: chunks.map((c) => c.meta),
      total_byte_size: BigInt(chunks.reduce((s, c) => s + c.uncompressed, 0)),
      num_rows: BigInt(r1 - r0),
      file_offset: BigInt(groupStart),
      total_compressed_size: BigInt(out.offset - groupStart),
    });
  }
  const schema: SchemaElement[] = [
    { name: 'root', num_children: t.columns.length },
    ...t.columns.map(schemaOf),
  ];
  const footer = new ByteWriter(4096);
  writeMetadata(footer, {
    version: 2,
    created_by: t.createdBy,
    schema,
    num_rows: BigInt(t.rowCount),
    row_groups: rowGroups,
    key_value_metadata: t.kvMetadata,
    metadata_length: 0,
  } as Parameters<typeof writeMetadata>[1]);
  out.push(footer.getBytes());
  out.push(magic);
  return out.concat();
}
