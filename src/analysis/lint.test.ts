import { describe, expect, it } from 'vitest';
import { lintDiagram, markersByNode } from './lint';
import { diagram } from './testing/build';
import { generatePrepDiagram } from './generate';

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

  it('1,000 deliverables lint well under 50 ms', () => {
    const d = generatePrepDiagram(1000);
    lintDiagram(d);
    const t0 = performance.now();
    const r = lintDiagram(d);
    const ms = performance.now() - t0;
    expect(r.findings.length).toBeGreaterThan(100);
    // Generous bound for a loaded CI machine; the benchmark reports the real figure.
    expect(ms).toBeLessThan(250);
  });
});
