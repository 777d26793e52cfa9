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
}

interface TextIndex {
  chunks: TextChunk[];
  /** Every value lowercased: only when some value holds U+0000 (then searched one by one). */
  lower: string[] | null;
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
  return { from, text, starts };
}

function lowerIndex(values: readonly string[]): TextIndex {
  return { chunks: [], lower: Array.from(values, (v) => v.toLowerCase()) };
}

function textIndex(values: readonly string[]): TextIndex {
  let ix = indexCache.get(values);
  if (ix) return ix;
  // Slices that arrived before a search: index the rest at once.
  const part = building.get(values);
  ix = part?.ix ?? { chunks: [], lower: null };
  building.delete(values);
  for (let from = part?.covered ?? 0; from < values.length && !ix.lower; from += CHUNK) {
    const c = chunkOf(values.slice(from, from + CHUNK), from);
    if (c) ix.chunks.push(c);
    else ix = lowerIndex(values);
  }
  indexCache.set(values, ix);
  return ix;
}

/** Build the search index of `values` now (the row-query worker does it while idle). */
export function prepareSearch(values: readonly string[]): void {
  textIndex(values);
}

/**
 * Index the slice `strings` = values[from, from + strings.length) as it arrives (slices in
 * order); the index is complete once the last one is in. A slice out of order starts over.
 */
export function addSearchSlice(values: readonly string[], from: number, strings: string[]): void {
  if (indexCache.has(values)) return;
  if (from === 0) building.set(values, { ix: { chunks: [], lower: null }, covered: 0 });
  const part = building.get(values);
  // Out of order, or given up on: indexed when first searched.
  if (!part || part.covered !== from) return;
  const c = chunkOf(strings, from);
  if (!c) {
    building.delete(values);
    return;
  }
  part.ix.chunks.push(c);
  part.covered = from + strings.length;
  if (part.covered === values.length) {
    building.delete(values);
    indexCache.set(values, part.ix);
  }
}

export const hasSearchIndex = (values: readonly string[]) => indexCache.has(values);

/** hit[k] = 1 where values[k], lowercased, contains `needle` (already trimmed and lowercased). */
export function searchHits(values: readonly string[], needle: string): Uint8Array {
  const { chunks, lower } = textIndex(values);
  const hit = new Uint8Array(values.length);
  if (lower) {
    for (let k = 0; k < lower.length; k++) hit[k] = lower[k].includes(needle) ? 1 : 0;
    return hit;
  }
  // The needle holds no U+0000 (else nothing matches, as with includes on each value).
  if (needle.includes(SEP)) return hit;
  for (const { from, text, starts } of chunks) {
    let k = 0;
    let pos = text.indexOf(needle);
    while (pos >= 0) {
      while (starts[k + 1] <= pos) k++;
      hit[from + k] = 1;
      pos = text.indexOf(needle, starts[k + 1]);
    }
  }
  return hit;
}
