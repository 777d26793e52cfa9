// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../i18n';
import { BEHIND, stageFunnel } from '../../engine';
import { demoProject } from '../../data/testing/helpers';
import { WaymarkDB, setDbForTests } from '../../store/db';
import { listRuns, saveRun } from '../../store/runStore';
import { Dashboard, dashboardOf } from './Dashboard';
import { DashboardSlot, StoredDashboard, storedDashboardData } from './StoredDashboard';
import { demoOutcome } from './demoOutcome.testing';

/**
 * A reload draws the dashboard from the stored run's header (summary, ids, funnel) before the
 * run is re-derived: it must show what the fully computed dashboard shows, number for number.
 */
const outcome = demoOutcome(demoProject, 4000, 9);
const { result, playbook: pb } = outcome;
const i18n = initI18n('en');

describe('the dashboard after a reload', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));
  afterEach(cleanup);

  it('counts every account once in the funnel, by stage, ready, behind and stuck', () => {
    const f = stageFunnel(result);
    expect(f.reduce((s, x) => s + x.count, 0)).toBe(result.rowCount);
    for (const row of f) {
      const k = row.id ? result.stageIds.indexOf(row.id) : -1;
      const rows = [...result.stage.keys()].filter((i) => result.stage[i] === k);
      expect(row.count).toBe(rows.length);
      expect(row.ready).toBe(rows.filter((i) => result.readyToAdvance[i]).length);
      expect(row.behind).toBe(rows.filter((i) => result.progress[i] === BEHIND).length);
    }
  });

  it('drawn from the stored run equals the dashboard of the computed run', async () => {
    await saveRun(
      'p',
      'd',
      result,
      outcome.summary,
      undefined,
      'demo',
      undefined,
      pb,
      undefined,
      stageFunnel(result),
    );
    const [stored] = await listRuns('p');
    const full = render(
      <I18nextProvider i18n={i18n}>
        <Dashboard data={dashboardOf(outcome)} project={demoProject} onDrill={() => {}} />
      </I18nextProvider>,
    );
    const want = full.getByTestId('dashboard').innerHTML;
    expect(full.getByTestId('kpi-accounts').textContent).toBe('4,000');
    cleanup();
    const back = render(
      <I18nextProvider i18n={i18n}>
        <StoredDashboard run={stored} project={demoProject} onDrill={() => {}} />
      </I18nextProvider>,
    );
    expect(back.getByTestId('stored-dashboard-note').textContent).toContain('4,000');
    expect(back.getByTestId('dashboard').innerHTML).toBe(want);
  });

  it('the re-derived run redraws the stored dashboard in place, with the same numbers', async () => {
    await saveRun(
      'r',
      'd',
      result,
      outcome.summary,
      undefined,
      'demo',
      undefined,
      pb,
      undefined,
      stageFunnel(result),
    );
    const [stored] = await listRuns('r');
    const full = render(
      <I18nextProvider i18n={i18n}>
        <Dashboard data={dashboardOf(outcome)} project={demoProject} onDrill={() => {}} />
      </I18nextProvider>,
    );
    const want = full.getByTestId('dashboard').innerHTML;
    cleanup();
    const slot = (run?: typeof stored) => (
      <I18nextProvider i18n={i18n}>
        <DashboardSlot
          data={run ? storedDashboardData(run) : dashboardOf(outcome)}
          stored={run}
          project={demoProject}
          onDrill={() => {}}
        />
      </I18nextProvider>
    );
    const view = render(slot(stored));
    const before = view.getByTestId('dashboard');
    expect(view.getByTestId('stored-dashboard-note')).toBeTruthy();
    view.rerender(slot());
    // The same DOM, not a new one (React kept the dashboard mounted), showing the run's numbers.
    expect(view.getByTestId('dashboard')).toBe(before);
    expect(view.queryByTestId('stored-dashboard-note')).toBeNull();
    expect(view.queryByTestId('stored-dashboard')).toBeNull();
    expect(before.innerHTML).toBe(want);
  });

  it('a run stored without its funnel shows only its stored counts', async () => {
    await saveRun('q', 'd', result, outcome.summary);
    const [stored] = await listRuns('q');
    const back = render(
      <I18nextProvider i18n={i18n}>
        <StoredDashboard run={stored} project={demoProject} onDrill={() => {}} />
      </I18nextProvider>,
    );
    expect(back.queryByTestId('dashboard')).toBeNull();
    expect(back.getByTestId('stored-kpi-accounts').textContent).toBe('4,000');
  });
});
