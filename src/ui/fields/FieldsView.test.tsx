// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { projectStore } from '../../store/projectStore';
import { openForTest, templateProject } from '../testing/testProject';
import FieldsView from './FieldsView';

vi.mock('../data/useActiveDataset', () => ({ useActiveDataset: () => null }));

describe('FieldsView', () => {
  beforeEach(() => openForTest(templateProject('demo')));
  afterEach(cleanup);

  it('renames a field everywhere in one undo step', async () => {
    const user = userEvent.setup();
    render(<FieldsView />);
    const id = screen.getByTestId('field-id-quota_usage');
    await user.clear(id);
    await user.type(id, 'quota_pct{Enter}');
    const p = projectStore.current!;
    expect(p.fields.fields.some((f) => f.id === 'quota_pct')).toBe(true);
    expect(p.ctas.find((c) => c.id === 'quota_80')!.trigger).toBe('quota_pct > 80');
    expect(screen.getByTestId('fields-notice')).toHaveTextContent(
      'Renamed “quota_usage” to “quota_pct”; expressions updated: 1.',
    );
    act(() => projectStore.undo());
    expect(projectStore.current!.ctas.find((c) => c.id === 'quota_80')!.trigger).toBe(
      'quota_usage > 80',
    );
    expect(projectStore.current!.fields.fields.some((f) => f.id === 'quota_usage')).toBe(true);
  });

  it('explains a bad new id and changes nothing', async () => {
    const user = userEvent.setup();
    render(<FieldsView />);
    const before = projectStore.current;
    const id = screen.getByTestId('field-id-nps');
    await user.clear(id);
    await user.type(id, 'csat{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Another field already has the id “csat”');
    await user.clear(id);
    await user.type(id, 'score{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('“score” is a name Waymark defines itself');
    expect(projectStore.current).toBe(before);
  });

  it('adds, retypes (with allowed values) and deletes fields; deleting a used field asks first', async () => {
    const user = userEvent.setup();
    render(<FieldsView />);
    await user.click(screen.getByRole('button', { name: '+ Add field' }));
    const added = projectStore.current!.fields.fields.at(-1)!;
    expect(added).toMatchObject({ id: 'field_28', type: 'number', required: false });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Type of field_28' }),
      'category',
    );
    const values = screen.getByRole('textbox', {
      name: 'Allowed values of field_28, separated by commas',
    });
    await user.type(values, 'gold, silver、 bronze, gold{Enter}');
    expect(projectStore.current!.fields.fields.at(-1)).toMatchObject({
      type: 'category',
      values: ['gold', 'silver', 'bronze'],
    });
    await user.click(screen.getByRole('button', { name: 'Delete field field_28' }));
    expect(projectStore.current!.fields.fields.some((f) => f.id === 'field_28')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Delete field nps' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('$.health.measures[7].expr');
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(projectStore.current!.fields.fields.some((f) => f.id === 'nps')).toBe(true);
    expect(screen.getByRole('button', { name: 'Delete field account_id' })).toBeDisabled();
  });
});
