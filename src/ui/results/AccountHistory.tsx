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
import {
  DAYS_AT_LEAST,
  DAYS_ENTERED,
  DAYS_HISTORY,
  DAYS_NOT_IN_LAST_RUN,
  DAYS_NO_STAGE_LAST_RUN,
  DAYS_NO_EARLIER_RUN,
  type StageSince,
} from '../../engine';

type Point = AccountPoint;

/**
 * One account across the stored runs: score, colour and stage per run as a small chart and a
 * table, with the CTAs it got in each. Reads the runs one by one (the newest 52), in a worker.
 */
export function AccountHistory({
  accountId,
  runs,
  project,
  asOf,
  stageNow,
}: {
  accountId: string;
  runs: RunRow[];
  project: Project;
  /** As-of and stage of the run on screen: days in stage are counted for it. */
  asOf: string;
  stageNow: string | null;
}) {
  const { t } = useTranslation('history');
  const { t: tr } = useTranslation('results');
  const [points, setPoints] = useState<Point[] | null>(null);
  const key = runs.map((r) => r.id).join(',');
  const read = runs.slice(-52);
  useEffect(() => {
    let live = true;
    // Each run of up to a million accounts is read in the history worker, not here.
    void loadAccountPoints(
      read.map((r) => r.id),
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
  // Days in stage from the runs read, by the engine's rule, where the data dates no stage entry.
  const src = project.journey.stageSource;
  const undated = src.kind === 'inferred' || !src.enteredAtField;
  const since =
    points && undated
      ? stageSince(read, new Map(points.map((p) => [p.runId, p])), accountId, asOf, stageNow)
      : null;
  return (
    <section className="card" data-testid="account-history">
      <h3>{t('account.title')}</h3>
      {since && (
        <p
          data-testid="days-from-history"
          data-days={Number.isNaN(since.days) ? '' : since.days}
          data-source={since.source}
          data-since={since.since ?? ''}
        >
          {t('account.days.intro', { asOf })}{' '}
          {t(`account.days.${daysKey(since)}`, {
            days: since.days,
            stage: stageLabel(stageNow ?? ''),
            since: since.since ?? '',
            before: since.before ?? '',
            asOf,
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

/** The history namespace's text for an engine DAYS_* code. */
function daysKey(s: StageSince): string {
  switch (s.source) {
    case DAYS_HISTORY:
      return 'history';
    case DAYS_AT_LEAST:
      return s.before ? 'atLeastGap' : 'atLeastOldest';
    case DAYS_ENTERED:
      return 'entered';
    case DAYS_NO_EARLIER_RUN:
      return 'noEarlierRun';
    case DAYS_NOT_IN_LAST_RUN:
      return 'notInLastRun';
    case DAYS_NO_STAGE_LAST_RUN:
      return 'noStageLastRun';
    default:
      return 'noStage';
  }
}
