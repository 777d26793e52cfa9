import { Fragment } from 'react';
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

/** Churn and expansion rate, each with its lift: the four number cells of a colour's or CTA's row. */
function RateCells({
  churn,
  expansion,
  testId,
}: {
  churn: Rate;
  expansion: Rate;
  testId?: string;
}) {
  return (
    <>
      <RateCell r={churn} testId={testId && `churn-${testId}`} />
      <td className="num">{lift(churn.lift)}</td>
      <RateCell r={expansion} testId={testId && `expansion-${testId}`} />
      <td className="num">{lift(expansion.lift)}</td>
    </>
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
  // The churn and expansion columns, as the per-colour and per-CTA tables both show them.
  const rateHeads = (
    <>
      <th className="num">{t('backtest.churnRate')}</th>
      <th className="num">{t('backtest.lift')}</th>
      <th className="num">{t('backtest.expansionRate')}</th>
      <th className="num">{t('backtest.lift')}</th>
    </>
  );
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
            {rateHeads}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.color} data-color={p.color}>
              <td>{color(p.color)}</td>
              <td className="num" data-testid={`bt-accounts-${p.color}`}>
                {p.accounts.toLocaleString()} <span className="hint">({pct(p.share)})</span>
              </td>
              <RateCells churn={p.churn} expansion={p.expansion} testId={p.color} />
            </tr>
          ))}
        </tbody>
      </table>
      {(['churn', 'expansion'] as const).map((side) => {
        const suffix = side === 'churn' ? '' : '-expansion';
        return (
          <Fragment key={side}>
            <h4>
              {t(side === 'churn' ? 'backtest.aucChurn' : 'backtest.aucExpansion')}:{' '}
              <span data-testid={`backtest-auc${suffix}`}>
                <AucText a={b.auc[side]} />
              </span>
            </h4>
            <p data-testid={`backtest-reading${suffix}`} data-verdict={b.verdict[side].code}>
              {verdictText(side, b.verdict[side])}
            </p>
          </Fragment>
        );
      })}
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
                {rateHeads}
              </tr>
            </thead>
            <tbody>
              {b.perCta.map((c) => (
                <tr key={c.id} data-cta={c.id}>
                  <td>{c.label}</td>
                  <td className="num">{c.fired.toLocaleString()}</td>
                  <RateCells churn={c.churn} expansion={c.expansion} />
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
