import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { runHeader } from '../../store/runStore';

/**
 * Every CTA in one table: type, trigger, owner, stages, segments, and how many accounts it
 * fired for in the newest stored run (the run's own count, by CTA id).
 */
export function CtaTable({
  project,
  run,
  href,
}: {
  project: Project;
  run: RunRow | null;
  href: string;
}) {
  const { t, i18n } = useTranslation(['overview', 'journey']);
  const stageLabel = new Map(project.journey.stages.map((s) => [s.id, s.label || s.id]));
  const segLabel = new Map(project.segments.items.map((s) => [s.id, s.label || s.id]));
  const fired = run ? new Map(runHeader(run).summary.ctasById.map((c) => [c.id, c.count])) : null;
  const names = (ids: string[], labels: Map<string, string>) =>
    ids.length === 0 ? t('ctas.all') : ids.map((id) => labels.get(id) ?? id).join(', ');
  const fmt = new Intl.NumberFormat(i18n.language);
  return (
    <section className="ov-section" aria-labelledby="ov-ctas">
      <h3 id="ov-ctas">
        <a href={href}>{t('ctas.title')}</a>
      </h3>
      <p className="jm-muted" data-testid="ov-run">
        {run
          ? t('ctas.lastRun', { asOf: run.asOf, date: run.createdAt.slice(0, 10) })
          : t('ctas.noRun')}
      </p>
      {project.ctas.length === 0 ? (
        <p className="jm-muted">{t('ctas.empty')}</p>
      ) : (
        <table className="ov-table ov-ctas" data-testid="ov-cta-table">
          <thead>
            <tr>
              <th>{t('ctas.type')}</th>
              <th>{t('ctas.label')}</th>
              <th>{t('ctas.trigger')}</th>
              <th>{t('ctas.owner')}</th>
              <th>{t('ctas.stages')}</th>
              <th>{t('ctas.segments')}</th>
              <th className="ov-num">{t('ctas.fired')}</th>
            </tr>
          </thead>
          <tbody>
            {project.ctas.map((c) => {
              const n = fired?.get(c.id);
              return (
                <tr key={c.id} data-cta={c.id}>
                  <td>
                    <span className={`jm-cta jm-cta-${c.type}`}>
                      {t(`journey:ctaType.${c.type}`)}
                    </span>
                  </td>
                  <td>{c.label || c.id}</td>
                  <td>
                    <code>{c.trigger}</code>
                  </td>
                  <td>{c.ownerRole || <span className="jm-muted">{t('ctas.routed')}</span>}</td>
                  <td>{names(c.stages, stageLabel)}</td>
                  <td>{names(c.segments, segLabel)}</td>
                  <td className="ov-num" data-testid="ov-fired">
                    {!fired ? (
                      <span className="jm-muted">{t('ctas.notRun')}</span>
                    ) : n === undefined ? (
                      <span className="jm-muted">{t('ctas.notInRun')}</span>
                    ) : (
                      fmt.format(n)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
