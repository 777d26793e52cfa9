import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../model';
import { projectStore } from '../../store/projectStore';
import {
  deleteStage,
  isPlaceholderStageId,
  moveStage,
  renameStageId,
  stageIdFromLabel,
} from './stageOps';
import { editStage, noNewline, seal } from './edit';
import { StageIdInput } from './StageIdInput';

const DRAG_TYPE = 'application/x-waymark-stage';

/** Column header: stage name, reorder (drag, or the arrow buttons from the keyboard), delete. */
export const StageHeader = memo(function StageHeader({
  stage,
  index,
  stages,
  onDeleted,
}: {
  stage: Stage;
  index: number;
  /** Every stage's id, in order: the same array while no id changes (a keystroke in another stage's cell re-renders no header). */
  stages: readonly { id: string }[];
  onDeleted: (stageLabel: string, removedCtas: string[]) => void;
}) {
  const { t } = useTranslation('journey');
  const [over, setOver] = useState(false);
  const move = (to: number) =>
    projectStore.edit(t('undo.moveStage'), (p) => moveStage(p, stage.id, to));
  return (
    <th
      scope="col"
      className={`jm-stage-head${over ? ' jm-drop' : ''}`}
      data-stage={stage.id}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, stage.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const id = e.dataTransfer.getData(DRAG_TYPE);
        if (id && id !== stage.id) {
          e.preventDefault();
          projectStore.edit(t('undo.moveStage'), (p) => moveStage(p, id, index));
        }
      }}
    >
      <div className="jm-stage-title">
        <span className="jm-grip no-print" aria-hidden="true" title={t('dragHint')}>
          ⠿
        </span>
        <span className="jm-stage-num">{index + 1}</span>
        <textarea
          rows={1}
          className="jm-stage-label"
          onKeyDown={noNewline}
          value={stage.label}
          aria-label={t('stageNameAria', { n: index + 1 })}
          placeholder={t('stageNamePlaceholder')}
          onChange={(e) =>
            editStage(
              t('undo.renameStage'),
              stage.id,
              (s) => {
                s.label = e.target.value;
              },
              `jm.${stage.id}.label`,
            )
          }
          onBlur={() => {
            // A new stage (placeholder id) takes its id from its first name, in the same undo step.
            if (isPlaceholderStageId(stage.id) && stage.label.trim()) {
              const next = stageIdFromLabel(
                stage.label,
                stages.filter((s) => s.id !== stage.id).map((s) => s.id),
              );
              if (next !== stage.id && !isPlaceholderStageId(next)) {
                projectStore.edit(
                  t('undo.renameStage'),
                  (p) => {
                    renameStageId(p, stage.id, next);
                  },
                  { coalesceKey: `jm.${stage.id}.label` },
                );
              }
            }
            seal();
          }}
          draggable={false}
          onDragStart={(e) => e.preventDefault()}
        />
      </div>
      <div className="jm-stage-tools no-print">
        <StageIdInput id={stage.id} stages={stages} />
        <button
          type="button"
          className="jm-icon"
          disabled={index === 0}
          onClick={() => move(index - 1)}
          aria-label={t('moveLeft', { stage: stage.label })}
          title={t('moveLeft', { stage: stage.label })}
        >
          ←
        </button>
        <button
          type="button"
          className="jm-icon"
          disabled={index === stages.length - 1}
          onClick={() => move(index + 1)}
          aria-label={t('moveRight', { stage: stage.label })}
          title={t('moveRight', { stage: stage.label })}
        >
          →
        </button>
        <button
          type="button"
          className="jm-icon jm-danger"
          aria-label={t('deleteStage', { stage: stage.label })}
          title={t('deleteStage', { stage: stage.label })}
          onClick={() => {
            let removed: string[] = [];
            projectStore.edit(t('undo.deleteStage'), (p) => {
              removed = deleteStage(p, stage.id);
            });
            onDeleted(stage.label, removed);
          }}
        >
          ✕
        </button>
      </div>
    </th>
  );
});
