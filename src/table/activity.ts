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
  const { order, offsets } =
    radixOrder(ev.account, ev.time, ev.line, accountCount) ?? comparatorOrder(ev, accountCount);
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

/**
 * (account, time, file order) without a comparator: a stable LSD radix sort of the kept events
 * by time (integer ms from the earliest, four 11-bit digits), then a stable counting sort by
 * account. Null when equal times of an account are not in line order, when a time is not a whole millisecond or the span exceeds 2^44 ms (~557 years):
 * the comparator sort below handles those.
 */
function radixOrder(
  account: Int32Array,
  time: Float64Array,
  line: Int32Array,
  accountCount: number,
): { order: Int32Array; offsets: Int32Array } | null {
  const n = account.length;
  let kept = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (account[i] < 0) continue;
    kept++;
    const t = time[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (kept > 0 && !(max - min < 2 ** 44)) return null;
  let a = new Int32Array(kept);
  let b = new Int32Array(kept);
  // Whole seconds (most exports) sort on seconds: 120 days fit in 24 bits, two passes.
  let unit = 1000;
  for (let i = 0; i < n && unit > 1; i++)
    if (account[i] >= 0 && (time[i] - min) % 1000 !== 0) unit = 1;
  const span = (max - min) / unit;
  if (kept > 0 && span < 2 ** 32) {
    // One 32-bit key per event and the fewest passes of up to 16 bits.
    const key = new Uint32Array(n);
    for (let i = 0, k = 0; i < n; i++) {
      if (account[i] < 0) continue;
      const v = (time[i] - min) / unit;
      if (v !== Math.floor(v)) return null;
      key[i] = v;
      a[k++] = i;
    }
    const bits = Math.max(1, Math.ceil(Math.log2(span + 1)));
    const passes = Math.ceil(bits / 16);
    const w = Math.ceil(bits / passes);
    const mask = (1 << w) - 1;
    const counts = new Int32Array(mask + 2);
    for (let pass = 0, shift = 0; pass < passes; pass++, shift += w) {
      counts.fill(0);
      for (let k = 0; k < kept; k++) counts[((key[a[k]] >>> shift) & mask) + 1]++;
      for (let d = 0; d <= mask; d++) counts[d + 1] += counts[d];
      for (let k = 0; k < kept; k++) {
        const i = a[k];
        b[counts[(key[i] >>> shift) & mask]++] = i;
      }
      const t = a;
      a = b;
      b = t;
    }
  } else {
    const lo = new Int32Array(n);
    const hi = new Int32Array(n);
    for (let i = 0, k = 0; i < n; i++) {
      if (account[i] < 0) continue;
      const key = time[i] - min;
      if (key !== Math.floor(key)) return null;
      lo[i] = key % 4_194_304;
      hi[i] = Math.floor(key / 4_194_304);
      a[k++] = i;
    }
    const counts = new Int32Array(2049);
    for (let pass = 0; pass < 4; pass++) {
      const src = pass < 2 ? lo : hi;
      const shift = pass % 2 === 0 ? 0 : 11;
      counts.fill(0);
      for (let k = 0; k < kept; k++) counts[((src[a[k]] >>> shift) & 2047) + 1]++;
      if (counts.some((c) => c === kept)) continue; // one digit value: the pass changes nothing
      for (let d = 0; d < 2048; d++) counts[d + 1] += counts[d];
      for (let k = 0; k < kept; k++) {
        const i = a[k];
        b[counts[(src[i] >>> shift) & 2047]++] = i;
      }
      const t = a;
      a = b;
      b = t;
    }
  }
  // Stable counting sort by account over the time order.
  const offsets = new Int32Array(accountCount + 1);
  for (let k = 0; k < kept; k++) offsets[account[a[k]] + 1]++;
  for (let c = 0; c < accountCount; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice();
  for (let k = 0; k < kept; k++) {
    const i = a[k];
    b[fill[account[i]]++] = i;
  }
  // Equal times keep file order only if the input was in line order: check, else fall back.
  for (let k = 1; k < kept; k++) {
    const x = b[k - 1],
      y = b[k];
    if (account[x] === account[y] && time[x] === time[y] && line[x] > line[y]) return null;
  }
  return { order: b, offsets };
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
