import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { playbookFromProject } from '../../model';
import { useOpenProject } from '../common/useProject';
import { Button } from '../common';
import { useActiveDatasetState } from '../data/useActiveDataset';
import { runHeader } from '../../store/runStore';
import { AccountPage } from './AccountPage';
import { AccountTable } from './AccountTable';
import { Backtest } from './Backtest';
import { CtaQueue } from './CtaQueue';
import { Dashboard } from './Dashboard';
import { resultsStore } from './runState';
import '../data/data.css';
import './results.css';
import { defaultAsOf } from './defaultAsOf';
import { localTimeZone } from '../../util/localDate';

type Tab = 'dashboard' | 'ctas' | 'accounts' | 'backtest';

/** Results: run the playbook over the dataset, then the dashboard, CTA queue, accounts and backtest. */
export default function ResultsView() {
  const { t, i18n } = useTranslation('results');
  const project = useOpenProject()!;
  const data = useActiveDatasetState();
  const s = useSyncExternalStore(resultsStore.subscribe, resultsStore.get);
  const [asOf, setAsOf] = useState(() => defaultAsOf(project.asOf));
  const [tab, setTab] = useState<Tab>('dashboard');
  const [account, setAccount] = useState<number | null>(null);

  useEffect(() => {
    void resultsStore.open(project.id);
  }, [project.id]);

  const mine = s.projectId === project.id;
  const outcome =
    mine && s.outcome && data.meta && s.outcome.datasetId === data.meta.id ? s.outcome : null;
  const lastRun = mine ? s.runs[s.runs.length - 1] : undefined;

  // Coming back to a stored run: re-score it (not stored again) so every number can be explained.
  useEffect(() => {
    if (
      !mine ||
      outcome ||
      s.status !== 'idle' ||
      !lastRun ||
      !data.table ||
      !data.meta ||
      lastRun.datasetId !== data.meta.id
    )
      return;
    void resultsStore.run({
      projectId: project.id,
      playbook: playbookFromProject(project),
      asOf: lastRun.asOf,
      table: data.table,
      datasetId: data.meta.id,
      store: false,
    });
  }, [mine, outcome, s.status, lastRun, data.table, data.meta, project]);

  const run = () => {
    if (!data.table || !data.meta) return;
    setAccount(null);
    void resultsStore.run({
      projectId: project.id,
      playbook: playbookFromProject(project),
      asOf,
      timeZone: localTimeZone(),
      table: data.table,
      datasetId: data.meta.id,
      datasetName: data.meta.name,
      store: true,
    });
  };

  if (data.status === 'loading' || data.status === 'idle')
    return <div className="page">{t('loadingDataset')}</div>;
  if (!data.table)
    return (
      <div className="page" data-testid="results-no-dataset">
        <h1>{t('title')}</h1>
        <p>{t('noDataset')}</p>
      </div>
    );
  const running = s.status === 'running' && mine;
  const prev = outcome?.previous;
  const counts = outcome?.trend?.counts;

  return (
    <div className="page results-view">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <section className="card run-bar">
        <label className="inline">
          {t('run.asOf')}
          <input
            type="date"
            data-testid="run-asof"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
          />
        </label>
        <Button
          variant="primary"
          data-testid="run-playbook"
          disabled={running || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)}
          onClick={run}
        >
          {t('run.run')}
        </Button>
        {running && (
          <div className="run-progress" data-testid="run-progress">
            <span>
              {t('run.running', {
                count: data.table.rowCount,
                formatted: data.table.rowCount.toLocaleString(),
                phase: t(`run.phases.${s.phase}`, { defaultValue: s.phase }),
              })}
            </span>
            <progress max={1} value={s.fraction} />
            <Button data-testid="run-cancel" onClick={() => resultsStore.cancel()}>
              {t('run.cancel')}
            </Button>
          </div>
        )}
        <div className="run-info hint" data-testid="run-info">
          {outcome?.run
            ? t('run.last', {
                date: new Date(outcome.run.createdAt).toLocaleString(i18n.language),
                asOf: outcome.result.asOf,
                count: outcome.result.rowCount,
                formatted: outcome.result.rowCount.toLocaleString(),
              })
            : !running && !lastRun
              ? t('run.notRun')
              : ''}
          {outcome?.run?.timeZone && (
            <span data-testid="run-timezone">
              {' '}
              {t('run.timeZone', { zone: outcome.run.timeZone })}
            </span>
          )}
          {outcome &&
            (prev && counts ? (
              <>
                {' '}
                {t('run.previous', {
                  date: new Date(prev.createdAt).toLocaleString(i18n.language),
                  asOf: prev.asOf,
                  ...counts,
                })}
              </>
            ) : (
              <> {t('run.firstRun')}</>
            ))}
          {s.runs.length > 0 && <> · {t('run.stored', { count: s.runs.length })}</>}
        </div>
        {mine && s.status === 'failed' && (
          <div className="card-error run-error" role="alert" data-testid="run-error">
            {s.error === 'playbook'
              ? t('run.playbookErrors')
              : t('run.failed', { message: s.error })}
            {s.issues && (
              <ul>
                {s.issues.slice(0, 10).map((i, k) => (
                  <li key={k}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {!outcome &&
          lastRun &&
          !running &&
          s.status !== 'failed' &&
          lastRun.datasetId === data.meta?.id && <p className="hint">{t('run.rerun')}</p>}
        {!outcome && lastRun && lastRun.datasetId !== data.meta?.id && (
          <p className="hint">
            {t('run.last', {
              date: new Date(lastRun.createdAt).toLocaleString(i18n.language),
              asOf: lastRun.asOf,
              count: lastRun.rowCount,
              formatted: lastRun.rowCount.toLocaleString(),
            })}{' '}
            — {runHeader(lastRun).datasetName ?? ''}
          </p>
        )}
      </section>

      {outcome && account !== null && (
        <AccountPage
          outcome={outcome}
          project={project}
          row={account}
          onBack={() => setAccount(null)}
        />
      )}
      {outcome && account === null && (
        <>
          <nav className="tabs" role="tablist">
            {(['dashboard', 'ctas', 'accounts', 'backtest'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={`tab${tab === k ? ' active' : ''}`}
                data-testid={`tab-${k}`}
                onClick={() => setTab(k)}
              >
                {t(`tabs.${k}`)}
              </button>
            ))}
          </nav>
          {tab === 'dashboard' && <Dashboard outcome={outcome} project={project} />}
          {tab === 'ctas' && <CtaQueue outcome={outcome} project={project} onOpen={setAccount} />}
          {tab === 'accounts' && (
            <AccountTable outcome={outcome} project={project} onOpen={setAccount} />
          )}
          {tab === 'backtest' && <Backtest outcome={outcome} project={project} />}
        </>
      )}
    </div>
  );
}
