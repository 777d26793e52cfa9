import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import type { AccountPoint } from '../../store/accountPoints';
import { loadAccountPoints } from '../../workers/historyClient';
import { colorHex, colorLabel } from './colors';
import { stageSince } from './stageSince';
import { AxisLabels, GridLines } from './ChartAxis';
import { dateLabelIndexes, lineSegments, linePoints, SCORE_TICKS } from './historyLine';
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
 * The chart is an SVG line under HTML points (no chart library: recharts run cold here was most
 * of a 150–350 ms task at 1M accounts); each point names its run's date and score on hover and
 * focus, and the table lists them all.
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
        <ScoreLine
          points={points}
          name={(p) =>
            t('account.point', {
              asOf: p.asOf,
              score: p.score ?? '—',
              color: p.color ? colorLabel(project.health, p.color, tr) : tr('colors.none'),
            })
          }
          fill={(p) => hex[p.color] ?? '#9e9e9e'}
          label={t('account.chart')}
        />
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

/** Score per run: a line on the 0–100 axis, one point per run, the hovered or focused one named. */
export function ScoreLine({
  points,
  name,
  fill,
  label,
}: {
  points: Point[];
  name: (p: Point) => string;
  fill: (p: Point) => string;
  label: string;
}) {
  const [active, setActive] = useState<number | null>(null);
  const at = linePoints(points.map((p) => p.score));
  const shown = at.filter((p) => p !== null);
  const tip = active === null ? null : at[active];
  return (
    <div className="lchart" data-testid="account-history-chart">
      <AxisLabels ticks={SCORE_TICKS} dir="y" format={String} />
      <div
        className="lchart-plot"
        role="group"
        aria-label={label}
        onMouseMove={(e) => {
          // The run nearest the pointer, as recharts' tooltip follows the pointer along the axis.
          const r = e.currentTarget.getBoundingClientRect();
          const f = r.width > 0 ? (e.clientX - r.left) / r.width : 0;
          let best: number | null = null;
          for (const p of shown)
            if (best === null || Math.abs(p.x / 100 - f) < Math.abs(at[best]!.x / 100 - f))
              best = p.i;
          if (best !== active) setActive(best);
        }}
        onMouseLeave={() => setActive(null)}
      >
        <GridLines ticks={SCORE_TICKS} dir="y" />
        <svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
          {lineSegments(at).map((s) => (
            <polyline key={s} points={s} vectorEffect="non-scaling-stroke" />
          ))}
        </svg>
        {shown.map((p) => (
          <span
            key={p.i}
            className={p.i === active ? 'lchart-dot lchart-dot-on' : 'lchart-dot'}
            role="img"
            tabIndex={0}
            aria-label={name(points[p.i])}
            data-asof={points[p.i].asOf}
            data-score={points[p.i].score}
            style={{ left: `${p.x}%`, bottom: `${p.y}%`, background: fill(points[p.i]) }}
            onFocus={() => setActive(p.i)}
            onBlur={() => setActive(null)}
          />
        ))}
        {tip && (
          <div
            className="lchart-tip"
            role="status"
            data-testid="account-history-tip"
            style={{
              left: `${tip.x}%`,
              bottom: `${tip.y}%`,
              transform: `translate(-${tip.x}%, -14px)`,
            }}
          >
            {name(points[tip.i])}
          </div>
        )}
      </div>
      <div />
      <div className="lchart-dates" aria-hidden="true">
        {dateLabelIndexes(points.length).map((i) => (
          <span
            key={i}
            style={{ left: `${points.length > 1 ? (100 * i) / (points.length - 1) : 50}%` }}
          >
            {points[i].asOf}
          </span>
        ))}
      </div>
    </div>
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
