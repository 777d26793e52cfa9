import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSegmentId, renameSegmentId } from '../../playbook/renameSegment';
import { projectStore } from '../../store/projectStore';
import { notify } from '../common';

/**
 * The segment id, edited apart from its label. Renaming it renames every reference (default,
 * overrides, CTAs, `segment == '…'` in rules) in one undo step.
 */
export function SegmentIdInput({ id, items }: { id: string; items: readonly { id: string }[] }) {
  const { t } = useTranslation('resultsWork');
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = text === id ? null : checkSegmentId(items, id, text);
  const commit = () => {
    if (text === id || problem) return;
    let changed = 0;
    projectStore.edit(t('segmentId.undo'), (p) => {
      const r = renameSegmentId(p, id, text);
      if (r.ok) changed = r.changed.length;
    });
    notify({ kind: 'info', text: t('segmentId.renamed', { from: id, to: text, count: changed }) });
  };
  return (
    <input
      className={`hm-segment-id${problem ? ' invalid' : ''}`}
      data-testid={`segment-id-${id}`}
      value={text}
      spellCheck={false}
      title={problem ? t(`segmentId.problem.${problem}`, { id: text }) : t('segmentId.hint')}
      aria-label={t('segmentId.aria', { id })}
      aria-invalid={problem ? true : undefined}
      onChange={(e) => setText(e.target.value.trim())}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
        if (e.key === 'Escape') setText(id);
      }}
      onBlur={() => {
        if (problem) setText(id);
        else commit();
      }}
    />
  );
}
