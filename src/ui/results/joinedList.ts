import type { PackedDict } from '../../table/packedDict';

/**
 * A long list of strings held as a few big objects: the row-query worker's account ids and
 * company names. As a plain array, a million ids and ~0.4–0.8 million names were ~1.8 million
 * string objects in the worker's heap, which each of its major garbage collections marked (three
 * marking threads; with one CPU hog they ran on the core the page's first draw of the accounts
 * tab needed: 70–122 ms of wall for ~20 ms of the page's CPU, session 32). Held joined, each
 * slice is one string (its values joined by U+0000, as the page sends it) and an Int32Array of
 * where each value starts: a few hundred objects for the million values.
 *
 * The list keeps its identity as an array (the search index and the collation ranks are keyed by
 * it, and `length` is read), but an empty one: `joinedList` makes an array of the list's length
 * with no elements (dictionary elements: no slot per value) and registers its slices here.
 * Nothing may read its elements: a reader that needs the values calls `listValues`, which makes
 * them as strings, for the moment (the collation ranks' fallback, a list searched value by
 * value).
 */
export type JoinedPart =
  /** starts[k]: where value `from + k` starts in `text`; starts[count] = text.length + 1. */
  | { from: number; text: string; starts: Int32Array }
  /** A slice with U+0000 inside a value: its values as they are. */
  | { from: number; values: readonly string[] };

const SEP = '\u0000';

const held = new WeakMap<readonly string[], JoinedPart[]>();

/** A list of `length` values whose slices are `parts` (in order, covering it). */
export function joinedList(length: number, parts: JoinedPart[]): string[] {
  const list: string[] = [];
  // Assigning past the end of an empty array makes its elements a dictionary (no slot per
  // value); the one element is removed, the length stays.
  if (length > 0) {
    list[length - 1] = '';
    delete list[length - 1];
  }
  held.set(list, parts);
  return list;
}

/** The slices of a list made by joinedList (else null). */
export function joinedParts(list: readonly string[]): readonly JoinedPart[] | null {
  return held.get(list) ?? null;
}

/** Values in a part. */
export function partCount(p: JoinedPart): number {
  return 'values' in p ? p.values.length : p.starts.length - 1;
}

/** The values of one part, made as strings now. */
export function partValues(p: JoinedPart): string[] {
  if ('values' in p) return p.values.slice();
  const n = p.starts.length - 1;
  return n === 0 ? [] : p.text.split(SEP);
}

/**
 * The values of `list` as strings: the list itself, or a joined list's values made now (not
 * kept: the caller drops them when done).
 */
export function listValues(list: readonly string[]): readonly string[] {
  const parts = held.get(list);
  if (!parts) return list;
  const out = new Array<string>(list.length);
  for (const p of parts) {
    const xs = partValues(p);
    for (let i = 0; i < xs.length; i++) out[p.from + i] = xs[i];
  }
  return out;
}

/**
 * A received slice as a part: a joined slice gets its starts (one indexOf per value), an array
 * slice stays one (the page sends an array when a value holds U+0000).
 */
export function partOf(from: number, p: PackedDict): JoinedPart {
  if (Array.isArray(p)) return { from, values: p };
  return { from, text: p.joined, starts: joinedStarts(p.joined, p.count) };
}

/** Where each of the `count` values of `text` (joined by U+0000) starts; then text.length + 1. */
export function joinedStarts(text: string, count: number): Int32Array {
  const starts = new Int32Array(count + 1);
  let at = 0;
  for (let k = 0; k < count; k++) {
    starts[k] = at;
    const nul = text.indexOf(SEP, at);
    at = (nul < 0 ? text.length : nul) + 1;
  }
  starts[count] = text.length + 1;
  return starts;
}

/** A slice of values as the page sends it: joined by U+0000, or the array if a value holds one. */
export function joinValues(values: readonly string[]): PackedDict {
  for (let i = 0; i < values.length; i++) if (values[i].includes(SEP)) return values as string[];
  return { joined: values.join(SEP), count: values.length };
}
