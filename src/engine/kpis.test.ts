import { describe, expect, it } from 'vitest';
import { generateDemoTable } from '../data/demo/generate';
import { playbookFromProject, type Playbook, type Project } from '../model';
import { validatePlaybook } from '../playbook/validate';
import { cellValue, columnOf, type AccountTable } from '../table/columns';
import { compilePlaybook } from './compile';
import { stageKpis } from './kpis';
import { scoreTable } from './score';
import { demoPlaybook, ROOT } from './testing/demo';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function withKpis(): Playbook {
  const pb = demoPlaybook();
  const st = (id: string) => pb.stages.find((s) => s.id === id)!;
  st('adoption').kpis = [
    { id: 'k_feat', label: 'Feature adoption', measure: 'features' },
    { id: 'k_champ', label: 'Champion kept', expr: 'not champion_left' },
  ];
  st('onboarding').kpis = [{ id: 'k_setup', label: 'Setup', expr: 'setup_progress' }];
  st('value').kpis = [{ id: 'k_rel', label: 'Relationship', measure: 'relationship' }];
  return pb;
}

/** Mean of a column over the rows of one stage, by reading each cell (independent of the engine). */
function expected(table: AccountTable, field: string, rows: number[], f = (v: unknown) => v) {
  const col = columnOf(table, field)!;
  const vals = rows
    .map((i) => cellValue(col, i))
    .filter((v) => v !== null)
    .map((v) => Number(f(v)));
  return { n: vals.length, of: rows.length, value: vals.reduce((a, b) => a + b, 0) / vals.length };
}

describe('stage KPIs', () => {
  it('average a measure or an expression over exactly the accounts the run put in the stage', () => {
    const pb = withKpis();
    const c = compilePlaybook(pb, { asOf: '2026-11-01' });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const table = generateDemoTable({ rows: 800, seed: 7 });
    const r = scoreTable(c.compiled, table, { asOf: '2026-11-01' });
    const k = stageKpis(c.compiled, table, r);
    const rowsOf = (stage: string) => {
      const si = r.stageIds.indexOf(stage);
      return [...r.stage.keys()].filter((i) => r.stage[i] === si);
    };
    const by = (id: string) => k.find((x) => x.id === id)!;
    const ad = rowsOf('adoption');
    expect(ad.length).toBeGreaterThan(50);
    const feat = expected(table, 'feature_adoption', ad);
    expect(by('k_feat')).toMatchObject({
      stage: 'adoption',
      kind: 'mean',
      n: feat.n,
      of: ad.length,
    });
    expect(by('k_feat').value).toBeCloseTo(feat.value, 9);
    const champ = expected(table, 'champion_left', ad, (v) => (v ? 0 : 1));
    expect(by('k_champ')).toMatchObject({ kind: 'share', n: champ.n, of: ad.length });
    expect(by('k_champ').value).toBeCloseTo(champ.value, 9);
    const on = rowsOf('onboarding');
    const setup = expected(table, 'setup_progress', on);
    expect(by('k_setup')).toMatchObject({ stage: 'onboarding', n: setup.n, of: on.length });
    expect(by('k_setup').value).toBeCloseTo(setup.value, 9);
    // A text measure has no single value; it still says how many accounts the stage holds.
    expect(by('k_rel')).toMatchObject({ kind: 'text', value: null, of: rowsOf('value').length });
  });

  it('a KPI bound to an unknown measure or a bad expression is an error at its JSON path', () => {
    const pb = withKpis();
    pb.stages[1].kpis = [
      { id: 'a', label: 'x', measure: 'featurez' },
      { id: 'b', label: 'y', expr: 'feature_adoptio > 3' },
    ];
    const issues = validatePlaybook(pb);
    expect(issues.find((i) => i.path === '$.stages[1].kpis[0].measure')?.code).toBe(
      'unknown_measure',
    );
    expect(issues.find((i) => i.path === '$.stages[1].kpis[1].expr')?.code).toBe('expression');
  });

  it('a project whose KPIs are all notes exports no kpis key: older playbooks stay identical', () => {
    const project = JSON.parse(
      readFileSync(join(ROOT, 'templates', 'demo.json'), 'utf8'),
    ) as Project;
    const pb = playbookFromProject(project);
    expect(pb.stages.every((s) => !('kpis' in s))).toBe(true);
    project.journey.stages[1].kpis[0].measure = 'license_use';
    const bound = playbookFromProject(project);
    expect(bound.stages[1].kpis).toEqual([
      {
        id: project.journey.stages[1].kpis[0].id,
        label: 'Licence utilisation',
        measure: 'license_use',
      },
    ]);
  });
});
