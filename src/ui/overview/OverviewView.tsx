import { useTranslation } from 'react-i18next';
import { useOpenProject } from '../common/useProject';
import { routeHash } from '../shell/routes';
import { CtaTable } from './CtaTable';
import { HealthOverview } from './HealthOverview';
import { useLatestRun } from './useLatestRun';
import '../journey/journey.css';
import './overview.css';

/** The model at a glance: the health model on one screen and a table of every CTA. */
export default function OverviewView() {
  const { t } = useTranslation('overview');
  const project = useOpenProject();
  const { run } = useLatestRun(project?.id ?? '');
  if (!project) return null;
  const href = (view: 'health' | 'ctas') => routeHash({ kind: 'project', id: project.id, view });
  return (
    <section className="ov-view" aria-labelledby="ov-title">
      <h2 id="ov-title">{t('title')}</h2>
      <p className="jm-muted">{t('intro')}</p>
      <HealthOverview project={project} href={href('health')} />
      <CtaTable project={project} run={run} href={href('ctas')} />
    </section>
  );
}
