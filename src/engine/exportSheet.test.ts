import { describe, expect, it } from 'vitest';
import { csvLine } from '../util/csvCell';
import { generateDemoTable } from '../data/demo/generate';
import { compilePlaybook } from './compile';
import { scoreSheet } from './exportSheet';
import { resultToCsv } from './resultWriter';
import { scoreTable } from './score';
import { demoPlaybook } from './testing/demo';

const LABELS = {
  segment: (id: string) => `S:${id}`,
  stage: (id: string) => `T:${id}`,
  color: (id: string) => `C:${id}`,
  headers: { segment: 'segment_label', stage: 'stage_label', color: 'color_label' },
};

describe('scoreSheet', () => {
  const pb = demoPlaybook();
  const cr = compilePlaybook(pb);
  if (!cr.ok) throw new Error('demo playbook does not compile');
  const c = cr.compiled;
  const table = generateDemoTable({ rows: 300, seed: 7 });
  const r = scoreTable(c, table, { asOf: '2026-10-01' });

  it('has the columns and cells of `waymark score --format csv`, then the labels', () => {
    const { header, rows } = scoreSheet(r, LABELS);
    const csv = [header.slice(0, -3), ...rows.map((x) => x.slice(0, -3))]
      .map((x) => csvLine(x))
      .join('\n');
    expect(csv + '\n').toBe(resultToCsv(r));
    expect(header.slice(-3)).toEqual(['segment_label', 'stage_label', 'color_label']);
    const i = 5;
    const row = rows[i];
    expect(row.slice(-3)).toEqual([
      `S:${r.segmentIds[r.segment[i]]}`,
      r.stage[i] < 0 ? null : `T:${r.stageIds[r.stage[i]]}`,
      r.color[i] < 0 ? null : `C:${r.colorIds[r.color[i]]}`,
    ]);
  });

  it('writes the rows asked for, in that order', () => {
    const { rows } = scoreSheet(r, LABELS, [9, 2]);
    expect(rows.map((x) => x[0])).toEqual([r.accountIds[9], r.accountIds[2]]);
  });
});
