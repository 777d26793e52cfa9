import { describe, expect, it } from 'vitest';
import { compareDiagrams, matchNodes } from './compare';
import { diagram } from './testing/build';

describe('as-is / to-be comparison', () => {
  const asis = diagram(['req holders=Sato', 'svc', 'old'], ['req>svc']);
  const tobe = diagram(['req', 'kh:k', 'svc', 'new'], ['req>svc', 'kh>svc', 'svc>new']);

  it('matches by id first, then by label', () => {
    const a = diagram(['x label=Plan', 'y label=Report']);
    const b = diagram(['p1 label=PLAN', 'y label=Other', 'p2 label=Report']);
    // y matches y by id even though the label changed; x matches p1 by label (case-insensitive).
    expect([...matchNodes(a, b)]).toEqual([
      ['y', 'y'],
      ['x', 'p1'],
    ]);
  });

  it('lists added, removed and changed deliverables and the changed fields', () => {
    const d = compareDiagrams(asis, tobe);
    expect(d.added.map((n) => n.id)).toEqual(['kh', 'new']);
    expect(d.removed.map((n) => n.id)).toEqual(['old']);
    expect(d.changed.map((c) => [c.after.id, c.fields])).toEqual([['req', ['holders']]]);
    expect(d.unchanged).toBe(1);
    expect(d.edgesAdded.map((e) => `${e.source}>${e.target}`)).toEqual(['kh>svc', 'svc>new']);
    expect(d.edgesRemoved).toEqual([]);
  });

  it('lists findings resolved and introduced', () => {
    const d = compareDiagrams(asis, tobe);
    const key = (f: { ruleId: string; nodeId: string }) => `${f.ruleId}@${f.nodeId}`;
    expect(d.resolved.map(key).sort()).toEqual([
      'disconnected-deliverable@old',
      'insufficient-inputs@svc',
      'missing-knowhow@svc',
      'single-person-dependency@req',
    ]);
    expect(d.introduced.map(key)).toEqual(['insufficient-inputs@new', 'missing-knowhow@new']);
  });

  it('an unchanged copy has no differences', () => {
    const d = compareDiagrams(asis, structuredClone(asis));
    expect(
      [d.added, d.removed, d.changed, d.resolved, d.introduced].every((x) => x.length === 0),
    ).toBe(true);
  });
});
