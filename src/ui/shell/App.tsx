import { useCallback, useEffect, useState } from 'react';
import { seedDemoDataset } from '../../store/demoSeed';
import { useTranslation } from 'react-i18next';
import { bootstrap, watchVersionChange } from '../../store/bootstrap';
import { closeProject } from '../../store/openProject';
import { MessageArea, notify } from '../common';
import { ProjectList } from '../projects/ProjectList';
import { ProjectWorkspace } from './ProjectWorkspace';
import { TopBar } from './TopBar';
import { useHistoryKeys } from './useHistoryKeys';
import { useRoute } from './useRoute';
import { useZodLocale } from './useZodLocale';

/**
 * The app shell: top bar, then either the project list (#/) or an open project's workspace
 * (#/p/<id>/<view>). `data-ready` tells tests the page has settled after bootstrap.
 */
export default function App() {
  const route = useRoute();
  const [booted, setBooted] = useState(false);
  const [readyKey, setReadyKey] = useState<string | null>(null);
  const { t } = useTranslation('shell');
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
    bootstrap(seedDemoDataset)
      .catch((e) => console.error('Waymark: bootstrap failed', e))
      .finally(() => setBooted(true));
  }, []);

  // Leaving a project (back to the list) saves and closes it.
  useEffect(() => {
    if (route.kind === 'list') void closeProject();
  }, [route.kind]);

  const routeKey = route.kind === 'list' ? 'list' : `p/${route.id}`;
  // Ready is tied to the route it was reported for, so a stale report never counts.
  const onReady = useCallback((r: boolean) => setReadyKey(r ? routeKey : null), [routeKey]);
  const pageReady = readyKey === routeKey;

  return (
    <div className="app" data-testid="app" data-ready={booted && pageReady ? 'true' : 'false'}>
      <TopBar />
      {booted &&
        (route.kind === 'list' ? (
          <ProjectList onReady={onReady} />
        ) : (
          <ProjectWorkspace key={route.id} id={route.id} view={route.view} onReady={onReady} />
        ))}
      <MessageArea />
    </div>
  );
}
