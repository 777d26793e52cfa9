import { describe, expect, it } from 'vitest';
import { compilePlaybook, resultRows, scoreTable, summarise } from '.';
import { validatePlaybook } from '../playbook/validate';
import { tableFromRows } from '../table/columns';
import { ctaOwner } from './ctaOwner';
import type { Playbook } from '../model';
import { miniPlaybook } from './testing/mini';

/** The mini playbook with a CSM text field; both CTAs fire for every account. */
function withCsm(over: Partial<Playbook['ctas'][number]>[]): Playbook {
  const pb = miniPlaybook();
  pb.fields.fields.push({
    id: 'csm',
    label: { ja: '担当CSM', en: 'CSM' },
    type: 'string',
    required: false,
  });
  pb.routing = {
    rules: [{ id: 'r', when: 'mrr >= 100', owner: 'Enterprise CS' }],
    defaultOwner: 'CS',
  };
  pb.ctas = over.map((o, i) => ({
    id: `c${i}`,
    label: `C${i}`,
    type: 'risk',
    trigger: 'true',
    priority: 'high',
    ownerRole: '',
    dueInDays: 1,
    segments: [],
    stages: [],
    steps: [],
    ...o,
  }));
  return pb;
}

const rows = [
  { id: 'a', mrr: 500, csm: '佐藤' },
  { id: 'b', mrr: 10, csm: null },
  { id: 'c', mrr: 500, csm: '' },
  { id: 'd', mrr: 10, csm: '鈴木' },
];

function run(pb: Playbook) {
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const table = tableFromRows(
    rows,
    Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type])),
  );
  return scoreTable(c.compiled, table);
}

describe('CTA owner from a field', () => {
  it('is the person in the field; blank falls back to the role, else the routed owner', () => {
    const r = run(withCsm([{ ownerField: 'csm' }, { ownerField: 'csm', ownerRole: 'Sales' }, {}]));
    const owners = (k: number) => r.accountIds.map((_, i) => ctaOwner(r, k, i));
    expect(owners(0)).toEqual(['佐藤', 'CS', 'Enterprise CS', '鈴木']);
    expect(owners(1)).toEqual(['佐藤', 'Sales', 'Sales', '鈴木']);
    expect(owners(2)).toEqual(['Enterprise CS', 'CS', 'Enterprise CS', 'CS']);
    // Exports and summaries follow the same rule.
    const exported = [...resultRows(r)].map((x) => x.ctas.map((c) => c.owner));
    expect(exported[0]).toEqual(['佐藤', '佐藤', 'Enterprise CS']);
    const s = summarise(r);
    expect(s.ctasByTypeOwner.find((x) => x.owner === '佐藤')?.count).toBe(2);
  });

  it('leaves a playbook without ownerField as it was (no person columns)', () => {
    const r = run(withCsm([{}]));
    expect(r.ctaPerson).toBeUndefined();
  });

  it('must name a text or category field of the contract', () => {
    const unknown = validatePlaybook(withCsm([{ ownerField: 'csmm' }]));
    expect(unknown.map((i) => [i.path, i.code, i.params.suggestion])).toEqual([
      ['$.ctas[0].ownerField', 'unknown_field', 'csm'],
    ]);
    const numeric = validatePlaybook(withCsm([{ ownerField: 'mrr' }]));
    expect(numeric.map((i) => [i.path, i.code])).toEqual([['$.ctas[0].ownerField', 'field_type']]);
  });
});
