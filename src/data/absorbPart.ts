/**
 * The string columns of a file read in parts (parallelImport.ts), merged by dictionary: the
 * merged dictionary is the first part's values, then each later part's values not seen before,
 * in its order — exactly the one-pass import's order of first use when every row is kept.
 *
 * Each part's dictionary comes as UTF-8 bytes with the hash of each value (computed in the
 * part's own worker). Looking each of a later part's values up in a table of the earlier parts'
 * (ids, names: a million values) was a cache miss per value, the merge's largest cost. Here the
 * values of all parts are grouped by the top bits of their hash, in file order, and each group
 * is matched in a table small enough for the cache (as the sink's endLazy merges provisional
 * codes); bytes are compared only on a hash match. A column whose parts are each in ascending
 * byte order, each starting above the one before (ids in most exports), has no value in two
 * parts: no lookup at all.
 */

import type { Column } from '../table/columns';
import { fillPacked, hashBytes, type PackedValues } from './sinks';
import { sjisDictBytes } from './sjisDictBytes';
import { utf8Length } from './utf8Length';

/**
 * A dictionary as UTF-8 bytes: value c is bytes [off[c], off[c] + len[c]) of `bytes`, units[c]
 * UTF-16 units long. How a range's string values travel and merge without a string per value;
 * a sink's packed values are one as they are (no copy).
 */
export interface DictBytes {
  bytes: Uint8Array;
  off: Int32Array;
  len: Int32Array;
  units: Int32Array;
}

/** One part's string column: its dictionary as bytes, their hashes (none: ascending), its codes and rows. */
export interface DictPart {
  codes: Int32Array;
  rows: number;
  hashes?: Int32Array;
  bytes: DictBytes;
}

let textEncoder: TextEncoder | undefined;

/** A dictionary of strings as bytes (encoded in one call). */
export function dictBytesOfStrings(dict: readonly string[]): DictBytes {
  const n = dict.length;
  const off = new Int32Array(n);
  const len = new Int32Array(n);
  const units = new Int32Array(n);
  let o = 0;
  for (let c = 0; c < n; c++) {
    off[c] = o;
    len[c] = utf8Length(dict[c]);
    o += len[c];
    units[c] = dict[c].length;
  }
  const bytes = (textEncoder ??= new TextEncoder()).encode(dict.join(''));
  if (bytes.length !== o) throw new Error('dictBytesOfStrings: not well-formed text');
  return { bytes, off, len, units };
}

/**
 * A string column's dictionary as bytes: the sink's packed values as they are where every value
 * is packed, else with the others' bytes encoded after them (past the bytes in use, in the
 * sink's own buffer when it has the room: copying a column of names was most of this); a
 * dictionary of strings encoded.
 */
export function dictBytesOf(col: Extract<Column, { type: 'string' }>): DictBytes {
  const pv = (col as { packedValues?: PackedValues }).packedValues;
  if (pv?.encoding === 'shift_jis') return sjisDictBytes(pv);
  if (!pv || pv.encoding !== 'utf-8') return dictBytesOfStrings(col.dict);
  const { src, pOff, pLen, pUnits, size: n, dict } = pv;
  let end = 0;
  let extra = 0;
  for (let c = 0; c < n; c++) {
    const l = pLen[c];
    if (l > 0) {
      if (pOff[c] + l > end) end = pOff[c] + l;
    } else extra += utf8Length(dict[c]);
  }
  if (extra === 0 && !pLen.subarray(0, n).includes(0))
    return {
      bytes: src,
      off: pOff.subarray(0, n),
      len: pLen.subarray(0, n),
      units: pUnits.subarray(0, n),
    };
  // Values decoded while importing (short or trimmed ones): encoded after the packed bytes.
  let bytes: Uint8Array;
  let o: number;
  if (pv.srcLen >= end && src.length - pv.srcLen >= extra) {
    // (Nothing reads src past srcLen: the same bytes are written there on a second call.)
    bytes = src;
    o = pv.srcLen;
  } else {
    bytes = new Uint8Array(end + extra);
    bytes.set(src.subarray(0, end));
    o = end;
  }
  const off = pOff.slice(0, n);
  const len = pLen.slice(0, n);
  const units = pUnits.slice(0, n);
  for (let c = 0; c < n; c++)
    if (len[c] === 0) {
      const w = (textEncoder ??= new TextEncoder()).encodeInto(dict[c], bytes.subarray(o)).written;
      off[c] = o;
      len[c] = w;
      units[c] = dict[c].length;
      o += w;
    }
  return { bytes, off, len, units };
}

/**
 * The hashes of a column's dictionary as bytes (`db`, from dictBytesOf), or null when its values
 * are in strictly ascending byte order (the merge needs none then): from what the sink knew
 * (PackedValues' `ascending`, `hashes`) where it can, else read from the bytes.
 */
export function dictHashes(
  col: Extract<Column, { type: 'string' }>,
  db: DictBytes,
): Int32Array | null {
  const pv = (col as { packedValues?: PackedValues }).packedValues;
  const own = pv?.encoding === 'utf-8' && db.units.length === pv.size;
  if (own && pv.ascending) return null;
  if (own && pv.hashes) {
    const out = pv.hashes.slice(0, pv.size);
    // The values dictBytesOf encoded (not packed) are hashed here.
    for (let c = 0; c < pv.size; c++)
      if (pv.pLen[c] === 0) out[c] = hashBytes(db.bytes, db.off[c], db.len[c]);
    return out;
  }
  return ascending(db) ? null : bytesHashes(db);
}

/** The strings of a DictBytes (decoded in batches, as the sinks decode packed values). */
export function dictOfBytes(db: DictBytes): string[] {
  const n = db.units.length;
  const dict = new Array<string>(n).fill('');
  fillPacked(dict, n, db.bytes, db.off, db.len, db.units, 'utf-8');
  return dict;
}

/** Hash of each value's bytes (hashBytes, as the sinks hash cells). */
export function bytesHashes(db: DictBytes): Int32Array {
  const n = db.units.length;
  const out = new Int32Array(n);
  for (let c = 0; c < n; c++) out[c] = hashBytes(db.bytes, db.off[c], db.len[c]);
  return out;
}

/** Is value a of x above value b of y in byte order? */
function above(x: DictBytes, a: number, y: DictBytes, b: number): boolean {
  const xs = x.off[a];
  const xl = x.len[a];
  const ys = y.off[b];
  const yl = y.len[b];
  const m = xl < yl ? xl : yl;
  const xb = x.bytes;
  const yb = y.bytes;
  for (let k = 0; k < m; k++) {
    const p = xb[xs + k];
    const q = yb[ys + k];
    if (p !== q) return p > q;
  }
  return xl > yl;
}

/** Are a dictionary's values strictly ascending in byte order (sorted ids)? */
export function ascending(db: DictBytes): boolean {
  const n = db.units.length;
  for (let c = 1; c < n; c++) if (!above(db, c, db, c - 1)) return false;
  return true;
}

/**
 * Every part's values strictly ascending (a part with no hashes was found so in its worker),
 * each part's first above the last before it.
 */
function ascendingParts(parts: DictPart[]): boolean {
  let prev: DictBytes | null = null;
  for (const { bytes: db, hashes } of parts) {
    const n = db.units.length;
    if (n === 0) continue;
    if (prev && !above(db, 0, prev, prev.units.length - 1)) return false;
    if (hashes && !ascending(db)) return false;
    prev = db;
  }
  return true;
}

/**
 * For each value of all parts in order (global index g: part 0's values, then part 1's…), the
 * first earlier value with the same bytes (its g), or -1; null if `key` and one repeats.
 */
function earlierSame(parts: DictPart[], base: Int32Array, key: boolean): Int32Array | null {
  const N = base[parts.length];
  const hashes = parts.map((p) => p.hashes ?? bytesHashes(p.bytes));
  const into = new Int32Array(N).fill(-1);
  let bits = 0;
  while (N >> (bits + 11) > 0 && bits < 16) bits++;
  const groups = 1 << bits;
  const shift = 32 - bits;
  const start = new Int32Array(groups + 1);
  for (const h of hashes) {
    if (bits === 0) start[1] += h.length;
    else for (let c = 0; c < h.length; c++) start[(h[c] >>> shift) + 1]++;
  }
  let most = 0;
  for (let q = 0; q < groups; q++) {
    if (start[q + 1] > most) most = start[q + 1];
    start[q + 1] += start[q];
  }
  // Values by group, in file order, each with its hash beside it.
  const order = new Int32Array(N);
  const ordHash = new Int32Array(N);
  const fill = start.slice(0, groups);
  for (let k = 0, g = 0; k < parts.length; k++) {
    const h = hashes[k];
    for (let c = 0; c < h.length; c++, g++) {
      const x = h[c];
      const at = fill[bits === 0 ? 0 : x >>> shift]++;
      order[at] = g;
      ordHash[at] = x;
    }
  }
  let size = 16;
  while (size < most * 2) size *= 2;
  const table = new Int32Array(size); // (index into order) + 1, 0 = empty
  const mask = size - 1;
  const partOf = (g: number) => {
    let k = 0;
    while (base[k + 1] <= g) k++;
    return k;
  };
  for (let q = 0; q < groups; q++) {
    if (start[q + 1] === start[q]) continue;
    table.fill(0);
    for (let at = start[q]; at < start[q + 1]; at++) {
      const h = ordHash[at];
      for (let slot = h & mask; ; slot = (slot + 1) & mask) {
        const t = table[slot] - 1;
        if (t < 0) {
          table[slot] = at + 1;
          break;
        }
        if (ordHash[t] !== h) continue;
        const g = order[at];
        const f = order[t];
        const kg = partOf(g);
        const kf = partOf(f);
        const a = parts[kg].bytes;
        const b = parts[kf].bytes;
        const ca = g - base[kg];
        const cb = f - base[kf];
        const as = a.off[ca];
        const len = a.len[ca];
        const bs = b.off[cb];
        if (b.len[cb] !== len) continue;
        let i = 0;
        while (i < len && a.bytes[as + i] === b.bytes[bs + i]) i++;
        if (i < len) continue;
        if (key) return null; // an id already in a part before
        into[g] = f;
        break;
      }
    }
  }
  return into;
}

/**
 * The codes of one part through its map onto the merged dictionary (`remap` from `at`; none:
 * each code plus `at`), written at `o` (the first part's are not rewritten where they already
 * are); false when a code is first used out of order or a value is never used (then the
 * dictionary is not in order of first use: merge by row).
 */
function mapCodes(
  src: Int32Array,
  rows: number,
  n: number,
  remap: Int32Array | null,
  at: number,
  codes: Int32Array,
  o: number,
): boolean {
  let next = 0;
  if (!remap && at === 0) {
    for (let i = 0; i < rows; i++) {
      const c = src[i];
      if (c >= next) {
        if (c !== next) return false;
        next++;
      }
    }
    if (codes.buffer !== src.buffer || codes.byteOffset + 4 * o !== src.byteOffset)
      codes.set(src.subarray(0, rows), o);
    return next === n;
  }
  for (let i = 0; i < rows; i++) {
    const c = src[i];
    if (c < 0) codes[o++] = -1;
    else {
      if (c >= next) {
        if (c !== next) return false;
        next++;
      }
      codes[o++] = remap ? remap[at + c] : at + c;
    }
  }
  return next === n;
}

/** A column's codes for `total` rows: the first part's grown in place where its buffer has room (roomFor), else new. */
function codesFor(first: Int32Array, total: number): Int32Array {
  return first.byteOffset === 0 && first.buffer.byteLength >= total * 4
    ? new Int32Array(first.buffer, 0, total)
    : new Int32Array(total);
}

/**
 * ms the grouped merges spent matching values (earlierSame), numbering them and mapping the
 * parts' codes, summed until reset (the benchmark's phases: parallelImport.ts importPhases).
 */
export const absorbTimes = { match: 0, number: 0, map: 0 };

/** How many merges found the parts in ascending order, and how many grouped by hash (tests). */
export const absorbWays = { ascending: 0, grouped: 0 };

/** A merged dictionary: runs of part k's values [from, to), in order (no bytes copied). */
export interface MergedDict {
  parts: DictBytes[];
  /** Triplets (part, from, to). */
  runs: number[];
  size: number;
}

/** The strings of a merged dictionary (each part's bytes decoded once, by `decode`). */
export function mergedStrings(m: MergedDict, decode: (db: DictBytes) => string[]): string[] {
  const out = new Array<string>(m.size);
  const decoded = m.parts.map(() => null as string[] | null);
  let o = 0;
  for (let r = 0; r < m.runs.length; r += 3) {
    const k = m.runs[r];
    const d = (decoded[k] ??= decode(m.parts[k]));
    for (let c = m.runs[r + 1]; c < m.runs[r + 2]; c++) out[o++] = d[c];
  }
  return out;
}

/**
 * The parts of a string column merged by dictionary (see the file's comment): every row's code
 * and the merged dictionary (runs of the parts' values). `key`: the account ids, which must be
 * distinct (each part's codes 0, 1, 2…, no value in two parts). Null when a check fails (a code
 * first used out of order, a repeated id): the caller merges row by row.
 */
export function mergeDictParts(
  parts: DictPart[],
  total: number,
  key: boolean,
): { codes: Int32Array; dict: MergedDict } | null {
  const K = parts.length;
  const base = new Int32Array(K + 1);
  for (let k = 0; k < K; k++) {
    const { bytes: db, rows, codes: src } = parts[k];
    const n = db.units.length;
    if (key) {
      if (n !== rows) return null;
      for (let i = 0; i < rows; i++) if (src[i] !== i) return null;
    }
    base[k + 1] = base[k] + n;
  }
  const N = base[K];
  const dict: MergedDict = { parts: parts.map((p) => p.bytes), runs: [], size: 0 };
  const codes = codesFor(parts[0].codes, total);
  // No lookup at all when the parts are in ascending order one after the other (sorted ids):
  // every value is new, the dictionary is the parts' end to end.
  if (ascendingParts(parts)) {
    absorbWays.ascending++;
    for (let k = 0; k < K; k++) dict.runs.push(k, 0, base[k + 1] - base[k]);
    dict.size = N;
    if (key) {
      // Where they are part 0's own, its codes are 0, 1, 2… already (checked above).
      const from = codes.buffer === parts[0].codes.buffer ? parts[0].rows : 0;
      for (let i = from; i < total; i++) codes[i] = i;
      return { codes, dict };
    }
    let o = 0;
    for (let k = 0; k < K; k++) {
      const { codes: src, rows } = parts[k];
      if (!mapCodes(src, rows, base[k + 1] - base[k], null, base[k], codes, o)) return null;
      o += rows;
    }
    return { codes, dict };
  }
  absorbWays.grouped++;
  let t = performance.now();
  const into = earlierSame(parts, base, key);
  absorbTimes.match += performance.now() - t;
  if (!into) return null;
  t = performance.now();
  // Merged codes in file order: a value new to the parts before takes the next code.
  const merged = new Int32Array(N);
  let count = 0;
  for (let k = 0; k < K; k++) {
    const g0 = base[k];
    const n = base[k + 1] - g0;
    for (let c = 0; c < n;) {
      const t = into[g0 + c];
      if (t >= 0) {
        merged[g0 + c] = merged[t];
        c++;
        continue;
      }
      let e = c + 1;
      while (e < n && into[g0 + e] < 0) e++;
      for (let i = c; i < e; i++) merged[g0 + i] = count++;
      dict.runs.push(k, c, e);
      c = e;
    }
  }
  dict.size = count;
  absorbTimes.number += performance.now() - t;
  t = performance.now();
  let o = 0;
  for (let k = 0; k < K; k++) {
    const { codes: src, rows } = parts[k];
    const n = base[k + 1] - base[k];
    // Part 0's codes stay as they are (its values are the first, in its order).
    if (!mapCodes(src, rows, n, k === 0 ? null : merged, base[k], codes, o)) return null;
    o += rows;
  }
  absorbTimes.map += performance.now() - t;
  return { codes, dict };
}

/**
 * Write a zero to every memory page of the room the first part's column keeps past its rows
 * (roomFor), up to `rows` rows: the page faults of a fresh buffer (a fifth of an import's CPU)
 * are then taken while the import worker waits for the other parts, not in the merge's copy.
 * The room holds zeros already: nothing changes but when the pages are mapped.
 */
export function touchRoom(c: Column, rows: number): void {
  const v = c.type === 'string' ? c.codes : c.values;
  const end = Math.min(v.buffer.byteLength, rows * v.BYTES_PER_ELEMENT);
  if (v.byteOffset !== 0 || end <= v.byteLength) return;
  const page = new Uint8Array(v.buffer);
  for (let i = v.byteLength + 4095 - ((v.byteLength + 4095) % 4096); i < end; i += 4096)
    page[i] = 0;
}
