import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable, summarise } from '.';
import { mrrFieldOf } from '../model';
import { validatePlaybook } from '../playbook/validate';
import { tableFromRows } from '../table/columns';
import { miniPlaybook } from './testing/mini';

describe('summarise: colours as share of MRR', () => {
  const pb = miniPlaybook();
  const rows = [
    { id: 'a', mrr: 300, usage: 50, rel: 'strong', nps: 10 }, // green
    { id: 'b', mrr: 200, usage: 48, rel: 'strong', nps: 9 }, // green
    { id: 'c', mrr: 50, usage: 0, rel: 'weak', nps: 1 }, // red
    { id: 'd', mrr: null, usage: 0, rel: 'weak', nps: 1 }, // red, no MRR
    { id: 'e', mrr: 70 }, // no score
  ];
  const types = Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));
  const table = tableFromRows(rows, types);
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error('mini');
  const r = scoreTable(c.compiled, table);

  it('sums MRR per colour, counts accounts without MRR apart', () => {
    const col = table.columns.mrr;
    if (col.type !== 'number') throw new Error('mrr');
    const s = summarise(r, { field: 'mrr', values: col.values });
    const colorOf = (id: string) => {
      const i = r.accountIds.indexOf(id);
      return r.color[i] < 0 ? '' : r.colorIds[r.color[i]];
    };
    // Oracle: sum the rows by the colour each got.
    const expected = new Map<string, number>();
    for (const row of rows)
      if (row.mrr !== null)
        expected.set(colorOf(row.id), (expected.get(colorOf(row.id)) ?? 0) + row.mrr);
    expect(colorOf('a')).toBe('green');
    expect(colorOf('e')).toBe('');
    expect(s.mrr!.field).toBe('mrr');
    expect(s.mrr!.total).toBe(620);
    expect(s.mrr!.missing).toBe(1);
    for (const x of s.mrr!.byColor) expect(x.mrr).toBe(expected.get(x.color) ?? 0);
    expect(s.mrr!.byColor.find((x) => x.color === '')?.mrr).toBe(70);
    expect(summarise(r).mrr).toBeUndefined();
  });

  it('uses the declared MRR field, which must be numeric', () => {
    const contract = {
      ...pb.fields,
      mrrField: 'usage',
    };
    expect(mrrFieldOf(contract)).toBe('usage');
    expect(mrrFieldOf(pb.fields)).toBe('mrr'); // by id, for contracts that declare none
    const bad = validatePlaybook({ ...pb, fields: { ...pb.fields, mrrField: 'rel' } });
    expect(bad.map((i) => [i.path, i.code])).toEqual([['$.fields.mrrField', 'field_type']]);
  });
});
