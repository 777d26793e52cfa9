import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import type { AccountPoint } from '../../store/accountPoints';
import { loadAccountPoints } from '../../workers/historyClient';
import { colorHex, colorLabel } from './colors';
import { stageSince } from './stageSince';

type Point = AccountPoint;

/**
 * One account across the stored runs: score, colour and stage per run as a small chart and a
 * table, with the CTAs it got in each. Reads the runs one by one (the newest 52), in a worker.
 */
export function AccountHistory({
  accountId,
  runs,
  project,
}: {
  accountId: string;
  runs: RunRow[];
  project: Project;
}) {
  const { t } = useTranslation('history');
  const { t: tr } = useTranslation('results');
  const [points, setPoints] = useState<Point[] | null>(null);
  const key = runs.map((r) => r.id).join(',');
  useEffect(() => {
    let live = true;
    // Each run of up to a million accounts is read in the history worker, not here.
    void loadAccountPoints(
      runs.slice(-52).map((r) => r.id),
      accountId,
    ).then(
      (out) => live && setPoints(out),
      () => live && setPoints([]),
    );
    return () => {
      live = false;
    };
    // runs are identified by their ids
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId, key]);
  const hex = colorHex(project.health);
  const stageLabel = (id: string) =>
    id ? (project.journey.stages.find((s) => s.id === id)?.label ?? id) : '—';
  // Days in stage from the runs, for a stage the data does not date (stageSource inferred).
  const since =
    points && project.journey.stageSource.kind === 'inferred' ? stageSince(points) : null;
  return (
    <section className="card" data-testid="account-history">
      <h3>{t('account.title')}</h3>
      {points && project.journey.stageSource.kind === 'inferred' && (
        <p data-testid="days-from-history" data-days={since?.days} data-at-least={since?.atLeast}>
          {!since || points.length < 2
            ? t('account.daysTooShort')
            : t(since.atLeast ? 'account.daysAtLeast' : 'account.daysExact', {
                days: since.days,
                stage: stageLabel(points[points.length - 1].stage),
                since: since.since,
                before: since.before ?? '',
              })}
        </p>
      )}
      {!points ? (
        <p className="hint">{t('account.loading')}</p>
      ) : points.length < 2 ? (
        <p className="hint">{t('account.one')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={points}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="asOf" />
            <YAxis domain={[0, 100]} />
            <Tooltip />
            <Line
              dataKey="score"
              name={t('account.score')}
              stroke="#455a64"
              isAnimationActive={false}
              dot={(p: { cx?: number; cy?: number; index?: number }) => (
                <circle
                  key={p.index}
                  cx={p.cx}
                  cy={p.cy}
                  r={5}
                  fill={hex[points[p.index ?? 0]?.color] ?? '#9e9e9e'}
                />
              )}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
      {points && points.length > 0 && (
        <table className="grid" data-testid="account-history-table">
          <thead>
            <tr>
              <th>{t('trends.asOf')}</th>
              <th className="num">{t('account.score')}</th>
              <th>{t('account.color')}</th>
              <th>{t('account.stage')}</th>
              <th>{t('account.ctas')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{p.asOf}</td>
                <td className="num">{p.score ?? '—'}</td>
                <td>
                  <span className="swatch" style={{ background: hex[p.color] ?? '#9e9e9e' }} />{' '}
                  {p.color ? colorLabel(project.health, p.color, tr) : tr('colors.none')}
                </td>
                <td>{stageLabel(p.stage)}</td>
                <td>{p.ctas.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
