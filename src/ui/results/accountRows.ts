import type { ScoreResult, TrendResult } from '../../engine';
import type { FieldContract } from '../../model';
import { columnOf, isoToDays, type AccountTable, type Column } from '../../table/columns';
import type { AccountFilter, SortKey } from './place';
import { idleSteps, mrrField, numberAt, QUEUE_STEP_ROWS } from './queue';
import { collationRanks } from './collationRanks';
import { searchHits } from './searchIndex';
import { listValues } from './joinedList';

export { prepareSearch, searchHits } from './searchIndex';

/**
 * Which accounts the account table shows, in which order: the filters a CS lead works with
 * (colour, segment, stage, owner, renewal within N days of the run's date, text) and a sort on
 * any column. Pure (typed arrays in, row numbers out), so the drill-down from a chart and the
 * table agree by construction and are tested without a DOM.
 */
export interface RowSource {
  r: ScoreResult;
  trend: TrendResult | null;
  name: Column | undefined;
  mrr: Column | undefined;
  renewal: Column | undefined;
  /** Fired CTAs per row. */
  ctaCount: Uint8Array;
  /** Labels for sorting the label columns as shown. */
  segmentLabel: (id: string) => string;
  stageLabel: (id: string) => string;
}

/** The date field holding the renewal date: an id or English label naming renewal, else none. */
export function renewalField(contract: FieldContract): string | null {
  const dates = contract.fields.filter((f) => f.type === 'date');
  const f = dates.find((x) => /renew/i.test(x.id)) ?? dates.find((x) => /renew/i.test(x.label.en));
  return f?.id ?? null;
}

/** Fired CTAs per row, once per run (the table is mounted again after each account page). */
const ctaCounts = new WeakMap<ScoreResult, Uint8Array>();

/** Fired CTAs per row, yielding after each `rows` rows of one CTA's column. */
export function* ctaCountSteps(
  r: Pick<ScoreResult, 'ctaFired' | 'rowCount'>,
  rows: number,
): Generator<void, Uint8Array, void> {
  const count = new Uint8Array(r.rowCount);
  for (const f of r.ctaFired)
    for (let from = 0; from < f.length; from += rows) {
      const to = Math.min(f.length, from + rows);
      for (let i = from; i < to; i++) count[i] += f[i];
      if (to < f.length) yield;
    }
  return count;
}

/**
 * Count the run's fired CTAs per row while the page is idle after the run arrives (as the CTA
 * queue is built: queue.ts), so that opening the accounts tab does not count them in its
 * render (20 CTA columns of a million rows: 55 ms of the tab's task in a profile at load 7).
 * Returns a cancel.
 */
export function prepareCtaCounts(r: ScoreResult): () => void {
  if (ctaCounts.has(r)) return () => {};
  return idleSteps(
    ctaCountSteps(r, QUEUE_STEP_ROWS),
    () => ctaCounts.has(r),
    (c) => ctaCounts.set(r, c),
  );
}

export function rowSource(
  r: ScoreResult,
  trend: TrendResult | null,
  table: AccountTable,
  contract: FieldContract,
  segmentLabel: (id: string) => string,
  stageLabel: (id: string) => string,
): RowSource {
  let ctaCount = ctaCounts.get(r);
  if (!ctaCount) {
    const steps = ctaCountSteps(r, Infinity);
    for (let s = steps.next(); ; s = steps.next())
      if (s.done) {
        ctaCount = s.value;
        break;
      }
    ctaCounts.set(r, ctaCount);
  }
  const mrr = mrrField(contract);
  const renewal = renewalField(contract);
  return {
    r,
    trend,
    name: contract.nameField ? columnOf(table, contract.nameField) : undefined,
    mrr: mrr ? columnOf(table, mrr) : undefined,
    renewal: renewal ? columnOf(table, renewal) : undefined,
    ctaCount,
    segmentLabel,
    stageLabel,
  };
}

/**
 * Per-array cache: a run's account ids and name dictionary never change, so their collation
 * ranks (sort) are computed once per run, not on every comparison — as their search index is
 * (searchIndex.ts). Keyed by the array itself, so a new run gets new entries and the old ones go.
 */
const rankCache = new WeakMap<readonly string[], Int32Array>();

/**
 * rank[k] orders values[k] as the table shows them (Intl.Collator, numeric): equal under the
 * collator → equal rank; '' (missing) → -1. Sorting by rank then row equals sorting by the
 * collator then row, at integer-compare cost. Computed with few collator calls
 * (collationRanks.ts), or ahead of time elsewhere (setTextRanks).
 */
export function textRanks(values: readonly string[], cache = true): Int32Array {
  const hit = cache ? rankCache.get(values) : undefined;
  if (hit) return hit;
  // A joined list's values are made for the ranking only (joinedList.ts).
  const rank = collationRanks(listValues(values), textCollator());
  if (cache) rankCache.set(values, rank);
  return rank;
}

/** The collator every text sort uses (the browser's language, numbers by value). */
export const textCollator = () => new Intl.Collator(undefined, { numeric: true });

/** Ranks of `values` computed elsewhere (a worker, by collationRanks with textCollator()). */
export function setTextRanks(values: readonly string[], rank: Int32Array): void {
  if (rank.length !== values.length) throw new Error('ranks of another list');
  rankCache.set(values, rank);
}

export const hasTextRanks = (values: readonly string[]) => rankCache.has(values);

/** Row numbers passing every filter, in table order. */
export function filterRows(s: RowSource, f: AccountFilter): Int32Array {
  const { r } = s;
  const color = f.color === undefined ? -2 : f.color === 'none' ? -1 : r.colorIds.indexOf(f.color);
  const segment = f.segment === undefined ? -2 : r.segmentIds.indexOf(f.segment);
  const stage = f.stage === undefined ? -2 : f.stage === 'none' ? -1 : r.stageIds.indexOf(f.stage);
  const owner = f.owner === undefined ? -2 : r.ownerIds.indexOf(f.owner);
  const asOf = isoToDays(r.asOf);
  const needle = f.q?.trim().toLowerCase() ?? '';
  // A filter naming something this run does not have matches nothing (never everything).
  if ((f.color !== undefined && f.color !== 'none' && color < 0) || (f.segment && segment < 0))
    return new Int32Array(0);
  if ((f.stage !== undefined && f.stage !== 'none' && stage < 0) || (f.owner && owner < 0))
    return new Int32Array(0);
  if (f.renewal && !s.renewal) return new Int32Array(0);
  // Text search: one scan of the ids' index; names are dictionary-encoded, so each distinct
  // name is tested once and rows look their answer up.
  const ids = needle ? searchHits(r.accountIds, needle) : null;
  const nameHit = needle && s.name?.type === 'string' ? searchHits(s.name.dict, needle) : null;
  const nameCodes = s.name?.type === 'string' ? s.name.codes : null;
  const out = new Int32Array(r.rowCount);
  // The search box alone (or nothing): the rows from two small loops of typed arrays only.
  if (color === -2 && segment === -2 && stage === -2 && owner === -2 && !f.renewal) {
    if (!ids) return everyRow(out);
    const found = searchedRows(ids, nameHit, nameCodes, out);
    // Every row hit (a first key of a digit): no copy of the million rows (fresh memory for
    // the copy costs the worker its page faults too).
    return found === out.length ? out : out.slice(0, found);
  }
  // A renewal column that is no number or date has no day to compare: no row passes.
  const renewal = f.renewal ? renewalDays(s) : null;
  if (f.renewal && !renewal) return new Int32Array(0);
  const codes = filterCodes(color, segment, stage, owner, asOf, f.renewal || 0);
  const n = matchedRows(r, renewal, codes, ids, nameHit, nameCodes, out, r.rowCount);
  return out.slice(0, n);
}

/** The renewal column's values (days) when it is a number or date column. */
const renewalDays = (s: RowSource): Float64Array | null =>
  s.renewal && (s.renewal.type === 'number' || s.renewal.type === 'date') ? s.renewal.values : null;

/** What filterRows' loop compares: codes (-2: no filter), the run's day, the renewal window. */
interface FilterCodes {
  color: number;
  segment: number;
  stage: number;
  owner: number;
  asOf: number;
  /** Days ahead for the renewal filter (0: none; then `renewal` is null). */
  within: number;
}

/** One shape for every FilterCodes (the loop's reads of them stay monomorphic). */
const filterCodes = (
  color: number,
  segment: number,
  stage: number,
  owner: number,
  asOf: number,
  within: number,
): FilterCodes => ({ color, segment, stage, owner, asOf, within });

/**
 * filterRows' loop over the first `rows` rows: those passing every filter written to `out`;
 * their count. A function of its own, warmed on the run's own arrays (`warmFilterLoop`) with
 * every filter on: inside filterRows, each filter kind chosen for the first time (a column the
 * loop had never read, numberAt never called) deoptimised the loop, which then ran its million
 * rows unoptimised (filter by renewal: ~23 ms of the worker's CPU against ~10 for the others
 * in session 29's runs; in node 2.6x the other filters' time at 300,000 rows).
 */
export function matchedRows(
  r: Pick<ScoreResult, 'color' | 'segment' | 'stage' | 'owner'>,
  renewal: Float64Array | null,
  c: FilterCodes,
  ids: Uint8Array | null,
  nameHit: Uint8Array | null,
  nameCodes: Int32Array | null,
  out: Int32Array,
  rows: number,
): number {
  const { color, segment, stage, owner, asOf, within } = c;
  const colors = r.color;
  const segments = r.segment;
  const stages = r.stage;
  const owners = r.owner;
  let n = 0;
  for (let i = 0; i < rows; i++) {
    if (color !== -2 && colors[i] !== color) continue;
    if (segment !== -2 && segments[i] !== segment) continue;
    if (stage !== -2 && stages[i] !== stage) continue;
    if (owner !== -2 && owners[i] !== owner) continue;
    if (renewal !== null) {
      const d = renewal[i] - asOf;
      if (!(d >= 0 && d <= within)) continue;
    }
    if (ids !== null && ids[i] !== 1) {
      if (nameHit === null || nameCodes === null) continue;
      const code = nameCodes[i];
      if (!(code >= 0 && nameHit[code] === 1)) continue;
    }
    out[n++] = i;
  }
  return n;
}

/**
 * Compile matchedRows before the first filter: called on this run's own arrays (the same
 * array types as a filter over its million rows reads), over their first rows only, with each
 * filter alone, all together, with a search and with none, several times.
 */
export function warmFilterLoop(s: RowSource): void {
  const { r } = s;
  const rows = Math.min(r.rowCount, 2_048);
  if (!rows) return;
  const out = new Int32Array(rows);
  const renewal = renewalDays(s);
  const asOf = isoToDays(r.asOf);
  const ids = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 3) ids[i] = 1;
  const nameCodes = s.name?.type === 'string' ? s.name.codes : null;
  const nameHit = s.name?.type === 'string' ? new Uint8Array(s.name.dict.length) : null;
  if (nameHit) for (let k = 0; k < nameHit.length; k += 5) nameHit[k] = 1;
  const none = filterCodes(-2, -2, -2, -2, asOf, 0);
  for (let k = 0; k < 12; k++) {
    // Codes of this run's own rows: each filter passes some rows and not others.
    const c = r.color[k % rows];
    const g = r.segment[(k + 1) % rows];
    const t = r.stage[(k + 2) % rows];
    const o = r.owner[(k + 3) % rows];
    const within = renewal ? 30 + k * 30 : 0;
    const run = (codes: FilterCodes, days: Float64Array | null, search: boolean) =>
      matchedRows(
        r,
        days,
        codes,
        search ? ids : null,
        search ? nameHit : null,
        search ? nameCodes : null,
        out,
        rows,
      );
    run(none, null, false);
    run(filterCodes(c, -2, -2, -2, asOf, 0), null, false);
    run(filterCodes(-2, g, -2, -2, asOf, 0), null, false);
    run(filterCodes(-2, -2, t, -2, asOf, 0), null, false);
    run(filterCodes(-2, -2, -2, o, asOf, 0), null, false);
    run(filterCodes(-2, -2, -2, -2, asOf, within), renewal, false);
    run(filterCodes(c, g, t, o, asOf, within), renewal, false);
    run(none, null, true);
    run(filterCodes(c, -2, -2, -2, asOf, 0), null, true);
  }
}

/**
 * The rows whose account id was hit (ids[row] === 1) or whose name was (nameHit[codes[row]] ===
 * 1), in order, written to `out` (one slot per row); their count. A function of its own, given
 * typed arrays only, so that warming it on made-up arrays (`warmRowLoops`) compiles the code the
 * first keystroke runs over a million rows: inside `filterRows`, whose loop ran only a few times
 * before the first key, that loop was compiled on the fly in the key (on-stack replacement) and
 * ran in the interpreter until the compiler's thread — not scheduled on a loaded machine — was
 * done: 100–250 ms for the first key's million rows in node against ~2 ms compiled (session 28).
 */
export function searchedRows(
  ids: Uint8Array,
  nameHit: Uint8Array | null,
  codes: Int32Array | null,
  out: Int32Array,
): number {
  const rows = out.length;
  let n = 0;
  if (nameHit && codes)
    for (let i = 0; i < rows; i++) {
      if (ids[i] === 1) out[n++] = i;
      else {
        const c = codes[i];
        if (c >= 0 && nameHit[c] === 1) out[n++] = i;
      }
    }
  else for (let i = 0; i < rows; i++) if (ids[i] === 1) out[n++] = i;
  return n;
}

/** Every row, in order (out has one slot per row). */
export function everyRow(out: Int32Array): Int32Array {
  for (let i = 0; i < out.length; i++) out[i] = i;
  return out;
}

/**
 * Compile `searchedRows` and `everyRow` before the first keystroke: each called many times on
 * made-up arrays of a few thousand rows, with and without names, rows hit by id, by name and
 * not at all (what a key over a million rows then runs, already optimised).
 */
export function warmRowLoops(): void {
  const rows = 4_096;
  const ids = new Uint8Array(rows);
  const nameHit = new Uint8Array(rows >> 2);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    ids[i] = i % 3 === 0 ? 1 : 0;
    codes[i] = i % 7 === 0 ? -1 : i >> 2;
    if (i % 5 === 0) nameHit[i >> 2] = 1;
  }
  const out = new Int32Array(rows);
  for (let k = 0; k < 16; k++) {
    searchedRows(ids, nameHit, codes, out);
    searchedRows(ids, null, null, out);
    everyRow(out);
  }
}

/**
 * Compile the sorts' loops before the first sort: step `k` of WARM_SORTS sorts this run's first
 * rows (4,096: the radix sort from RADIX_SORT_MIN) by one column, each column kind both ways —
 * the same functions, array types and columns as a sort of a million rows then runs. The sorts
 * by account id and company name only when their ranks are in (never ranked here: a million
 * ids' ranks are the ranker's work). Session 30's radix sort, first used on a million rows,
 * ran its loops unoptimised: 155–195 ms of the row-query worker's CPU for the first sort.
 */
export function warmSortLoops(s: RowSource, k: number): void {
  const n = Math.min(s.r.rowCount, 4_096);
  if (!n) return;
  const keys = WARM_SORT_KEYS.filter(
    (key) =>
      (key !== 'account' || hasTextRanks(s.r.accountIds)) &&
      (key !== 'company' || (s.name?.type === 'string' && hasTextRanks(s.name.dict))),
  );
  const rows = new Int32Array(n);
  for (let j = 0; j < n; j++) rows[j] = j;
  const key = keys[k % keys.length];
  sortRows(s, rows, key, Math.floor(k / keys.length) % 2 ? 'desc' : 'asc');
}

/** The warm-up's sorts (warmSortLoops' steps): the number and label columns both ways. */
export const WARM_SORTS = 16;
const WARM_SORT_KEYS: SortKey[] = [
  'score',
  'renewal',
  'segment',
  'mrr',
  'ctas',
  'stage',
  'trend',
  'owner',
  'account',
  'company',
];

/**
 * Step `k` of SORT_SCRATCH_STEPS: the sorts' kept arrays for a run of `rows` (the keys and the
 * radix sort's four arrays) made and written a part at a time, so their memory is the worker's
 * before the first sort. A fresh array is only mapped by the system page by page as it is first
 * written: the first sort of a million rows wrote 25 MB of fresh memory (in node its CPU was
 * ~150 ms against ~45 for the same sort again, with the loops already compiled).
 */
export function prepareSortScratch(rows: number, k: number): void {
  if (rows < RADIX_SORT_MIN) return;
  const keys = keyScratch(rows);
  const { hi, lo, a, b } = radix && radix.hi.length >= rows ? radix : radixScratch(rows);
  const arrays = [keys, hi, lo, a, b];
  const part = Math.ceil(rows / SORT_SCRATCH_PARTS);
  const array = arrays[Math.floor(k / SORT_SCRATCH_PARTS) % arrays.length];
  const from = (k % SORT_SCRATCH_PARTS) * part;
  array.fill(0, from, Math.min(rows, from + part));
}

/** Parts each of the sorts' five kept arrays is written in (prepareSortScratch). */
const SORT_SCRATCH_PARTS = 4;
/** The steps of prepareSortScratch: every part of every array once. */
export const SORT_SCRATCH_STEPS = 5 * SORT_SCRATCH_PARTS;

/** Sorts rows in place by a column; missing values always last; ties keep table order. */
export function sortRows(
  s: RowSource,
  rows: Int32Array,
  key: SortKey,
  dir: 'asc' | 'desc',
): Int32Array {
  const { r } = s;
  // Every column becomes one number per row (NaN = missing): text columns by collation rank.
  // Only keys[row] of `rows` are written and read: one array per run, reused (a fresh 8 MB at
  // a million rows per sort cost the worker its page faults and garbage collections).
  const keys = keyScratch(r.rowCount);
  const byNumber = (v: (i: number) => number) => {
    for (const i of rows) keys[i] = v(i);
  };
  /** Rows whose text is code[i] into `labels` (code < 0 = missing). */
  const byCode = (labels: readonly string[], code: ArrayLike<number>, cache: boolean) => {
    const rank = textRanks(labels, cache);
    for (const i of rows) {
      const c = code[i];
      keys[i] = c < 0 || rank[c] < 0 ? NaN : rank[c];
    }
  };
  if (key === 'account') {
    const rank = textRanks(r.accountIds);
    for (const i of rows) keys[i] = rank[i] < 0 ? NaN : rank[i];
  } else if (key === 'company') {
    if (s.name?.type === 'string') byCode(s.name.dict, s.name.codes, true);
    else keys.fill(NaN);
  } else if (key === 'segment') byCode(r.segmentIds.map(s.segmentLabel), r.segment, false);
  else if (key === 'stage') byCode(r.stageIds.map(s.stageLabel), r.stage, false);
  else if (key === 'owner') byCode(r.ownerIds, r.owner, true);
  else if (key === 'score') byNumber((i) => r.total[i]);
  else if (key === 'trend') byNumber((i) => (s.trend ? s.trend.delta[i] : NaN));
  else if (key === 'ctas') byNumber((i) => s.ctaCount[i]);
  else if (key === 'mrr') byNumber((i) => numberAt(s.mrr, i));
  else byNumber((i) => numberAt(s.renewal, i));
  return sortByKeys(rows, keys, dir);
}

/**
 * `rows` reordered by keys[row] (NaN last in both directions, -0 and 0 one key, ties in table
 * order), in place. From RADIX_SORT_MIN rows, a stable radix sort of each key's 64 bits (made
 * to order as the numbers do) over the rows in table order: a few passes of 16 bits, those
 * where every row has the same digit skipped (a rank or a day number below 2^20 leaves 2 of
 * 4). The two native sorts of a million floats it replaces (the distinct keys, then the packed
 * ranks) took ~300 ms of the row-query worker's CPU per sort of every row (session 29:
 * clearing the filters after a sort chosen with one on sorted the million rows again).
 */
export function sortByKeys(
  rows: Int32Array,
  keys: Float64Array,
  dir: 'asc' | 'desc',
  radixMin = RADIX_SORT_MIN,
): Int32Array {
  const n = rows.length;
  if (n < 2) return rows;
  if (n < radixMin) return sortByPackedRanks(rows, keys, dir);
  // Stable from here on: ties keep the order the rows start in, so they start in table order.
  let sorted = true;
  for (let j = 1; j < n && sorted; j++) sorted = rows[j - 1] <= rows[j];
  if (!sorted) rows.sort();
  // Each key as two 32-bit words (high, low) ordered as unsigned numbers as the keys are: a
  // positive key's sign bit set, a negative key's bits all flipped; descending flips them all
  // once more; NaN is all ones, last either way (no number's words reach it: +Infinity's high
  // word is 0xFFF00000 ascending, -Infinity's the same descending).
  const { hi, lo, counts, a, b } = radixScratch(n);
  const word = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
  const H = LITTLE_ENDIAN ? 1 : 0;
  const flip = dir === 'desc' ? 0xffffffff : 0;
  for (let j = 0; j < n; j++) {
    const row = rows[j];
    const x = keys[row];
    if (x !== x) {
      hi[j] = 0xffffffff;
      lo[j] = 0xffffffff;
    } else if (x === 0) {
      hi[j] = (0x80000000 ^ flip) >>> 0;
      lo[j] = flip >>> 0;
    } else {
      const h = word[2 * row + H];
      const l = word[2 * row + 1 - H];
      if (h & 0x80000000) {
        hi[j] = (~h ^ flip) >>> 0;
        lo[j] = (~l ^ flip) >>> 0;
      } else {
        hi[j] = ((h | 0x80000000) ^ flip) >>> 0;
        lo[j] = (l ^ flip) >>> 0;
      }
    }
  }
  // The four 16-bit digits' counts in one pass: a digit the same in every row needs no pass.
  for (let j = 0; j < n; j++) {
    const h = hi[j];
    const l = lo[j];
    counts[l & 0xffff]++;
    counts[(1 << 16) + (l >>> 16)]++;
    counts[(2 << 16) + (h & 0xffff)]++;
    counts[(3 << 16) + (h >>> 16)]++;
  }
  let order = a;
  let next = b;
  for (let j = 0; j < n; j++) order[j] = j;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass << 16;
    const src = pass < 2 ? lo : hi;
    const shift = pass % 2 ? 16 : 0;
    const one = counts[base + ((src[0] >>> shift) & 0xffff)] === n;
    if (one) continue;
    // Counts to the first place of each digit.
    let at = 0;
    for (let d = 0; d < 1 << 16; d++) {
      const c = counts[base + d];
      counts[base + d] = at;
      at += c;
    }
    for (let j = 0; j < n; j++) {
      const k = order[j];
      next[counts[base + ((src[k] >>> shift) & 0xffff)]++] = k;
    }
    const t = order;
    order = next;
    next = t;
  }
  for (let j = 0; j < n; j++) next[j] = rows[order[j]];
  rows.set(next.subarray(0, n));
  return rows;
}

/**
 * The radix sort's arrays, kept for the next sort (each sort of a million rows made 17 MB of
 * fresh arrays): at least `n` long, the counts zeroed.
 */
function radixScratch(n: number) {
  if (!radix || radix.hi.length < n)
    radix = {
      hi: new Uint32Array(n),
      lo: new Uint32Array(n),
      a: new Int32Array(n),
      b: new Int32Array(n),
      counts: new Int32Array(4 << 16),
    };
  else radix.counts.fill(0);
  return radix;
}
let radix: {
  hi: Uint32Array;
  lo: Uint32Array;
  a: Int32Array;
  b: Int32Array;
  counts: Int32Array;
} | null = null;

/** A keys array of `rows` (values left from an earlier sort: each sort writes its rows' own). */
function keyScratch(rows: number): Float64Array {
  if (keysKept?.length !== rows) keysKept = new Float64Array(rows);
  return keysKept;
}
let keysKept: Float64Array | null = null;

/** Rows from which sortByKeys sorts by radix (below, the packed ranks' native sort is as quick). */
export const RADIX_SORT_MIN = 1_024;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `sortByKeys` for a few rows: each key becomes its rank among the distinct keys and the rank
 * and row are packed into one float (rank × (rowCount + 1) + row, exact below 2^53), so the
 * order is one native sort of a Float64Array (a comparator function called 20 million times
 * took ~0.7 s at a million rows).
 */
function sortByPackedRanks(rows: Int32Array, keys: Float64Array, dir: 'asc' | 'desc'): Int32Array {
  const n = rows.length;
  const present = new Float64Array(n);
  let m = 0;
  for (let j = 0; j < n; j++) {
    const x = keys[rows[j]];
    if (!Number.isNaN(x)) present[m++] = x;
  }
  // -0 and 0 (sorted apart by the native sort) are one key, one rank: the dedupe and the
  // search below compare with === and <, as the comparator did.
  const sorted = present.subarray(0, m).sort();
  let u = 0;
  for (let j = 0; j < m; j++) if (j === 0 || sorted[j] !== sorted[u - 1]) sorted[u++] = sorted[j];
  const distinct = sorted.subarray(0, u);
  const span = keys.length + 1;
  const packed = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const row = rows[j];
    const x = keys[row];
    let rank = u;
    if (!Number.isNaN(x)) {
      let lo = 0;
      let hi = u - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (distinct[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      rank = dir === 'asc' ? lo : u - 1 - lo;
    }
    packed[j] = rank * span + row;
  }
  packed.sort();
  for (let j = 0; j < n; j++) rows[j] = packed[j] % span;
  return rows;
}
