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
  const n = ev.account.length;
  // Counting sort by account (stable), then by time within an account.
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
