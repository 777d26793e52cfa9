/**
 * Windowed aggregates over an ActivityTable, one column per AggregateSpec, one pass over the
 * events per window. The window rule (docs/expressions.md): a window of N days ending B days
 * before the as-of date holds the events whose local day d satisfies
 * asOf − B − N < d ≤ asOf − B; without a window, every event with d ≤ asOf. Events after the
 * as-of day never count. `where:` keeps events whose condition is true (unknown drops them).
 */
import type { AggregateSpec } from '../../expr';
import { MISSING_BOOL, type Column } from '../../table/columns';
import type { ActivityTable } from '../../table/activity';

/** [lo, hi]: the first and last day inside the window. */
export function windowDays(
  asOfDays: number,
  days: number | undefined,
  before: number,
): [number, number] {
  const hi = asOfDays - before;
  return [days === undefined ? -Infinity : hi - days + 1, hi];
}

/**
 * The aggregate's value for every account (rows of the account table). `mask[i] === 1` keeps
 * event i (the `where:` result; null = keep all).
 */
export function aggregateColumn(
  spec: AggregateSpec,
  t: ActivityTable,
  accounts: number,
  asOfDays: number,
  mask: Uint8Array | null,
): Column {
  if (spec.change) {
    const days = spec.days as number;
    const cur = numbers(spec, t, accounts, asOfDays, spec.before, mask);
    const prev = numbers(spec, t, accounts, asOfDays, spec.before + days, mask);
    const out = new Float64Array(accounts);
    // Missing when the earlier window has no value or is 0 (no relative change from nothing).
    for (let a = 0; a < accounts; a++) {
      const p = prev[a];
      out[a] = p === 0 || Number.isNaN(p) ? NaN : (cur[a] - p) / p;
    }
    return { type: 'number', values: out };
  }
  if (spec.fn === 'last') return lastValue(spec, t, accounts, asOfDays, mask);
  return { type: 'number', values: numbers(spec, t, accounts, asOfDays, spec.before, mask) };
}

function numbers(
  spec: AggregateSpec,
  t: ActivityTable,
  accounts: number,
  asOfDays: number,
  before: number,
  mask: Uint8Array | null,
): Float64Array {
  const [lo, hi] = windowDays(asOfDays, spec.days, before);
  const out = new Float64Array(accounts);
  const { offsets, day } = t;
  const attr = spec.attr !== undefined ? t.columns[spec.attr] : undefined;
  const vals = attr && attr.type === 'number' ? attr.values : null;
  const fn = spec.fn;
  if (fn === 'count_distinct') return distinct(t, attr as Column, accounts, lo, hi, mask);
  for (let a = 0; a < accounts; a++) {
    let count = 0,
      sum = 0,
      min = Infinity,
      max = -Infinity,
      lastDay = NaN;
    for (let i = offsets[a], e = offsets[a + 1]; i < e; i++) {
      const d = day[i];
      if (d < lo || d > hi) continue;
      if (mask !== null && mask[i] !== 1) continue;
      if (vals !== null) {
        const v = vals[i];
        if (v !== v) continue; // a missing value is left out, as SQL's aggregates do
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      count++;
      lastDay = d; // events are sorted by time
    }
    switch (fn) {
      case 'count':
        out[a] = count;
        break;
      case 'sum':
        out[a] = sum;
        break;
      case 'avg':
        out[a] = count ? sum / count : NaN;
        break;
      case 'min':
        out[a] = count ? min : NaN;
        break;
      case 'max':
        out[a] = count ? max : NaN;
        break;
      case 'days_since':
        out[a] = count ? asOfDays - lastDay : NaN;
        break;
      default:
        out[a] = NaN;
    }
  }
  return out;
}

function distinct(
  t: ActivityTable,
  attr: Column,
  accounts: number,
  lo: number,
  hi: number,
  mask: Uint8Array | null,
): Float64Array {
  const out = new Float64Array(accounts);
  const seen = new Set<number>();
  const { offsets, day } = t;
  for (let a = 0; a < accounts; a++) {
    seen.clear();
    for (let i = offsets[a], e = offsets[a + 1]; i < e; i++) {
      const d = day[i];
      if (d < lo || d > hi) continue;
      if (mask !== null && mask[i] !== 1) continue;
      const k = keyOf(attr, i);
      if (k === k) seen.add(k);
    }
    out[a] = seen.size;
  }
  return out;
}

/** A number standing for the value (NaN = missing): codes, 0/1, or the number itself. */
function keyOf(c: Column, i: number): number {
  switch (c.type) {
    case 'string':
      return c.codes[i] < 0 ? NaN : c.codes[i];
    case 'boolean':
      return c.values[i] === MISSING_BOOL ? NaN : c.values[i];
    default:
      return c.values[i] === 0 ? 0 : c.values[i]; // −0 and 0 are one value
  }
}

/**
 * The value of the latest event with a value; on a tie in time, the greater value (numbers),
 * true over false, or the later of the category's declared values — the same rule in SQL.
 */
function lastValue(
  spec: AggregateSpec,
  t: ActivityTable,
  accounts: number,
  asOfDays: number,
  mask: Uint8Array | null,
): Column {
  const [lo, hi] = windowDays(asOfDays, spec.days, spec.before);
  const attr = t.columns[spec.attr as string];
  const best = new Int32Array(accounts).fill(-1);
  const rank = rankOf(attr, spec.values);
  const { offsets, day, time } = t;
  for (let a = 0; a < accounts; a++) {
    let b = -1;
    for (let i = offsets[a], e = offsets[a + 1]; i < e; i++) {
      const d = day[i];
      if (d < lo || d > hi) continue;
      if (mask !== null && mask[i] !== 1) continue;
      const r = rank(i);
      if (r !== r) continue;
      if (b < 0 || time[i] > time[b] || r >= rank(b)) b = i;
    }
    best[a] = b;
  }
  switch (attr.type) {
    case 'number':
    case 'date': {
      const v = new Float64Array(accounts);
      for (let a = 0; a < accounts; a++) v[a] = best[a] < 0 ? NaN : attr.values[best[a]];
      return { type: 'number', values: v };
    }
    case 'boolean': {
      const v = new Uint8Array(accounts);
      for (let a = 0; a < accounts; a++) v[a] = best[a] < 0 ? MISSING_BOOL : attr.values[best[a]];
      return { type: 'boolean', values: v };
    }
    case 'string': {
      const c = new Int32Array(accounts);
      for (let a = 0; a < accounts; a++) c[a] = best[a] < 0 ? -1 : attr.codes[best[a]];
      return { type: 'string', codes: c, dict: attr.dict };
    }
  }
}

function rankOf(c: Column, values: readonly string[] | undefined): (i: number) => number {
  if (c.type === 'string') {
    const order = c.dict.map((v) => (values ? values.indexOf(v) : -1));
    return (i) => (c.codes[i] < 0 || order[c.codes[i]] < 0 ? NaN : order[c.codes[i]]);
  }
  return (i) => keyOf(c, i);
}
