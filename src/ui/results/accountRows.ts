import type { ScoreResult, TrendResult } from '../../engine';
import type { FieldContract } from '../../model';
import { columnOf, isoToDays, type AccountTable, type Column } from '../../table/columns';
import type { AccountFilter, SortKey } from './place';
import { mrrField, numberAt } from './queue';

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

export function rowSource(
  r: ScoreResult,
  trend: TrendResult | null,
  table: AccountTable,
  contract: FieldContract,
  segmentLabel: (id: string) => string,
  stageLabel: (id: string) => string,
): RowSource {
  const ctaCount = new Uint8Array(r.rowCount);
  for (const f of r.ctaFired) for (let i = 0; i < f.length; i++) ctaCount[i] += f[i];
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
 * Per-array caches: a run's account ids and name dictionary never change, so their lowercase
 * forms (search) and collation ranks (sort) are computed once per run, not on every keystroke
 * or comparison. Keyed by the array itself, so a new run gets new entries and the old ones go.
 */
const lowerCache = new WeakMap<readonly string[], string[]>();
const rankCache = new WeakMap<readonly string[], Int32Array>();

function lowerOf(values: readonly string[]): string[] {
  let out = lowerCache.get(values);
  if (!out) {
    out = values.map((v) => v.toLowerCase());
    lowerCache.set(values, out);
  }
  return out;
}

/**
 * rank[k] orders values[k] as the table shows them (Intl.Collator, numeric): equal under the
 * collator → equal rank; '' (missing) → -1. Sorting by rank then row equals sorting by the
 * collator then row, at integer-compare cost.
 */
export function textRanks(values: readonly string[], cache = true): Int32Array {
  const hit = cache ? rankCache.get(values) : undefined;
  if (hit) return hit;
  const coll = new Intl.Collator(undefined, { numeric: true });
  const order: number[] = [];
  for (let k = 0; k < values.length; k++) if (values[k]) order.push(k);
  order.sort((a, b) => coll.compare(values[a], values[b]));
  const rank = new Int32Array(values.length).fill(-1);
  let next = 0;
  for (let j = 0; j < order.length; j++) {
    if (j > 0 && coll.compare(values[order[j - 1]], values[order[j]]) !== 0) next = j;
    rank[order[j]] = next;
  }
  if (cache) rankCache.set(values, rank);
  return rank;
}

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
  // Text search: account ids lowercased once per run; names are dictionary-encoded, so each
  // distinct name is tested once and rows look their answer up.
  const ids = needle ? lowerOf(r.accountIds) : null;
  let nameHit: Uint8Array | null = null;
  if (needle && s.name?.type === 'string') {
    const dict = lowerOf(s.name.dict);
    nameHit = new Uint8Array(dict.length);
    for (let k = 0; k < dict.length; k++) nameHit[k] = dict[k].includes(needle) ? 1 : 0;
  }
  const nameCodes = s.name?.type === 'string' ? s.name.codes : null;
  const out = new Int32Array(r.rowCount);
  let n = 0;
  for (let i = 0; i < r.rowCount; i++) {
    if (color !== -2 && r.color[i] !== color) continue;
    if (segment !== -2 && r.segment[i] !== segment) continue;
    if (stage !== -2 && r.stage[i] !== stage) continue;
    if (owner !== -2 && r.owner[i] !== owner) continue;
    if (f.renewal) {
      const d = numberAt(s.renewal, i) - asOf;
      if (!(d >= 0 && d <= f.renewal)) continue;
    }
    if (
      ids &&
      !ids[i].includes(needle) &&
      !(nameHit && nameCodes![i] >= 0 && nameHit[nameCodes![i]])
    )
      continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** Sorts rows in place by a column; missing values always last; ties keep table order. */
export function sortRows(
  s: RowSource,
  rows: Int32Array,
  key: SortKey,
  dir: 'asc' | 'desc',
): Int32Array {
  const { r } = s;
  const sign = dir === 'asc' ? 1 : -1;
  // Every column becomes one number per row (NaN = missing): text columns by collation rank.
  const keys = new Float64Array(r.rowCount);
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
  return rows.sort((a, b) => {
    const x = keys[a],
      y = keys[b];
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
    return x === y ? a - b : sign * (x - y);
  });
}
