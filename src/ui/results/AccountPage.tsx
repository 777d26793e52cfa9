import type { RunRow } from '../../store/db';
import { AccountHistory } from './AccountHistory';
import { AccountActivity } from './AccountActivity';
import { ContributionBars } from './AccountBars';
import { daysSourceText } from './daysSourceText';
import { startTransition, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explainAccount, MET, NOT_MET } from '../../engine';
import type { Project } from '../../model';
import { Button } from '../common';
import { colorHex, colorLabel } from './colors';
import type { RunOutcome } from './runState';
import { columnOf } from '../../table/columns';
import { dictAt } from '../../table/packedDict';
import { formatNumber } from '../../util/format';
import {
  AccountAttributes,
  describeNormalisation,
  NextColourPanel,
  normalisationUsed,
} from './AccountFacts';
import { idAt } from '../../table/runIds';

const fmtIn =
  (lang: string) =>
  (v: number | string | boolean | null): string =>
    v === null ? '—' : typeof v === 'number' ? formatNumber(v, lang) : String(v);

/** One account: the score as per-measure contributions, exit criteria per stage, CTAs with reasons, trend. */
export function AccountPage({
  outcome,
  project,
  row,
  onBack,
  runs = [],
}: {
  outcome: RunOutcome;
  project: Project;
  row: number;
  onBack: () => void;
  runs?: RunRow[];
}) {
  const { t, i18n } = useTranslation('results');
  const { t: tw } = useTranslation('resultsWork');
  const lang = i18n.language;
  const fmt = fmtIn(lang);
  const d1 = (v: number | null) => formatNumber(v, lang, { digits: 1 });
  const { result: r, table, compiled, trend } = outcome;
  const e = useMemo(
    () => (row >= 0 && row < r.rowCount ? explainAccount(compiled, table, r, row) : null),
    [compiled, table, r, row],
  );
  const hex = colorHex(project.health);
  // The page is drawn in two frames: first its head (the score, stage, owner, the next colour,
  // the account's fields), then, once that is drawn, the rest (contributions, activity, exit
  // criteria, CTAs, trend, history) as a transition: the whole page's commit, style and layout in
  // one task was the longest task of opening an account (two commits before one frame are still
  // laid out together, hence the frame in between). Another account opened meanwhile shows no
  // part of the previous one: the rest waits for its own row.
  const [restRow, setRestRow] = useState(-1);
  useEffect(() => {
    if (restRow === row) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setRestRow(row)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [row, restRow]);
  const rest = restRow === row;
  if (!e)
    return (
      <div className="account-page" data-testid="account-not-found">
        <Button onClick={onBack} data-testid="account-back">
          ← {t('account.back')}
        </Button>
        <p>{t('account.notFound')}</p>
      </div>
    );
  const measures = e.measures.map((m) => ({ ...m, value: m.contribution }));
  const sum = e.measures.reduce((s, m) => s + m.contribution, 0);
  const name = project.fields.nameField ? columnOf(table, project.fields.nameField) : undefined;
  const company =
    name && name.type === 'string' && name.codes[row] >= 0 ? dictAt(name, name.codes[row]) : '';
  const stageLabel = (id: string) => project.journey.stages.find((s) => s.id === id)?.label || id;
  const segLabel = (id: string) => project.segments.items.find((s) => s.id === id)?.label || id;
  // The values a CTA read, by the field's label (the trigger itself stays as written).
  const fieldName = (id: string) => {
    const f = project.fields.fields.find((x) => x.id === id);
    return (f && (lang.startsWith('ja') ? f.label.ja : f.label.en)) || id;
  };
  const stageIdx = r.stage[row];
  const delta = trend ? trend.delta[row] : NaN;
  // The normalisation that actually scored each measure here: the segment's override, named.
  const normText = (measure: string) => {
    const u = normalisationUsed(project, e.segment, measure);
    if (!u) return '';
    const text = describeNormalisation(u.n, u.invert, lang, tw);
    return u.source === 'override'
      ? `${tw('norm.override', { segment: segLabel(e.segment) })}: ${text}`
      : `${tw('norm.base')}: ${text}`;
  };

  return (
    <div className="account-page" data-testid="account-page">
      <div className="toolbar">
        <Button onClick={onBack} data-testid="account-back">
          ← {t('account.back')}
        </Button>
        <h2>
          {t('account.title', { id: e.accountId })}{' '}
          {company && <span className="hint">{company}</span>}
        </h2>
      </div>
      <div className="stats">
        <div
          className="stat"
          style={{ borderLeft: `6px solid ${hex[e.color ?? ''] ?? '#9e9e9e'}` }}
        >
          <div className="stat-value" data-testid="account-score">
            {d1(e.total)}
          </div>
          <div className="stat-label">
            {t('account.score')} ·{' '}
            {e.color ? colorLabel(project.health, e.color, t) : t('colors.none')}
          </div>
        </div>
        <div className="stat">
          <div className="stat-value">{segLabel(e.segment)}</div>
          <div className="stat-label">{t('account.segment')}</div>
        </div>
        <div className="stat">
          <div className="stat-value">{e.stage ? stageLabel(e.stage) : '—'}</div>
          <div className="stat-label">
            {t('account.stage')}
            {e.daysInStage !== null
              ? ` · ${t('account.daysInStage', { count: Math.round(e.daysInStage) })}`
              : ''}{' '}
            · {t(`account.progress.${e.progress}`)}
          </div>
          {e.stage && (
            <div
              className="stat-label"
              data-testid="days-source"
              data-source={r.daysSource?.[row] ?? ''}
            >
              {daysSourceText(r, row, project, lang, t)}
            </div>
          )}
        </div>
        <div className="stat">
          <div className="stat-value">{e.owner}</div>
          <div className="stat-label">
            {t('account.owner')} ·{' '}
            {t('account.coverage', { percent: Math.round(e.coverage * 100) })}
          </div>
        </div>
      </div>

      <NextColourPanel compiled={compiled} result={r} row={row} project={project} />
      <AccountAttributes project={project} table={table} row={row} />
      {rest && (
        <>
          <section className="card" data-testid="account-contributions">
            <h3>{t('account.contributions')}</h3>
            <p className="hint">{t('account.contributionsHint', { total: d1(e.total) })}</p>
            <ContributionBars
              lang={lang}
              rows={measures.map((m) => ({
                id: m.id,
                label: m.label,
                value: m.value,
                excluded: m.excluded,
              }))}
            />
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('account.measure')}</th>
                  <th>{t('account.raw')}</th>
                  <th>{tw('norm.column')}</th>
                  <th className="num">{t('account.points')}</th>
                  <th className="num">{t('account.weight')}</th>
                  <th className="num">{t('account.contribution')}</th>
                </tr>
              </thead>
              <tbody>
                {e.measures.map((m) => (
                  <tr key={m.id} data-measure={m.id}>
                    <td>
                      {m.label} <span className="hint">{m.dimension}</span>
                    </td>
                    <td>
                      {fmt(m.raw)}
                      {m.excluded && <span className="hint"> — {t('account.excluded')}</span>}
                    </td>
                    <td data-testid={`norm-${m.id}`}>{normText(m.id)}</td>
                    <td className="num">{d1(m.points)}</td>
                    <td className="num">
                      {formatNumber(m.normalisedWeight * 100, lang, { digits: 1, unit: '%' })}
                    </td>
                    <td className="num">{formatNumber(m.contribution, lang, { digits: 2 })}</td>
                  </tr>
                ))}
                <tr className="sum">
                  <td colSpan={5}>{t('account.sum')}</td>
                  <td className="num" data-testid="contribution-sum">
                    {formatNumber(sum, lang, { digits: 2 })}
                  </td>
                </tr>
              </tbody>
            </table>
          </section>

          <AccountActivity outcome={outcome} project={project} row={row} />

          <section className="card" data-testid="account-criteria">
            <h3>{t('account.criteria')}</h3>
            {stageIdx < 0 && <p>{t('account.noStage')}</p>}
            <p>{e.readyToAdvance ? t('account.ready') : t('account.notReady')}</p>
            {r.stageIds.map((sid, si) => {
              const crit = r.criteria
                .map((c, k) => ({ c, k }))
                .filter(({ c }) => c.stageIndex === si);
              if (crit.length === 0) return null;
              return (
                <div key={sid} className={`stage-crit${si === stageIdx ? ' current' : ''}`}>
                  <h4>{stageLabel(sid)}</h4>
                  <ul>
                    {crit.map(({ c, k }) => {
                      const s = r.criteriaStatus[k][row];
                      const status = s === MET ? 'met' : s === NOT_MET ? 'not_met' : 'unknown';
                      return (
                        <li key={c.id} className={`crit crit-${status}`} data-status={status}>
                          {status === 'met' ? '✓' : status === 'not_met' ? '✗' : '?'} {c.label}{' '}
                          {c.required && (
                            <span className="tag tag-muted">{t('account.requiredTag')}</span>
                          )}{' '}
                          — {t(`account.status.${status}`)}
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
          </section>

          <section className="card" data-testid="account-ctas">
            <h3>{t('account.ctas')}</h3>
            {e.ctas.length === 0 ? (
              <p>{t('account.noCtas')}</p>
            ) : (
              <ul className="cta-list">
                {e.ctas.map((c) => (
                  <li key={c.id} data-cta={c.id}>
                    <strong>{c.label}</strong>{' '}
                    <span className={`prio prio-${c.priority}`}>
                      {t(`priorities.${c.priority}`)}
                    </span>{' '}
                    · {t(`ctaTypes.${c.type}`)} · {c.owner} · {c.dueDate}
                    <div className="hint">
                      {t('account.because')}: <code>{c.trigger}</code> —{' '}
                      {Object.entries(c.reason)
                        .map(([k, v]) => `${fieldName(k)} = ${fmt(v)}`)
                        .join(', ')}
                    </div>
                    {c.steps.length > 0 && (
                      <ol>
                        {c.steps.map((s, i) => (
                          <li key={i}>{s}</li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" data-testid="account-trend">
            <h3>{t('account.trend')}</h3>
            {!trend || Number.isNaN(delta) ? (
              <p>{t('account.trendNone')}</p>
            ) : (
              <p>
                {t('account.trendValue', {
                  previous: d1(r.total[row] - delta),
                  current: d1(r.total[row]),
                  delta: `${delta >= 0 ? '+' : ''}${d1(delta)}`,
                })}
              </p>
            )}
          </section>
          {runs.length > 0 && (
            <AccountHistory
              accountId={idAt(r, row)}
              runs={runs}
              project={project}
              asOf={r.asOf}
              stageNow={stageIdx >= 0 ? r.stageIds[stageIdx] : null}
            />
          )}
        </>
      )}
    </div>
  );
}
