// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { tableFromRows, type AccountTable } from '../../table/columns';
import type { Scope } from '../../expr';
import { openForTest, templateProject } from '../playbook/testProject';
import ExpressionInput from './ExpressionInput';

let table: AccountTable | null = null;
vi.mock('../data/useActiveDataset', () => ({ useActiveDataset: () => table }));

function Harness({ initial, scope }: { initial: string; scope: Scope }) {
  const [v, setV] = useState(initial);
  return <ExpressionInput value={v} onChange={setV} scope={scope} ariaLabel="rule" />;
}

describe('ExpressionInput', () => {
  beforeEach(() => {
    table = null;
    openForTest(templateProject('demo'));
  });
  afterEach(cleanup);

  it('autocompletes field ids with the keyboard', async () => {
    const user = userEvent.setup();
    render(<Harness initial="" scope="criterion" />);
    const box = screen.getByRole('combobox', { name: 'rule' });
    await user.type(box, 'quot');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('quota_usage');
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('quota_usage');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(box, ' > 8o');
    expect(screen.getByTestId('expr-error')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it('offers a category’s values inside quotes and Ctrl+Space lists every name', async () => {
    const user = userEvent.setup();
    render(<Harness initial="" scope="segment" />);
    const box = screen.getByRole('combobox', { name: 'rule' });
    await user.type(box, "relationship == 'w");
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('weak');
    await user.keyboard('{Tab}');
    expect(box).toHaveValue("relationship == 'weak'");
    await user.clear(box);
    await user.type(box, 'kickoff_done and ');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Control>} {/Control}');
    expect(screen.getByRole('option', { name: /^champion_left/ })).toBeInTheDocument();
    // Segments see no built-ins: score is not offered.
    expect(screen.queryByRole('option', { name: /^score/ })).toBeNull();
  });

  it('shows how many accounts of the loaded dataset match, after a short pause', async () => {
    table = tableFromRows([{ nps: 10 }, { nps: 3 }, { nps: 9 }, { nps: null }], { nps: 'integer' });
    render(<Harness initial="nps >= 9" scope="criterion" />);
    const p = await screen.findByTestId('expr-preview');
    expect(p).toHaveTextContent('2 of 4 accounts match');
    expect(p).toHaveTextContent('missing for 1');
  });

  it('speaks Japanese', () => {
    openForTest(templateProject('demo'), 'ja');
    render(<Harness initial="npss >= 9" scope="criterion" />);
    expect(screen.getByTestId('expr-error')).toHaveTextContent('1〜4 文字目');
    expect(screen.getByRole('button', { name: '「nps」に置き換える' })).toBeInTheDocument();
  });
});
