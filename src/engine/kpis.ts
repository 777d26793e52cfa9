/**
 * Stage KPIs of a run: for each stage's bound KPI, over the accounts the run put in that stage,
 * the mean of a number or the share of true of a yes/no (accounts without a value left out and
 * counted apart). Sums and counts are kept so the numbers can be traced and re-added.
 */
import type { AccountTable, Column } from '../table/columns';
import { isoToDays, MISSING_BOOL } from '../table/columns';
import type { CompiledPlaybook } from './compile';
import { evalColumn } from './exprBridge';
import type { KpiValue, ScoreResult } from './types';

export function stageKpis(c: CompiledPlaybook, table: AccountTable, r: ScoreResult): KpiValue[] {
  const out: KpiValue[] = [];
  const asOfDays = isoToDays(r.asOf);
  let segment: Column | null = null;
  c.stages.forEach((st, si) => {
    for (const k of st.kpis) {
      let get: (row: number) => number; // NaN = no value
      let kind: KpiValue['kind'];
      if (k.measure >= 0) {
        const raw = r.measureRaw[k.measure];
        const rawKind = r.measures[k.measure].rawKind;
        kind = rawKind === 'string' ? 'text' : rawKind === 'boolean' ? 'share' : 'mean';
        get = (row) => (raw instanceof Float64Array ? raw[row] : raw[row] < 0 ? NaN : 0);
      } else {
        segment ??= {
          type: 'string',
          codes: Int32Array.from(r.segment),
          dict: r.segmentIds,
        };
        const col = evalColumn(k.expr!, table, { segment }, asOfDays);
        if (col.type === 'number') {
          kind = 'mean';
          const v = col.values.slice();
          get = (row) => v[row];
        } else if (col.type === 'boolean') {
          kind = 'share';
          const v = col.values.slice();
          get = (row) => (v[row] === MISSING_BOOL ? NaN : v[row]);
        } else {
          kind = 'text';
          get = () => NaN;
        }
      }
      let of = 0;
      let n = 0;
      let sum = 0;
      for (let row = 0; row < r.rowCount; row++) {
        if (r.stage[row] !== si) continue;
        of++;
        if (kind === 'text') continue;
        const v = get(row);
        if (Number.isNaN(v)) continue;
        n++;
        sum += v;
      }
      out.push({
        stage: st.id,
        id: k.id,
        label: k.label,
        kind,
        sum,
        n,
        of,
        value: kind === 'text' || n === 0 ? null : sum / n,
      });
    }
  });
  return out;
}
