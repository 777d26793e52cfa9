import { describe, expect, it } from 'vitest';
import { demoPlaybook } from '../engine/testing/demo';
import { diffPlaybooks, playbookFingerprint } from './playbookDiff';
import type { Playbook } from './playbook';

const clone = (pb: Playbook): Playbook => structuredClone(pb);

describe('playbook fingerprint and diff', () => {
  it('ignores name, as-of date and key order', () => {
    const a = demoPlaybook();
    const b = clone(a);
    b.name = 'renamed';
    b.asOf = '2020-01-01';
    // Same content, keys in another order.
    b.health = Object.fromEntries(Object.entries(a.health).reverse()) as Playbook['health'];
    expect(playbookFingerprint(b)).toBe(playbookFingerprint(a));
    expect(diffPlaybooks(a, b)).toEqual([]);
  });

  it('counts changes by kind: 3 measures, 1 band', () => {
    const a = demoPlaybook();
    const b = clone(a);
    b.health.measures[0].weight += 1; // changed
    b.health.measures.splice(1, 1); // removed
    b.health.measures.push({ ...a.health.measures[2], id: 'brand_new' }); // added
    b.health.bands[1].min += 5;
    expect(playbookFingerprint(b)).not.toBe(playbookFingerprint(a));
    expect(diffPlaybooks(a, b)).toEqual([
      { kind: 'measures', count: 3 },
      { kind: 'bands', count: 1 },
    ]);
  });

  it('sees CTAs, criteria, routing, segment order and the missing-value policy', () => {
    const a = demoPlaybook();
    const b = clone(a);
    b.ctas[0].dueInDays += 1;
    b.stages[0].exitCriteria[0].required = !b.stages[0].exitCriteria[0].required;
    b.routing.defaultOwner = 'someone else';
    b.segments.items.reverse();
    b.health.missing = b.health.missing === 'zero' ? 'exclude' : 'zero';
    const kinds = Object.fromEntries(diffPlaybooks(a, b).map((d) => [d.kind, d.count]));
    expect(kinds).toEqual({ ctas: 1, criteria: 1, routing: 1, segments: 1, settings: 1 });
  });
});
