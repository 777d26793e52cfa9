import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../model';
import { newId } from '../../model';
import ExpressionInput from '../expr-editor/ExpressionInput';
import { editStage, noNewline, seal } from './edit';

/** Exit criteria of one stage: label, the measurable condition, and whether it is required. */
export const ExitCriteriaCell = memo(function ExitCriteriaCell({ stage }: { stage: Stage }) {
  const { t } = useTranslation('journey');
  return (
    <div className="jm-items">
      <ul>
        {stage.exitCriteria.map((c, i) => (
          <li key={c.id} className="jm-exit">
            <div className="jm-exit-row">
              <textarea
                rows={1}
                className="jm-text"
                onKeyDown={noNewline}
                value={c.label}
                placeholder={t('exit.labelPlaceholder')}
                aria-label={t('exit.labelAria', { stage: stage.label, n: i + 1 })}
                onChange={(e) =>
                  editStage(
                    t('undo.editExit'),
                    stage.id,
                    (s) => {
                      const x = s.exitCriteria.find((y) => y.id === c.id);
                      if (x) x.label = e.target.value;
                    },
                    `jm.${stage.id}.${c.id}.label`,
                  )
                }
                onBlur={seal}
              />
              <button
                type="button"
                className="jm-icon no-print"
                aria-label={t('exit.remove', { n: i + 1, stage: stage.label })}
                title={t('exit.remove', { n: i + 1, stage: stage.label })}
                onClick={() =>
                  editStage(t('undo.removeExit'), stage.id, (s) => {
                    s.exitCriteria = s.exitCriteria.filter((y) => y.id !== c.id);
                  })
                }
              >
                ×
              </button>
            </div>
            <ExpressionInput
              value={c.expr}
              scope="criterion"
              ariaLabel={t('exit.exprAria', { stage: stage.label, n: i + 1 })}
              onChange={(v) =>
                editStage(
                  t('undo.editExit'),
                  stage.id,
                  (s) => {
                    const x = s.exitCriteria.find((y) => y.id === c.id);
                    if (x) x.expr = v;
                  },
                  `jm.${stage.id}.${c.id}.expr`,
                )
              }
              onBlur={seal}
            />
            <label className="jm-check">
              <input
                type="checkbox"
                checked={c.required}
                onChange={(e) =>
                  editStage(t('undo.editExit'), stage.id, (s) => {
                    const x = s.exitCriteria.find((y) => y.id === c.id);
                    if (x) x.required = e.target.checked;
                  })
                }
              />
              {t('exit.required')}
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="jm-add no-print"
        aria-label={t('exit.addAria', { stage: stage.label })}
        onClick={() =>
          editStage(t('undo.addExit'), stage.id, (s) => {
            s.exitCriteria.push({ id: newId('x_'), label: '', expr: '', required: true });
          })
        }
      >
        + {t('exit.add')}
      </button>
    </div>
  );
});
