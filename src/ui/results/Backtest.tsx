import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { backtest } from '../../engine';
import type { Project } from '../../model';
import { colorLabel } from './colors';
import type { RunOutcome } from './runState';
import { columnOf } from '../../table/columns';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 答え合わせ: does the score predict churn and expansion? Rates per colour, AUC, and a plain reading. */
export function Backtest({ outcome, project }: { outcome: RunOutcome; project: Project }) {
  const { t } = useTranslation('results');
  const candidates = project.fields.fields.filter(
    (f) =>
      (f.type === 'category' || f.type === 'string') &&
      columnOf(outcome.table, f.id)?.type === 'string' &&
      f.id !== project.fields.accountKey &&
      f.id !== project.fields.nameField,
  );
  const [field, setField] = useState(
    () =>
      candidates.find((f) => /outcome|result|結果/i.test(f.id + f.label.en))?.id ??
      candidates[0]?.id ??
      '',
  );
  const bt = useMemo(
    () => (field ? backtest(outcome.result, outcome.table, field) : null),
    [outcome, field],
  );
  if (!candidates.length || !bt) return <p>{t('backtest.noOutcome')}</p>;
  // Bands are ordered best first; read them worst → best to check the trend.
  const rows = bt.perColor.filter((p) => p.accounts > 0);
  const worstFirst = [...rows].reverse();
  const churn = worstFirst.map((p) => p.churnRate ?? 0);
  const expand = worstFirst.map((p) => p.expansionRate ?? 0);
  const monotonic =
    churn.every((v, i) => i === 0 || v <= churn[i - 1] + 1e-9) &&
    expand.every((v, i) => i === 0 || v >= expand[i - 1] - 1e-9);
  const auc = bt.aucChurn;
  const reading =
    auc === null ? null : auc >= 0.75 ? 'readGood' : auc >= 0.6 ? 'readFair' : 'readPoor';
  const chart = rows.map((p) => ({
    label: colorLabel(project.health, p.color, t),
    churn: +(100 * (p.churnRate ?? 0)).toFixed(1),
    expansion: +(100 * (p.expansionRate ?? 0)).toFixed(1),
  }));

  return (
    <section className="card" data-testid="backtest">
      <div className="toolbar">
        <label className="inline">
          {t('backtest.outcome')}
          <select
            data-testid="backtest-field"
            value={field}
            onChange={(e) => setField(e.target.value)}
          >
            {candidates.map((f) => (
              <option key={f.id} value={f.id}>
                {f.id}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">
          {t('backtest.n', { count: bt.n, formatted: bt.n.toLocaleString() })}
        </span>
      </div>
      <div className="dash-grid">
        <table className="grid" data-testid="backtest-table">
          <thead>
            <tr>
              <th>{t('backtest.color')}</th>
              <th className="num">{t('backtest.accounts')}</th>
              <th className="num">{t('backtest.churn')}</th>
              <th className="num">{t('backtest.expansion')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.color} data-color={p.color}>
                <td>{colorLabel(project.health, p.color, t)}</td>
                <td className="num">{p.accounts.toLocaleString()}</td>
                <td className="num" data-testid={`churn-${p.color}`}>
                  {pct(p.churnRate)}
                </td>
                <td className="num">{pct(p.expansionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={chart}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" />
            <YAxis unit="%" />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="churn"
              name={t('backtest.churn')}
              fill="#d32f2f"
              isAnimationActive={false}
            />
            <Bar
              dataKey="expansion"
              name={t('backtest.expansion')}
              fill="#2e7d32"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <h4>
        {t('backtest.auc')}:{' '}
        <span data-testid="backtest-auc">{auc === null ? '—' : auc.toFixed(3)}</span>
      </h4>
      <p data-testid="backtest-reading">
        {reading
          ? t(`backtest.${reading}`, { auc: auc!.toFixed(2), percent: Math.round(auc! * 100) })
          : t('backtest.aucNone')}
      </p>
      <p>{monotonic ? t('backtest.monotonic') : t('backtest.notMonotonic')}</p>
      {bt.warnings.length ? (
        bt.warnings.map((w) => (
          <p key={w.color} className="warning-box" role="alert" data-testid="backtest-warning">
            ⚠{' '}
            {t('backtest.concentration', {
              percent: (w.share * 100).toFixed(0),
              color: colorLabel(project.health, w.color, t),
            })}
          </p>
        ))
      ) : (
        <p className="hint">{t('backtest.noConcentration')}</p>
      )}
      <p className="hint">{t('backtest.history')}</p>
    </section>
  );
}
