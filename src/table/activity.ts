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
  /**
   * Several files of one source (src/data/activity/union.ts), in the order they were given:
   * `line` then numbers their concatenation, file k's line l being `lineBase + l`. Absent: one
   * file, `line` is its own.
   */
  files?: ActivityFileSpan[];
}

/** One file of a source's table: its name and what its lines are offset by in `line`. */
export interface ActivityFileSpan {
  name: string;
  lineBase: number;
}

/** Activity tables by source id: what a run gets besides the account table. */
export type ActivityData = Record<string, ActivityTable>;

/**
 * Sort unsorted event columns by (account, time, line) and build the offsets. `account[i] < 0`
 * rows are dropped (they matched no account; the loader has reported them). `consume`: the
 * caller gives up ev's arrays (account, time, line, the columns' values and codes): the sort may
 * overwrite them, and the table may hold them as its own columns (less fresh memory).
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
  consume = false,
): ActivityTable {
  const grouped = groupedSort(source, accountCount, ev, consume);
  if (grouped) return grouped;
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

/** Slices (sortSlices) up to this long are sorted by insertion; longer ones by a comparator. */
const INSERTION_MAX = 24;

/**
 * (account, time, file order) by scatters that each write where the cache holds the lines: a
 * stable scatter of every column to buckets of consecutive accounts (at most 1024 write streams),
 * then, within each bucket (a few hundred KB), a scatter to each event's final slot. With times
 * in whole units spanning less than 2^32 of them, the final slot comes from a radix sort of the
 * bucket's events by time (stable: equal times stay in file order) then the account's next slot,
 * so no account's slice needs sorting afterwards; otherwise the slot is the account's next in
 * file order and slices out of time order are sorted in place (insertion or a comparator).
 *
 * Null — another sort — when lines are not ascending in the input (ties need the line), or a
 * time is not finite.
 */
export function groupedSort(
  source: string,
  accountCount: number,
  ev: {
    account: Int32Array;
    time: Float64Array;
    line: Int32Array;
    columns: Record<string, Column>;
  },
  consume = false,
  /** Accounts per bucket of the first scatter: 2^(bits of the largest account − this) (tests). */
  bucketBits = BUCKET_BITS,
): ActivityTable | null {
  const { account, time, line } = ev;
  const n = account.length;
  // Buckets of 2^sh consecutive accounts (at most 2^bucketBits buckets): the first scatter.
  const accountBits = accountCount > 1 ? 32 - Math.clz32(accountCount - 1) : 0;
  const sh = Math.max(0, accountBits - bucketBits);
  const buckets = accountCount > 0 ? ((accountCount - 1) >> sh) + 1 : 0;
  const bstart = new Int32Array(buckets + 1);
  let kept = 0,
    prevL = -Infinity,
    prevA = -1,
    prevT = -Infinity,
    inOrder = true,
    min = Infinity,
    max = -Infinity,
    seconds = true,
    whole = true;
  for (let i = 0; i < n; i++) {
    const a = account[i];
    if (a < 0) continue;
    const t = time[i];
    const l = line[i];
    if (!(l > prevL) || !Number.isFinite(t)) return null;
    if (whole && Math.floor(t) !== t) whole = false;
    if (inOrder && (a < prevA || (a === prevA && t < prevT))) inOrder = false;
    if (t < min) min = t;
    if (t > max) max = t;
    if (seconds && Math.floor(t / 1000) * 1000 !== t) seconds = false;
    bstart[(a >> sh) + 1]++;
    kept++;
    prevA = a;
    prevT = t;
    prevL = l;
  }
  for (let b = 0; b < buckets; b++) bstart[b + 1] += bstart[b];
  const offsets = new Int32Array(accountCount + 1);
  // Whole file in order and nothing dropped (a log grouped by account): the columns as they are.
  if (inOrder && kept === n) {
    for (let i = 0; i < n; i++) offsets[account[i] + 1]++;
    for (let c = 0; c < accountCount; c++) offsets[c + 1] += offsets[c];
    const outAcc = new Int32Array(kept);
    for (let a = 0; a < accountCount; a++) outAcc.fill(a, offsets[a], offsets[a + 1]);
    const day = new Float64Array(n);
    for (let k = 0; k < n; k++) day[k] = Math.floor(time[k] / MS_PER_DAY);
    return {
      source,
      rowCount: n,
      account: outAcc,
      time: time.slice(),
      day,
      line: line.slice(),
      columns: copyColumns(ev.columns),
      offsets,
    };
  }
  // Two stable scatters instead of one to each account's slice (a million slices: every write a
  // cache miss): first to the event's bucket (a few hundred write streams, which the cache
  // holds), then, within each bucket's range (a few hundred KB), to the account's slice.
  // first[i]: event i's place in bucket order (-1 dropped), written over the account column when
  // the caller gave it up; acc: the accounts in bucket order, then each one's final place.
  const first = consume ? account : new Int32Array(n);
  const acc = new Int32Array(kept);
  const bnext = bstart.slice(0, buckets);
  for (let i = 0; i < n; i++) {
    const a = account[i];
    if (a < 0) first[i] = -1;
    else {
      const d = bnext[a >> sh]++;
      acc[d] = a;
      first[i] = d;
    }
  }
  // Within a bucket its accounts' counters stay in cache.
  for (let j = 0; j < kept; j++) offsets[acc[j] + 1]++;
  for (let c = 0; c < accountCount; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, accountCount);
  // Given up by the caller (consume), an input column is free once scattered to its bucket: the
  // next output of its type is written there instead of into fresh memory (whose first touch, a
  // page fault per 4 KiB, cost more than the scatter's own writes). One scratch array per type
  // holds the bucket order.
  const pool: Pool = { f64: [], i32: [], u8: [] };
  const scratch = new Scratch(kept);
  const timeB = scratch.f64();
  for (let i = 0; i < n; i++) {
    const d = first[i];
    if (d >= 0) timeB[d] = time[i];
  }
  // Each bucket place's final slot (in place of its account): with times in whole units over
  // less than 2^32 of them, ordered by (account, time, file order) within the bucket (a radix
  // sort on the time, in cache, then the account's next slot), so no slice is sorted later;
  // else by (account, file order), and slices out of time order are sorted below.
  const unit = seconds ? 1000 : 1;
  const packable = whole && (max - min) / unit < 2 ** 32;
  if (packable) sortBuckets(timeB, acc, bstart, next, min, unit, (max - min) / unit);
  else for (let j = 0; j < kept; j++) acc[j] = next[acc[j]]++;
  const second = acc;
  const outTime = takeAfter(pool.f64, consume ? time : null, kept, Float64Array);
  for (let j = 0; j < kept; j++) outTime[second[j]] = timeB[j];
  const outLine = scatterI32(line, first, second, scratch.i32(), () =>
    takeAfter(pool.i32, consume ? line : null, kept, Int32Array),
  );
  const cols: Column[] = [];
  const ids = Object.keys(ev.columns);
  for (const id of ids)
    cols.push(scatterColumn(ev.columns[id], first, second, pool, scratch, consume));
  // The bucket order's arrays are free: the account column and the day are written there.
  pool.i32.push(first);
  pool.i32.push(second);
  scratch.free(pool);
  const outAcc = take(pool.i32, kept, Int32Array);
  for (let a = 0; a < accountCount; a++) outAcc.fill(a, offsets[a], offsets[a + 1]);
  const day = take(pool.f64, kept, Float64Array);
  if (packable) for (let k = 0; k < kept; k++) day[k] = Math.floor(outTime[k] / MS_PER_DAY);
  else sortSlices(accountCount, offsets, outTime, outLine, cols, day);
  const columns: Record<string, Column> = {};
  ids.forEach((id, k) => (columns[id] = cols[k]));
  return {
    source,
    rowCount: kept,
    account: outAcc,
    time: outTime,
    day,
    line: outLine,
    columns,
    offsets,
  };
}

/**
 * Each account's slice sorted by time where it is out of order (times not in whole units, or
 * spanning 2^32 units or more): insertion for short slices, else a comparator; the day of each
 * event written while its slice is in cache.
 */
function sortSlices(
  accountCount: number,
  offsets: Int32Array,
  outTime: Float64Array,
  outLine: Int32Array,
  cols: Column[],
  day: Float64Array,
): void {
  let maxLen = 0;
  for (let a = 0; a < accountCount; a++) maxLen = Math.max(maxLen, offsets[a + 1] - offsets[a]);
  const perm = new Int32Array(maxLen);
  const keys = new Float64Array(maxLen);
  const f64 = new Float64Array(maxLen);
  const i32 = new Int32Array(maxLen);
  const u8 = new Uint8Array(maxLen);
  for (let a = 0; a < accountCount; a++) {
    const s = offsets[a],
      e = offsets[a + 1];
    let sorted = true;
    for (let k = s + 1; k < e; k++)
      if (outTime[k] < outTime[k - 1]) {
        sorted = false;
        break;
      }
    if (sorted) {
      for (let k = s; k < e; k++) day[k] = Math.floor(outTime[k] / MS_PER_DAY);
      continue;
    }
    const len = e - s;
    if (len <= INSERTION_MAX) {
      for (let k = 0; k < len; k++) {
        const t = outTime[s + k];
        let j = k;
        while (j > 0 && keys[j - 1] > t) {
          keys[j] = keys[j - 1];
          perm[j] = perm[j - 1];
          j--;
        }
        keys[j] = t;
        perm[j] = k;
      }
    } else {
      const idx = Array.from({ length: len }, (_, k) => k);
      idx.sort((x, y) => outTime[s + x] - outTime[s + y] || x - y);
      perm.set(idx);
    }
    permuteF64(outTime, s, len, perm, f64);
    permuteI32(outLine, s, len, perm, i32);
    for (const c of cols)
      if (c.type === 'string') permuteI32(c.codes, s, len, perm, i32);
      else if (c.type === 'boolean') permuteU8(c.values, s, len, perm, u8);
      else permuteF64(c.values, s, len, perm, f64);
    for (let k = s; k < e; k++) day[k] = Math.floor(outTime[k] / MS_PER_DAY);
  }
}

/** The columns, with a view into a larger buffer (a reader's spare capacity) copied to its size. */
function copyColumns(cols: Record<string, Column>): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const [id, c] of Object.entries(cols)) {
    const a = c.type === 'string' ? c.codes : c.values;
    out[id] =
      a.byteLength === a.buffer.byteLength
        ? c
        : c.type === 'string'
          ? { type: 'string', codes: c.codes.slice(), dict: c.dict }
          : c.type === 'boolean'
            ? { type: 'boolean', values: c.values.slice() }
            : { type: c.type, values: c.values.slice() };
  }
  return out;
}

/** Bits of a radix digit (sortBuckets): 4096 counters, in cache. */
const RADIX_BITS = 12;
/** Buckets of fewer events are sorted by insertion. */
const RADIX_MIN = 64;

/**
 * For each bucket (bstart), its places' final slots, written over acc (the account of each
 * place): the places ordered by time (keys (t − min) / unit < 2^32, an LSD radix sort, stable:
 * equal times keep the bucket's file order), then each given its account's next slot (next).
 */
function sortBuckets(
  time: Float64Array,
  acc: Int32Array,
  bstart: Int32Array,
  next: Int32Array,
  min: number,
  unit: number,
  span: number,
): void {
  const buckets = bstart.length - 1;
  const passes = Math.ceil((span >= 1 ? 32 - Math.clz32(span) : 0) / RADIX_BITS);
  let most = 0;
  for (let b = 0; b < buckets; b++) most = Math.max(most, bstart[b + 1] - bstart[b]);
  let ka = new Uint32Array(most),
    kb = new Uint32Array(most),
    ia = new Int32Array(most),
    ib = new Int32Array(most);
  const count = new Int32Array(1 << RADIX_BITS);
  const mask = (1 << RADIX_BITS) - 1;
  for (let b = 0; b < buckets; b++) {
    const s = bstart[b],
      m = bstart[b + 1] - s;
    if (passes === 0) {
      for (let j = s; j < s + m; j++) acc[j] = next[acc[j]]++;
      continue;
    }
    if (m < RADIX_MIN) {
      for (let k = 0; k < m; k++) {
        const key = (time[s + k] - min) / unit;
        let j = k;
        while (j > 0 && ka[j - 1] > key) {
          ka[j] = ka[j - 1];
          ia[j] = ia[j - 1];
          j--;
        }
        ka[j] = key;
        ia[j] = k;
      }
    } else {
      for (let k = 0; k < m; k++) {
        ka[k] = (time[s + k] - min) / unit;
        ia[k] = k;
      }
      for (let p = 0; p < passes; p++) {
        const shift = p * RADIX_BITS;
        count.fill(0);
        for (let k = 0; k < m; k++) count[(ka[k] >>> shift) & mask]++;
        for (let d = 0, sum = 0; d <= mask; d++) {
          const c = count[d];
          count[d] = sum;
          sum += c;
        }
        for (let k = 0; k < m; k++) {
          const key = ka[k];
          const d = count[(key >>> shift) & mask]++;
          kb[d] = key;
          ib[d] = ia[k];
        }
        const tk = ka;
        ka = kb;
        kb = tk;
        const ti = ia;
        ia = ib;
        ib = ti;
      }
    }
    for (let k = 0; k < m; k++) {
      const j = s + ia[k];
      acc[j] = next[acc[j]]++;
    }
  }
}

/** Input arrays already scattered, free for the next output of their type (groupedSort). */
interface Pool {
  f64: Float64Array[];
  i32: Int32Array[];
  u8: Uint8Array[];
}

/** Accounts are split into at most 2^BUCKET_BITS buckets for the sort's first scatter. */
const BUCKET_BITS = 10;

/**
 * An array of `kept` values: the first of `free` when it holds them and its buffer is at most
 * 1/16 larger (as the collector's fit(): a table does not keep much spare memory), else new.
 */
function take<T extends Float64Array | Int32Array | Uint8Array>(
  free: T[],
  kept: number,
  make: new (buffer: ArrayBufferLike | number, byteOffset?: number, length?: number) => T,
): T {
  const b = free.pop();
  if (
    b &&
    b.length >= kept &&
    (b.buffer.byteLength - kept * b.BYTES_PER_ELEMENT) * 16 <= kept * b.BYTES_PER_ELEMENT
  )
    return new make(b.buffer, b.byteOffset, kept);
  return new make(kept);
}

/** take(), after giving `freed` (an input now scattered to its buckets, or null) to the pool. */
function takeAfter<T extends Float64Array | Int32Array | Uint8Array>(
  free: T[],
  freed: T | null,
  kept: number,
  make: new (buffer: ArrayBufferLike | number, byteOffset?: number, length?: number) => T,
): T {
  if (freed) free.push(freed);
  return take(free, kept, make);
}

/** The bucket order of one column of each type (reused from column to column). */
class Scratch {
  private a64: Float64Array | null = null;
  private a32: Int32Array | null = null;
  private a8: Uint8Array | null = null;
  constructor(private readonly kept: number) {}
  f64(): Float64Array {
    return (this.a64 ??= new Float64Array(this.kept));
  }
  i32(): Int32Array {
    return (this.a32 ??= new Int32Array(this.kept));
  }
  u8(): Uint8Array {
    return (this.a8 ??= new Uint8Array(this.kept));
  }
  free(pool: Pool): void {
    if (this.a64) pool.f64.push(this.a64);
    if (this.a32) pool.i32.push(this.a32);
    if (this.a8) pool.u8.push(this.a8);
  }
}

/**
 * v's kept events in (account, file order): to bucket order in tmp (first: each event's place
 * there, -1 dropped), then to the account slices in out() (second: each bucket place's slot).
 * One copy per array type (scatterI32, scatterU8 below) so each loop sees one element kind: a
 * loop over 50M events shared by three typed-array types would be polymorphic for V8.
 */
function scatterF64(
  v: Float64Array,
  first: Int32Array,
  second: Int32Array,
  tmp: Float64Array,
  out: () => Float64Array,
): Float64Array {
  for (let i = 0, n = first.length; i < n; i++) {
    const d = first[i];
    if (d >= 0) tmp[d] = v[i];
  }
  const o = out();
  for (let j = 0, k = second.length; j < k; j++) o[second[j]] = tmp[j];
  return o;
}

function scatterI32(
  v: Int32Array,
  first: Int32Array,
  second: Int32Array,
  tmp: Int32Array,
  out: () => Int32Array,
): Int32Array {
  for (let i = 0, n = first.length; i < n; i++) {
    const d = first[i];
    if (d >= 0) tmp[d] = v[i];
  }
  const o = out();
  for (let j = 0, k = second.length; j < k; j++) o[second[j]] = tmp[j];
  return o;
}

function scatterU8(
  v: Uint8Array,
  first: Int32Array,
  second: Int32Array,
  tmp: Uint8Array,
  out: () => Uint8Array,
): Uint8Array {
  for (let i = 0, n = first.length; i < n; i++) {
    const d = first[i];
    if (d >= 0) tmp[d] = v[i];
  }
  const o = out();
  for (let j = 0, k = second.length; j < k; j++) o[second[j]] = tmp[j];
  return o;
}

function scatterColumn(
  col: Column,
  first: Int32Array,
  second: Int32Array,
  pool: Pool,
  scratch: Scratch,
  consume: boolean,
): Column {
  const kept = second.length;
  switch (col.type) {
    case 'number':
    case 'date': {
      const v = col.values;
      const f = () => takeAfter(pool.f64, consume ? v : null, kept, Float64Array);
      return { type: col.type, values: scatterF64(v, first, second, scratch.f64(), f) };
    }
    case 'boolean': {
      const v = col.values;
      const f = () => takeAfter(pool.u8, consume ? v : null, kept, Uint8Array);
      return { type: 'boolean', values: scatterU8(v, first, second, scratch.u8(), f) };
    }
    case 'string': {
      const v = col.codes;
      const f = () => takeAfter(pool.i32, consume ? v : null, kept, Int32Array);
      const codes = scatterI32(v, first, second, scratch.i32(), f);
      return { type: 'string', codes, dict: col.dict };
    }
  }
}

function permuteF64(v: Float64Array, s: number, len: number, perm: Int32Array, tmp: Float64Array) {
  for (let k = 0; k < len; k++) tmp[k] = v[s + k];
  for (let k = 0; k < len; k++) v[s + k] = tmp[perm[k]];
}

function permuteI32(v: Int32Array, s: number, len: number, perm: Int32Array, tmp: Int32Array) {
  for (let k = 0; k < len; k++) tmp[k] = v[s + k];
  for (let k = 0; k < len; k++) v[s + k] = tmp[perm[k]];
}

function permuteU8(v: Uint8Array, s: number, len: number, perm: Int32Array, tmp: Uint8Array) {
  for (let k = 0; k < len; k++) tmp[k] = v[s + k];
  for (let k = 0; k < len; k++) v[s + k] = tmp[perm[k]];
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

/** A table's line → the file it came from (null: one file, unnamed) and its line there. */
export function fileOfLine(
  t: Pick<ActivityTable, 'files'>,
  line: number,
): { file: string | null; line: number } {
  const files = t.files;
  if (!files || files.length === 0) return { file: null, line };
  let k = files.length - 1;
  while (k > 0 && files[k].lineBase >= line) k--;
  return { file: files[k].name, line: line - files[k].lineBase };
}
