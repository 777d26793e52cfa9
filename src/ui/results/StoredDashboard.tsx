import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { runHeader } from '../../store/runStore';
import { formatCount } from '../../util/format';
import { colorHex, colorLabel } from './colors';
import { Dashboard, type DashboardData } from './Dashboard';
import type { AccountFilter } from './place';

/**
 * What a reload shows at once, while the dataset loads and the run is re-derived in the scoring
 * worker: the dashboard drawn from the stored run's header — its summary, ids and stage funnel,
 * saved with the run, the numbers the re-derived run gives (scoring is deterministic). A count
 * clicked meanwhile opens its accounts once they are loaded. Runs stored before the funnel was
 * saved show only their stored counts, with what needs every account named as loading.
 */
export function StoredDashboard({
  run,
  project,
  onDrill,
}: {
  run: RunRow;
  project: Project;
  onDrill: (f: AccountFilter) => void;
}) {
  const data = useMemo(() => storedDashboardData(run), [run]);
  return <DashboardSlot data={data} stored={run} project={project} onDrill={onDrill} />;
}

/** The dashboard's data saved with a stored run; null for a run stored before its funnel was. */
export function storedDashboardData(run: RunRow): DashboardData | null {
  const h = runHeader(run);
  if (!h.funnel) return null;
  return {
    rowCount: run.rowCount,
    colorIds: h.colorIds,
    segmentIds: h.segmentIds,
    summary: h.summary,
    funnel: h.funnel,
  };
}

/**
 * The Results screen's one dashboard: the stored run's after a reload (`stored`, with its note),
 * then the re-derived run's in the same place. ResultsView keeps this one component mounted
 * (keyed) from the first draw after a reload, through the dataset's arrival, to the re-derived
 * run: the dashboard is then redrawn with the same numbers, not built again — a million-account
 * reload built it three times (DOM, recharts' layout and text measurement), each a long task.
 * `data` null: a stored run without its funnel (its stored counts only).
 */
export const DashboardSlot = memo(function DashboardSlot({
  data,
  stored,
  project,
  onDrill,
}: {
  data: DashboardData | null;
  stored?: RunRow;
  project: Project;
  onDrill: (f: AccountFilter) => void;
}) {
  if (!data) return stored ? <StoredCounts run={stored} project={project} /> : null;
  // The same element types whether stored or not, so React keeps the dashboard's DOM.
  return (
    <div data-testid={stored ? 'stored-dashboard' : 'run-dashboard'}>
      {stored ? <StoredNote run={stored} /> : null}
      <Dashboard data={data} project={project} onDrill={onDrill} />
    </div>
  );
});

function StoredNote({ run }: { run: RunRow }) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  return (
    <p className="hint" role="status" data-testid="stored-dashboard-note">
      {t('storedRun.note', {
        date: new Date(run.createdAt).toLocaleString(lang),
        asOf: run.asOf,
        formatted: formatCount(run.rowCount, lang),
      })}
    </p>
  );
}

/** A run stored before its funnel was: its stored counts, the rest named as loading. */
function StoredCounts({ run, project }: { run: RunRow; project: Project }) {
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
      <StoredNote run={run} />
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
