import { useTranslation } from 'react-i18next';
import type { AucInterval, PredictiveBacktestResult, Rate, Verdict } from '../../engine';
import type { Project } from '../../model';
import { colorLabel } from './colors';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const lift = (v: number | null) => (v === null ? '—' : `×${v.toFixed(2)}`);

function RateCell({ r, testId }: { r: Rate; testId?: string }) {
  return (
    <td className="num" data-testid={testId}>
      {pct(r.rate)}{' '}
      {r.low !== null && (
        <span className="hint">
          ({pct(r.low)}–{pct(r.high)})
        </span>
      )}
    </td>
  );
}

function AucText({ a }: { a: AucInterval | null }) {
  if (!a) return <>—</>;
  return (
    <>
      {a.auc.toFixed(3)}{' '}
      <span className="hint">
        ({a.low.toFixed(3)}–{a.high.toFixed(3)})
      </span>
    </>
  );
}

/** The numbers of a backtest: base rate, per colour, AUC with verdict, per CTA, per measure. */
export function BacktestReport({
  result: b,
  project,
}: {
  result: PredictiveBacktestResult;
  project: Project;
}) {
  const { t } = useTranslation('history');
  const { t: tr } = useTranslation('results');
  const color = (id: string) => colorLabel(project.health, id, tr);
  const verdictText = (kind: 'churn' | 'expansion', v: Verdict) =>
    v.code === 'insufficient'
      ? t(`backtest.verdict.insufficient.${v.reason}`, {
          events: v.events,
          nonEvents: v.nonEvents,
          min: 10,
          kind: t(`backtest.kind.${kind}`),
        })
      : t(`backtest.verdict.${v.code}.${kind}`, { auc: v.auc.toFixed(2) });
  const rows = b.perColor.filter((p) => p.accounts > 0);
  const measures = [...b.perMeasure].sort((x, y) => (y.churn?.auc ?? -1) - (x.churn?.auc ?? -1));
  return (
    <div className="bt-report" data-testid="bt-report">
      <p
        className={b.mode === 'predictive' ? 'bt-mode-label' : 'bt-mode-label warning-box'}
        data-testid="backtest-mode"
        data-mode={b.mode}
      >
        {b.mode === 'predictive'
          ? t('backtest.labelPredictive', {
              asOf: b.predictionsAsOf,
              observed: b.outcomesObservedAt,
            })
          : t('backtest.labelDescriptive')}
      </p>
      <p data-testid="bt-join">
        {t('backtest.join', {
          n: b.n.toLocaleString(),
          withoutOutcome: b.join.predictionsWithoutOutcome.toLocaleString(),
          withoutPrediction: b.join.outcomesWithoutPrediction.toLocaleString(),
          missing: b.join.outcomeMissing.toLocaleString(),
        })}
        {b.join.duplicateOutcomeKeys.length > 0 && (
          <>
            {' '}
            {t('backtest.duplicates', {
              count: b.join.duplicateOutcomeKeys.length,
              keys: b.join.duplicateOutcomeKeys.slice(0, 20).join(', '),
            })}
          </>
        )}
      </p>
      {(b.join.predictionsWithoutOutcome > 0 || b.join.outcomesWithoutPrediction > 0) && (
        <details data-testid="bt-unmatched">
          <summary>{t('backtest.unmatchedList')}</summary>
          {b.join.listedPredictionsWithoutOutcome.length > 0 && (
            <p>
              {t('backtest.noOutcomeFor')}{' '}
              <code>{b.join.listedPredictionsWithoutOutcome.join(', ')}</code>
            </p>
          )}
          {b.join.listedOutcomesWithoutPrediction.length > 0 && (
            <p>
              {t('backtest.notScored')}{' '}
              <code>{b.join.listedOutcomesWithoutPrediction.join(', ')}</code>
            </p>
          )}
        </details>
      )}
      <p data-testid="bt-base">
        {t('backtest.base', {
          churn: pct(b.base.churn.rate),
          churnCount: b.base.churn.count,
          expansion: pct(b.base.expansion.rate),
          expansionCount: b.base.expansion.count,
          n: b.n,
        })}
      </p>
      <table className="grid" data-testid="backtest-table">
        <thead>
          <tr>
            <th>{t('backtest.color')}</th>
            <th className="num">{t('backtest.accounts')}</th>
            <th className="num">{t('backtest.churnRate')}</th>
            <th className="num">{t('backtest.lift')}</th>
            <th className="num">{t('backtest.expansionRate')}</th>
            <th className="num">{t('backtest.lift')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.color} data-color={p.color}>
              <td>{color(p.color)}</td>
              <td className="num" data-testid={`bt-accounts-${p.color}`}>
                {p.accounts.toLocaleString()} <span className="hint">({pct(p.share)})</span>
              </td>
              <RateCell r={p.churn} testId={`churn-${p.color}`} />
              <td className="num">{lift(p.churn.lift)}</td>
              <RateCell r={p.expansion} testId={`expansion-${p.color}`} />
              <td className="num">{lift(p.expansion.lift)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>
        {t('backtest.aucChurn')}:{' '}
        <span data-testid="backtest-auc">
          <AucText a={b.auc.churn} />
        </span>
      </h4>
      <p data-testid="backtest-reading" data-verdict={b.verdict.churn.code}>
        {verdictText('churn', b.verdict.churn)}
      </p>
      <h4>
        {t('backtest.aucExpansion')}:{' '}
        <span data-testid="backtest-auc-expansion">
          <AucText a={b.auc.expansion} />
        </span>
      </h4>
      <p data-testid="backtest-reading-expansion" data-verdict={b.verdict.expansion.code}>
        {verdictText('expansion', b.verdict.expansion)}
      </p>
      {b.monotonic !== null && (
        <p data-testid="bt-monotonic">
          {b.monotonic ? t('backtest.monotonic') : t('backtest.notMonotonic')}
        </p>
      )}
      {b.warnings.map((w) => (
        <p key={w.color} className="warning-box" role="alert" data-testid="backtest-warning">
          ⚠{' '}
          {tr('backtest.concentration', {
            percent: (w.share * 100).toFixed(0),
            color: color(w.color),
          })}
        </p>
      ))}
      {b.perCta.length > 0 && (
        <>
          <h4>{t('backtest.ctaTitle')}</h4>
          <table className="grid" data-testid="bt-ctas">
            <thead>
              <tr>
                <th>{t('backtest.cta')}</th>
                <th className="num">{t('backtest.fired')}</th>
                <th className="num">{t('backtest.churnRate')}</th>
                <th className="num">{t('backtest.lift')}</th>
                <th className="num">{t('backtest.expansionRate')}</th>
                <th className="num">{t('backtest.lift')}</th>
              </tr>
            </thead>
            <tbody>
              {b.perCta.map((c) => (
                <tr key={c.id} data-cta={c.id}>
                  <td>{c.label}</td>
                  <td className="num">{c.fired.toLocaleString()}</td>
                  <RateCell r={c.churn} />
                  <td className="num">{lift(c.churn.lift)}</td>
                  <RateCell r={c.expansion} />
                  <td className="num">{lift(c.expansion.lift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {measures.length > 0 && (
        <>
          <h4>{t('backtest.measureTitle')}</h4>
          <table className="grid" data-testid="bt-measures">
            <thead>
              <tr>
                <th>{t('backtest.measure')}</th>
                <th className="num">{t('backtest.accounts')}</th>
                <th className="num">{t('backtest.aucChurnShort')}</th>
                <th className="num">{t('backtest.aucExpansionShort')}</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => (
                <tr key={m.id} data-measure={m.id}>
                  <td>{m.label}</td>
                  <td className="num">{m.n.toLocaleString()}</td>
                  <td className="num">
                    <AucText a={m.churn} />
                  </td>
                  <td className="num">
                    <AucText a={m.expansion} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="hint">{t('backtest.method')}</p>
    </div>
  );
}
