import { joinedParts, listValues, partCount, type JoinedPart } from './joinedList';

/**
 * The account table's text search index: for a list of values (the run's account ids, the name
 * column's dictionary), which contain a needle, lowercased, as `includes` on each lowercased
 * value would say — in a few native `indexOf` scans instead of a million `includes` calls.
 *
 * The values are kept in chunks, each the chunk's values lowercased and joined by U+0000 with
 * where each value starts. A chunk is made by joining its values and lowercasing the joined text
 * once (a million `toLowerCase` calls and one join of a million strings took ~0.5–1 s in the
 * row-query worker, which the first keystroke waited for; joined in slices it is a few ms per
 * 100,000 values). Lowercasing the joined text equals lowercasing each value: U+0000 is neither
 * cased nor case-ignorable, so it bounds Greek final sigma as a string's end does, and when a
 * chunk's text changes length (U+0130 → "i̇", the one character whose lowercase is longer) its
 * values are lowercased one by one instead. A list with U+0000 inside a value (a match could
 * span two values) is searched value by value.
 *
 * The row-query worker builds the chunks as the list's slices arrive (`addSearchSlice`), so the
 * index is ready with the run; a list built otherwise is indexed when first searched.
 *
 * Two things keep a keystroke's scan short at a million accounts (session 26):
 * - _ASCII needles over Japanese text._ V8's `indexOf` on a two-byte string finds its first
 *   character with memchr on that character's highest byte: '0' is 0x30, the high byte of every
 *   kana (U+30xx), so a digit scanned the demo's 832,000 names in ~50 ms. A chunk whose text is
 *   two-byte also keeps `ascii`, its text with every code unit above U+007F replaced by U+0001
 *   (a one-byte string of the same length, so the same value starts); a needle of ASCII only,
 *   without U+0001, matches there exactly where it matches the text (~2 ms).
 * - _Candidates first._ Each value keeps 64 bits of the characters it holds (each digit and
 *   letter a bit of its own, other characters sharing 28); a value can hold a needle only if
 *   it has the needle's bits, so one digit or letter — the first key typed — is answered from
 *   the bits alone (a million ids hit by '0': one indexOf per hit took 15–45 ms). And each list
 *   remembers its last needle and the values it hit; a needle containing that one can only hit
 *   among them (hits(n) ⊆ hits(p) when n includes p). When the candidates left are few, they
 *   alone are tested, else the text is scanned.
 */
const SEP = '\u0000';

/** Values per chunk of an index built at once. */
const CHUNK = 1 << 15;

interface TextChunk {
  /** Index of the chunk's first value in the list. */
  from: number;
  text: string;
  /** starts[k]: where value from+k starts in text; starts[count] = text.length + 1. */
  starts: Int32Array;
  /**
   * A two-byte text's code units above U+007F replaced by U+0001 (one-byte, same length), for
   * needles of ASCII only; null when the text is one-byte already.
   */
  ascii: string | null;
  /**
   * The characters of each value as 64 bits (low word, high word; see charBit): a value can
   * contain a needle only if its bits hold the needle's.
   */
  lo: Int32Array;
  hi: Int32Array;
}

interface TextIndex {
  chunks: TextChunk[];
  /** Every value lowercased: only when some value holds U+0000 (then searched one by one). */
  lower: string[] | null;
  /** The last needle searched and the values it hit, in order. */
  last: { needle: string; hits: Int32Array } | null;
  /**
   * Scratch for a search's candidates and hits (one per list, not one or two arrays of the
   * list's length per keystroke: their allocation brought garbage collections into the key).
   */
  buf?: Int32Array;
}

/**
 * Test the candidates one by one when they are at most this share of the list, else scan: a
 * scan costs per hit found plus the text's length, testing a value a slice and an `includes`.
 */
const NARROW_SHARE = 1 / 8;

/** The last needle's hits are kept (to narrow the next needle) when at most this share. */
const LAST_SHARE = 1 / 2;

/** How searches were answered (tests check that each path is taken). */
export const searchPaths = { scan: 0, narrow: 0, asciiChunks: 0, bits: 0 };

const latin1 = new TextDecoder('latin1');

/**
 * A code unit's bit among 64: '0'–'9' → 0–9 and 'a'–'z' → 10–35, each its own (so a one-character
 * needle among them is answered by the bits alone), any other code unit one of 28 shared bits.
 */
const charBit = (c: number) =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : 36 + (c % 28);

/**
 * Each value's character bits, and the text's ASCII projection when the text is two-byte
 * (one pass over the text).
 */
function charInfo(text: string, starts: Int32Array, count: number) {
  const lo = new Int32Array(count);
  const hi = new Int32Array(count);
  const proj = new Uint8Array(text.length);
  let wide = false;
  for (let k = 0; k < count; k++) {
    let a = 0;
    let b = 0;
    const end = Math.min(starts[k + 1] - 1, text.length);
    for (let i = starts[k]; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) proj[i] = c;
      else {
        proj[i] = 1;
        if (c > 0xff) wide = true;
      }
      const bit = charBit(c);
      if (bit < 32) a |= 1 << bit;
      else b |= 1 << (bit - 32);
    }
    lo[k] = a;
    hi[k] = b;
  }
  // Bytes below 0x80 decode to themselves in windows-1252 (what 'latin1' names).
  return { lo, hi, ascii: wide ? latin1.decode(proj) : null };
}

/** The bits of `needle`'s characters, low and high word. */
function needleBits(needle: string): [number, number] {
  let a = 0;
  let b = 0;
  for (let i = 0; i < needle.length; i++) {
    const bit = charBit(needle.charCodeAt(i));
    if (bit < 32) a |= 1 << bit;
    else b |= 1 << (bit - 32);
  }
  return [a, b];
}

/** The needle is searched in `ascii`: ASCII only, and no U+0001 (which stands for the rest). */
function asciiNeedle(needle: string): boolean {
  for (let i = 0; i < needle.length; i++) {
    const c = needle.charCodeAt(i);
    if (c > 0x7f || c === 1) return false;
  }
  return true;
}

const indexCache = new WeakMap<readonly string[], TextIndex>();
/** Indexes being built slice by slice: the chunks so far and how many values they cover. */
const building = new WeakMap<readonly string[], { ix: TextIndex; covered: number }>();

/** The chunk of `values` (a slice of a list starting at `from`), or null if one holds U+0000. */
function chunkOf(values: readonly string[], from: number): TextChunk | null {
  const starts = new Int32Array(values.length + 1);
  const joined = values.join(SEP);
  let text = joined.toLowerCase();
  let at = 0;
  let k = 0;
  if (text.length !== joined.length) {
    const lower = values.map((v) => v.toLowerCase());
    text = lower.join(SEP);
    for (; k < lower.length; k++) {
      if (lower[k].includes(SEP)) return null;
      starts[k] = at;
      at += lower[k].length + 1;
    }
  } else
    for (; k < values.length; k++) {
      if (values[k].includes(SEP)) return null;
      starts[k] = at;
      at += values[k].length + 1;
    }
  // Past every match (at = text.length + 1 when the lengths add up): the scan always ends.
  starts[k] = Math.max(at, text.length + 1);
  return { from, text, starts, ...charInfo(text, starts, k) };
}

/**
 * The chunk of a slice already joined (a joined list's part: joinedList.ts): its text lowercased
 * once, its starts shared with the list; or null if a value holds U+0000.
 */
function chunkOfText(text: string, starts: Int32Array, from: number): TextChunk | null {
  const lower = text.toLowerCase();
  const count = starts.length - 1;
  // A character whose lowercase is longer (U+0130): the values lowercased one by one.
  if (lower.length !== text.length) return chunkOf(count ? text.split(SEP) : [], from);
  return { from, text: lower, starts, ...charInfo(lower, starts, count) };
}

/** The chunk of a joined list's part. */
function chunkOfPart(p: JoinedPart): TextChunk | null {
  return 'values' in p ? chunkOf(p.values, p.from) : chunkOfText(p.text, p.starts, p.from);
}

function lowerIndex(values: readonly string[]): TextIndex {
  return {
    chunks: [],
    lower: Array.from(listValues(values), (v) => v.toLowerCase()),
    last: null,
  };
}

function textIndex(values: readonly string[]): TextIndex {
  let ix = indexCache.get(values);
  if (ix) return ix;
  // Slices that arrived before a search: index the rest at once.
  const part = building.get(values);
  ix = part?.ix ?? { chunks: [], lower: null, last: null };
  building.delete(values);
  const covered = part?.covered ?? 0;
  const parts = joinedParts(values);
  if (parts) {
    // A joined list: its parts as they are (never made into strings, unless one holds U+0000).
    for (const p of parts) {
      if (p.from < covered || ix.lower) continue;
      const c = chunkOfPart(p);
      if (c) ix.chunks.push(c);
      else ix = lowerIndex(values);
    }
  } else
    for (let from = covered; from < values.length && !ix.lower; from += CHUNK) {
      const c = chunkOf(values.slice(from, from + CHUNK), from);
      if (c) ix.chunks.push(c);
      else ix = lowerIndex(values);
    }
  indexCache.set(values, ix);
  return ix;
}

/** Build the search index of `values` now (the row-query worker does it while idle). */
export function prepareSearch(values: readonly string[]): void {
  const ix = textIndex(values);
  if (!ix.lower) ix.buf ??= new Int32Array(values.length);
}

/**
 * Index the slice `strings` = values[from, from + strings.length) as it arrives (slices in
 * order); the index is complete once the last one is in. A slice out of order starts over.
 */
export function addSearchSlice(values: readonly string[], from: number, strings: string[]): void {
  addSearchPart(values, { from, values: strings });
}

/**
 * Index part `p` of `values` (a joined list's: joinedList.ts) as it arrives, as addSearchSlice
 * does a slice: a joined part's text is lowercased as one string, no value made.
 */
export function addSearchPart(values: readonly string[], p: JoinedPart): void {
  if (indexCache.has(values)) return;
  const from = p.from;
  if (from === 0) building.set(values, { ix: { chunks: [], lower: null, last: null }, covered: 0 });
  const part = building.get(values);
  // Out of order, or given up on: indexed when first searched.
  if (!part || part.covered !== from) return;
  const c = chunkOfPart(p);
  if (!c) {
    building.delete(values);
    return;
  }
  part.ix.chunks.push(c);
  part.covered = from + partCount(p);
  if (part.covered === values.length) {
    building.delete(values);
    indexCache.set(values, part.ix);
  }
}

/** The made-up lists warmSearch types in, and how many times it did. */
let warmLists: string[][] | null = null;
let warmed = 0;

/** How many times (once per call) warmSearch types its needles in each worker at most. */
export const WARM_ROUNDS = 6;

/**
 * Search two made-up lists (ids and Japanese names, 5,000 each) so that the functions a
 * keystroke runs are compiled before the first one: cold, the first key's search of a million
 * ids took 45–85 ms of CPU in node against 6–17 ms warm. Called once per step of the worker's
 * warm-up, while idle; at most WARM_ROUNDS times per worker.
 *
 * The lists are indexed in slices of WARM_SLICE (several chunks, as a run's lists are) and
 * typed through every path a key takes — one character from the bits, a needle narrowed
 * among the last hits, candidates tested one by one, a scan of a one-byte text and of a
 * two-byte one and of its ASCII copy, a needle found nowhere — several times, in several tasks,
 * so that the code compiled has met each step and the compiler (a background thread, slow to
 * get a core on a loaded machine) is done before the first key: warmed once, on one chunk and
 * fewer paths, the first key over a million ids still ran its loops unoptimised (in Chromium
 * ~60 ms of `withBits` for the first key; in node 187 ms of CPU against 9 ms for the same key
 * typed again; session 28).
 */
export function warmSearch(): void {
  if (warmed >= WARM_ROUNDS) return;
  warmed++;
  if (!warmLists) {
    const n = 5_000;
    const ids = Array.from({ length: n }, (_, i) => `AC${String(i).padStart(7, '0')}`);
    const names = Array.from(
      { length: n },
      (_, i) => `合同会社カ${i % 977}ロジ${i % 13 ? '' : 'Blue'}`,
    );
    for (const list of [ids, names])
      for (let from = 0; from < n; from += WARM_SLICE)
        addSearchSlice(list, from, list.slice(from, from + WARM_SLICE));
    warmLists = [ids, names];
  }
  for (const list of warmLists) for (const q of WARM_NEEDLES) searchHits(list, q);
}

/** Values per slice of the made-up lists (5,000 of them: eight chunks). */
const WARM_SLICE = 640;

/** Typed in this order: each path of searchHits (see warmSearch). */
const WARM_NEEDLES = [
  '0',
  '00',
  '000',
  '0001',
  '00012',
  '',
  '0',
  '00',
  'カ',
  'カ1',
  'blue',
  'ロジ',
  'ac',
  'ac0',
  'zz',
  '1',
  '12',
  '123',
  'a',
  '0',
];

export const hasSearchIndex = (values: readonly string[]) => indexCache.has(values);

/** hit[k] = 1 where values[k], lowercased, contains `needle` (already trimmed and lowercased). */
export function searchHits(values: readonly string[], needle: string): Uint8Array {
  const ix = textIndex(values);
  const hit = new Uint8Array(values.length);
  if (ix.lower) {
    const lower = ix.lower;
    for (let k = 0; k < lower.length; k++) hit[k] = lower[k].includes(needle) ? 1 : 0;
    return hit;
  }
  // Every value includes '' (and a scan for '' would never end).
  if (!needle) return hit.fill(1);
  // The needle holds no U+0000 (else nothing matches, as with includes on each value).
  if (needle.includes(SEP)) return hit;
  const last = ix.last;
  const buf = (ix.buf ??= new Int32Array(values.length));
  // The answer is among the last needle's hits when this needle contains it (typing on).
  const among = last && needle.includes(last.needle) ? last.hits : null;
  // ...and among the values holding the needle's characters' bits.
  const [nlo, nhi] = needleBits(needle);
  let n = withBits(ix.chunks, among, nlo, nhi, buf);
  if (needle.length === 1 && charBit(needle.charCodeAt(0)) < 36) {
    // One digit or letter: its bit is its own, the bits are the answer.
    searchPaths.bits++;
  } else if (n <= values.length * NARROW_SHARE) {
    n = narrow(ix.chunks, buf, n, needle);
    searchPaths.narrow++;
  } else {
    n = scan(ix.chunks, needle, buf);
    searchPaths.scan++;
  }
  for (let j = 0; j < n; j++) hit[buf[j]] = 1;
  // Kept for the next needle only when they narrow it: over half the list (a first key of a
  // digit hits nearly every id), the next search reads every value's bits as fast as the hits'
  // and the copy of a million hits (4 MB of fresh memory) is not made.
  ix.last = n <= values.length * LAST_SHARE ? { needle, hits: buf.slice(0, n) } : null;
  return hit;
}

/**
 * Of the values `among` (in order; null: every value), those whose bits hold nlo and nhi,
 * written to `out`; their count.
 */
function withBits(
  chunks: TextChunk[],
  among: Int32Array | null,
  nlo: number,
  nhi: number,
  out: Int32Array,
): number {
  let n = 0;
  if (among) {
    let ci = 0;
    for (let j = 0; j < among.length; j++) {
      const v = among[j];
      while (v >= chunks[ci].from + chunks[ci].lo.length) ci++;
      const { from, lo, hi } = chunks[ci];
      if ((lo[v - from] & nlo) === nlo && (hi[v - from] & nhi) === nhi) out[n++] = v;
    }
  } else
    for (const { from, lo, hi } of chunks)
      for (let k = 0; k < lo.length; k++)
        if ((lo[k] & nlo) === nlo && (hi[k] & nhi) === nhi) out[n++] = from + k;
  return n;
}

/** The values (in order) whose text contains `needle`, written to `out`: each chunk's text scanned once. */
function scan(chunks: TextChunk[], needle: string, out: Int32Array): number {
  let n = 0;
  const ascii = asciiNeedle(needle);
  for (const c of chunks) {
    const { from, starts } = c;
    const projected = ascii && c.ascii !== null;
    const text = projected ? c.ascii! : c.text;
    if (projected) searchPaths.asciiChunks++;
    let k = 0;
    let pos = text.indexOf(needle);
    while (pos >= 0) {
      while (starts[k + 1] <= pos) k++;
      out[n++] = from + k;
      pos = text.indexOf(needle, starts[k + 1]);
    }
  }
  return n;
}

/**
 * Of the first `count` values in `vals` (in order), those whose text contains `needle`, each
 * tested alone; kept in place at the front of `vals` (never ahead of where they are read); their
 * count.
 */
function narrow(chunks: TextChunk[], vals: Int32Array, count: number, needle: string): number {
  let n = 0;
  let ci = 0;
  for (let j = 0; j < count; j++) {
    const v = vals[j];
    while (v >= chunks[ci].from + chunks[ci].lo.length) ci++;
    const { from, text, starts } = chunks[ci];
    const k = v - from;
    if (text.slice(starts[k], starts[k + 1] - 1).includes(needle)) vals[n++] = v;
  }
  return n;
}
