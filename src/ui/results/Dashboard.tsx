import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { stageFunnel, type FunnelRow, type Summary } from '../../engine';
import type { Project } from '../../model';
import { formatCount, formatShare } from '../../util/format';
import { readableTextOn } from '../../util/contrast';
import { colorHex, colorLabel } from './colors';
import { ColourBars, SegmentBars, type SegmentRow } from './DashCharts';
import type { AccountFilter } from './place';
import type { RunOutcome } from './runState';

const NO_COLOUR = '#9e9e9e';

/**
 * What the dashboard draws: the run's summary, its ids and its stage funnel — from the scored
 * run (dashboardOf), or from a stored run's header after a reload (StoredDashboard), the same
 * numbers either way (the run worker stores them with the run).
 */
export interface DashboardData {
  rowCount: number;
  colorIds: string[];
  segmentIds: string[];
  summary: Summary;
  funnel: FunnelRow[];
}

const funnels = new WeakMap<object, FunnelRow[]>();

/** The dashboard's data of a scored run (its funnel counted once per run, in the worker). */
export function dashboardOf(outcome: RunOutcome): DashboardData {
  const r = outcome.result;
  // Counted by the scoring worker; else once here (stageFunnel).
  let funnel = outcome.funnel ?? funnels.get(r);
  if (!funnel) funnels.set(r, (funnel = stageFunnel(r)));
  return {
    rowCount: r.rowCount,
    colorIds: r.colorIds,
    segmentIds: r.segmentIds,
    summary: outcome.summary,
    funnel,
  };
}

/**
 * Colour distribution overall and by segment, the stage funnel, and CTA counts. Every count opens
 * the account list filtered to it (`onDrill`), so a number on a chart can be traced to accounts.
 */
export function Dashboard({
  data: r,
  project,
  onDrill,
}: {
  data: DashboardData;
  project: Project;
  onDrill: (f: AccountFilter) => void;
}) {
  const { t, i18n } = useTranslation('results');
  const { t: tw } = useTranslation('resultsWork');
  const lang = i18n.language;
  const { summary, funnel } = r;
  const hex = colorHex(project.health);

  const bySegment = useMemo(() => {
    const seg = new Map<string, SegmentRow>();
    for (const e of summary.byColorSegmentStage) {
      const row = seg.get(e.segment) ?? {
        id: e.segment,
        label: project.segments.items.find((s) => s.id === e.segment)?.label || e.segment,
        counts: {},
      };
      const key = e.color || 'none';
      row.counts[key] = (row.counts[key] ?? 0) + e.count;
      seg.set(e.segment, row);
    }
    // In the order of the segments as defined (first-match-wins order), not of the summary.
    const order = r.segmentIds;
    return [...seg.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  }, [summary, project.segments.items, r.segmentIds]);

  const scored = summary.byColor.reduce((s, c) => s + c.count, 0);
  const ctaTotal = summary.ctasById.reduce((s, c) => s + c.count, 0);
  const ready = funnel.reduce((s, f) => s + f.ready, 0);
  const stuck = funnel.reduce((s, f) => s + f.stuck, 0);
  const stageLabel = (id: string) =>
    id ? (project.journey.stages.find((s) => s.id === id)?.label ?? id) : t('dash.unknownStage');
  // Band order (best first, as the model lists them), whatever order the summary has.
  const colorData = [...summary.byColor]
    .sort((a, b) => r.colorIds.indexOf(a.color) - r.colorIds.indexOf(b.color))
    .map((c) => ({
      id: c.color,
      label: colorLabel(project.health, c.color, t),
      count: c.count,
    }));
  if (scored < r.rowCount)
    colorData.push({ id: 'none', label: t('colors.none'), count: r.rowCount - scored });

  return (
    <div className="dash" data-testid="dashboard">
      <div className="stats">
        <Kpi label={t('dash.accounts')} value={r.rowCount} id="accounts" />
        <Kpi label={t('dash.scored')} value={scored} id="scored" />
        <Kpi label={t('dash.ctas')} value={ctaTotal} id="ctas" />
        <Kpi label={t('dash.ready')} value={ready} id="ready" />
        <Kpi label={t('dash.stuck')} value={stuck} id="stuck" />
      </div>
      <div className="dash-grid">
        <section className="card">
          <h3>{t('dash.colorTitle')}</h3>
          <p className="hint">{tw('drill')}</p>
          <ul className="color-counts" data-testid="color-counts">
            {colorData.map((c) => (
              <li key={c.id} data-color={c.id}>
                <button
                  type="button"
                  className="color-chip"
                  data-testid={`drill-color-${c.id}`}
                  style={{
                    background: hex[c.id] ?? NO_COLOUR,
                    color: readableTextOn(hex[c.id] ?? NO_COLOUR),
                  }}
                  onClick={() => onDrill({ color: c.id })}
                >
                  {c.label}
                </button>{' '}
                <strong data-testid={`color-count-${c.id}`}>{formatCount(c.count, lang)}</strong>{' '}
                <span className="hint">
                  ({formatShare(r.rowCount ? c.count / r.rowCount : 0, lang)})
                </span>
              </li>
            ))}
          </ul>
          <ColourBars
            height={220}
            bars={colorData.map((c) => ({ ...c, fill: hex[c.id] ?? NO_COLOUR }))}
            onPick={(id) => onDrill({ color: id })}
          />
        </section>
        <section className="card">
          <h3>{t('dash.bySegment')}</h3>
          <SegmentBars
            rows={bySegment}
            series={[...r.colorIds, 'none']
              .filter((c) => bySegment.some((row) => row.counts[c]))
              .map((c) => ({
                key: c,
                label: c === 'none' ? t('colors.none') : colorLabel(project.health, c, t),
                fill: hex[c] ?? NO_COLOUR,
              }))}
            onPick={(segment, color) => onDrill({ segment, color })}
          />
        </section>
      </div>
      <section className="card">
        <h3>{t('dash.funnelTitle')}</h3>
        <ul className="funnel-legend" data-testid="funnel-legend">
          <li>
            <span className="swatch funnel-ready" /> {tw('funnelLegend.ready')}
          </li>
          <li>
            <span className="swatch funnel-stuck" /> {tw('funnelLegend.stuck')}
          </li>
          <li>
            <span className="swatch funnel-rest" /> {tw('funnelLegend.rest')}
          </li>
        </ul>
        <table className="grid funnel" data-testid="stage-funnel">
          <thead>
            <tr>
              <th>{t('dash.stage')}</th>
              <th className="num">{t('dash.inStage')}</th>
              <th className="num">{t('dash.readyCol')}</th>
              <th className="num">{t('dash.behindCol')}</th>
              <th className="num">{t('dash.stuckCol')}</th>
              <th style={{ width: '40%' }} />
            </tr>
          </thead>
          <tbody>
            {funnel.map((f) => {
              const max = Math.max(1, ...funnel.map((x) => x.count));
              return (
                <tr
                  key={f.id || 'unknown'}
                  data-stage={f.id}
                  className="drill-row"
                  data-testid={`drill-stage-${f.id || 'unknown'}`}
                  onClick={() => onDrill({ stage: f.id || 'none' })}
                >
                  <td>
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        e.stopPropagation();
                        onDrill({ stage: f.id || 'none' });
                      }}
                    >
                      {stageLabel(f.id)}
                    </a>
                  </td>
                  <td className="num" data-testid={`funnel-${f.id || 'unknown'}-count`}>
                    {formatCount(f.count, lang)}
                  </td>
                  <td className="num" data-testid={`funnel-${f.id || 'unknown'}-ready`}>
                    {formatCount(f.ready, lang)}
                  </td>
                  <td className="num">{formatCount(f.behind, lang)}</td>
                  <td className="num" data-testid={`funnel-${f.id || 'unknown'}-stuck`}>
                    {formatCount(f.stuck, lang)}
                  </td>
                  <td>
                    <div className="funnel-bar" style={{ width: `${(100 * f.count) / max}%` }}>
                      <div
                        className="funnel-ready"
                        style={{ width: f.count ? `${(100 * f.ready) / f.count}%` : 0 }}
                      />
                      <div
                        className="funnel-stuck"
                        style={{ width: f.count ? `${(100 * f.stuck) / f.count}%` : 0 }}
                      />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{t('dash.ctaTitle')}</h3>
        <table className="grid">
          <thead>
            <tr>
              <th>{t('dash.type')}</th>
              <th>{t('dash.owner')}</th>
              <th className="num">{t('dash.count')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.ctasByTypeOwner.map((c) => (
              <tr key={`${c.type}|${c.owner}`}>
                <td>{t(`ctaTypes.${c.type}`)}</td>
                <td>{c.owner}</td>
                <td className="num">{formatCount(c.count, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Kpi({ label, value, id }: { label: string; value: number; id: string }) {
  const { i18n } = useTranslation();
  return (
    <div className="stat">
      <div className="stat-value" data-testid={`kpi-${id}`}>
        {formatCount(value, i18n.language)}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
