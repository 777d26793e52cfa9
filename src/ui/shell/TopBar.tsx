import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { useOpenProject } from '../common/useProject';
import { Button, FileButton } from '../common';
import { UndoButtons } from './UndoButtons';
import { exportProject, importProjectFile } from '../projects/projectIo';
import { LanguageSwitch } from './LanguageSwitch';
import { ProjectName } from './ProjectName';
import { SaveStatus } from './SaveStatus';

const PlaybookActions = lazy(() => import('../playbook/PlaybookActions'));

/** Brand and projects link; with a project open: name, save status, undo/redo, export. */
export function TopBar() {
  const { t } = useTranslation('shell');
  const project = useOpenProject();
  const title = project ? `${project.meta.name} — ${t('appName')}` : t('appName');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <header className="topbar">
      <a className="brand" href="#/" data-testid="nav-projects" title={t('projects')}>
        <img src="/favicon.svg" alt="" width={22} height={22} />
        <span>{t('appName')}</span>
      </a>
      {project && (
        <>
          <span className="topbar-sep" aria-hidden="true">
            /
          </span>
          <ProjectName />
          <SaveStatus />
          <UndoButtons />
        </>
      )}
      <div className="topbar-spacer" />
      {project && (
        <Suspense fallback={null}>
          <PlaybookActions />
        </Suspense>
      )}
      {project && (
        <Button
          data-testid="export-project"
          title={t('exportTitle')}
          onClick={() => projectStore.current && exportProject(projectStore.current)}
        >
          {t('common:export')}
        </Button>
      )}
      <FileButton
        testId="import-project"
        accept=".json,application/json"
        title={t('importTitle')}
        onFile={(f) => void importProjectFile(f)}
      >
        {t('common:import')}
      </FileButton>
      <LanguageSwitch />
    </header>
  );
}
