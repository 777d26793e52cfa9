import { SlicedWork } from './slicedWork';

/**
 * Collation ranks of many strings (the account table's sort by company or id) with few calls
 * to Intl.Collator: at a million names a plain collator sort made ~15 million calls (6–9 s).
 *
 * 1. Every string gets a cheap key: each character replaced by its class — the characters that
 *    occur, sorted once by the same collator at base strength (so カ and ガ, A and a, １ and 1
 *    share a class) — and each run of digits by its numeric value (numeric collation).
 * 2. The strings are sorted by key (plain string comparison), ties by the collator.
 * 3. One pass compares neighbours with the collator: when none is out of order the order is
 *    sorted by the collator (it is a total preorder, so sorted neighbours mean a sorted list),
 *    and the same comparisons give the ranks. Otherwise a collator sort of that nearly sorted
 *    order (TimSort: close to one comparison per string) finishes it.
 *
 * 0. Before the keys: a list already in order (ids exported sorted) is found by the check of
 *    step 3 on the list as it is (n - 1 calls; an unsorted list fails within a few).
 *
 * The key only has to be close to the collator's order for speed; correctness never depends on
 * it, because the final order is always checked or made by the collator itself.
 */

/**
 * Work between two pauses of collationRanksSteps: strings visited, codes written, elements
 * merged or collator calls (a few thousand: about a millisecond).
 */
export const RANK_STEP = 4096;

/** rank[k] as textRanks defines it: equal under `coll` → equal rank; '' → -1. */
export function collationRanks(values: readonly string[], coll: Intl.Collator): Int32Array {
  return drain(collationRanksSteps(values, coll, Infinity));
}

/** Runs a step generator to its end. */
function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * collationRanks in steps: the same computation, pausing (`yield`) after about `every` units of
 * work, so a worker can run it a few milliseconds at a time and stop between steps
 * (collation.worker.ts). Only two parts are not split: the plain sort that lists the key cannot
 * order fall back to, and each collator sort of a run of equal keys (a few strings).
 */
export function* collationRanksSteps(
  values: readonly string[],
  coll: Intl.Collator,
  every = RANK_STEP,
): Generator<void, Int32Array, void> {
  let budget = every;
  // A typed array: a growing array's copies took tens of milliseconds at a million strings.
  let count = 0;
  const all = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    if (values[k]) all[count++] = k;
    if (--budget <= 0) {
      budget = every;
      yield;
    }
  }
  const present = all.subarray(0, count);
  const scan = yield* scanSteps(values, present, every);
  if (!scan) return yield* plainSteps(values, coll, every);
  // Already in order (ids exported sorted): one pass of the check gives the ranks. It stops at
  // the first pair out of order, a few calls into an unsorted list.
  const inOrder = new Int32Array(values.length).fill(-1);
  if (yield* rankSortedSteps(values, present, coll, inOrder, every)) return inOrder;
  const keys = yield* keysSteps(values, present, coll, every, scan);
  const byKey = yield* sortKeysSteps(keys, every);
  const order = new Array<number>(byKey.length);
  for (let j = 0; j < byKey.length; j++) {
    order[j] = present[byKey[j]];
    if (--budget <= 0) {
      budget = every;
      yield;
    }
  }
  // Runs of identical keys (A and a, カ and ガ) in collator order.
  for (let j = 0; j < byKey.length;) {
    let r = j + 1;
    while (r < byKey.length && sameKey(keys, byKey[j], byKey[r])) r++;
    if (r - j > 1) {
      const run = order.slice(j, r).sort((a, b) => coll.compare(values[a], values[b]));
      for (let t = 0; t < run.length; t++) order[j + t] = run[t];
    }
    budget -= r - j;
    j = r;
    if (budget <= 0) {
      budget = every;
      yield;
    }
  }
  const rank = new Int32Array(values.length).fill(-1);
  // Out of order somewhere (the key misled): today's sort, exactly.
  return (yield* rankSortedSteps(values, order, coll, rank, every))
    ? rank
    : yield* plainSteps(values, coll, every);
}

/** The plain collator sort the above replaces (kept as the reference the tests compare with). */
export function collationRanksPlain(values: readonly string[], coll: Intl.Collator): Int32Array {
  return drain(plainSteps(values, coll, Infinity));
}

function* plainSteps(
  values: readonly string[],
  coll: Intl.Collator,
  every: number,
): Generator<void, Int32Array, void> {
  const order: number[] = [];
  for (let k = 0; k < values.length; k++) if (values[k]) order.push(k);
  order.sort((a, b) => coll.compare(values[a], values[b]));
  const rank = new Int32Array(values.length).fill(-1);
  yield* rankSortedSteps(values, order, coll, rank, every);
  return rank;
}

/**
 * Ranks from `order` while checking it is sorted: false (ranks unfinished) at the first pair of
 * neighbours out of order.
 */
function* rankSortedSteps(
  values: readonly string[],
  order: ArrayLike<number>,
  coll: Intl.Collator,
  rank: Int32Array,
  every: number,
): Generator<void, boolean, void> {
  let next = 0;
  let budget = every;
  for (let j = 0; j < order.length; j++) {
    if (j > 0) {
      const c = coll.compare(values[order[j - 1]], values[order[j]]);
      if (c > 0) return false;
      if (c !== 0) next = j;
    }
    rank[order[j]] = next;
    if (--budget <= 0) {
      budget = every;
      yield;
    }
  }
  return true;
}

/** A decimal digit other than ASCII and full-width (one UTF-16 unit: BMP scripts only). */
const OTHER_DIGIT = /(?![0-9\uff10-\uff19])\p{Nd}/u;
const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
const digitValue = (c: number) => (c <= 57 ? c - 48 : c - 0xff10);

/**
 * Keys of the values present[p], concatenated: key p is codes[start[p]] … codes[start[p + 1] - 1].
 * Codes are ≥ 1 (0 marks the end of a key when keys are compared): a character's class, or
 * within a number its length and its digits + 1 (those are only ever compared with each other:
 * a number starts with the same class in both keys, so the two stay aligned).
 */
export interface Keys {
  codes: Uint16Array;
  start: Int32Array;
  /** Codes are below this. */
  alphabet: number;
}

/** Digits of a number beyond this many: the key holds the first ones (the check sorts the rest). */
const MAX_DIGITS = 30;

export function approxKeys(
  values: readonly string[],
  present: ArrayLike<number>,
  coll: Intl.Collator,
): Keys | null {
  return drain(approxKeysSteps(values, present, coll, Infinity));
}

function* approxKeysSteps(
  values: readonly string[],
  present: ArrayLike<number>,
  coll: Intl.Collator,
  every: number,
): Generator<void, Keys | null, void> {
  const scan = yield* scanSteps(values, present, every);
  return scan && (yield* keysSteps(values, present, coll, every, scan));
}

/** The characters that occur, and their count: null when a digit of another script occurs. */
interface Scan {
  chars: number[];
  total: number;
}

function* scanSteps(
  values: readonly string[],
  present: ArrayLike<number>,
  every: number,
): Generator<void, Scan | null, void> {
  let budget = every;
  // The characters that occur (UTF-16 units: a surrogate half is a class of its own).
  const seen = new Uint8Array(0x10000);
  const chars: number[] = [];
  let total = 0;
  for (let p = 0; p < present.length; p++) {
    const k = present[p];
    const v = values[k];
    total += v.length;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (!seen[c]) {
        seen[c] = 1;
        chars.push(c);
      }
      // A digit beyond the BMP (𝟏, 𑁧): as below.
      if (c >= 0xd800 && c <= 0xdbff && OTHER_DIGIT.test(String.fromCodePoint(v.codePointAt(i)!)))
        return null;
    }
    if (--budget <= 0) {
      budget = every;
      yield;
    }
  }
  // Digits of other scripts (٣, ३): ICU's numeric collation is not a consistent order over
  // them mixed with others ("11" < "1٣" < "1a" < "11"), so any sort's answer depends on its
  // steps: leave such lists to the plain sort, whose answer is today's.
  for (const c of chars) if (OTHER_DIGIT.test(String.fromCharCode(c))) return null;
  return { chars, total };
}

function* keysSteps(
  values: readonly string[],
  present: ArrayLike<number>,
  coll: Intl.Collator,
  every: number,
  { chars, total }: Scan,
): Generator<void, Keys, void> {
  let budget = every;
  // Classes: the characters sorted at base strength, equal ones sharing a class; '0' stands for
  // every number. Characters the collator ignores (equal to '') get none (code 0: skipped).
  const base = new Intl.Collator(coll.resolvedOptions().locale, { sensitivity: 'base' });
  const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
  const textOf = (i: number) => (i < 0 ? '0' : String.fromCharCode(chars[i]));
  const byClass = chars.map((_, i) => i).filter((i) => !isSurrogate(chars[i]));
  byClass.push(-1);
  byClass.sort((a, b) => base.compare(textOf(a), textOf(b)));
  const cls = new Uint16Array(0x10000);
  let digitClass = 1;
  let r = 1;
  for (let j = 0; j < byClass.length; j++) {
    const i = byClass[j];
    if (j > 0 && base.compare(textOf(byClass[j - 1]), textOf(i)) !== 0) r++;
    if (i < 0) digitClass = r;
    else cls[chars[i]] = base.compare(textOf(i), '') === 0 ? 0 : r;
  }
  // Surrogate halves after every class, in code order.
  for (const c of chars) if (isSurrogate(c)) cls[c] = r + 1 + ((c - 0xd800) >> 4);
  const alphabet = Math.max(r + 2 + (0x800 >> 4), MAX_DIGITS + 1, 11);
  const codes = new Uint16Array(total + 2 * present.length);
  const start = new Int32Array(present.length + 1);
  let at = 0;
  for (let p = 0; p < present.length; p++) {
    const v = values[present[p]];
    start[p] = at;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (isDigit(c)) {
        // A number: its class, its length without leading zeros, its digits (+ 1).
        let j = i;
        while (j < v.length && isDigit(v.charCodeAt(j))) j++;
        let s = i;
        while (s < j - 1 && digitValue(v.charCodeAt(s)) === 0) s++;
        codes[at++] = digitClass;
        codes[at++] = Math.min(j - s, MAX_DIGITS);
        for (let d = s; d < j && d < s + MAX_DIGITS; d++)
          codes[at++] = digitValue(v.charCodeAt(d)) + 1;
        i = j - 1;
      } else if (cls[c]) codes[at++] = cls[c];
    }
    if (--budget <= 0) {
      budget = every;
      yield;
    }
  }
  start[present.length] = at;
  return { codes, start, alphabet };
}

function sameKey(k: Keys, p: number, q: number): boolean {
  const n = k.start[p + 1] - k.start[p];
  if (k.start[q + 1] - k.start[q] !== n) return false;
  for (let i = 0; i < n; i++) if (k.codes[k.start[p] + i] !== k.codes[k.start[q] + i]) return false;
  return true;
}

/**
 * Key numbers 0 … n-1 sorted by key (a shorter key before a longer one it begins), identical
 * keys in number order. Most significant digit first: a group is sorted by its next few codes
 * packed into one float with the position (one native sort of a Float64Array, no comparator
 * calls), then each run sharing those codes is sorted by the codes after them. `every`: as
 * collationRanksSteps (the same order, in steps).
 */
export function sortKeys(k: Keys, every = Infinity): Int32Array {
  return drain(sortKeysSteps(k, every));
}

function* sortKeysSteps(k: Keys, every: number): Generator<void, Int32Array, void> {
  const { codes, start, alphabet } = k;
  const n = start.length - 1;
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) pos[i] = i;
  const buf = new Float64Array(n);
  const spare = new Float64Array(n > sortBlock(every) ? n : 0);
  const tmp = new Int32Array(n);
  const stack: number[] = [0, n, 0];
  let budget = every;
  while (stack.length) {
    const depth = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    const m = hi - lo;
    if (m < 2) continue;
    // As many codes as fit with the position below 2^53.
    let w = 0;
    let span = 1;
    while (w < 8 && (w === 0 || span * alphabet * m <= 2 ** 53)) {
      span *= alphabet;
      w++;
    }
    for (let j = 0; j < m; j++) {
      const p = pos[lo + j];
      const s = start[p] + depth;
      const e = start[p + 1];
      let v = 0;
      for (let t = 0; t < w; t++) v = v * alphabet + (s + t < e ? codes[s + t] : 0);
      buf[j] = v * m + j;
      if (--budget <= 0) {
        budget = every;
        yield;
      }
    }
    const sorted = yield* sortFloatsSteps(buf.subarray(0, m), spare.subarray(0, m), every);
    for (let j = 0; j < m; j++) tmp[j] = pos[lo + (sorted[j] % m)];
    pos.set(tmp.subarray(0, m), lo);
    budget -= m;
    if (budget <= 0) {
      budget = every;
      yield;
    }
    for (let j = 0; j < m;) {
      const v = sorted[j] - (sorted[j] % m);
      let r = j + 1;
      let longer = start[pos[lo + j] + 1] - start[pos[lo + j]] > depth + w;
      while (r < m && sorted[r] - (sorted[r] % m) === v) {
        if (start[pos[lo + r] + 1] - start[pos[lo + r]] > depth + w) longer = true;
        r++;
      }
      if (r - j > 1 && longer) stack.push(lo + j, lo + r, depth + w);
      budget -= r - j;
      j = r;
      if (budget <= 0) {
        budget = every;
        yield;
      }
    }
  }
  return pos;
}

/** Floats sorted natively in one step at most this many (16 steps' worth). */
const sortBlock = (every: number) => Math.max(2, Math.min(every, 2 ** 26) * 16);

/**
 * `a` sorted ascending (distinct values, so the order is the one any sort gives): blocks of
 * sortBlock sorted natively, a step each, then merged pairwise between `a` and `spare`,
 * pausing every `every` elements. Returns the array holding the result (`a` or `spare`).
 */
function* sortFloatsSteps(
  a: Float64Array,
  spare: Float64Array,
  every: number,
): Generator<void, Float64Array, void> {
  const n = a.length;
  const block = sortBlock(every);
  if (n <= block) {
    a.sort();
    return a;
  }
  for (let lo = 0; lo < n; lo += block) {
    a.subarray(lo, Math.min(n, lo + block)).sort();
    yield;
  }
  let from = a;
  let to = spare;
  let budget = every;
  for (let width = block; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let o = lo;
      while (o < hi) {
        to[o++] = j >= hi || (i < mid && from[i] < from[j]) ? from[i++] : from[j++];
        if (--budget <= 0) {
          budget = every;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * collationRanksSteps run a slice at a time (`later` schedules the next slice: a task of its
 * own, so messages are handled between slices), stoppable between any two steps: the
 * collation worker's loop, without the Worker. Paused, it does nothing until resumed; cancelled,
 * it never finishes. `done` gets the ranks once.
 */
export class SteppedRanking extends SlicedWork {
  private steps: Generator<void, Int32Array, void>;

  constructor(
    values: readonly string[],
    coll: Intl.Collator,
    later: (f: () => void) => void,
    private readonly done: (rank: Int32Array) => void,
    /** Longest slice (ms): steps are run until this much time has passed. */
    private readonly sliceMs = 8,
    every = RANK_STEP,
    private readonly now: () => number = () => performance.now(),
  ) {
    super(later);
    this.steps = collationRanksSteps(values, coll, every);
    this.kick();
  }

  /** Over once the ranks are handed to `done` (or cancelled). */
  protected finished(): boolean {
    return false;
  }

  protected slice(): void {
    const end = this.now() + this.sliceMs;
    for (;;) {
      const r = this.steps.next();
      if (r.done) {
        this.over = true;
        this.done(r.value);
        return;
      }
      if (this.now() >= end) break;
    }
    this.kick();
  }
}
