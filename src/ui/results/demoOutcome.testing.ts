import { compilePlaybook, scoreTable, summarise } from '../../engine';
import { playbookFromProject, type Project } from '../../model';
import { generateDemoTable } from '../../data/demo/generate';
import type { RunOutcome } from './runState';

/**
 * For tests: a run of the project's playbook over a demo table (rows, seed) as of 2026-11-01,
 * as the Results view holds it after a fresh run with no earlier run and no activity.
 */
export function demoOutcome(project: Project, rows: number, seed: number): RunOutcome {
  const pb = playbookFromProject(project);
  const c = compilePlaybook(pb, { asOf: '2026-11-01' });
  if (!c.ok) throw new Error('demo playbook does not compile');
  const table = generateDemoTable({ rows, seed });
  const result = scoreTable(c.compiled, table);
  return {
    result,
    summary: summarise(result),
    trend: null,
    previous: null,
    run: null,
    compiled: c.compiled,
    table,
    activity: {},
    activityUsed: [],
    datasetId: 'd',
    playbook: pb,
  };
}
