import { describe, expect, it } from 'vitest';
import { generateDemoTable } from './generate';
import { generateDemoActivity } from './activity';
import { demoActivityPlaybook } from './activityPlaybook';
import { importActivityFile } from '../activity/importActivity';
import { compilePlaybook, scoreTable, withActivity } from '../../engine';
import { demoPlaybook } from '../../engine/testing/demo';
import { cellValue } from '../../table/columns';
import type { ActivityData } from '../../table/activity';

const FILE_OF = {
  logins: 'logins.csv',
  seminars: 'seminars.csv',
  contact_log: 'contacts.csv',
} as const;

describe('demo activity logs', () => {
  const accounts = generateDemoTable({ rows: 400, seed: 5 });
  const files = generateDemoActivity(accounts, { seed: 5 });
  const pb = demoActivityPlaybook(demoPlaybook());

  it('are the same for the same seed', () => {
    expect(generateDemoActivity(accounts, { seed: 5 })).toEqual(files);
    expect(generateDemoActivity(accounts, { seed: 6 })['logins.csv']).not.toEqual(
      files['logins.csv'],
    );
  });

  it('import cleanly and make the "logins fell by half" CTA fire on the declining accounts', () => {
    const c = compilePlaybook(pb, { asOf: '2026-11-01' });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const data: ActivityData = {};
    for (const s of pb.activity ?? []) {
      const text = files[FILE_OF[s.id as keyof typeof FILE_OF]].join('\n');
      const { table, report } = importActivityFile(
        new TextEncoder().encode(text),
        s.id,
        s,
        { table: accounts, contract: pb.fields },
        { asOf: '2026-11-01' },
      );
      expect(report.badTime + report.badValues + report.unknownAccount + report.future).toBe(0);
      // Names respelled in the contact sheet are joined back by 名寄せ, listed for review.
      if (s.id === 'contact_log') expect(report.review.length).toBeGreaterThan(0);
      expect(report.kept).toBeGreaterThan(report.rows * 0.95);
      data[s.id] = table;
    }
    const r = scoreTable(c.compiled, withActivity(c.compiled, accounts, data, '2026-11-01'));
    const k = r.ctas.findIndex((x) => x.id === 'logins_halved');
    let fired = 0,
      hits = 0,
      declining = 0;
    for (let i = 0; i < r.rowCount; i++) {
      const d =
        cellValue(accounts.columns.champion_left, i) === true ||
        cellValue(accounts.columns.outcome, i) === 'churned';
      if (d) declining++;
      if (r.ctaFired[k][i] === 1) {
        fired++;
        if (d) hits++;
      }
    }
    expect(fired).toBeGreaterThan(0);
    expect(hits / fired).toBeGreaterThan(0.7);
    expect(hits / declining).toBeGreaterThan(0.5);
  });
});
