import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { runHeader } from '../../store/runStore';
import { formatCount } from '../../util/format';
import { colorHex, colorLabel } from './colors';

/**
 * What a reload shows at once: the stored run's own summary (counts by colour and CTAs, saved
 * with the run), while the dataset loads and the run is re-derived in the scoring worker. Only
 * numbers the run stored are shown; what needs every account (the funnel, ready / stuck,
 * drill-down, the tabs) is named as loading until the full results replace this card.
 */
export function StoredDashboard({ run, project }: { run: RunRow; project: Project }) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  const { summary } = runHeader(run);
  const hex = colorHex(project.health);
  const scored = summary.byColor.reduce((s, c) => s + c.count, 0);
  const ctas = summary.ctasById.reduce((s, c) => s + c.count, 0);
  const order = project.health.bands.map((b) => b.id);
  const colors = [...summary.byColor].sort(
    (a, b) => order.indexOf(a.color) - order.indexOf(b.color),
  );
  const kpi = (id: string, label: string, value: number | null) => (
    <div className="stat">
      <div className="stat-value" data-testid={`stored-kpi-${id}`}>
        {value === null ? '…' : formatCount(value, lang)}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
  return (
    <div className="dash" data-testid="stored-dashboard">
      <p className="hint" role="status" data-testid="stored-dashboard-note">
        {t('storedRun.note', {
          date: new Date(run.createdAt).toLocaleString(lang),
          asOf: run.asOf,
          formatted: formatCount(run.rowCount, lang),
        })}
      </p>
      <div className="stats">
        {kpi('accounts', t('dash.accounts'), summary.rowCount)}
        {kpi('scored', t('dash.scored'), scored)}
        {kpi('ctas', t('dash.ctas'), ctas)}
        {kpi('ready', t('dash.ready'), null)}
        {kpi('stuck', t('dash.stuck'), null)}
      </div>
      <section className="card">
        <ul className="color-counts" data-testid="stored-color-counts">
          {colors.map((c) => (
            <li key={c.color}>
              <span className="swatch" style={{ background: hex[c.color] ?? '#9e9e9e' }} />{' '}
              {colorLabel(project.health, c.color, t)}{' '}
              <strong data-testid={`stored-color-count-${c.color}`}>
                {formatCount(c.count, lang)}
              </strong>
            </li>
          ))}
          {scored < summary.rowCount && (
            <li>
              {t('colors.none')} <strong>{formatCount(summary.rowCount - scored, lang)}</strong>
            </li>
          )}
        </ul>
        <p className="hint">{t('storedRun.loading')}</p>
      </section>
    </div>
  );
}
