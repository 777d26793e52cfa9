import { useTranslation } from 'react-i18next';
import type { AccountSelection, CriterionInfo } from '../../engine';
import type { Project } from '../../model';
import { colorLabel } from './colors';

/** "Filtered from the journey map: stage Onboarding · exit criterion … not met" and a way out. */
export function FilterChip({
  filter,
  project,
  criteria,
  onClear,
}: {
  filter: AccountSelection;
  project: Project;
  /** The run's exit criteria (their labels as the run had them). */
  criteria: CriterionInfo[];
  onClear: () => void;
}) {
  const { t } = useTranslation('journeyLive');
  const { t: tr } = useTranslation('results');
  const stage = project.journey.stages.find((s) => s.id === filter.stage);
  const parts: string[] = [];
  if (filter.stage !== undefined)
    parts.push(
      filter.stage === ''
        ? t('filter.unknownStage')
        : t('filter.stage', { stage: stage?.label || filter.stage }),
    );
  if (filter.segment !== undefined)
    parts.push(
      t('filter.segment', {
        segment:
          project.segments.items.find((s) => s.id === filter.segment)?.label ?? filter.segment,
      }),
    );
  if (filter.color !== undefined)
    parts.push(
      t('filter.color', {
        color: filter.color ? colorLabel(project.health, filter.color, tr) : tr('colors.none'),
      }),
    );
  if (filter.criterion !== undefined && filter.status) {
    const c = criteria.find((x) => x.stage === filter.stage && x.id === filter.criterion);
    const status = { met: 'met', not_met: 'notMet', unknown: 'unknown' }[filter.status];
    parts.push(
      t('filter.criterion', {
        criterion: c?.label || filter.criterion,
        status: t(`cell.${status}`),
      }),
    );
  }
  if (filter.ready) parts.push(t('filter.ready'));
  if (filter.progress) parts.push(t(`filter.${filter.progress}`));
  if (filter.daysKnown) parts.push(t('filter.daysKnown'));
  if (filter.cta !== undefined)
    parts.push(
      t('filter.cta', { cta: project.ctas.find((c) => c.id === filter.cta)?.label || filter.cta }),
    );
  if (filter.ctaType !== undefined)
    parts.push(t('filter.ctaType', { type: tr(`ctaTypes.${filter.ctaType}`) }));
  return (
    <div className="filter-chip" role="status" data-testid="account-filter">
      <span>
        {t('filter.title')} <strong data-testid="account-filter-text">{parts.join(' · ')}</strong>
      </span>{' '}
      <button type="button" data-testid="account-filter-clear" onClick={onClear}>
        {t('filter.clear')}
      </button>
    </div>
  );
}
