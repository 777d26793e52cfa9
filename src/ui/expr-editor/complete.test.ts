import { describe, expect, it } from 'vitest';
import { envFromContract } from '../../expr';
import type { FieldContract } from '../../model';
import { applyCompletion, completionsAt } from './complete';
import { previewExpression, sampleTable } from '../../engine/preview';
import { checkExpression } from '../../expr';
import { tableFromRows } from '../../table/columns';

const contract: FieldContract = {
  accountKey: 'account_id',
  fields: [
    { id: 'account_id', label: { ja: 'ID', en: 'ID' }, type: 'string', required: true },
    { id: 'nps', label: { ja: 'NPS', en: 'NPS' }, type: 'integer', required: false },
    {
      id: 'relationship',
      label: { ja: '関係性', en: 'Relationship' },
      type: 'category',
      values: ['strong', 'normal', 'weak'],
      required: false,
    },
    { id: 'renewal_date', label: { ja: '更新日', en: 'Renewal' }, type: 'date', required: false },
  ],
};

describe('completionsAt', () => {
  it('offers fields by id prefix and by label (Japanese too), and functions', () => {
    const env = envFromContract(contract, 'criterion');
    expect(completionsAt('np', 2, env).map((c) => c.label)).toEqual(['nps']);
    expect(completionsAt('関係', 2, env, 'ja')[0].label).toBe('relationship');
    const days = completionsAt('x and days_u', 12, env);
    expect(days[0]).toMatchObject({ kind: 'function', insert: 'days_until(', from: 6, to: 12 });
    expect(applyCompletion('x and days_u', days[0])).toEqual({
      source: 'x and days_until(',
      caret: 17,
    });
  });

  it('offers a category field’s allowed values inside the quotes', () => {
    const env = envFromContract(contract, 'criterion');
    const src = "relationship == 'st";
    const c = completionsAt(src, src.length, env);
    expect(c.map((x) => x.label)).toEqual(['strong']);
    expect(applyCompletion(src, c[0]).source).toBe("relationship == 'strong'");
  });

  it('offers built-ins only in scopes that have them', () => {
    expect(completionsAt('sco', 3, envFromContract(contract, 'cta')).map((c) => c.label)).toContain(
      'score',
    );
    expect(
      completionsAt('sco', 3, envFromContract(contract, 'segment')).map((c) => c.label),
    ).not.toContain('score');
  });
});

describe('live preview', () => {
  const table = tableFromRows(
    [
      { nps: 10, relationship: 'strong' },
      { nps: 6, relationship: 'weak' },
      { nps: null, relationship: 'strong' },
      { nps: 9, relationship: null },
    ],
    { nps: 'integer', relationship: 'category' },
  );
  const check = (src: string, scope: 'criterion' | 'measure') => {
    const r = checkExpression(src, envFromContract(contract, scope));
    if (!r.ok) throw new Error(r.errors[0].message);
    return r;
  };

  it('counts matches and unknowns for a condition', () => {
    const r = check('nps >= 9', 'criterion');
    expect(previewExpression(r.expr, r.fields, table, '2026-11-23')).toEqual({
      kind: 'condition',
      matched: 2,
      missing: 1,
      evaluated: 4,
      total: 4,
    });
  });

  it('reports presence and range for a measure, and a missing column by name', () => {
    const r = check('nps', 'measure');
    expect(previewExpression(r.expr, r.fields, table, '2026-11-23')).toEqual({
      kind: 'value',
      present: 3,
      evaluated: 4,
      total: 4,
      min: 6,
      max: 10,
    });
    const d = check('days_until(renewal_date) <= 180', 'criterion');
    expect(previewExpression(d.expr, d.fields, table, '2026-11-23')).toEqual({
      kind: 'missingColumns',
      columns: ['renewal_date'],
    });
  });

  it('samples big tables evenly', () => {
    const big = tableFromRows(
      Array.from({ length: 1000 }, (_, i) => ({ nps: i % 11 })),
      { nps: 'integer' },
    );
    const s = sampleTable(big, 100);
    expect(s.rowCount).toBe(100);
    const col = s.columns.nps;
    expect(col.type === 'number' && Array.from(col.values.slice(0, 3))).toEqual([0, 10, 9]);
  });
});
