/**
 * Lossless compact encodings for a stored run's columns (runStore.ts). Each column is written in
 * the narrowest form that gives back every value exactly: a value repeated in every row is stored
 * once; 0/1 columns as bits; integers in the smallest integer type that holds their range; float
 * columns as small integers (NaN as a sentinel), as a byte per row into a dictionary of at most
 * 256 distinct values, or Float32 when every value survives the trip, else Float64. Decoding returns the column's original typed-array type. Pure (no IndexedDB).
 */
export type ColumnArray =
  Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array;

type TypeName =
  | 'Float64Array'
  | 'Float32Array'
  | 'Int8Array'
  | 'Uint8Array'
  | 'Int16Array'
  | 'Uint16Array'
  | 'Int32Array';

const CTORS = {
  Float64Array,
  Float32Array,
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
} as const;

/** What is stored for one column (or one piece of it): structured-clone friendly. */
export type StoredColumn =
  | { type: TypeName; n: number; enc: 'const'; value: number }
  | { type: TypeName; n: number; enc: 'bits'; data: Uint8Array }
  /** Integers, or floats that are all integers, in the narrowest integer type. */
  | {
      type: TypeName;
      n: number;
      enc: 'int';
      data: Int8Array | Uint8Array | Int16Array | Int32Array;
    }
  /** Integer-valued floats with NaN: NaN is the given sentinel (a value the data does not use). */
  | { type: TypeName; n: number; enc: 'intnan'; nan: number; data: Uint8Array | Int16Array }
  /** At most 256 distinct values: a byte per row into `dict`. */
  | { type: TypeName; n: number; enc: 'dict'; dict: Float32Array | Float64Array; data: Uint8Array }
  | { type: TypeName; n: number; enc: 'f32'; data: Float32Array }
  | { type: TypeName; n: number; enc: 'f64'; data: Float64Array };

/** The array itself when it owns its whole buffer, else a copy: a stored view would clone its whole buffer. */
function own<T extends ColumnArray>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}

function narrowInts(x: Int32Array, min: number, max: number) {
  if (min >= 0 && max <= 0xff) return new Uint8Array(x);
  if (min >= -0x80 && max <= 0x7f) return new Int8Array(x);
  if (min >= -0x8000 && max <= 0x7fff) return new Int16Array(x);
  return own(x);
}

// The scans below each see one array type (integer columns are widened to Int32Array, float
// columns scanned as Float64Array or, at Float32 precision, Float32Array): a loop over one
// element kind stays fast where one generic loop over seven kinds took 20–40 ms a million rows.

function scanInts(x: Int32Array) {
  let min = x[0];
  let max = x[0];
  for (let i = 1; i < x.length; i++) {
    const v = x[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return { min, max };
}

function packBits(x: Int32Array): Uint8Array {
  const data = new Uint8Array((x.length + 7) >> 3);
  for (let i = 0; i < x.length; i++) if (x[i]) data[i >> 3] |= 1 << (i & 7);
  return data;
}

interface FloatScan {
  same: boolean;
  ints: boolean;
  nans: number;
  min: number;
  max: number;
  f32: boolean;
}

function scanF64(x: Float64Array): FloatScan {
  const first = x[0];
  let same = true;
  let ints = true;
  let f32 = true;
  let nans = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) {
      nans++;
      if (first === first) same = false;
      continue;
    }
    if (v !== first || (v === 0 && 1 / v !== 1 / first)) same = false;
    if (v < min) min = v;
    if (v > max) max = v;
    if (ints && ((v | 0) !== v || (v === 0 && 1 / v < 0))) ints = false;
    if (f32 && Math.fround(v) !== v) f32 = false;
    if (!same && !ints && !f32) break; // f64 it is: the rest cannot change that
  }
  return { same, ints, nans, min, max, f32 };
}

function scanF32(x: Float32Array): FloatScan {
  const first = x[0];
  let same = true;
  let ints = true;
  let nans = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) {
      nans++;
      if (first === first) same = false;
      continue;
    }
    if (v !== first || (v === 0 && 1 / v !== 1 / first)) same = false;
    if (v < min) min = v;
    if (v > max) max = v;
    if (ints && ((v | 0) !== v || (v === 0 && 1 / v < 0))) ints = false;
    if (!same && !ints) break; // not const, not integers: dictionary or f32 is decided apart
  }
  return { same, ints, nans, min, max, f32: true };
}

/**
 * Codes into at most 256 distinct values (compared bit for bit), or null when there are more:
 * an open-addressing table over the values' 32-bit words (stride 2 for Float64), stopping at the
 * 257th distinct value, so a continuous column costs only its first few hundred rows.
 */
function dictionary(w: Uint32Array, stride: 1 | 2, n: number) {
  const SLOTS = 1024;
  const slotCode = new Int16Array(SLOTS).fill(-1);
  const slotLo = new Uint32Array(SLOTS);
  const slotHi = new Uint32Array(SLOTS);
  const codes = new Uint8Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = w[i * stride];
    const hi = stride === 2 ? w[i * 2 + 1] : 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 22;
    for (;;) {
      const c = slotCode[h];
      if (c < 0) {
        if (first.length === 256) return null;
        slotCode[h] = first.length;
        slotLo[h] = lo;
        slotHi[h] = hi;
        codes[i] = first.length;
        first.push(i);
        break;
      }
      if (slotLo[h] === lo && slotHi[h] === hi) {
        codes[i] = c;
        break;
      }
      h = (h + 1) & (SLOTS - 1);
    }
  }
  return { codes, first };
}

// One loop per (input, output) pair, so each stays monomorphic.
function f32ToU8(x: Float32Array, out: Uint8Array) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v !== v ? 255 : v;
  }
  return out;
}
function f64ToU8(x: Float64Array, out: Uint8Array) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v !== v ? 255 : v;
  }
  return out;
}
function f32ToI16(x: Float32Array, out: Int16Array) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v !== v ? -32768 : v;
  }
  return out;
}
function f64ToI16(x: Float64Array, out: Int16Array) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v !== v ? -32768 : v;
  }
  return out;
}

/**
 * The common case in one pass: every value (at Float32 precision when asked) an integer 0–254
 * or NaN — points, scores on a 0–100 scale, small counts. Null at the first value that is not.
 */
function tryBytes(x: Float64Array, float32: boolean): Uint8Array | null {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = float32 ? Math.fround(x[i]) : x[i];
    if (v !== v) out[i] = 255;
    else if ((v | 0) === v && v >= 0 && v <= 254 && (v !== 0 || 1 / v > 0)) out[i] = v;
    else return null;
  }
  return out;
}

function scanU8(x: Uint8Array) {
  let min = x[0];
  let max = x[0];
  for (let i = 1; i < x.length; i++) {
    const v = x[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return { min, max };
}

function packBitsU8(x: Uint8Array): Uint8Array {
  const data = new Uint8Array((x.length + 7) >> 3);
  for (let i = 0; i < x.length; i++) if (x[i]) data[i >> 3] |= 1 << (i & 7);
  return data;
}

/**
 * Encode a column. `float32`: the column is kept at Float32 precision (its values are rounded
 * with Math.fround first, as the run format always did for dimension scores, coverage and
 * measure points), and decodes as the original Float64Array of those rounded values.
 */
export function encodeColumn(x: ColumnArray, opts: { float32?: boolean } = {}): StoredColumn {
  const type = x.constructor.name as TypeName;
  const n = x.length;
  if (n === 0) return { type, n, enc: 'const', value: 0 };
  if (x instanceof Uint8Array) {
    // flags and small codes (fired CTAs, ready, progress): no widening to Int32
    const { min, max } = scanU8(x);
    if (min === max) return { type, n, enc: 'const', value: min };
    if (max <= 1) return { type, n, enc: 'bits', data: packBitsU8(x) };
    return { type, n, enc: 'int', data: own(x) };
  }
  if (x instanceof Float64Array) {
    const bytes = tryBytes(x, !!opts.float32);
    if (bytes) {
      const { min, max } = scanU8(bytes);
      if (min === max) return { type, n, enc: 'const', value: min === 255 ? NaN : min };
      return { type, n, enc: 'intnan', nan: 255, data: bytes };
    }
  }
  if (!(x instanceof Float64Array || x instanceof Float32Array)) {
    const xi = x instanceof Int32Array ? x : new Int32Array(x);
    const { min, max } = scanInts(xi);
    if (min === max) return { type, n, enc: 'const', value: min };
    if (min >= 0 && max <= 1) return { type, n, enc: 'bits', data: packBits(xi) };
    return { type, n, enc: 'int', data: narrowInts(xi, min, max) };
  }
  const y = opts.float32 && x instanceof Float64Array ? new Float32Array(x) : x;
  const sc = y instanceof Float64Array ? scanF64(y) : scanF32(y);
  if (sc.same) return { type, n, enc: 'const', value: y[0] };
  if (sc.ints && sc.nans === 0 && sc.min >= -(2 ** 31) && sc.max < 2 ** 31)
    return { type, n, enc: 'int', data: narrowInts(new Int32Array(y), sc.min, sc.max) };
  if (sc.ints && sc.min >= 0 && sc.max <= 254)
    return {
      type,
      n,
      enc: 'intnan',
      nan: 255,
      data:
        y instanceof Float32Array ? f32ToU8(y, new Uint8Array(n)) : f64ToU8(y, new Uint8Array(n)),
    };
  if (sc.ints && sc.min >= -32767 && sc.max <= 32767)
    return {
      type,
      n,
      enc: 'intnan',
      nan: -32768,
      data:
        y instanceof Float32Array ? f32ToI16(y, new Int16Array(n)) : f64ToI16(y, new Int16Array(n)),
    };
  const d =
    y instanceof Float32Array
      ? dictionary(new Uint32Array(y.buffer, y.byteOffset, n), 1, n)
      : dictionary(new Uint32Array(y.buffer, y.byteOffset, n * 2), 2, n);
  if (d) {
    const dict =
      y instanceof Float32Array
        ? new Float32Array(d.first.length)
        : new Float64Array(d.first.length);
    d.first.forEach((row, k) => (dict[k] = y[row]));
    return { type, n, enc: 'dict', dict, data: d.codes };
  }
  if (sc.f32)
    return { type, n, enc: 'f32', data: y instanceof Float32Array ? own(y) : new Float32Array(y) };
  return { type, n, enc: 'f64', data: own(y as Float64Array) };
}

/** The column back, as its original typed-array type. */
export function decodeColumn(c: StoredColumn): ColumnArray {
  const out = new CTORS[c.type](c.n);
  switch (c.enc) {
    case 'const':
      out.fill(c.value);
      break;
    case 'bits':
      for (let i = 0; i < c.n; i++) out[i] = (c.data[i >> 3] >> (i & 7)) & 1;
      break;
    case 'intnan':
      for (let i = 0; i < c.n; i++) out[i] = c.data[i] === c.nan ? NaN : c.data[i];
      break;
    case 'dict':
      for (let i = 0; i < c.n; i++) out[i] = c.dict[c.data[i]];
      break;
    default:
      out.set(c.data);
  }
  return out;
}

/** Row `i` of a stored column, as decodeColumn(c)[i] gives it, without decoding the rest. */
export function valueAt(c: StoredColumn, i: number): number {
  let v: number;
  switch (c.enc) {
    case 'const':
      v = c.value;
      break;
    case 'bits':
      v = (c.data[i >> 3] >> (i & 7)) & 1;
      break;
    case 'intnan':
      v = c.data[i] === c.nan ? NaN : c.data[i];
      break;
    case 'dict':
      v = c.dict[c.data[i]];
      break;
    default:
      v = c.data[i];
  }
  // Through the column's own type, as decodeColumn stores it.
  const one = new CTORS[c.type](1);
  one[0] = v;
  return one[0];
}

/** Bytes a stored column takes (its arrays; IndexedDB adds its own overhead). */
export function storedBytes(c: StoredColumn): number {
  return c.enc === 'const' ? 8 : c.data.byteLength + (c.enc === 'dict' ? c.dict.byteLength : 0);
}

/** Two 32-bit FNV-1a-style hashes of a string, as 16 hex digits (a key list's content id). */
export function hash64(s: string): string {
  return hashAndCount(s, 0).hash;
}

/** hash64 of s, seeded, and how many NUL characters s holds (one pass). */
export function hashAndCount(s: string, seed: number): { hash: string; nuls: number } {
  let h1 = 0x811c9dc5 ^ seed;
  let h2 = 0x9747b28c;
  let nuls = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) nuls++;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const hash = (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  return { hash, nuls };
}
