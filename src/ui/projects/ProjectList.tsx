import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getTemplate } from '../../model/templates';
import {
  deleteProject,
  duplicateProject,
  renameProject,
  type ProjectSummary,
} from '../../store/projects';
import { classifyStorageError } from '../../store/storageErrors';
import { Button, ConfirmDialog, notify } from '../common';
import { routeHash } from '../shell/routes';
import { DEMO_PROJECT_ID } from '../../store/bootstrap';
import { NewProjectDialog } from './NewProjectDialog';
import { RenameDialog } from './RenameDialog';
import { useProjectList } from './useProjectList';

type Pending = { kind: 'rename' | 'delete'; project: ProjectSummary } | null;

/** The project list: open, create, rename, duplicate, delete (confirmed). */
export function ProjectList({ onReady }: { onReady: (ready: boolean) => void }) {
  const { t, i18n } = useTranslation('projects');
  const { list, error } = useProjectList();
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  useEffect(() => onReady(list !== null || error !== null), [list, error, onReady]);

  const fail = (action: string) => (e: unknown) =>
    notify({
      kind: 'error',
      text: t('failed', { action, message: classifyStorageError(e).detail }),
    });
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <main className="page projects-page" data-testid="project-list">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <Button variant="primary" data-testid="new-project" onClick={() => setCreating(true)}>
          + {t('new')}
        </Button>
      </div>
      <p className="hint">{t('shell:backup')}</p>
      {error !== null && (
        <p className="error" role="alert">
          {t('failed', { action: t('title'), message: classifyStorageError(error).detail })}
        </p>
      )}
      {list && list.length === 0 && <p className="empty">{t('empty')}</p>}
      {list && list.length > 0 && (
        <ul className="project-rows">
          {list.map((p) => (
            <li key={p.id} className="project-row" data-testid="project-row" data-project-id={p.id}>
              <a
                className="project-row-main"
                // The demo opens on its Results dashboard (its first run is stored at first start).
                href={routeHash({
                  kind: 'project',
                  id: p.id,
                  view: p.id === DEMO_PROJECT_ID ? 'results' : 'diagrams',
                })}
              >
                <span className="project-row-name" data-testid="project-row-name">
                  {p.name}
                </span>
                <span className="project-row-meta">
                  {t('updated', { date: fmt.format(new Date(p.updatedAt)) })}
                  {p.template && getTemplate(p.template) && (
                    <>
                      {' '}
                      ·{' '}
                      {t('template', {
                        name: getTemplate(p.template)!.nameIn(
                          i18n.language.startsWith('ja') ? 'ja' : 'en',
                        ),
                      })}
                    </>
                  )}
                </span>
                {p.description && <span className="project-row-desc">{p.description}</span>}
              </a>
              <div
                className="project-row-actions"
                role="group"
                aria-label={t('actions', { name: p.name })}
              >
                <Button
                  variant="ghost"
                  data-testid="project-rename"
                  onClick={() => setPending({ kind: 'rename', project: p })}
                >
                  {t('common:rename')}
                </Button>
                <Button
                  variant="ghost"
                  data-testid="project-duplicate"
                  onClick={() =>
                    duplicateProject(p.id, t('copyName', { name: p.name }))
                      // The copy has the model only: say so, so nobody looks for the data there.
                      .then((c) =>
                        notify({ kind: 'info', text: t('duplicated', { name: c.meta.name }) }),
                      )
                      .catch(fail(t('common:duplicate')))
                  }
                >
                  {t('common:duplicate')}
                </Button>
                <Button
                  variant="ghost"
                  data-testid="project-delete"
                  onClick={() => setPending({ kind: 'delete', project: p })}
                >
                  {t('common:delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <NewProjectDialog open={creating} onClose={() => setCreating(false)} />
      <RenameDialog
        open={pending?.kind === 'rename'}
        title={t('renameDialog.title')}
        initial={pending?.project.name ?? ''}
        onClose={() => setPending(null)}
        onSubmit={(name) => {
          const p = pending!.project;
          setPending(null);
          renameProject(p.id, name).catch(fail(t('common:rename')));
        }}
      />
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        danger
        testId="delete-dialog"
        title={t('deleteDialog.title', { name: pending?.project.name ?? '' })}
        confirmLabel={t('common:delete')}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const p = pending!.project;
          setPending(null);
          deleteProject(p.id).catch(fail(t('common:delete')));
        }}
      >
        <p>{t('deleteDialog.body')}</p>
      </ConfirmDialog>
    </main>
  );
}
