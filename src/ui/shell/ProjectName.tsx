import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';

/** The open project's name; click to rename (an undoable edit like any other). */
export function ProjectName() {
  const name = useProject((p) => p.meta.name);
  const { t } = useTranslation('shell');
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    const n = draft?.trim();
    setDraft(null);
    if (n && n !== name)
      projectStore.edit('rename project', (d) => {
        d.meta.name = n;
      });
  };
  if (draft !== null) {
    return (
      <input
        className="project-name-input"
        data-testid="project-name-input"
        aria-label={t('projectName')}
        autoFocus
        value={draft}
        data-native-undo
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    );
  }
  return (
    <button
      type="button"
      className="project-name"
      data-testid="project-name"
      title={t('renameHint')}
      onClick={() => setDraft(name)}
    >
      {name}
    </button>
  );
}
