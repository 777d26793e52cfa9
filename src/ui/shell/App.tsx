import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { seedDemoWithRun } from '../results/demoRun';
import { useTranslation } from 'react-i18next';
import { bootstrap, DEMO_PROJECT_ID, watchVersionChange } from '../../store/bootstrap';
import { navigate } from './routes';
import { MessageArea, notify } from '../common';
import { ProjectWorkspace } from './ProjectWorkspace';
import { TopBar } from './TopBar';
import { useHistoryKeys } from './useHistoryKeys';
import { useLeaveGuard } from './useLeaveGuard';
import { useRoute } from './useRoute';
import { useZodLocale } from './useZodLocale';

// The project list (with the new-project dialog and the starter templates it names, ~70 kB) is a
// chunk of its own: a reload into a project does not evaluate it with the entry.
const ProjectList = lazy(() =>
  import('../projects/ProjectList').then((m) => ({ default: m.ProjectList })),
);

/**
 * The app shell: top bar, then either the project list (#/) or an open project's workspace
 * (#/p/<id>/<view>). `data-ready` tells tests the page has settled after bootstrap.
 */
export default function App() {
  const requested = useRoute();
  // Leaving a project (back to the list, or to another one) saves and closes it, or asks first.
  const { shown: route, dialog: leaveDialog } = useLeaveGuard(requested);
  const [booted, setBooted] = useState(false);
  const [readyKey, setReadyKey] = useState<string | null>(null);
  const { t, i18n } = useTranslation('shell');
  useHistoryKeys();
  useZodLocale();

  useEffect(
    () =>
      watchVersionChange(() =>
        notify({
          kind: 'error',
          text: t('upgraded'),
          action: { label: t('reload'), run: () => location.reload() },
        }),
      ),
    [t],
  );

  useEffect(() => {
    // The demo is made in the UI language of the first start, and scored at once; a first start
    // at the bare address opens it on its Results dashboard (an explicit #/ keeps the list).
    bootstrap(seedDemoWithRun, i18n.language.startsWith('ja') ? 'ja' : 'en')
      .then((r) => {
        if (r.seeded && (location.hash === '' || location.hash === '#'))
          navigate({ kind: 'project', id: DEMO_PROJECT_ID, view: 'results' });
      })
      .catch((e) => console.error('Waymark: bootstrap failed', e))
      .finally(() => setBooted(true));
    // Once, at start: a language switch later does not re-run the bootstrap.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const routeKey = route.kind === 'list' ? 'list' : `p/${route.id}`;
  // Ready is tied to the route it was reported for, so a stale report never counts.
  const onReady = useCallback((r: boolean) => setReadyKey(r ? routeKey : null), [routeKey]);
  const pageReady = readyKey === routeKey;

  return (
    <div className="app" data-testid="app" data-ready={booted && pageReady ? 'true' : 'false'}>
      <TopBar />
      {booted &&
        (route.kind === 'list' ? (
          <Suspense fallback={<div className="page-message">{t('common:loading')}</div>}>
            <ProjectList onReady={onReady} />
          </Suspense>
        ) : (
          <ProjectWorkspace key={route.id} id={route.id} view={route.view} onReady={onReady} />
        ))}
      {leaveDialog}
      <MessageArea />
    </div>
  );
}
