import { describe, expect, it } from 'vitest';
import { generateDemoTable, uncoveredFields } from './generate';
import { tableToCsv } from '../tableCsv';
import { importAccountFile } from '../index';
import { backtest, compilePlaybook, scoreTable } from '../../engine';
import { playbookFromProject } from '../../model';
import { demoContract, demoProject, utf8 } from '../testing/helpers';

describe('demo data generator', () => {
  const table = generateDemoTable({ rows: 3000, seed: 7 });

  it('fills every field of the demo contract with the contract’s types', () => {
    expect(uncoveredFields(demoContract, table)).toEqual([]);
    for (const f of demoContract.fields) {
      const want = f.type === 'integer' ? 'number' : f.type === 'category' ? 'string' : f.type;
      expect(table.columns[f.id].type, f.id).toBe(want);
    }
  });

  it('is deterministic by seed', () => {
    const csv = (seed: number) => tableToCsv(generateDemoTable({ rows: 200, seed }), demoContract);
    expect(csv(7)).toBe(csv(7));
    expect(csv(7)).not.toBe(csv(8));
  });

  it('round-trips through the CSV importer without errors', () => {
    const { table: back, report } = importAccountFile(
      utf8(tableToCsv(table, demoContract)),
      'demo.csv',
      demoContract,
    );
    expect(report.errorCount).toBe(0);
    expect(back.rowCount).toBe(3000);
  });

  it('has outcomes that the demo health score predicts (churn falls with colour, AUC well above chance)', () => {
    const c = compilePlaybook(playbookFromProject(demoProject), { asOf: '2026-11-01' });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const r = scoreTable(c.compiled, table);
    const bt = backtest(r, table, 'outcome');
    expect(bt.aucChurn!).toBeGreaterThan(0.62);
    const rate = (id: string) => bt.perColor.find((p) => p.color === id)!.churnRate!;
    expect(rate('red')).toBeGreaterThan(rate('yellow'));
    expect(rate('yellow')).toBeGreaterThan(rate('green'));
    // Most accounts are neither all green nor all red, and no band holds > 60%.
    expect(bt.warnings).toEqual([]);
  });
});
