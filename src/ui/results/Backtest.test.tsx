// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../i18n';
import type { OutcomeLabels, ScoreResult } from '../../engine';
import type { AccountTable } from '../../table/columns';
import { Backtest } from './Backtest';
import type { RunOutcome } from './runState';
import { demoOutcome } from './demoOutcome.testing';
import { demoProject } from '../../data/testing/helpers';
import { projectStore } from '../../store/projectStore';

// The page computes the backtest in the run worker; jsdom has no Worker, so the same engine
// functions answer here, asynchronously as the worker does.
vi.mock('../../workers/exportClient', async () => {
  const { outcomeValueCounts, predictiveBacktest } = await import('../../engine');
  const values = (table: AccountTable, field: string) => {
    const col = table.columns[field];
    return col?.type === 'string' ? Array.from(col.codes, (c) => (c < 0 ? null : col.dict[c])) : [];
  };
  return {
    outcomeCountsInWorker: async (_r: ScoreResult, table: AccountTable, field: string) =>
      outcomeValueCounts(values(table, field)),
    backtestInWorker: async (
      r: ScoreResult,
      table: AccountTable,
      req: { keyField: string; observedAt: string | null; labels: OutcomeLabels },
    ) =>
      predictiveBacktest(
        r,
        {
          keys: values(table, req.keyField).map((k) => k ?? ''),
          values: values(table, req.labels.field),
          observedAt: req.observedAt ?? r.asOf,
        },
        req.labels,
      ),
  };
});

function outcomeFor(project = demoProject, rows = 1500): RunOutcome {
  return demoOutcome(project, rows, 21);
}

/** Pick the outcome field and tick renewed/churned/expanded the way a user would. */
async function choose(churn: string[], expansion: string[]) {
  fireEvent.change(screen.getByTestId('backtest-field'), { target: { value: 'outcome' } });
  await screen.findByTestId('bt-churn-churned');
  for (const v of churn) fireEvent.click(screen.getByTestId(`bt-churn-${v}`));
  for (const v of expansion) fireEvent.click(screen.getByTestId(`bt-exp-${v}`));
  await screen.findByTestId('bt-report');
}

describe('Backtest view', () => {
  afterEach(cleanup);
  const i18n = initI18n('en');
  it('lists the values seen, guesses nothing, and labels a same-date check descriptive', async () => {
    render(
      <I18nextProvider i18n={i18n}>
        <Backtest outcome={outcomeFor()} project={demoProject} runs={[]} />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('bt-mode-descriptive')).toBeChecked();
    fireEvent.change(screen.getByTestId('backtest-field'), { target: { value: 'outcome' } });
    expect(screen.getByTestId('bt-counting')).toBeTruthy();
    await screen.findByTestId('bt-churn-churned');
    // Values with counts; nothing ticked, no report until the user says what churn means.
    const rows = screen.getByTestId('bt-values').querySelectorAll('tbody tr[data-value]');
    expect([...rows].map((r) => r.getAttribute('data-value')).sort()).toEqual([
      'churned',
      'expanded',
      'renewed',
    ]);
    expect(screen.queryByTestId('bt-report')).toBeNull();
    fireEvent.click(screen.getByTestId('bt-churn-churned'));
    fireEvent.click(screen.getByTestId('bt-exp-expanded'));
    // Said while the worker computes; the report replaces it.
    expect(screen.getByTestId('bt-computing').textContent).toContain('1,500 accounts');
    await screen.findByTestId('bt-report');
    expect(screen.getByTestId('backtest-mode').getAttribute('data-mode')).toBe('descriptive');
    expect(screen.getByTestId('backtest-mode').textContent).toContain('Descriptive only');
    const auc = Number(screen.getByTestId('backtest-auc').textContent!.split(' ')[0]);
    expect(auc).toBeGreaterThan(0.6);
    expect(screen.getByTestId('backtest-auc').textContent).toMatch(/\(0\.\d{3}–0\.\d{3}\)/);
    expect(screen.queryByTestId('backtest-warning')).toBeNull();
    const rate = (id: string) => Number(screen.getByTestId(id).textContent!.split('%')[0]);
    expect(rate('churn-red')).toBeGreaterThan(rate('churn-green'));
  });

  it('draws no verdict when nothing churned', async () => {
    render(
      <I18nextProvider i18n={i18n}>
        <Backtest outcome={outcomeFor()} project={demoProject} runs={[]} />
      </I18nextProvider>,
    );
    // A value that no account holds as churn: tick only expansion.
    await choose([], ['expanded']);
    const reading = screen.getByTestId('backtest-reading');
    expect(reading.getAttribute('data-verdict')).toBe('insufficient');
    expect(reading.textContent).toContain('no conclusion can be drawn');
    expect(screen.queryByTestId('bt-monotonic')).toBeNull();
    expect(screen.getByTestId('bt-report').textContent).not.toContain('as a working score should');
  });

  it('warns in plain words when one colour holds more than 60% of accounts', async () => {
    // Bands so wide that almost every account is green.
    const lenient = {
      ...demoProject,
      health: {
        ...demoProject.health,
        bands: demoProject.health.bands.map((b) => ({
          ...b,
          min: b.id === 'green' ? 20 : b.id === 'lime' ? 10 : b.id === 'yellow' ? 5 : 0,
        })),
        overrides: [],
      },
    };
    render(
      <I18nextProvider i18n={i18n}>
        <Backtest outcome={outcomeFor(lenient)} project={lenient} runs={[]} />
      </I18nextProvider>,
    );
    await choose(['churned'], ['expanded']);
    const w = screen.getByTestId('backtest-warning').textContent!;
    expect(w).toMatch(/\d+% of accounts are Green/);
    expect(w).toContain('stops ranking accounts');
  });

  it('keeps the outcome settings with the project and restores them', async () => {
    projectStore.load(demoProject);
    try {
      const view = render(
        <I18nextProvider i18n={i18n}>
          <Backtest outcome={outcomeFor()} project={demoProject} runs={[]} />
        </I18nextProvider>,
      );
      await choose(['churned'], ['expanded']);
      // Unticking is saved too.
      fireEvent.click(screen.getByTestId('bt-exp-expanded'));
      fireEvent.click(screen.getByTestId('bt-exp-renewed'));
      const saved = projectStore.current!.backtestOutcome;
      expect(saved).toEqual({ field: 'outcome', churn: ['churned'], expansion: ['renewed'] });
      view.unmount();
      // A new view of the saved project (as after a reload) shows the same choices and report.
      render(
        <I18nextProvider i18n={i18n}>
          <Backtest outcome={outcomeFor()} project={projectStore.current!} runs={[]} />
        </I18nextProvider>,
      );
      expect(screen.getByTestId('backtest-field')).toHaveValue('outcome');
      expect(await screen.findByTestId('bt-churn-churned')).toBeChecked();
      expect(screen.getByTestId('bt-exp-renewed')).toBeChecked();
      expect(screen.getByTestId('bt-exp-expanded')).not.toBeChecked();
      expect(await screen.findByTestId('bt-report')).toBeTruthy();
      // A field the contract no longer offers is not restored.
      cleanup();
      render(
        <I18nextProvider i18n={i18n}>
          <Backtest
            outcome={outcomeFor()}
            project={{
              ...demoProject,
              backtestOutcome: { field: 'gone', churn: ['x'], expansion: [] },
            }}
            runs={[]}
          />
        </I18nextProvider>,
      );
      expect(screen.getByTestId('backtest-field')).toHaveValue('');
    } finally {
      projectStore.close();
    }
  });
});
