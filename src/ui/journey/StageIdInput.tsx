import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { checkStageId, renameStageId } from './stageOps';

/** The stage id, edited apart from its label: it is the value the data's stage field holds. */
export function StageIdInput({ id, stages }: { id: string; stages: readonly { id: string }[] }) {
  const { t } = useTranslation('journey');
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = text === id ? null : checkStageId(stages, id, text);
  const commit = () => {
    if (text !== id && !problem)
      projectStore.edit(t('undo.stageId'), (p) => {
        renameStageId(p, id, text);
      });
  };
  return (
    <>
      <input
        className={`jm-stage-id${problem ? ' invalid' : ''}`}
        value={text}
        spellCheck={false}
        title={problem ? t(`stageIdProblem.${problem}`, { id: text }) : t('stageIdHint')}
        aria-label={t('stageIdAria', { id })}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setText(e.target.value.trim())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape') {
            setText(id);
          }
        }}
        onBlur={() => {
          if (problem) setText(id);
          else commit();
        }}
        draggable={false}
        onDragStart={(e) => e.preventDefault()}
      />
    </>
  );
}
