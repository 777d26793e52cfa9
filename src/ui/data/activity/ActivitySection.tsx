import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../../common/useProject';
import { localDate } from '../../../util/localDate';
import type { AccountTable } from '../../../table/columns';
import { activeActivity } from '../activeActivity';
import { ActivitySourceCard } from './ActivitySourceCard';

/**
 * Activity files (logins, seminars, contacts…) for the sources the playbook declares, each
 * linked to the stored account data. Events after the later of today and the project's as-of
 * date are reported as in the future.
 */
export function ActivitySection({
  accounts,
  accountsLoading,
}: {
  accounts: AccountTable | null;
  accountsLoading: boolean;
}) {
  const { t } = useTranslation('data');
  const projectId = useProject((p) => p.id);
  const sources = useProject((p) => p.activity) ?? [];
  const contract = useProject((p) => p.fields);
  const projectAsOf = useProject((p) => p.asOf);
  const timeZone = useProject((p) => p.timeZone);
  const s = useSyncExternalStore(activeActivity.subscribe, activeActivity.get);
  useEffect(() => activeActivity.ensure(projectId), [projectId]);
  const today = localDate();
  const asOf = projectAsOf && projectAsOf > today ? projectAsOf : today;
  const sets = s.projectId === projectId ? s.sets : [];
  return (
    <section className="activity-section" data-testid="activity-section">
      <h2>{t('activityView.title')}</h2>
      {sources.length === 0 ? (
        <p className="hint">{t('activityView.none')}</p>
      ) : (
        <>
          <p className="hint">{t('activityView.intro', { asOf })}</p>
          {sources.map((src) => (
            <ActivitySourceCard
              key={src.id}
              projectId={projectId}
              source={src}
              contract={contract}
              accounts={accounts}
              accountsLoading={accountsLoading}
              stored={sets.find((x) => x.source === src.id)}
              asOf={asOf}
              timeZone={timeZone}
            />
          ))}
        </>
      )}
    </section>
  );
}
