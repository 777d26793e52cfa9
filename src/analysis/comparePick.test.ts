import { describe, expect, it } from 'vitest';
import { pickComparison } from './comparePick';
import type { Diagram } from '../model';

const ds = (...names: string[]): Diagram[] =>
  names.map((name, i) => ({ id: `d${i}`, name, nodes: [], edges: [] }));

describe('pickComparison', () => {
  it('pairs the diagrams named as-is and to-be, whichever is open', () => {
    const d = ds('現状 (As-is)', 'メモ', 'あるべき姿 (To-be)');
    for (const open of ['d0', 'd1', 'd2'])
      expect(pickComparison(d, open)).toEqual({ fromId: 'd0', toId: 'd2', reason: 'names' });
  });
  it('knows English names in any case and spacing', () => {
    expect(pickComparison(ds('Sales TO BE', 'sales as_is'), 'd0')).toMatchObject({
      fromId: 'd1',
      toId: 'd0',
    });
    expect(pickComparison(ds('Before', 'After'), 'd0')).toMatchObject({ fromId: 'd0', toId: 'd1' });
  });
  it('prefers the open diagram on its side, else the most recent tab of that side', () => {
    const d = ds('As-is 2024', 'As-is 2025', 'To-be');
    expect(pickComparison(d, 'd0')).toMatchObject({ fromId: 'd0', toId: 'd2' });
    expect(pickComparison(d, 'd2')).toMatchObject({ fromId: 'd1', toId: 'd2' });
  });
  it('with one side named, the open diagram is the other side', () => {
    expect(pickComparison(ds('現行', '案A', '案B'), 'd2')).toEqual({
      fromId: 'd0',
      toId: 'd2',
      reason: 'names',
    });
    expect(pickComparison(ds('案A', '将来'), 'd0')).toMatchObject({ fromId: 'd0', toId: 'd1' });
  });
  it('without names: the open diagram is the to-be and the tab before it the as-is', () => {
    expect(pickComparison(ds('A', 'B', 'C'), 'd2')).toEqual({
      fromId: 'd1',
      toId: 'd2',
      reason: 'order',
    });
    expect(pickComparison(ds('A', 'B', 'C'), 'd0')).toMatchObject({ fromId: 'd0', toId: 'd1' });
  });
  it('with one diagram there is nothing to compare', () => {
    expect(pickComparison(ds('A'), 'd0')).toEqual({ fromId: 'd0', toId: 'd0', reason: 'single' });
  });
});
