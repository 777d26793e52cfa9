// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../../src/i18n';
import { compilePlaybook, scoreTable, summarise } from '../../../src/engine';
import { playbookFromProject } from '../../../src/model';
import { generateDemoTable } from '../../../src/data/demo/generate';
import { Backtest } from '../../../src/ui/results/Backtest';
import type { RunOutcome } from '../../../src/ui/results/runState';
import { demoProject } from './helpers';

function outcomeFor(project = demoProject, rows = 1500): RunOutcome {
  const c = compilePlaybook(playbookFromProject(project), { asOf: '2026-11-01' });
  if (!c.ok) throw new Error('playbook');
  const table = generateDemoTable({ rows, seed: 21 });
  const result = scoreTable(c.compiled, table);
  return {
    result,
    summary: summarise(result),
    trend: null,
    previous: null,
    run: null,
    compiled: c.compiled,
    table,
    datasetId: 'd',
    playbook: playbookFromProject(project),
  };
}

describe('Backtest view', () => {
  const i18n = initI18n('en');
  it('shows churn per colour, the AUC with a reading, and no concentration warning for the demo', () => {
    render(
      <I18nextProvider i18n={i18n}>
        <Backtest outcome={outcomeFor()} project={demoProject} />
      </I18nextProvider>,
    );
    const auc = Number(screen.getByTestId('backtest-auc').textContent);
    expect(auc).toBeGreaterThan(0.6);
    expect(screen.getByTestId('backtest-reading').textContent).toContain(
      `${Math.round(auc * 100)}% of the time`,
    );
    expect(screen.queryByTestId('backtest-warning')).toBeNull();
    expect(Number(screen.getByTestId('churn-red').textContent!.replace('%', ''))).toBeGreaterThan(
      Number(screen.getByTestId('churn-green').textContent!.replace('%', '')),
    );
  });

  it('warns in plain words when one colour holds more than 60% of accounts', () => {
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
        <Backtest outcome={outcomeFor(lenient)} project={lenient} />
      </I18nextProvider>,
    );
    const w = screen.getByTestId('backtest-warning').textContent!;
    expect(w).toMatch(/\d+% of accounts are Green/);
    expect(w).toContain('stops ranking accounts');
  });
});
