import { describe, expect, it } from 'vitest';
import { lintDiagram, markersByNode } from './lint';
import { diagram } from './testing/build';
import { generatePrepDiagram } from './generate';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateProject, type Diagram } from '../model';

const salesProposal = (): Diagram => {
  const m = migrateProject(
    JSON.parse(
      readFileSync(resolve(__dirname, '../../test/fixtures/prep/sales-proposal.json'), 'utf8'),
    ),
  );
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  return m.project.diagrams[0];
};

describe('lintDiagram', () => {
  const naive = diagram(
    ['req holders=CSM org=customer', 'svc org=vendor', 'ok org=customer'],
    ['req>svc', 'svc~ok'],
  );

  it('sets severities from the preset, errors first, and counts them', () => {
    const r = lintDiagram(naive);
    expect(r.findings.map((f) => `${f.severity}:${f.ruleId}@${f.nodeId}`)).toEqual([
      'error:single-person-dependency@req',
      'error:insufficient-inputs@svc',
      'warn:missing-knowhow@svc',
      'warn:coordination-bottleneck@svc',
      'warn:coordination-bottleneck@ok',
    ]);
    expect([r.errors, r.warnings]).toEqual([2, 3]);
  });

  it('per-rule overrides and the relaxed preset', () => {
    expect(
      lintDiagram(naive, { rules: { 'insufficient-inputs': 'off' } }).findings.some(
        (f) => f.ruleId === 'insufficient-inputs',
      ),
    ).toBe(false);
    const relaxed = lintDiagram(naive, { preset: 'relaxed' });
    expect(relaxed.errors).toBe(0);
    expect(relaxed.findings.some((f) => f.ruleId === 'coordination-bottleneck')).toBe(false);
  });

  it('markers: every box of a loop is marked; the worst severity wins', () => {
    const loop = diagram(['a', 'b', 'x', 'y'], ['a>b', 'b>a', 'x>a', 'y>b']);
    // relaxed: only the loop flags anything here, and its finding sits on a.
    const relaxed = lintDiagram(loop, { preset: 'relaxed' }).findings;
    expect(relaxed.map((f) => `${f.ruleId}@${f.nodeId}`)).toEqual(['rework-loop@a']);
    expect([...markersByNode(relaxed)]).toEqual([
      ['a', 'warn'],
      ['b', 'warn'],
    ]);
    const m = markersByNode(
      lintDiagram(diagram(['c holders=X', 'd', 'e'], ['c>d', 'e>d'])).findings,
    );
    expect(m.get('c')).toBe('error');
    expect(m.get('d')).toBe('warn');
  });

  it('sales proposal: the one-person know-how ranks first, then by impact', () => {
    const r = lintDiagram(salesProposal());
    expect(r.findings.map((f) => `${f.severity}:${f.ruleId}@${f.nodeId}`)).toEqual([
      'error:single-person-dependency@kh',
      'error:insufficient-inputs@approval',
      'warn:missing-knowhow@proposal',
      'warn:coordination-bottleneck@proposal',
      'warn:missing-knowhow@approval',
      'warn:coordination-bottleneck@approval',
    ]);
    // kh: draft, proposal, approval downstream; leads to the final approval; the customer is downstream.
    expect(r.findings[0].impact).toEqual({ reach: 3, finalPath: true, crossOrg: true, score: 7 });
    expect(r.findings[1].impact).toEqual({ reach: 0, finalPath: true, crossOrg: true, score: 4 });
  });

  it('ranks by impact within a severity, not by rule order', () => {
    // Both errors: the one-person box with 3 downstream ranks above the single-input box with 1.
    const d = diagram(['x', 'y holders=Sato', 'z', 'w', 'v'], ['x>z', 'y>z', 'z>w', 'w>v', 'x>v']);
    const ids = lintDiagram(d).findings.map((f) => `${f.ruleId}@${f.nodeId}`);
    expect(ids.indexOf('single-person-dependency@y')).toBeLessThan(
      ids.indexOf('insufficient-inputs@w'),
    );
    // Cross-organisation weighs in: the same reach, one crossing, ranks first.
    const c = diagram(
      ['a holders=A org=vendor', 'b holders=B org=vendor', 'a2 org=vendor', 'b2 org=customer'],
      ['a>a2', 'b>b2'],
    );
    const single = lintDiagram(c).findings.filter((f) => f.ruleId === 'single-person-dependency');
    expect(single.map((f) => f.nodeId)).toEqual(['b', 'a']);
    // A single-input box with more downstream (q: 2) ranks above a one-person box with less (t: 1),
    // although single-person-dependency comes first in rule order; on a tie (r, t) rule order decides.
    const e = diagram(['p', 'q', 'r', 's', 't holders=T', 'u'], ['p>q', 'q>r', 'r>s', 't>u']);
    expect(
      lintDiagram(e)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.ruleId}@${f.nodeId}`),
    ).toEqual([
      'insufficient-inputs@q',
      'single-person-dependency@t',
      'insufficient-inputs@r',
      'insufficient-inputs@s',
      'insufficient-inputs@u',
    ]);
  });

  it('no holders anywhere: one notice, no 属人化 errors', () => {
    const d = diagram(
      ['a holders=', 'kh:k holders=', 'b holders=', 'c holders=', 'd holders='],
      ['a>b', 'kh>b', 'b>c', 'c>d'],
    );
    const r = lintDiagram(d);
    expect(r.findings.filter((f) => f.ruleId === 'single-person-dependency')).toEqual([]);
    const notices = r.findings.filter((f) => f.severity === 'info');
    expect(notices.map((f) => [f.ruleId, f.params.count])).toEqual([['holders-not-recorded', 4]]);
    expect(r.infos).toBe(1);
    expect(r.findings.at(-1)!.severity).toBe('info');
    expect(markersByNode(r.findings).has('a')).toBe(false);
  });

  it('dismissed findings leave the list, the counts and the markers; accepted ones stay', () => {
    const d: Diagram = {
      ...naive,
      reviews: [
        { key: 'single-person-dependency@req', status: 'dismissed', note: 'Ito covers', at: 'x' },
        { key: 'insufficient-inputs@svc', status: 'accepted', note: '', at: 'x' },
        { key: 'rework-loop@gone', status: 'dismissed', note: 'stale', at: 'x' },
      ],
    };
    const r = lintDiagram(d);
    expect(r.findings.some((f) => f.key === 'single-person-dependency@req')).toBe(false);
    expect(r.dismissed.map((f) => [f.key, f.review?.note])).toEqual([
      ['single-person-dependency@req', 'Ito covers'],
    ]);
    expect(r.errors).toBe(1);
    expect(r.findings.find((f) => f.ruleId === 'insufficient-inputs')?.review?.status).toBe(
      'accepted',
    );
    expect(markersByNode(r.findings).has('req')).toBe(false);
    const all = lintDiagram(d, { includeDismissed: true });
    expect(all.errors).toBe(2);
    expect(all.findings).toHaveLength(5);
  });

  // Speed is the benchmark's (npm run bench -- prep: findings_1000_ms), not a timed test.
  it('lints 1,000 deliverables', () => {
    const r = lintDiagram(generatePrepDiagram(1000));
    expect(r.findings.length).toBeGreaterThan(100);
  });
});
