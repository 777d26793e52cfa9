import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cta, Stage } from '../../model';
import { projectStore } from '../../store/projectStore';
import { navigate } from '../shell/routes';
import { uniqueCtaId } from '../cta/edit';
import { requestCtaFocus } from '../cta/focusRequest';
import { ctasForStage } from './stageOps';

/** Open the CTA editor on one CTA. */
function openInEditor(ctaId: string, note = ''): void {
  const p = projectStore.current;
  if (!p) return;
  requestCtaFocus(ctaId, note);
  navigate({ kind: 'project', id: p.id, view: 'ctas' });
}

/** A new CTA scoped to one stage (the map's CTA cell); returns its id. */
export function addStageCta(stage: Pick<Stage, 'id' | 'label'>, label: string, undo: string) {
  let id = '';
  projectStore.edit(undo, (p) => {
    id = uniqueCtaId(
      p.ctas.map((c) => c.id),
      'cta',
    );
    const cta: Cta = {
      id,
      label,
      type: 'lifecycle',
      trigger: '',
      priority: 'medium',
      ownerRole: '',
      dueInDays: 7,
      segments: [],
      stages: [stage.id],
      steps: [],
    };
    p.ctas.push(cta);
  });
  return id;
}

/**
 * The map's CTA cell: the playbook's own CTAs that apply to the stage (there is no separate
 * free-text list), each opening the CTA editor, and "Add CTA" creating one scoped to the stage.
 */
export const CtaCell = memo(function CtaCell({ stage, ctas }: { stage: Stage; ctas: Cta[] }) {
  const { t } = useTranslation(['journey', 'mapCells']);
  const list = ctasForStage(ctas, stage.id);
  const add = () => {
    const label = t('mapCells:newCtaLabel', { stage: stage.label || stage.id });
    const id = addStageCta(stage, label, t('mapCells:undoAddCta'));
    openInEditor(id, t('mapCells:opened', { cta: label, stage: stage.label || stage.id }));
  };
  return (
    <div className="jm-items">
      {list.length === 0 ? (
        <span className="jm-muted">{t('noCtas')}</span>
      ) : (
        <ul className="jm-ctas">
          {list.map(({ cta, all }) => (
            <li key={cta.id} className={`jm-cta jm-cta-${cta.type}`} title={cta.trigger}>
              <span className="jm-cta-type">{t(`ctaType.${cta.type}`)}</span>{' '}
              <button
                type="button"
                className="jm-cta-open"
                data-cta={cta.id}
                aria-label={t('mapCells:openCta', { cta: cta.label || cta.id })}
                onClick={() => openInEditor(cta.id)}
              >
                {cta.label || cta.id}
              </button>
              {all && <span className="jm-muted"> ({t('allStages')})</span>}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="jm-add no-print"
        aria-label={t('mapCells:addCtaAria', { stage: stage.label || stage.id })}
        onClick={add}
      >
        + {t('mapCells:addCta')}
      </button>
    </div>
  );
});
