import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkFieldRename, renameField } from '../../playbook/renameField';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';

/**
 * A field id, renamed on Enter or blur (not per keystroke): the rename rewrites every
 * expression that reads the field, as one undo step. Escape puts the old id back.
 */
export function FieldIdInput({
  id,
  onRenamed,
}: {
  id: string;
  onRenamed: (from: string, to: string, changed: number) => void;
}) {
  const { t } = useTranslation('fields');
  const contract = useProject((p) => p.fields);
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = text === id ? null : checkFieldRename(contract, id, text);
  const commit = () => {
    if (text === id) return;
    if (problem) return;
    let changed = 0;
    projectStore.edit(t('undo.rename', { from: id, to: text }), (p) => {
      const r = renameField(p, id, text);
      if (r.ok) changed = r.changed.length;
    });
    onRenamed(id, text, changed);
  };
  return (
    <div className="fc-id">
      <input
        value={text}
        className={problem ? 'invalid' : undefined}
        aria-label={t('idAria', { id })}
        aria-invalid={problem ? true : undefined}
        data-testid={`field-id-${id}`}
        spellCheck={false}
        onChange={(e) => setText(e.target.value.trim())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape') {
            e.preventDefault();
            setText(id);
          }
        }}
        onBlur={commit}
      />
      {problem && (
        <span className="fc-error" role="alert">
          {t(`renameProblem.${problem}`, { id: text })}
        </span>
      )}
    </div>
  );
}
