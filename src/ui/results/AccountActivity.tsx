import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { accountTimeline, explainActivity } from '../../engine';
import type { Project } from '../../model';
import type { RunOutcome } from './runState';
import { WeekBars } from './AccountBars';

const SHOWN_EVENTS = 20;

/**
 * The account's activity as the run read it: events per week per source, the last event of
 * each, and for every activity aggregate of the playbook the window(s), filter and the events
 * that counted (file line, time, attributes) — so "3 logins in 30 days" traces to three lines.
 */
export function AccountActivity({
  outcome,
  project,
  row,
}: {
  outcome: RunOutcome;
  project: Project;
  row: number;
}) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  const asOf = outcome.result.asOf;
  const timeline = useMemo(
    () => accountTimeline(outcome.activity, row, asOf),
    [outcome.activity, row, asOf],
  );
  const explained = useMemo(
    () => explainActivity(outcome.compiled, outcome.activity, row, asOf),
    [outcome.compiled, outcome.activity, row, asOf],
  );
  if (timeline.length === 0) return null;
  const label = (id: string) => project.activity?.find((s) => s.id === id)?.label[lang] || id;
  return (
    <section className="card" data-testid="account-activity">
      <h3>{t('activity.timeline')}</h3>
      <p className="hint">
        {t('activity.timelineHint', {
          weeks: timeline[0].weeks.length,
          asOf,
          zone: outcome.playbook.timeZone ?? 'Asia/Tokyo',
        })}
      </p>
      <div className="activity-timelines">
        {timeline.map((s) => (
          <div key={s.source} className="activity-timeline" data-source={s.source}>
            <h4>{label(s.source)}</h4>
            <p data-testid={`activity-last-${s.source}`}>
              {s.last
                ? t('activity.lastEvent', {
                    source: label(s.source),
                    date: s.last.time,
                    days: s.last.daysBefore,
                    count: s.last.daysBefore,
                  })
                : t('activity.noEvent', { source: label(s.source) })}
            </p>
            <WeekBars
              weeks={s.weeks}
              height={90}
              lang={lang}
              name={(w) => `${t('activity.week')} ${w.start}: ${w.count} ${t('activity.events')}`}
            />
            <span className="hint" data-testid={`activity-total-${s.source}`}>
              {s.total} {t('activity.events')}
            </span>
          </div>
        ))}
      </div>
      {explained.length > 0 && (
        <>
          <h4>{t('activity.measures')}</h4>
          {explained.map((x) => (
            <details key={x.aggregate} className="activity-explain" data-aggregate={x.aggregate}>
              <summary>
                <code>{x.aggregate}</code> —{' '}
                {x.windows.map((w, k) => (
                  <span key={k} data-testid="activity-window" data-window={k}>
                    {k > 0 ? ' / ' : ''}
                    {w.from
                      ? t('activity.window', { from: w.from, to: w.to })
                      : t('activity.windowAll', { to: w.to })}
                    : {t('activity.counted', { count: x.windowCounts[k] })}
                  </span>
                ))}
              </summary>
              {x.events.length > 0 && (
                <table className="grid">
                  <thead>
                    <tr>
                      <th>{t('activity.line')}</th>
                      <th>{t('activity.time')}</th>
                      {Object.keys(x.events[0].values).map((k) => (
                        <th key={k}>{k}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {x.events.slice(-SHOWN_EVENTS).map((ev) => (
                      <tr key={`${ev.file ?? ''}:${ev.line}`} data-window={ev.window}>
                        <td>{ev.file ? `${ev.file}: ${ev.line}` : ev.line}</td>
                        <td>{ev.time}</td>
                        {Object.values(ev.values).map((v, k) => (
                          <td key={k}>{v === null ? '—' : String(v)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </details>
          ))}
        </>
      )}
    </section>
  );
}
