// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { projectStore } from '../../store/projectStore';
import { openForTest, templateProject } from '../testing/testProject';
import { takeCtaFocus } from '../cta/focusRequest';
import JourneyView from './JourneyView';
import { stageGroups } from './PrintMap';
import { playbookFromProject } from '../../model';
import { applyPlaybook } from '../playbook/applyPlaybook';

vi.mock('../data/useActiveDataset', () => ({
  useActiveDataset: () => null,
  useActiveDatasetState: () => ({ projectId: null, status: 'idle', meta: null, table: null }),
}));

describe('stageGroups', () => {
  it('splits stages into groups of at most n, in order, losing none', () => {
    const s = Array.from({ length: 15 }, (_, i) => i);
    expect(stageGroups(s, 5)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14],
    ]);
    expect(stageGroups(s.slice(0, 7), 5)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6],
    ]);
    expect(stageGroups([], 5)).toEqual([]);
  });
});

describe('the CTA cell', () => {
  beforeEach(() => openForTest(templateProject('demo')));
  afterEach(cleanup);

  it('creates a real CTA scoped to the stage, asks the CTA editor to open it, one undo step', async () => {
    const user = userEvent.setup();
    render(<JourneyView />);
    const before = projectStore.current!.ctas.length;
    await user.click(screen.getByRole('button', { name: 'Add a CTA for Adoption' }));
    const ctas = projectStore.current!.ctas;
    expect(ctas).toHaveLength(before + 1);
    const added = ctas[ctas.length - 1];
    expect(added).toMatchObject({
      stages: ['adoption'],
      segments: [],
      label: 'New CTA for Adoption',
    });
    expect(new Set(ctas.map((c) => c.id)).size).toBe(ctas.length);
    expect(takeCtaFocus()?.id).toBe(added.id);
    expect(location.hash).toBe(`#/p/${projectStore.current!.id}/ctas`);
    // The adoption cell lists it (it is the playbook's CTA, not a copy); onboarding's does not.
    expect(
      screen.getByRole('button', { name: `Open “${added.label}” in the CTA editor` }),
    ).toBeTruthy();
    const cells = screen.getAllByRole('cell', { name: /^CTAs — / });
    const adoption = cells.find((c) => c.getAttribute('aria-label') === 'CTAs — Adoption')!;
    const onboarding = cells.find((c) => c.getAttribute('aria-label') === 'CTAs — Onboarding')!;
    expect(adoption.textContent).toContain(added.label);
    expect(onboarding.textContent).not.toContain(added.label);
    act(() => projectStore.undo());
    expect(projectStore.current!.ctas).toHaveLength(before);
  });

  it('the printed map has every stage in groups of five, each naming its stages', () => {
    render(<JourneyView />);
    const groups = document.querySelectorAll('.jm-print .jm-print-group');
    expect(groups).toHaveLength(1);
    const heads = [...groups[0].querySelectorAll('thead th.jm-print-stage')].map((th) =>
      th.textContent!.trim(),
    );
    expect(heads).toEqual(
      projectStore.current!.journey.stages.map((s, i) => `${i + 1} ${s.label}`),
    );
  });
});

describe('one object per thing', () => {
  beforeEach(() => openForTest(templateProject('demo')));
  afterEach(cleanup);

  it('exit criteria edited on the map are the very objects the playbook runs', async () => {
    const user = userEvent.setup();
    render(<JourneyView />);
    const box = screen.getByRole('textbox', { name: 'Exit criterion 1 of Adoption' });
    await user.clear(box);
    await user.type(box, 'Most licences active');
    const p = projectStore.current!;
    const pb = playbookFromProject(p);
    expect(pb.stages[1].exitCriteria).toBe(p.journey.stages[1].exitCriteria);
    expect(pb.stages[1].exitCriteria[0].label).toBe('Most licences active');
  });

  it('bound KPIs go out with the playbook and come back on import; notes stay notes', () => {
    const p = projectStore.current!;
    act(() =>
      projectStore.edit('bind', (d) => {
        d.journey.stages[1].kpis[0].measure = 'license_use';
        d.journey.stages[1].kpis.push({
          id: 'k_x',
          text: 'Champion kept',
          expr: 'not champion_left',
        });
      }),
    );
    const pb = playbookFromProject(projectStore.current!);
    expect(pb.stages[1].kpis?.map((k) => k.id)).toEqual([p.journey.stages[1].kpis[0].id, 'k_x']);
    // Import into a project whose KPIs are unbound: bindings return, texts follow the playbook.
    act(() =>
      projectStore.edit('unbind', (d) => {
        for (const k of d.journey.stages[1].kpis) {
          delete k.measure;
          delete k.expr;
        }
        d.journey.stages[1].kpis = d.journey.stages[1].kpis.filter((k) => k.id !== 'k_x');
      }),
    );
    act(() => projectStore.edit('import', (d) => applyPlaybook(d, pb)));
    const kpis = projectStore.current!.journey.stages[1].kpis;
    expect(kpis[0]).toMatchObject({ measure: 'license_use' });
    expect(kpis[1]).toMatchObject({ text: 'Feature adoption' });
    expect(kpis[1].measure).toBeUndefined();
    expect(kpis[2]).toEqual({ id: 'k_x', text: 'Champion kept', expr: 'not champion_left' });
    expect(playbookFromProject(projectStore.current!).stages).toEqual(pb.stages);
  });
});
