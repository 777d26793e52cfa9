import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { BEHIND, STUCK } from '../../engine';
import type { Project } from '../../model';
import { colorHex, colorLabel } from './colors';
import type { RunOutcome } from './runState';

/** Colour distribution overall and by segment, the stage funnel, and CTA counts. */
export function Dashboard({ outcome, project }: { outcome: RunOutcome; project: Project }) {
  const { t } = useTranslation('results');
  const { result: r, summary } = outcome;
  const hex = colorHex(project.health);

  const funnel = useMemo(() => {
    const rows = r.stageIds.map((id) => ({ id, count: 0, ready: 0, behind: 0, stuck: 0 }));
    const unknown = { id: '', count: 0, ready: 0, behind: 0, stuck: 0 };
    for (let i = 0; i < r.rowCount; i++) {
      const s = r.stage[i];
      const row = s >= 0 ? rows[s] : unknown;
      row.count++;
      if (r.readyToAdvance[i]) row.ready++;
      if (r.progress[i] === BEHIND) row.behind++;
      else if (r.progress[i] === STUCK) row.stuck++;
    }
    return unknown.count ? [...rows, unknown] : rows;
  }, [r]);

  const bySegment = useMemo(() => {
    const seg = new Map<string, Record<string, number | string>>();
    for (const e of summary.byColorSegmentStage) {
      const row = seg.get(e.segment) ?? {
        segment: project.segments.items.find((s) => s.id === e.segment)?.label ?? e.segment,
      };
      const key = e.color || 'none';
      row[key] = ((row[key] as number) ?? 0) + e.count;
      seg.set(e.segment, row);
    }
    return [...seg.values()];
  }, [summary, project.segments.items]);

  const scored = summary.byColor.reduce((s, c) => s + c.count, 0);
  const ctaTotal = summary.ctasById.reduce((s, c) => s + c.count, 0);
  const ready = funnel.reduce((s, f) => s + f.ready, 0);
  const stuck = funnel.reduce((s, f) => s + f.stuck, 0);
  const stageLabel = (id: string) =>
    id ? (project.journey.stages.find((s) => s.id === id)?.label ?? id) : t('dash.unknownStage');
  const colorData = summary.byColor.map((c) => ({
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
          <ul className="color-counts" data-testid="color-counts">
            {colorData.map((c) => (
              <li key={c.id} data-color={c.id}>
                <span className="swatch" style={{ background: hex[c.id] ?? '#9e9e9e' }} /> {c.label}
                : <strong data-testid={`color-count-${c.id}`}>{c.count.toLocaleString()}</strong>{' '}
                <span className="hint">
                  ({r.rowCount ? ((100 * c.count) / r.rowCount).toFixed(1) : 0}%)
                </span>
              </li>
            ))}
          </ul>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={colorData} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" isAnimationActive={false}>
                {colorData.map((c) => (
                  <Cell key={c.id} fill={hex[c.id] ?? '#9e9e9e'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </section>
        <section className="card">
          <h3>{t('dash.bySegment')}</h3>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart
              data={bySegment}
              layout="vertical"
              margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="segment" width={150} />
              <Tooltip />
              <Legend />
              {[...r.colorIds, 'none']
                .filter((c) => bySegment.some((row) => row[c]))
                .map((c) => (
                  <Bar
                    key={c}
                    dataKey={c}
                    name={c === 'none' ? t('colors.none') : colorLabel(project.health, c, t)}
                    stackId="s"
                    fill={hex[c] ?? '#9e9e9e'}
                    isAnimationActive={false}
                  />
                ))}
            </BarChart>
          </ResponsiveContainer>
        </section>
      </div>
      <section className="card">
        <h3>{t('dash.funnelTitle')}</h3>
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
                <tr key={f.id || 'unknown'} data-stage={f.id}>
                  <td>{stageLabel(f.id)}</td>
                  <td className="num" data-testid={`funnel-${f.id || 'unknown'}-count`}>
                    {f.count.toLocaleString()}
                  </td>
                  <td className="num" data-testid={`funnel-${f.id || 'unknown'}-ready`}>
                    {f.ready.toLocaleString()}
                  </td>
                  <td className="num">{f.behind.toLocaleString()}</td>
                  <td className="num" data-testid={`funnel-${f.id || 'unknown'}-stuck`}>
                    {f.stuck.toLocaleString()}
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
                <td className="num">{c.count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Kpi({ label, value, id }: { label: string; value: number; id: string }) {
  return (
    <div className="stat">
      <div className="stat-value" data-testid={`kpi-${id}`}>
        {value.toLocaleString()}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
