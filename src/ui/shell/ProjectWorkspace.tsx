import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocIssue, Project } from '../../model';
import { openProject } from '../../store/openProject';
import { exportProjectText, projectFileName } from '../../store/projectFile';
import { classifyStorageError } from '../../store/storageErrors';
import { projectStore } from '../../store/projectStore';
import { useOpenProject } from '../common/useProject';
import { downloadText, notify } from '../common';
import { ConflictDialogs } from './ConflictDialogs';
import { NavBar } from './NavBar';
import type { ViewId } from './routes';
import { ViewBoundary } from './ViewBoundary';
import { VIEW_COMPONENTS } from './views';

type LoadState =
  | { id: string; status: 'loading' }
  | { id: string; status: 'missing' }
  | { id: string; status: 'invalid'; issues: DocIssue[] };

/** Opens the project of the route and shows its view beside the navigation. */
export function ProjectWorkspace({
  id,
  view,
  onReady,
}: {
  id: string;
  view: ViewId;
  onReady: (ready: boolean) => void;
}) {
  const { t } = useTranslation('shell');
  const project = useOpenProject();
  const [load, setLoad] = useState<LoadState | null>(null);
  const isOpen = project?.id === id;

  useEffect(() => {
    if (projectStore.current?.id === id) return;
    setLoad({ id, status: 'loading' });
    void openProject(id).then(
      (r) => {
        if (!r.ok) {
          setLoad(
            r.reason === 'missing'
              ? { id, status: 'missing' }
              : { id, status: 'invalid', issues: r.issues },
          );
          return;
        }
        setLoad(null);
        if (r.recovered === 'applied') notify({ kind: 'info', text: t('recovered') });
        if (r.recovered === 'stale' && r.staleDoc) notifyStale(r.staleDoc, t);
      },
      (e: unknown) => {
        // IndexedDB itself failed (blocked storage, lost connection): say so instead of spinning.
        setLoad({
          id,
          status: 'invalid',
          issues: [{ path: '$', message: classifyStorageError(e).detail }],
        });
      },
    );
  }, [id, t]);

  const failed = load && load.id === id && load.status !== 'loading';
  useEffect(() => onReady(isOpen || !!failed), [isOpen, failed, onReady]);

  if (failed) {
    return (
      <div className="page-message" role="alert" data-testid="open-failed">
        <p>{load.status === 'missing' ? t('open.missing', { id }) : t('open.invalid', { id })}</p>
        {load.status === 'invalid' && (
          <ul className="issue-list">
            {load.issues.slice(0, 20).map((i, n) => (
              <li key={n}>
                <code>{i.path}</code> {i.message}
              </li>
            ))}
          </ul>
        )}
        <a href="#/" className="btn btn-primary">
          {t('open.back')}
        </a>
      </div>
    );
  }
  if (!isOpen) return <div className="page-message">{t('common:loading')}</div>;
  const View = VIEW_COMPONENTS[view];
  return (
    <div className="workspace">
      <NavBar projectId={id} view={view} />
      <main className="view" data-testid={`view-${view}`}>
        <ViewBoundary resetKey={view}>
          <Suspense fallback={<div className="page-message">{t('common:loading')}</div>}>
            <View />
          </Suspense>
        </ViewBoundary>
      </main>
      <ConflictDialogs />
    </div>
  );
}

function notifyStale(doc: Project, t: (k: string) => string) {
  notify({
    kind: 'info',
    text: t('staleRecovery'),
    action: {
      label: t('common:download'),
      run: () =>
        downloadText(exportProjectText(doc), `unsaved-${projectFileName(doc)}`, 'application/json'),
    },
  });
}
