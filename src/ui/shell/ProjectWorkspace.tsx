import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocIssue } from '../../model';
import { openProject, type OfferedJournal } from '../../store/openProject';
import { classifyStorageError } from '../../store/storageErrors';
import { projectStore } from '../../store/projectStore';
import { useOpenProject } from '../common/useProject';
import { notify } from '../common';
import { ConflictDialogs } from './ConflictDialogs';
import { JournalOffers } from './JournalOffers';
import { NavBar } from './NavBar';
import { navigate, type ViewId } from './routes';
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
  const [offers, setOffers] = useState<OfferedJournal[]>([]);
  const isOpen = project?.id === id;

  useEffect(() => {
    if (projectStore.current?.id === id) return;
    setLoad({ id, status: 'loading' });
    void openProject(id).then(
      (r) => {
        if (!r.ok && r.reason === 'blocked') {
          // The open project has edits that cannot be stored yet: stay with it (App explains).
          const cur = projectStore.current;
          if (cur) navigate({ kind: 'project', id: cur.id, view });
          return;
        }
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
        setOffers(r.offered);
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
    // The view only matters for a refused open; re-running on a view change would reopen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
        <JournalOffers
          offers={offers}
          onDone={(key) => setOffers((o) => o.filter((x) => x.key !== key))}
        />
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
