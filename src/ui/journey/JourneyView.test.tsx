// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi, beforeEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { emptyProject } from '../../model';
import { projectStore } from '../../store/projectStore';
import { openForTest, templateProject } from '../testing/testProject';
import JourneyView from './JourneyView';

vi.mock('../data/useActiveDataset', () => ({
  useActiveDataset: () => null,
  useActiveDatasetState: () => ({ projectId: null, status: 'idle', meta: null, table: null }),
}));

describe('JourneyView', () => {
  beforeEach(() => openForTest(emptyProject('t')));
  afterEach(cleanup);

  it('adds and names stages, writes the goal; a typing burst is one undo step', async () => {
    // Freeze the clock so a slow, loaded machine cannot split the typing burst.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const user = userEvent.setup();
      render(<JourneyView />);
      expect(screen.getByText(/No stages yet/)).toBeInTheDocument();
      await user.click(screen.getAllByRole('button', { name: '+ Add stage' })[0]);
      const name = screen.getByRole('textbox', { name: 'Name of stage 1' });
      await user.clear(name);
      await user.type(name, 'Onboarding');
      expect(projectStore.current!.journey.stages[0].label).toBe('Onboarding');
      act(() => projectStore.undo());
      expect(projectStore.current!.journey.stages[0].label).toBe('Stage 1');
      act(() => projectStore.undo());
      expect(projectStore.current!.journey.stages).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a new stage takes its id from its first name when the name is left', async () => {
    const user = userEvent.setup();
    render(<JourneyView />);
    await user.click(screen.getAllByRole('button', { name: '+ Add stage' })[0]);
    const name = screen.getByRole('textbox', { name: 'Name of stage 1' });
    await user.clear(name);
    await user.type(name, 'Adoption');
    await user.tab();
    expect(projectStore.current!.journey.stages[0].id).toBe('adoption');
    // Named stages keep their id when renamed later.
    await user.type(name, ' phase');
    await user.tab();
    expect(projectStore.current!.journey.stages[0].id).toBe('adoption');
  });

  it('edits lanes inline and shows exit-criterion errors at their position', async () => {
    const user = userEvent.setup();
    render(<JourneyView />);
    await user.click(screen.getAllByRole('button', { name: '+ Add stage' })[0]);
    const stage = projectStore.current!.journey.stages[0].label;
    await user.click(screen.getByRole('button', { name: `Add to Moments of truth of ${stage}` }));
    await user.type(
      screen.getByRole('textbox', { name: `Moments of truth 1 of ${stage}` }),
      'Kickoff',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: `Channel of moment of truth 1 of ${stage}` }),
      'meeting',
    );
    expect(projectStore.current!.journey.stages[0].momentsOfTruth[0]).toMatchObject({
      text: 'Kickoff',
      channel: 'meeting',
    });
    await user.click(screen.getByRole('button', { name: `Add exit criterion to ${stage}` }));
    const cond = screen.getByRole('combobox', {
      name: `Condition of exit criterion 1 of ${stage}`,
    });
    fireEvent.change(cond, { target: { value: 'account_idd > 3' } });
    const err = await screen.findByTestId('expr-error');
    expect(err).toHaveAttribute('data-code', 'unknown_field');
    expect(err).toHaveTextContent('At 1–11: Unknown field');
    // A near miss offers the rename first, then "Create field" for the name as typed.
    expect(
      within(err).getByRole('button', { name: 'Create field “account_idd” (number)' }),
    ).toBeTruthy();
    await user.click(within(err).getByRole('button', { name: 'Replace with “account_id”' }));
    expect(projectStore.current!.journey.stages[0].exitCriteria[0].expr).toBe('account_id > 3');
  });

  it('lists the CTAs of each stage, reorders with the arrow buttons and moves between cells with keys', async () => {
    openForTest(templateProject('demo'));
    const user = userEvent.setup();
    render(<JourneyView />);
    const ctaCells = document.querySelectorAll('tr.jm-lane-ctas td');
    // stuck_onboarding applies to onboarding only; the others to every stage.
    expect(ctaCells[0].querySelectorAll('li')).toHaveLength(7);
    expect(ctaCells[1].querySelectorAll('li')).toHaveLength(6);
    await user.click(screen.getByRole('button', { name: 'Move “Onboarding” right' }));
    expect(projectStore.current!.journey.stages.map((s) => s.id)).toEqual([
      'adoption',
      'onboarding',
      'value',
      'advocate',
    ]);
    const cell = document.querySelector<HTMLElement>('[data-cell="0:0"]')!;
    cell.focus();
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toBe(document.querySelector('[data-cell="1:1"]'));
  });

  it('deleting a stage removes CTAs that only applied to it, in the same undo step', async () => {
    openForTest(templateProject('demo'));
    const user = userEvent.setup();
    render(<JourneyView />);
    await user.click(screen.getByRole('button', { name: 'Delete stage “Onboarding”' }));
    expect(projectStore.current!.ctas.some((c) => c.id === 'stuck_onboarding')).toBe(false);
    expect(screen.getByRole('status')).toHaveTextContent('stuck_onboarding');
    act(() => projectStore.undo());
    expect(projectStore.current!.journey.stages).toHaveLength(4);
    expect(projectStore.current!.ctas.some((c) => c.id === 'stuck_onboarding')).toBe(true);
  });
});
