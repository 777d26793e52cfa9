import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useRederiveLastRun } from './useRederiveLastRun';
import { useTranslation } from 'react-i18next';
import { diffPlaybooks, playbookFingerprint, playbookFromProject } from '../../model';
import { projectStore } from '../../store/projectStore';
import { useOpenProject } from '../common/useProject';
import { Button } from '../common';
import { useActiveDatasetState } from '../data/useActiveDataset';
import { runHeader } from '../../store/runStore';
import { AccountPage } from './AccountPage';
import { accountNames } from './accountNames';
import { prepareCtaCounts } from './accountRows';
import { AccountTable } from './AccountTable';
import { Backtest } from './Backtest';
import { CtaQueue } from './CtaQueue';
import { prepareQueue } from './queue';
import { dashboardOf } from './Dashboard';
import { resultsStore } from './runState';
import { defaultAsOf } from './asOfDefault';
import { projectAsRun } from './runProject';
import { StaleNotice } from './StaleNotice';
import { DashboardSlot, storedDashboardData } from './StoredDashboard';
import { HistoryTab } from './HistoryTab';
import { HistoryTransfer } from './HistoryTransfer';
import { useWarmHistory } from './useWarmHistory';
import { usePrepareLifecycle } from './useLifecycle';
import { ReplaceRunDialog } from './ReplaceRunDialog';
import { requestRun, runRequest } from './replaceRun';
import { whatIfStore } from './whatIf';
import { WhatIfPanel } from './WhatIfPanel';
import '../data/data.css';
import './results.css';
import { usePreparingDemo } from './demoRun';
import { formatCount } from '../../util/format';
import { useRoute } from '../shell/useRoute';
import { parseRoute, setViewQuery, writeViewQuery } from '../shell/routes';
import {
  parsePlace,
  placeNow as placeAt,
  placeQuery,
  RESULT_TABS,
  type ResultsPlace,
  type ResultTab,
} from './place';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { idAt, idIndexOf } from '../../table/runIds';

/** Results: run the playbook over the dataset, then the dashboard, CTA queue, accounts and backtest. */
export default function ResultsView() {
  const { t, i18n } = useTranslation('results');
  const { t: th } = useTranslation('history');
  const { t: tw } = useTranslation('resultsWork');
  const project = useOpenProject()!;
  // The dataset's arrival after a reload is drawn as a transition (a deferred value), in slices
  // that yield, and the effects it starts (the re-derived run) run in a task of their own: as the
  // external store's update it was one synchronous render, commit and effects (96–139 ms traced).
  const data = useDeferredValue(useActiveDatasetState());
  const s = useSyncExternalStore(resultsStore.subscribe, resultsStore.get);
  const [asOfPicked, setAsOf] = useState<string | null>(null);
  // The tab, the open account and the table's filters are in the address: reload and Back keep them.
  const route = useRoute();
  const place = useMemo(
    () => parsePlace(route.kind === 'project' ? route.query : undefined),
    [route],
  );
  const placeRef = useRef(place);
  placeRef.current = place;
  // The account search's text typed but not in the address yet (it is written once its answer
  // is drawn: history.replaceState costs the page ~1.5 ms and the browser process an update, so
  // not at every key). Dropped when the address changes (Back, a link, a tab).
  const typed = useRef<string | null>(null);
  useEffect(() => {
    const drop = () => {
      typed.current = null;
    };
    window.addEventListener('hashchange', drop);
    return () => window.removeEventListener('hashchange', drop);
  }, []);
  // The place now: the address, newer than the last render's when the search box wrote its text
  // there (writeViewQuery, no re-render), and the text typed since; so a tab, sort or filter
  // keeps the search.
  const placeNow = useCallback(() => {
    const now = parseRoute(location.hash);
    return placeAt(
      now.kind === 'project' ? (now.query ?? '') : null,
      placeRef.current,
      typed.current,
    );
  }, []);
  // Stable (they read the place when called), so the memoised body below is not redrawn for them.
  const go = useCallback(
    (patch: Partial<ResultsPlace>, replace = false) => {
      const next = placeQuery({ ...placeNow(), ...patch });
      typed.current = null;
      setViewQuery(next, replace);
    },
    [placeNow],
  );
  // The account search's text: remembered at each key, written into the address in place once
  // its answer is drawn (`write`); nothing re-rendered (the table shows the text from its own
  // state and sends the query itself).
  const searched = useCallback(
    (q: string, write: boolean) => {
      typed.current = q;
      if (!write) return;
      writeViewQuery(placeQuery(placeNow()));
      typed.current = null;
    },
    [placeNow],
  );
  // A reload right after a key keeps the text.
  useEffect(() => {
    const flush = () => {
      if (typed.current !== null) searched(typed.current, true);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [searched]);
  const tab = place.tab;
  const setAccount = useCallback(
    (row: number | null) =>
      go({
        account:
          row === null || !outcomeRef.current ? undefined : idAt(outcomeRef.current.result, row),
      }),
    [go],
  );

  useEffect(() => {
    void resultsStore.open(project.id);
  }, [project.id]);

  const mine = s.projectId === project.id;
  const latest =
    mine && s.outcome && data.meta && s.outcome.datasetId === data.meta.id ? s.outcome : null;
  // A run that arrives is drawn as a transition (a deferred value): React draws the results in
  // slices that yield, not in the store update's one task (a million-account run's body after a
  // reload: 0.3–0.5 s on a quiet machine, seconds under load). Everything below draws this one.
  const outcome = useDeferredValue(latest);
  const outcomeRef = useRef(outcome);
  outcomeRef.current = outcome;
  const account = useMemo(() => {
    if (!place.account || !outcome) return null;
    return idIndexOf(outcome.result, place.account);
  }, [place.account, outcome]);
  // What the body draws follows the tab and the open account as a deferred value: React draws a
  // new tab or account page as a transition, in slices that yield to input (a million-account
  // run's dashboard, history or CTA queue drawn in one task took 100–250 ms).
  const shownTab = useDeferredValue(tab);
  const shownAccount = useDeferredValue(account);
  const lastRun = mine ? s.runs[s.runs.length - 1] : undefined;
  const fallback = defaultAsOf({
    projectAsOf: project.asOf,
    lastRunAsOf: lastRun?.asOf,
    datasetCreatedAt: data.meta?.createdAt,
  });
  const asOf = asOfPicked ?? fallback.date;
  const current = useMemo(() => playbookFromProject(project), [project]);
  const changes = useMemo(
    () => (outcome && outcome.run ? diffPlaybooks(outcome.playbook, current) : []),
    [outcome, current],
  );
  // Memoised: both playbooks were fingerprinted (stringify + hash) on every render of the view,
  // a tab switch or a keystroke (stableStringify 13 ms in a profile of the accounts tab, load 7).
  const runPrint = useMemo(() => (outcome ? playbookFingerprint(outcome.playbook) : ''), [outcome]);
  const currentPrint = useMemo(() => playbookFingerprint(current), [current]);
  const stale = !!outcome && runPrint !== currentPrint;
  const shown = useMemo(
    () => (outcome ? projectAsRun(project, outcome.playbook) : project),
    [outcome, project],
  );

  // A stored run is shown by scoring its dataset with its own playbook, never the current one.
  useRederiveLastRun({
    projectId: project.id,
    mine,
    outcome: latest,
    status: s.status,
    lastRun,
    data,
  });
  // The CTA queue's entries, built while the page is idle after a run arrives (queue.ts).
  const shownRun = outcome?.result;
  useEffect(() => (shownRun ? prepareQueue(shownRun) : undefined), [shownRun]);
  // And the fired CTAs per row the account table sorts by (accountRows.ts).
  useEffect(() => (shownRun ? prepareCtaCounts(shownRun) : undefined), [shownRun]);

  // First start: the demo's run is being scored and stored (demoRun.ts); Run waits for it.
  const preparingDemo = usePreparingDemo(project.id);

  // A what-if preview of this project and dataset (whatIf.ts): shown instead of the tabs, gone
  // when the user leaves Results, switches project or reloads.
  const w = useSyncExternalStore(whatIfStore.subscribe, whatIfStore.get);
  const preview =
    w && w.opts.projectId === project.id && w.opts.datasetId === data.meta?.id ? w : null;
  useEffect(() => () => whatIfStore.discard(), [project.id]);
  // The date is remembered with the project (and so in its exported playbook's asOf).
  const goes = (date: string) => () => {
    setAccount(null);
    if (project.asOf !== date)
      projectStore.edit(th('asOf.remember'), (d) => {
        d.asOf = date;
      });
  };
  const request = (date: string) =>
    data.table && data.meta
      ? runRequest(project.id, current, date, { table: data.table, meta: data.meta })
      : null;
  const run = () => {
    const opts = request(asOf);
    if (!opts) return;
    // A date the history already holds: the user is asked to replace its run, preview the
    // current model against it (not stored), or cancel.
    requestRun(
      opts,
      () => (whatIfStore.discard(), goes(asOf)()),
      (against) => void whatIfStore.start({ ...opts, store: false }, against),
    );
  };
  const previewShown = () => {
    const opts = outcome?.run && request(outcome.result.asOf);
    if (opts) void whatIfStore.start({ ...opts, store: false }, outcome!.run!);
  };

  // A reload shows the newest stored run's saved summary at once, while the dataset loads.
  const storedNow =
    lastRun?.playbook && (!data.meta || lastRun.datasetId === data.meta.id) ? lastRun : undefined;
  // The same stored run listed again (the re-derived run's arrival lists the runs anew) stays the
  // same object: else the stored dashboard's data and model were made anew and the dashboard
  // drawn again in that update's synchronous render, only to be replaced by the run's.
  const storedKept = useRef(storedNow);
  if (
    storedKept.current?.id !== storedNow?.id ||
    storedKept.current?.createdAt !== storedNow?.createdAt
  )
    storedKept.current = storedNow;
  const stored = storedKept.current;
  // The dashboard's data and model, kept while their run is the same (DashboardSlot is memoised).
  const storedData = useMemo(() => (stored ? storedDashboardData(stored) : null), [stored]);
  const storedProject = useMemo(
    () => (stored ? projectAsRun(project, stored.playbook!) : project),
    [stored, project],
  );
  const runData = useMemo(() => (outcome ? dashboardOf(outcome) : null), [outcome]);
  const drill = useCallback(
    (filter: ResultsPlace['filter']) =>
      go({ tab: 'accounts', filter, sort: undefined, live: undefined }),
    [go],
  );
  const back = useCallback(() => setAccount(null), [setAccount]);
  if (data.status === 'loading' || data.status === 'idle')
    return (
      <div className="page results-view">
        <p className="hint">{t('loadingDataset')}</p>
        {/* Keyed: the same dashboard stays mounted when the dataset arrives (DashboardSlot). */}
        {stored && (
          <DashboardSlot
            key="dashboard"
            data={storedData}
            stored={stored}
            project={storedProject}
            onDrill={drill}
          />
        )}
      </div>
    );
  if (!data.table && preparingDemo)
    return (
      <div className="page" data-testid="results-preparing-demo">
        <h1>{t('title')}</h1>
        <p>{tw('demoPreparing')}</p>
      </div>
    );
  if (!data.table)
    return (
      <div className="page" data-testid="results-no-dataset">
        <h1>{t('title')}</h1>
        <p>{t('noDataset')}</p>
      </div>
    );
  const running = s.status === 'running' && mine;
  // The run's tabs and the drawn tab or account page (not while a what-if preview is shown
  // instead); `bodyAccount` is the account page drawn.
  const body = outcome && (!preview || account !== null) ? outcome : null;
  const bodyAccount = preview ? account : shownAccount;
  const tabsShown = !!body && bodyAccount === null;
  // The one dashboard (DashboardSlot): the stored run's until the re-derived run is in, then the
  // run's, in the same place and kept mounted (keyed), the tabs drawn above it.
  const dashboard =
    !outcome && stored && s.status !== 'failed' ? (
      <DashboardSlot
        key="dashboard"
        data={storedData}
        stored={stored}
        project={storedProject}
        onDrill={drill}
      />
    ) : tabsShown && shownTab === 'dashboard' && runData ? (
      <DashboardSlot key="dashboard" data={runData} project={shown} onDrill={drill} />
    ) : null;
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
        {asOfPicked === null && (
          <span className="hint" data-testid="run-asof-source">
            {th('asOf.hint', { source: th(`asOf.from${cap(fallback.source)}`) })}
          </span>
        )}
        <Button
          variant="primary"
          data-testid="run-playbook"
          // Until the stored runs are listed, a date already stored could not be told apart.
          disabled={running || preparingDemo || !s.runsLoaded || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)}
          onClick={run}
        >
          {t('run.run')}
        </Button>
        {running && (
          <div className="run-progress" data-testid="run-progress">
            <span>
              {t('run.running', {
                count: data.table.rowCount,
                formatted: formatCount(data.table.rowCount, i18n.language),
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
          {preparingDemo && !outcome && (
            <span data-testid="run-preparing-demo">{tw('demoPreparing')} </span>
          )}
          {outcome?.run
            ? t('run.last', {
                date: new Date(outcome.run.createdAt).toLocaleString(i18n.language),
                asOf: outcome.result.asOf,
                count: outcome.result.rowCount,
                formatted: formatCount(outcome.result.rowCount, i18n.language),
              })
            : !running && !lastRun && !preparingDemo
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
          {s.stored.length > 0 && <> · {t('run.stored', { count: s.stored.length })}</>}
          {outcome?.run && (
            <>
              {' '}
              ·{' '}
              <span data-testid="run-model">
                {th('run.model', {
                  fingerprint: runPrint.slice(0, 8),
                  dataset: runHeader(outcome.run).datasetName ?? data.meta?.name ?? '',
                })}
              </span>
            </>
          )}
        </div>
        {outcome && outcome.activityUsed.length > 0 && (
          <p className="hint" data-testid="run-activity">
            {t('activity.used', {
              list: outcome.activityUsed
                .map((a) =>
                  t('activity.usedItem', {
                    // The source by its label in the UI language, as the Data view names it.
                    source:
                      project.activity?.find((x) => x.id === a.source)?.label[
                        i18n.language.startsWith('ja') ? 'ja' : 'en'
                      ] || a.source,
                    files: a.files.join(', '),
                    events: formatCount(a.events, i18n.language),
                    linked: formatCount(a.linked, i18n.language),
                  }),
                )
                .join(' · '),
            })}
          </p>
        )}
        {outcome && stale && !preview && (
          <StaleNotice
            changes={changes}
            disabled={running}
            onRunAgain={run}
            onPreview={outcome.run ? previewShown : undefined}
          />
        )}
        {!outcome && lastRun && !lastRun.playbook && lastRun.datasetId === data.meta?.id && (
          <p className="hint" data-testid="run-legacy">
            {th('run.legacy')}
          </p>
        )}
        <ReplaceRunDialog />
        {mine && s.status === 'failed' && (
          <div className="card-error run-error" role="alert" data-testid="run-error">
            {s.error === 'playbook'
              ? t('run.playbookErrors')
              : s.error === 'activity'
                ? t('activity.missing', { sources: (s.missingActivity ?? []).join(', ') })
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
          lastRun?.playbook &&
          !running &&
          s.status !== 'failed' &&
          lastRun.datasetId === data.meta?.id && <p className="hint">{t('run.rerun')}</p>}
        {!outcome && lastRun && lastRun.datasetId !== data.meta?.id && (
          <p className="hint">
            {t('run.last', {
              date: new Date(lastRun.createdAt).toLocaleString(i18n.language),
              asOf: lastRun.asOf,
              count: lastRun.rowCount,
              formatted: formatCount(lastRun.rowCount, i18n.language),
            })}{' '}
            — {runHeader(lastRun).datasetName ?? ''}
          </p>
        )}
      </section>

      {body && <RunWork outcome={body} runs={s.runs} />}
      {tabsShown && <ResultTabs selectedTab={tab} go={go} />}
      {dashboard}
      {preview && account === null && (
        <WhatIfPanel
          w={preview}
          project={project}
          onSave={() => whatIfStore.save(goes(preview.opts.asOf))}
          onOpenAccount={(id) => go({ account: id })}
        />
      )}
      {/* An account opened from the preview: its stored page; Back returns to the preview. */}
      {outcome && preview && account !== null && (
        <p className="warning-box" role="status" data-testid="what-if-account-note">
          {th('whatIf.openAccountNote', { asOf: outcome.result.asOf })}
        </p>
      )}
      {body && bodyAccount !== null && (
        <MemoAccountPage
          outcome={body}
          project={shown}
          row={bodyAccount}
          runs={s.runs}
          onBack={back}
        />
      )}
      {tabsShown && shownTab !== 'dashboard' && (
        <TabContent
          outcome={body}
          project={shown}
          runs={s.runs}
          stored={s.stored}
          tab={shownTab}
          filter={place.filter}
          live={place.live}
          sort={place.sort}
          go={go}
          onSearch={searched}
          setAccount={setAccount}
        />
      )}
    </div>
  );
}

type Go = (patch: Partial<ResultsPlace>, replace?: boolean) => void;
type Outcome = NonNullable<ReturnType<typeof resultsStore.get>['outcome']>;

/**
 * The work a shown run starts while the page is idle: the history's runs warmed, and the CTA
 * lifecycle of a stored run computed by the run worker.
 */
function RunWork({ outcome, runs }: { outcome: Outcome; runs: RunRow[] }) {
  useWarmHistory(runs);
  usePrepareLifecycle(outcome, runs);
  return null;
}

/** The tab buttons (`selectedTab`: the one clicked; the drawn one follows as a deferred value). */
function ResultTabs({ selectedTab, go }: { selectedTab: ResultTab; go: Go }) {
  const { t } = useTranslation('results');
  const { t: th } = useTranslation('history');
  return (
    <nav className="tabs" role="tablist">
      {RESULT_TABS.map((k) => (
        <button
          key={k}
          type="button"
          role="tab"
          aria-selected={selectedTab === k}
          className={`tab${selectedTab === k ? ' active' : ''}`}
          data-testid={`tab-${k}`}
          onClick={() => go({ tab: k })}
        >
          {k === 'history' ? th('tab') : t(`tabs.${k}`)}
        </button>
      ))}
    </nav>
  );
}

const MemoAccountPage = memo(AccountPage);

interface ContentProps {
  outcome: Outcome;
  project: Project;
  /** One run per as-of date, in time order (what trends and the lifecycle read). */
  runs: RunRow[];
  /** Every stored run, superseded ones included (the History tab lists them). */
  stored: RunRow[];
  /** The tab drawn (a deferred value); the dashboard is drawn by DashboardSlot instead. */
  tab: ResultTab;
  filter: ResultsPlace['filter'];
  live: ResultsPlace['live'];
  sort: ResultsPlace['sort'];
  go: Go;
  /** The account search's text at a key, and again (`write`) once its answer is drawn. */
  onSearch: (q: string, write: boolean) => void;
  setAccount: (row: number | null) => void;
}
const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y);

/**
 * The drawn tab. Memoised (the place's filter and sort compared by value), so a click on another
 * tab does not redraw the old one before the new one is drawn.
 */
const TabContent = memo(
  function TabContent({
    outcome,
    project: shown,
    runs,
    stored,
    tab,
    filter,
    live,
    sort,
    go,
    onSearch,
    setAccount,
  }: ContentProps) {
    const nameField = shown.fields.nameField;
    const names = useMemo(
      () => accountNames(outcome.result, outcome.table, nameField),
      [outcome, nameField],
    );
    return (
      <>
        {tab === 'ctas' && (
          <CtaQueue outcome={outcome} project={shown} runs={runs} onOpen={setAccount} />
        )}
        {tab === 'accounts' && (
          <AccountTable
            outcome={outcome}
            project={shown}
            filter={filter}
            live={live}
            onClearLive={() => go({ filter: {}, live: undefined }, true)}
            sort={sort}
            onFilter={(next) =>
              go(
                // An exit criterion belongs to its stage: another stage ends the live filter.
                next.stage === filter.stage ? { filter: next } : { filter: next, live: undefined },
                true,
              )
            }
            onSort={(next) => go({ sort: next }, true)}
            onSearch={onSearch}
            onOpen={setAccount}
          />
        )}
        {tab === 'history' && (
          <>
            <HistoryTab
              project={shown}
              runs={runs}
              stored={stored}
              onOpenAccount={(id) => {
                if (idIndexOf(outcome.result, id) >= 0) go({ account: id });
              }}
              names={names}
            />
            {/* Outside HistoryTab: its report survives the tab's switch from "no runs". */}
            <HistoryTransfer project={shown} runs={stored} />
          </>
        )}
        {tab === 'backtest' && <Backtest outcome={outcome} project={shown} runs={runs} />}
      </>
    );
  },
  (a, b) =>
    a.outcome === b.outcome &&
    a.project === b.project &&
    a.runs === b.runs &&
    a.stored === b.stored &&
    a.tab === b.tab &&
    a.go === b.go &&
    a.onSearch === b.onSearch &&
    a.setAccount === b.setAccount &&
    same(a.filter, b.filter) &&
    same(a.live, b.live) &&
    same(a.sort, b.sort),
);

const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
