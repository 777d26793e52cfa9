import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable } from './index';
import { demoPlaybook } from './testing/demo';
import { generateDemoTable } from '../data/demo/generate';
import { columnOf } from '../table/columns';
import { assignSegments } from './segmentPreview';

const pb = demoPlaybook();
const table = generateDemoTable({ rows: 1500, seed: 11 });
const asOf = '2026-10-01';

describe('assignSegments (first match wins)', () => {
  it('counts what scoring assigns, segment by segment', () => {
    const a = assignSegments(pb.segments, pb.fields, table, asOf)!;
    const c = compilePlaybook(pb);
    if (!c.ok) throw new Error('demo playbook does not compile');
    const r = scoreTable(c.compiled, table, { asOf });
    const engine: Record<string, number> = {};
    r.segmentIds.forEach((id, k) => (engine[id] = r.segment.filter((s) => s === k).length));
    expect(a.counts).toEqual(engine);
    expect(Object.values(a.counts).reduce((x, y) => x + y, 0)).toBe(table.rowCount);
  });

  it('does not count in Mid the Enterprise accounts its own rule also matches', () => {
    const a = assignSegments(pb.segments, pb.fields, table, asOf)!;
    const mrr = columnOf(table, 'mrr')!;
    let naive = 0;
    if (mrr.type === 'number') for (const v of mrr.values) if (v >= 100000) naive++;
    expect(a.counts.mid).toBeLessThan(naive);
    expect(a.counts.mid + a.counts.enterprise).toBeGreaterThanOrEqual(naive);
  });

  it('says nothing when a rule does not check', () => {
    const broken = {
      ...pb.segments,
      items: pb.segments.items.map((s, i) => (i === 0 ? { ...s, when: 'mrr >=' } : s)),
    };
    expect(assignSegments(broken, pb.fields, table, asOf)).toBeNull();
  });
});
