import type { AucInterval, PredictiveBacktestResult, Rate, Verdict } from '../engine';
import { t } from './messages';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const rate = (r: Rate) =>
  `${pct(r.rate)} [${pct(r.low)}–${pct(r.high)}]`.padEnd(24) +
  (r.lift === null ? '—' : r.lift.toFixed(2)).padStart(6);
const auc = (a: AucInterval | null) =>
  a ? `${a.auc.toFixed(3)} [${a.low.toFixed(3)}–${a.high.toFixed(3)}]` : '—';

function verdict(kind: 'churn' | 'expansion', v: Verdict): string {
  return v.code === 'insufficient'
    ? t(`bt.insufficient`, { events: v.events, nonEvents: v.nonEvents, kind: t(`bt.${kind}`) })
    : t(`bt.${v.code}`, { auc: v.auc.toFixed(2), kind: t(`bt.${kind}`) });
}

/** The readable table of `waymark backtest` (everything is in --format json too). */
export function formatBacktest(b: PredictiveBacktestResult): string {
  const L: string[] = [];
  L.push(
    b.mode === 'predictive'
      ? t('bt.predictive', { asOf: b.predictionsAsOf, observed: b.outcomesObservedAt ?? '' })
      : t('bt.descriptive'),
  );
  L.push(
    t('bt.labels', {
      field: b.outcomeField,
      churn: b.churnValues.join(', ') || '—',
      expansion: b.expansionValues.join(', ') || '—',
    }),
  );
  L.push(
    t('bt.join', {
      n: b.n,
      withoutOutcome: b.join.predictionsWithoutOutcome,
      withoutPrediction: b.join.outcomesWithoutPrediction,
      missing: b.join.outcomeMissing,
    }),
  );
  // The engine lists the first keys only: say how many more there are (the JSON has the counts).
  const keys = (listed: string[], total: number) =>
    listed.join(', ') +
    (total > listed.length ? t('bt.andMore', { count: total - listed.length }) : '');
  if (b.join.listedPredictionsWithoutOutcome.length)
    L.push(
      t('bt.noOutcomeFor', {
        keys: keys(b.join.listedPredictionsWithoutOutcome, b.join.predictionsWithoutOutcome),
      }),
    );
  if (b.join.listedOutcomesWithoutPrediction.length)
    L.push(
      t('bt.notScored', {
        keys: keys(b.join.listedOutcomesWithoutPrediction, b.join.outcomesWithoutPrediction),
      }),
    );
  L.push(
    t('bt.base', {
      churn: pct(b.base.churn.rate),
      churnCount: b.base.churn.count,
      expansion: pct(b.base.expansion.rate),
      expansionCount: b.base.expansion.count,
    }),
  );
  L.push('');
  L.push(t('bt.colorHeader'));
  for (const p of b.perColor)
    if (p.accounts)
      L.push(
        `${p.color.padEnd(10)}${String(p.accounts).padStart(9)}  ${rate(p.churn)}  ${rate(p.expansion)}`,
      );
  L.push('');
  L.push(t('bt.aucChurn', { auc: auc(b.auc.churn) }));
  L.push('  ' + verdict('churn', b.verdict.churn));
  L.push(t('bt.aucExpansion', { auc: auc(b.auc.expansion) }));
  L.push('  ' + verdict('expansion', b.verdict.expansion));
  for (const w of b.warnings)
    L.push(t('bt.concentration', { percent: (w.share * 100).toFixed(0), color: w.color }));
  if (b.perCta.length) {
    L.push('');
    L.push(t('bt.ctaHeader'));
    for (const c of b.perCta)
      L.push(
        `${c.id.padEnd(24)}${String(c.fired).padStart(7)}  ${rate(c.churn)}  ${rate(c.expansion)}`,
      );
  }
  if (b.perMeasure.length) {
    L.push('');
    L.push(t('bt.measureHeader'));
    for (const m of [...b.perMeasure].sort((x, y) => (y.churn?.auc ?? -1) - (x.churn?.auc ?? -1)))
      L.push(
        `${m.id.padEnd(24)}${String(m.n).padStart(7)}  ${auc(m.churn).padEnd(24)}  ${auc(m.expansion)}`,
      );
  }
  L.push('');
  L.push(t('bt.method'));
  return L.join('\n') + '\n';
}
