/** columns.ts's StringColumn (written out here: columns.ts reads one value with dictAt). */
type StringColumn = { type: 'string'; codes: Int32Array; dict: string[] };

/**
 * String dictionaries kept packed until their strings are needed. A million account ids and a
 * million names made into strings on the page (the stored dataset's reload) were the page's
 * young-generation garbage collections; most of the page never reads them all.
 *
 * A packed dictionary slice: its values joined with NUL (one string clones far faster than 65k
 * small ones), or the values themselves if one holds NUL.
 */
export type PackedDict = { joined: string; count: number } | string[];

/** Values of one slice. */
export function packedCount(p: PackedDict): number {
  return Array.isArray(p) ? p.length : p.count;
}

/** The values of one slice, as strings. */
export function packedValues(p: PackedDict): string[] {
  return Array.isArray(p) ? p : p.count === 0 ? [] : p.joined.split('\u0000');
}

/** A column's dictionary while it is still packed: what readers of one value and hand-overs use. */
interface Packed {
  /** The slices, in dictionary order, and the code each starts at (starts[k]; last = total). */
  parts: PackedDict[];
  starts: Int32Array;
  /** Per joined slice, where each value starts in it (made when a value of it is first read). */
  offsets: (Int32Array | null)[];
  /** The dictionary being filled (its final size), and how many slices are in it. */
  out: string[] | null;
  done: number;
}

const packedOf = new WeakMap<StringColumn, Packed>();
let decodes = 0;

/** How many packed dictionaries were decoded whole so far (for tests: a reload decodes none). */
export function packedDecodeCount(): number {
  return decodes;
}

/**
 * A string column whose dictionary is made when `dict` is first read (then kept): an own,
 * enumerable accessor, so spreading, cloning and comparing the column read it like a value.
 */
export function packedDictColumn(codes: Int32Array, make: () => string[]): StringColumn {
  const col = { type: 'string', codes } as StringColumn;
  defineLazyDict(col, make);
  return col;
}

function defineLazyDict(col: { dict?: string[] }, make: () => string[]): void {
  let dict: string[] | null = null;
  let fill: (() => string[]) | null = make;
  Object.defineProperty(col, 'dict', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (dict === null) {
        dict = fill!();
        fill = null; // the packed bytes go with it
      }
      return dict;
    },
    set: (v: string[]) => {
      dict = v;
      fill = null;
      packedOf.delete(col as StringColumn);
    },
  });
}

/**
 * A string column whose dictionary is the concatenation of `parts`, decoded (into an array of
 * its final size) when `dict` is first read. Until then `dictAt` reads one value without
 * decoding the rest, and `packedPartsOf` gives the slices to hand to a worker as they are.
 */
export function packedPartsColumn(codes: Int32Array, parts: PackedDict[]): StringColumn {
  const col = { type: 'string', codes } as StringColumn;
  setPackedDict(col, parts);
  return col;
}

/** Make `col.dict` the concatenation of `parts`, decoded when first read (see packedPartsColumn). */
function setPackedDict(col: { dict?: string[] }, parts: PackedDict[]): void {
  const starts = new Int32Array(parts.length + 1);
  for (let k = 0; k < parts.length; k++) starts[k + 1] = starts[k] + packedCount(parts[k]);
  const p: Packed = { parts, starts, offsets: parts.map(() => null), out: null, done: 0 };
  defineLazyDict(col, () => {
    decodes++;
    while (decodeStep(p));
    packedOf.delete(col as StringColumn);
    return p.out!;
  });
  packedOf.set(col as StringColumn, p);
}

/** Decode the next slice into the final array; false when none is left. */
function decodeStep(p: Packed): boolean {
  if (p.done >= p.parts.length) {
    p.out ??= [];
    return false;
  }
  const out = (p.out ??= new Array<string>(p.starts[p.parts.length]));
  const xs = packedValues(p.parts[p.done]);
  const at = p.starts[p.done];
  for (let i = 0; i < xs.length; i++) out[at + i] = xs[i];
  p.parts[p.done] = [];
  p.offsets[p.done] = null;
  p.done++;
  return true;
}

/**
 * Decode `col`'s packed dictionary a slice at a time ahead of its first read: `step()` decodes
 * one slice (a few ms) and answers whether more are left. For a caller that will need the
 * whole dictionary later and can spread the work over tasks meanwhile. No-op for other columns.
 */
export function decodeAhead(col: StringColumn): { step: () => boolean } {
  return {
    step: () => {
      const p = packedOf.get(col);
      return !!p && decodeStep(p) && p.done < p.parts.length;
    },
  };
}

/** The packed slices of a column whose dictionary has not been decoded (else null). */
export function packedPartsOf(col: object): PackedDict[] | null {
  const p = packedOf.get(col as StringColumn);
  if (!p || p.done > 0) return null;
  return p.parts;
}

/** Value `code` (≥ 0) of a string column's dictionary, without decoding a packed one whole. */
export function dictAt(col: StringColumn, code: number): string {
  const p = packedOf.get(col);
  if (!p) return col.dict[code];
  if (code < 0 || code >= p.starts[p.parts.length]) return undefined as unknown as string;
  // The slice holding it: the last start at or below code.
  let lo = 0;
  let hi = p.parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.starts[mid] <= code) lo = mid;
    else hi = mid - 1;
  }
  if (lo < p.done) return p.out![code];
  const part = p.parts[lo];
  const k = code - p.starts[lo];
  if (Array.isArray(part)) return part[k];
  const off = offsetsOf(p, lo);
  return part.joined.slice(off[k], off[k + 1] - 1);
}

/** Where each value of joined slice `k` starts (made on first use, then kept). */
function offsetsOf(p: Packed, k: number): Int32Array {
  const part = p.parts[k] as { joined: string; count: number };
  let off = p.offsets[k];
  if (!off) {
    off = new Int32Array(part.count + 1);
    let at = 0;
    for (let i = 0; i < part.count; i++) {
      off[i] = at;
      const nul = part.joined.indexOf('\u0000', at);
      at = (nul < 0 ? part.joined.length : nul) + 1;
    }
    off[part.count] = part.joined.length + 1;
    p.offsets[k] = off;
  }
  return off;
}

/**
 * Index `col`'s packed slices ahead of their first read by `dictAt`: one joined slice's offsets
 * per step (a generator: the caller runs steps while the page is idle). Reading a value of a
 * slice not yet indexed scans the whole slice (8,192 values) first: the account table's rows
 * after a sort come from as many slices as rows, and that scan, per row, per column, was most of
 * the answer's render (16.6 ms of 24.8, profiled with one hog). The same offsets `dictAt` makes;
 * nothing is decoded. No steps for a column that is not packed.
 */
export function* indexAhead(col: StringColumn): Generator<void, void, void> {
  const p = packedOf.get(col);
  if (!p) return;
  for (let k = 0; k < p.parts.length; k++) {
    // A slice decoded meanwhile (decodeStep) or made of an array needs no offsets.
    if (packedOf.get(col) !== p || k < p.done || Array.isArray(p.parts[k])) continue;
    if (p.offsets[k]) continue;
    offsetsOf(p, k);
    yield;
  }
}

/** How many of `col`'s joined slices have their offsets made; -1 if `col` is not packed. */
export function packedIndexedCount(col: StringColumn): number {
  const p = packedOf.get(col);
  return p ? p.offsets.filter((o) => o !== null).length : -1;
}

/** How many values a string column's dictionary holds, without decoding a packed one. */
export function dictSize(col: StringColumn): number {
  const p = packedOf.get(col);
  return p ? p.starts[p.parts.length] : col.dict.length;
}

/**
 * The first code ≥ `from` whose value is `value` (-1 if none), as `col.dict.indexOf(value,
 * from)`, without decoding a packed dictionary: a joined slice is searched as one string (a
 * match must start and end at a NUL or the slice's end), and no value is made.
 */
export function dictIndexOf(col: StringColumn, value: string, from = 0): number {
  const p = packedOf.get(col);
  if (!p) return col.dict.indexOf(value, from);
  // As Array's indexOf: a negative start counts from the end.
  if (from < 0) from = Math.max(0, p.starts[p.parts.length] + from);
  for (let k = 0; k < p.parts.length; k++) {
    const start = p.starts[k];
    const end = p.starts[k + 1];
    if (end <= from) continue;
    if (k < p.done) {
      for (let i = Math.max(from, start); i < end; i++) if (p.out![i] === value) return i;
      continue;
    }
    const part = p.parts[k];
    if (Array.isArray(part)) {
      const i = part.indexOf(value, Math.max(0, from - start));
      if (i >= 0) return start + i;
      continue;
    }
    // A joined slice holds no value with NUL in it (those slices are arrays).
    if (part.count === 0 || value.includes('\u0000')) continue;
    const j = part.joined;
    const off = from > start ? offsetsOf(p, k) : null;
    let at = off ? off[from - start] : 0;
    for (;;) {
      const pos = j.indexOf(value, at);
      if (pos < 0) break;
      const end2 = pos + value.length;
      if (
        (pos === 0 || j.charCodeAt(pos - 1) === 0) &&
        (end2 === j.length || j.charCodeAt(end2) === 0)
      ) {
        // Its code: the number of NULs before it (the slice's offsets, searched).
        const o = offsetsOf(p, k);
        let lo = 0;
        let hi = part.count - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (o[mid] <= pos) lo = mid;
          else hi = mid - 1;
        }
        return start + lo;
      }
      at = pos + 1;
      if (at > j.length) break;
    }
  }
  return -1;
}

/**
 * A list (`obj[key]`, a `string[]`) that is the whole dictionary of `col` (the run's account
 * ids when they are the dataset's key column in row order): an own, enumerable accessor reading
 * `col.dict` when first read (then a plain value). Until then `lazyListColumn` gives the
 * column, so readers of one value (`dictAt`), searches (`dictIndexOf`) and hand-overs to a
 * worker (`split` sends the packed slices) need not make a million strings.
 */
export function lazyDictList(obj: object, key: string, col: StringColumn): void {
  const get = () => {
    const dict = col.dict;
    Object.defineProperty(obj, key, {
      value: dict,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return dict;
  };
  lazyLists.set(get, col);
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get,
    set: (v: unknown) =>
      Object.defineProperty(obj, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      }),
  });
}

const lazyLists = new WeakMap<() => unknown, StringColumn>();

/** The column whose dictionary `obj[key]` is, while that list has not been read whole (else null). */
export function lazyListColumn(obj: object, key: string): StringColumn | null {
  const get = Object.getOwnPropertyDescriptor(obj, key)?.get;
  return (get && lazyLists.get(get)) ?? null;
}

/** `obj[key]` as it is on `from`: still lazy (the same column) if it is lazy there. */
export function copyList(from: object, to: object, key: string): void {
  const col = lazyListColumn(from, key);
  if (col) lazyDictList(to, key, col);
  else (to as Record<string, unknown>)[key] = (from as Record<string, unknown>)[key];
}

/**
 * A string column's dictionary a slice at a time, each `[first code, its values]`, without
 * decoding a packed one: each slice's values are made as it is reached and not kept (a
 * dictionary that is not packed is one slice, itself).
 */
export function* dictSlices(col: StringColumn): Generator<[number, readonly string[]]> {
  const p = packedOf.get(col);
  if (!p) {
    yield [0, col.dict];
    return;
  }
  for (let k = 0; k < p.parts.length; k++) {
    // Read p afresh per slice: the dictionary may be decoded meanwhile (then p.out holds it).
    if (k < p.done || !packedOf.has(col))
      yield [p.starts[k], (p.out ?? col.dict).slice(p.starts[k], p.starts[k + 1])];
    else yield [p.starts[k], packedValues(p.parts[k])];
  }
}
