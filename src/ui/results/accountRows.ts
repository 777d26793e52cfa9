import type { ScoreResult, TrendResult } from '../../engine';
import type { FieldContract } from '../../model';
import { columnOf, isoToDays, type AccountTable, type Column } from '../../table/columns';
import type { AccountFilter, SortKey } from './place';
import { mrrField, numberAt, textAt } from './queue';

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
  const out: number[] = [];
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
      needle &&
      !r.accountIds[i].toLowerCase().includes(needle) &&
      !textAt(s.name, i).toLowerCase().includes(needle)
    )
      continue;
    out.push(i);
  }
  return Int32Array.from(out);
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
  const byNumber = (v: (i: number) => number) => {
    const keys = new Float64Array(r.rowCount);
    for (const i of rows) keys[i] = v(i);
    return (a: number, b: number) => {
      const x = keys[a],
        y = keys[b];
      if (Number.isNaN(x) || Number.isNaN(y))
        return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
      return x === y ? a - b : sign * (x - y);
    };
  };
  const byText = (v: (i: number) => string) => {
    const keys = new Map<number, string>();
    for (const i of rows) keys.set(i, v(i));
    const coll = new Intl.Collator(undefined, { numeric: true });
    return (a: number, b: number) => {
      const x = keys.get(a)!,
        y = keys.get(b)!;
      if (!x || !y) return !x ? (!y ? a - b : 1) : -1;
      return sign * coll.compare(x, y) || a - b;
    };
  };
  const cmp =
    key === 'account'
      ? byText((i) => r.accountIds[i])
      : key === 'company'
        ? byText((i) => textAt(s.name, i))
        : key === 'segment'
          ? byText((i) => s.segmentLabel(r.segmentIds[r.segment[i]]))
          : key === 'stage'
            ? byText((i) => (r.stage[i] < 0 ? '' : s.stageLabel(r.stageIds[r.stage[i]])))
            : key === 'owner'
              ? byText((i) => r.ownerIds[r.owner[i]])
              : key === 'score'
                ? byNumber((i) => r.total[i])
                : key === 'trend'
                  ? byNumber((i) => (s.trend ? s.trend.delta[i] : NaN))
                  : key === 'ctas'
                    ? byNumber((i) => s.ctaCount[i])
                    : key === 'mrr'
                      ? byNumber((i) => numberAt(s.mrr, i))
                      : byNumber((i) => numberAt(s.renewal, i));
  return rows.sort(cmp);
}
