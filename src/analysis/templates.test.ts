import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateProject, type Diagram } from '../model';
import { localiseTemplate } from '../model/templateText';
import { lintDiagram } from './lint';
import { compareDiagrams } from './compare';

const load = (f: string) => {
  // Templates carry their texts in ja and en; the app instantiates them in the UI language.
  const m = migrateProject(
    localiseTemplate(
      JSON.parse(readFileSync(resolve(__dirname, '../../templates', f), 'utf8')),
      'en',
    ),
  );
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  return m.project;
};
const found = (d: Diagram) => lintDiagram(d).findings.map((f) => `${f.ruleId}@${f.nodeId}`);

describe('PReP templates show the findings they are meant to show (DOMAIN §2)', () => {
  const feature = load('prep-feature.json');
  const health = load('prep-health.json');

  it('adding a feature, naive: one input, no know-how, one person, negotiated approval', () => {
    expect(found(feature.diagrams[0])).toEqual([
      'single-person-dependency@req',
      'insufficient-inputs@svc',
      'missing-knowhow@svc',
      'coordination-bottleneck@svc',
      'coordination-bottleneck@approval',
    ]);
  });

  it('adding a feature, real: inputs are sufficient, the development know-how sits with one engineer', () => {
    const f = found(feature.diagrams[1]);
    expect(f).toContain('single-person-dependency@devkh');
    expect(
      f.some((x) => x.startsWith('insufficient-inputs') || x.startsWith('missing-knowhow')),
    ).toBe(false);
  });

  it('health management: the to-be resolves the as-is input and 属人化 findings, keeps one know-how risk', () => {
    const [asis, tobe] = health.diagrams;
    expect(found(asis).filter((x) => x.startsWith('insufficient-inputs'))).toHaveLength(3);
    const diff = compareDiagrams(asis, tobe);
    expect(diff.removed.map((n) => n.id)).toEqual(['survey', 'education']);
    expect(diff.added.length).toBeGreaterThan(5);
    expect(diff.resolved.map((f) => `${f.ruleId}@${f.nodeId}`)).toEqual(
      expect.arrayContaining([
        'insufficient-inputs@plan',
        'insufficient-inputs@guidance',
        'single-person-dependency@plan',
        'missing-knowhow@guidance',
      ]),
    );
    expect(diff.introduced.map((f) => `${f.ruleId}@${f.nodeId}`)).toContain(
      'single-person-dependency@physiciankh',
    );
  });

  it('every template node has a size and every edge an ELK route', () => {
    for (const d of [...feature.diagrams, ...health.diagrams]) {
      expect(d.nodes.every((n) => n.size)).toBe(true);
      expect(d.edges.every((e) => (e.route?.length ?? 0) >= 2)).toBe(true);
    }
  });
});
