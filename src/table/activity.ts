/**
 * Activity events held column-wise, sorted by account row and time, with per-account offsets:
 * every aggregate is one pass over the events of each account (no per-event objects).
 */
import type { AccountTable, Column } from './columns';

export const MS_PER_DAY = 86_400_000;

export interface ActivityTable {
  source: string;
  rowCount: number;
  /** Account row (index into the account table) of each event, ascending. */
  account: Int32Array;
  /** Local wall-clock time in the playbook's zone, as ms since 1970-01-01 (orders events). */
  time: Float64Array;
  /** Local calendar day: floor(time / MS_PER_DAY). */
  day: Float64Array;
  /** Line of the event in its file (1 = first data row), for explanations and messages. */
  line: Int32Array;
  /** Attribute columns by attribute id, in the same order as the events. */
  columns: Record<string, Column>;
  /** Events of account a are rows offsets[a] … offsets[a + 1] − 1. Length = accounts + 1. */
  offsets: Int32Array;
}

/** Activity tables by source id: what a run gets besides the account table. */
export type ActivityData = Record<string, ActivityTable>;

/**
 * Sort unsorted event columns by (account, time, line) and build the offsets. `account[i] < 0`
 * rows are dropped (they matched no account; the loader has reported them).
 */
export function buildActivityTable(
  source: string,
  accountCount: number,
  ev: {
    account: Int32Array;
    time: Float64Array;
    line: Int32Array;
    columns: Record<string, Column>;
  },
): ActivityTable {
  const sorted = radixSort(ev.account, ev.time, ev.line, accountCount);
  if (sorted) {
    const { order, account, time, offsets } = sorted;
    const kept = account.length;
    const day = new Float64Array(kept);
    for (let k = 0; k < kept; k++) day[k] = Math.floor(time[k] / MS_PER_DAY);
    // The file's order kept whole (a log grouped by account): the columns as they are.
    const same = order === null;
    const line = same ? ev.line.slice() : new Int32Array(kept);
    if (!same) for (let k = 0; k < kept; k++) line[k] = ev.line[order[k]];
    const columns: Record<string, Column> = {};
    for (const [id, col] of Object.entries(ev.columns))
      columns[id] = same ? col : gather(col, order);
    return { source, rowCount: kept, account, time, day, line, columns, offsets };
  }
  const { order, offsets } = comparatorOrder(ev, accountCount);
  const kept = order.length;
  const account = new Int32Array(kept);
  const time = new Float64Array(kept);
  const day = new Float64Array(kept);
  const line = new Int32Array(kept);
  for (let k = 0; k < kept; k++) {
    const i = order[k];
    account[k] = ev.account[i];
    time[k] = ev.time[i];
    day[k] = Math.floor(ev.time[i] / MS_PER_DAY);
    line[k] = ev.line[i];
  }
  const columns: Record<string, Column> = {};
  for (const [id, col] of Object.entries(ev.columns)) columns[id] = gather(col, order);
  return { source, rowCount: kept, account, time, day, line, columns, offsets };
}

/** Largest radix digit: a 4,096-entry count table stays in L1, and two digits cover 194 days in seconds. */
const DIGIT_BITS = 12;

/** Passes of at most DIGIT_BITS over a key of `bits` bits: [shift, mask] each. */
function digitsOf(bits: number): [number, number][] {
  const passes = Math.ceil(Math.max(0, bits) / DIGIT_BITS);
  const w = Math.ceil(bits / Math.max(1, passes));
  return Array.from({ length: passes }, (_, p) => [p * w, (1 << w) - 1]);
}

/**
 * (account, time, file order) without a comparator: a stable LSD radix sort on the 64-bit key
 * (account row, time − earliest in whole seconds or milliseconds), the key moving with the event
 * index so each pass reads sequentially and scatters into at most 4,096 buckets (sorting indices
 * by looking their keys up took twice as long: every read a cache miss). The first pass reads
 * the input columns directly; the histograms come from two reading passes. Sorted time and
 * account come out of the keys; `order` (null: the input was already in order, e.g. a log
 * grouped by account, and nothing moves) gathers the other columns.
 *
 * Null — use the comparator sort — when equal times could be out of line order (lines not
 * ascending in the input), a time is not a whole millisecond or is -0, or the span needs more
 * than 32 bits.
 */
export function radixSort(
  account: Int32Array,
  time: Float64Array,
  line: Int32Array,
  accountCount: number,
): {
  order: Int32Array | null;
  account: Int32Array;
  time: Float64Array;
  offsets: Int32Array;
} | null {
  const n = account.length;
  const accDigits = digitsOf(Math.ceil(Math.log2(Math.max(1, accountCount))));
  const accCounts = accDigits.map(([, mask]) => new Int32Array(mask + 2));
  const [a0, a1] = accCounts.length === 2 ? accCounts : [accCounts[0], undefined];
  const [, am0] = accDigits[0] ?? [0, 0];
  const [aw1, am1] = accDigits[1] ?? [0, 0];
  if (accDigits.length > 2) return null; // over 16M accounts
  const offsets = new Int32Array(accountCount + 1);
  let kept = 0,
    min = Infinity,
    max = -Infinity,
    inOrder = true,
    prevA = -1,
    prevT = -Infinity,
    prevL = -Infinity,
    seconds = true;
  for (let i = 0; i < n; i++) {
    const a = account[i];
    if (a < 0) continue;
    const t = time[i];
    const l = line[i];
    if (!(l > prevL)) return null; // lines not ascending: ties need the comparator
    if (t !== Math.floor(t) || (t === 0 && 1 / t < 0)) return null;
    if (inOrder && (a < prevA || (a === prevA && t < prevT))) inOrder = false;
    if (t < min) min = t;
    if (t > max) max = t;
    // (t % 1000 is a slow fmod; this is exact for integers below 2^53)
    if (seconds && Math.floor(t / 1000) * 1000 !== t) seconds = false;
    offsets[a + 1]++;
    if (a0) a0[(a & am0) + 1]++;
    if (a1) a1[((a >>> aw1) & am1) + 1]++;
    kept++;
    prevA = a;
    prevT = t;
    prevL = l;
  }
  if (kept === 0) min = max = 0;
  const unit = seconds ? 1000 : 1;
  const span = (max - min) / unit;
  if (!(span < 2 ** 32)) return null;
  for (let c = 0; c < accountCount; c++) offsets[c + 1] += offsets[c];
  const outTime = new Float64Array(kept);
  if (inOrder) {
    const outAcc = new Int32Array(kept);
    const order = kept === n ? null : new Int32Array(kept);
    for (let i = 0, k = 0; i < n; i++) {
      const a = account[i];
      if (a < 0) continue;
      if (order) order[k] = i;
      outAcc[k] = a;
      outTime[k++] = time[i];
    }
    return { order, account: outAcc, time: outTime, offsets };
  }
  // Time's digits first (low to high), then the account's; time's histograms need min.
  const timeDigits = digitsOf(Math.ceil(Math.log2(span + 1)));
  const timeCounts = timeDigits.map(([, mask]) => new Int32Array(mask + 2));
  for (let p = 0; p < timeDigits.length; p++) {
    const [shift, mask] = timeDigits[p];
    const cnt = timeCounts[p];
    for (let i = 0; i < n; i++) {
      if (account[i] < 0) continue;
      cnt[((((time[i] - min) / unit) >>> shift) & mask) + 1]++;
    }
  }
  const digits = [...timeDigits.map((d) => [...d, 0]), ...accDigits.map((d) => [...d, 1])];
  const counts = [...timeCounts, ...accCounts];
  let idx = new Int32Array(kept);
  let tk = new Uint32Array(kept);
  let ac = new Uint32Array(kept); // Uint32 like tk: one array type keeps the passes monomorphic
  let idx2 = new Int32Array(kept);
  let tk2 = new Uint32Array(kept);
  let ac2 = new Uint32Array(kept);
  // The first pass (or a plain copy when there is no digit) gathers the kept events.
  const [shift0, mask0, isAcc0] = digits[0] ?? [0, 0, 0];
  const cnt0 = counts[0] ?? new Int32Array(2);
  for (let d = 0; d <= mask0; d++) cnt0[d + 1] += cnt0[d];
  for (let i = 0; i < n; i++) {
    const a = account[i];
    if (a < 0) continue;
    const v = (time[i] - min) / unit;
    const j = cnt0[((isAcc0 ? a : v) >>> shift0) & mask0]++;
    idx[j] = i;
    tk[j] = v;
    ac[j] = a;
  }
  for (let p = 1; p < digits.length; p++) {
    const [shift, mask, isAcc] = digits[p];
    const cnt = counts[p];
    if (cnt.includes(kept)) continue; // one digit value: the pass changes nothing
    for (let d = 0; d <= mask; d++) cnt[d + 1] += cnt[d];
    scatter(cnt, isAcc ? ac : tk, shift, mask, idx, tk, ac, idx2, tk2, ac2);
    [idx, idx2] = [idx2, idx];
    [tk, tk2] = [tk2, tk];
    [ac, ac2] = [ac2, ac];
  }
  for (let k = 0; k < kept; k++) outTime[k] = min + tk[k] * unit;
  return { order: idx, account: new Int32Array(ac.buffer), time: outTime, offsets };
}

/** One stable pass: events to the slots `cnt` (prefix sums) gives their digit of `key`. */
function scatter(
  cnt: Int32Array,
  key: Uint32Array,
  shift: number,
  mask: number,
  idx: Int32Array,
  tk: Uint32Array,
  ac: Uint32Array,
  idx2: Int32Array,
  tk2: Uint32Array,
  ac2: Uint32Array,
): void {
  for (let k = 0, n = idx.length; k < n; k++) {
    const j = cnt[(key[k] >>> shift) & mask]++;
    idx2[j] = idx[k];
    tk2[j] = tk[k];
    ac2[j] = ac[k];
  }
}

/** The general sort: counting sort by account, then a comparator sort by (time, line) within each. */
function comparatorOrder(
  ev: { account: Int32Array; time: Float64Array; line: Int32Array },
  accountCount: number,
): { order: Int32Array; offsets: Int32Array } {
  const n = ev.account.length;
  const counts = new Int32Array(accountCount + 1);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const a = ev.account[i];
    if (a >= 0) {
      counts[a + 1]++;
      kept++;
    }
  }
  for (let a = 0; a < accountCount; a++) counts[a + 1] += counts[a];
  const offsets = counts.slice();
  const order = new Int32Array(kept);
  const fill = counts;
  for (let i = 0; i < n; i++) {
    const a = ev.account[i];
    if (a >= 0) order[fill[a]++] = i;
  }
  for (let a = 0; a < accountCount; a++) {
    const s = offsets[a],
      e = offsets[a + 1];
    if (e - s > 1 && !sortedByTime(order, s, e, ev.time, ev.line)) {
      const part = Array.from(order.subarray(s, e));
      part.sort((x, y) => ev.time[x] - ev.time[y] || ev.line[x] - ev.line[y]);
      order.set(part, s);
    }
  }
  return { order, offsets };
}

function sortedByTime(
  order: Int32Array,
  s: number,
  e: number,
  time: Float64Array,
  line: Int32Array,
): boolean {
  for (let k = s + 1; k < e; k++) {
    const x = order[k - 1],
      y = order[k];
    if (time[x] > time[y] || (time[x] === time[y] && line[x] > line[y])) return false;
  }
  return true;
}

function gather(col: Column, order: Int32Array): Column {
  const n = order.length;
  switch (col.type) {
    case 'number':
    case 'date': {
      const v = new Float64Array(n);
      for (let k = 0; k < n; k++) v[k] = col.values[order[k]];
      return { type: col.type, values: v };
    }
    case 'boolean': {
      const v = new Uint8Array(n);
      for (let k = 0; k < n; k++) v[k] = col.values[order[k]];
      return { type: 'boolean', values: v };
    }
    case 'string': {
      const c = new Int32Array(n);
      for (let k = 0; k < n; k++) c[k] = col.codes[order[k]];
      return { type: 'string', codes: c, dict: col.dict };
    }
  }
}

/** The attribute columns as an AccountTable (one "row" per event), for `where:` filters. */
export function eventsAsTable(t: ActivityTable): AccountTable {
  return { rowCount: t.rowCount, columns: t.columns };
}
