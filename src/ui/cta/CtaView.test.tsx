// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { projectStore } from '../../store/projectStore';
import { openForTest, templateProject } from '../testing/testProject';
import CtaView from './CtaView';

vi.mock('../data/useActiveDataset', () => ({ useActiveDataset: () => null }));

describe('CtaView', () => {
  beforeEach(() => openForTest(templateProject('demo')));
  afterEach(cleanup);

  it('adds a CTA of a type and edits trigger, priority, owner, due days, stages, segments and steps', async () => {
    const user = userEvent.setup();
    render(<CtaView />);
    await user.click(screen.getByRole('button', { name: /^\+ Expansion/ }));
    const c = projectStore.current!.ctas.at(-1)!;
    expect(c).toMatchObject({
      id: 'cta_8',
      type: 'expansion',
      trigger: '',
      stages: [],
      segments: [],
    });
    const card = document.querySelector<HTMLElement>('[data-cta="cta_8"]')!;
    const label = c.label;
    fireEvent.change(within(card).getByRole('combobox', { name: `Trigger of ${label}` }), {
      target: { value: 'quota_usage > 80' },
    });
    await user.selectOptions(
      within(card).getByRole('combobox', { name: `Priority of ${label}` }),
      'high',
    );
    await user.type(
      within(card).getByRole('combobox', { name: `Owner role of ${label}` }),
      'Inside sales',
    );
    const due = within(card).getByRole('textbox', { name: `Days until ${label} is due` });
    await user.clear(due);
    await user.type(due, '3');
    await user.click(within(card).getByRole('checkbox', { name: 'Adoption' }));
    await user.click(within(card).getByRole('checkbox', { name: 'SMB' }));
    await user.click(within(card).getByRole('button', { name: '+ Add step' }));
    await user.type(within(card).getByRole('textbox', { name: `Step 1 of ${label}` }), 'Call');
    expect(projectStore.current!.ctas.at(-1)).toMatchObject({
      trigger: 'quota_usage > 80',
      priority: 'high',
      ownerRole: 'Inside sales',
      dueInDays: 3,
      stages: ['adoption'],
      segments: ['smb'],
      steps: ['Call'],
    });
    expect(within(card).queryByTestId('expr-error')).toBeNull();
  });

  it('checks triggers in the CTA scope: built-ins are fine, wrong category values are errors', () => {
    render(<CtaView />);
    const card = document.querySelector<HTMLElement>('[data-cta="red_account"]')!;
    const trig = within(card).getByRole('combobox', { name: /^Trigger of/ });
    expect(within(card).queryByTestId('expr-error')).toBeNull();
    fireEvent.change(trig, { target: { value: "color == 'purple'" } });
    expect(within(card).getByTestId('expr-error')).toHaveAttribute(
      'data-code',
      'unknown_category_value',
    );
  });

  it('offers owner roles in the UI language', () => {
    openForTest(templateProject('demo'), 'ja');
    render(<CtaView />);
    const offered = [...document.querySelectorAll('#cta-roles option')].map((o) =>
      o.getAttribute('value'),
    );
    expect(offered).toEqual(
      expect.arrayContaining(['CS ハイタッチ', '営業', 'インサイドセールス']),
    );
  });

  it('edits owner routing rules and the default owner', async () => {
    const user = userEvent.setup();
    render(<CtaView />);
    await user.click(screen.getByRole('button', { name: '+ Add routing rule' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Condition of routing rule 2' }), {
      target: { value: 'score < 40' },
    });
    await user.type(
      screen.getByRole('combobox', { name: 'Owner of routing rule 2' }),
      'CS high-touch',
    );
    expect(projectStore.current!.routing.rules[1]).toMatchObject({
      when: 'score < 40',
      owner: 'CS high-touch',
    });
    await user.click(screen.getByRole('button', { name: 'Move routing rule 2 up' }));
    expect(projectStore.current!.routing.rules[0].owner).toBe('CS high-touch');
  });
});
