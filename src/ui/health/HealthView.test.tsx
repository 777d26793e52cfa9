// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { projectStore } from '../../store/projectStore';
import { openForTest, templateProject } from '../testing/testProject';
import HealthView from './HealthView';

vi.mock('../data/useActiveDataset', () => ({ useActiveDataset: () => null }));

describe('HealthView', () => {
  beforeEach(() => openForTest(templateProject('demo')));
  afterEach(cleanup);

  it('shows weights as shares of the total and updates them on edit', async () => {
    // Freeze the clock so a slow, loaded machine cannot split the typing burst.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const user = userEvent.setup();
      render(<HealthView />);
      // Demo weights sum to 100.
      expect(
        screen.getByLabelText('Share of the total score for Setup progress'),
      ).toHaveTextContent('10.0%');
      const w = screen.getByRole('textbox', { name: 'Weight of Setup progress' });
      await user.clear(w);
      await user.type(w, '110');
      expect(projectStore.current!.health.measures[0].weight).toBe(110);
      expect(
        screen.getByLabelText('Share of the total score for Setup progress'),
      ).toHaveTextContent('55.0%');
      // One undo step for the whole typing burst.
      act(() => projectStore.undo());
      expect(projectStore.current!.health.measures[0].weight).toBe(10);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects an out-of-range number without storing it', async () => {
    const user = userEvent.setup();
    render(<HealthView />);
    const card = document.querySelector<HTMLElement>('[data-measure="relationship"]')!;
    const pts = within(card).getByRole('textbox', { name: 'Points for weak' });
    await user.clear(pts);
    await user.type(pts, '150');
    expect(pts).toHaveAttribute('aria-invalid', 'true');
    expect(
      projectStore.current!.health.measures.find((m) => m.id === 'relationship')!.normalise,
    ).toMatchObject({ points: { weak: 15 } });
  });

  it('switches normalisation kind and offers the category values of the field', async () => {
    const user = userEvent.setup();
    render(<HealthView />);
    const card = document.querySelector<HTMLElement>('[data-measure="relationship"]')!;
    await user.selectOptions(
      within(card).getByRole('combobox', { name: 'Normalisation kind' }),
      'tiers',
    );
    expect(
      projectStore.current!.health.measures.find((m) => m.id === 'relationship')!.normalise.kind,
    ).toBe('tiers');
    await user.selectOptions(
      within(card).getByRole('combobox', { name: 'Normalisation kind' }),
      'category',
    );
    expect(
      projectStore.current!.health.measures.find((m) => m.id === 'relationship')!.normalise,
    ).toEqual({
      kind: 'category',
      points: { strong: 100, normal: 67, weak: 33, unknown: 0 },
    });
    expect(
      within(card).getByRole('img', { name: 'Preview of points by raw value' }),
    ).toBeInTheDocument();
  });

  it('edits segment overrides side by side, storing only differences', async () => {
    const user = userEvent.setup();
    render(<HealthView />);
    const ent = screen.getByRole('textbox', {
      name: 'Weight of Relationship for Enterprise',
    });
    expect(ent).toHaveValue('20');
    const mid = screen.getByRole('textbox', {
      name: 'Weight of Setup progress for Mid-market',
    });
    expect(mid).toHaveValue('');
    expect(mid).toHaveAttribute('placeholder', '10');
    await user.type(mid, '30');
    expect(projectStore.current!.health.overrides.find((o) => o.segment === 'mid')).toEqual({
      segment: 'mid',
      weights: { setup: 30 },
    });
    await user.clear(mid);
    expect(projectStore.current!.health.overrides.find((o) => o.segment === 'mid')).toBeUndefined();
    await user.selectOptions(
      screen.getByRole('combobox', {
        name: 'Required colour at the end of onboarding for Mid-market',
      }),
      'green',
    );
    expect(projectStore.current!.health.overrides.find((o) => o.segment === 'mid')).toEqual({
      segment: 'mid',
      requiredColor: 'green',
    });
  });

  it('adds a segment before the default and a measure under a dimension', async () => {
    const user = userEvent.setup();
    render(<HealthView />);
    await user.click(screen.getByRole('button', { name: '+ Add segment' }));
    expect(projectStore.current!.segments.items.map((s) => s.id)).toEqual([
      'enterprise',
      'mid',
      'segment_4',
      'smb',
    ]);
    await user.click(screen.getByRole('button', { name: '+ Add measure to ROI' }));
    const added = projectStore.current!.health.measures.at(-1)!;
    expect(added).toMatchObject({ dimension: 'roi', expr: '', weight: 10 });
  });
});
