// The one rule (docs/expressions.md): missing in → missing out; and/or/not are Kleene;
// comparisons with missing are unknown; x / 0 is missing; round is half away from zero.
// Every case runs through both evaluators.
import { describe, expect, it } from 'vitest';
import { cellValue, isoToDays, tableFromRows } from '../table/columns';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { evaluateRow, type ExprValue } from './evalRow';
import { compileVector } from './vector/compile';
import { TEST_CONTRACT, TEST_TYPES } from './testing/fixtureContract';

const env = {
  ...envFromContract(TEST_CONTRACT, 'measure'),
  expect: ['number', 'string', 'boolean', 'date'] as const,
};
const asOfDays = isoToDays('2026-11-23');

/** Value of `src` for each row, asserting both evaluators agree. */
function values(src: string, rows: Array<Record<string, unknown>>): ExprValue[] {
  const r = checkExpression(src, env);
  if (!r.ok) throw new Error(r.errors[0].message);
  const perRow = rows.map((row) => evaluateRow(r.expr, row, { asOfDays }).value);
  const col = compileVector(r.expr).run(tableFromRows(rows, TEST_TYPES), { asOfDays });
  expect(rows.map((_, i) => cellValue(col, i))).toEqual(perRow);
  return perRow;
}

const T = true,
  F = false,
  U = null;
const BOOLS = [T, F, U];

describe('Kleene three-valued logic', () => {
  // Two boolean operands: champion_left and (nps > 0) with nps chosen to give T/F/U.
  const rows = BOOLS.flatMap((a) =>
    BOOLS.map((b) => ({ champion_left: a, nps: b === null ? null : b ? 1 : -1 })),
  );
  it('and', () => {
    expect(values('champion_left and nps > 0', rows)).toEqual([T, F, U, F, F, F, U, F, U]);
  });
  it('or', () => {
    expect(values('champion_left or nps > 0', rows)).toEqual([T, T, T, T, F, U, T, U, U]);
  });
  it('not', () => {
    expect(
      values(
        'not champion_left',
        BOOLS.map((a) => ({ champion_left: a })),
      ),
    ).toEqual([F, T, U]);
  });
  it('a criterion on a missing value is unknown, not met — and its negation is unknown too', () => {
    expect(values('nps >= 7', [{ nps: null }])).toEqual([U]);
    expect(values('not (nps >= 7)', [{ nps: null }])).toEqual([U]);
    expect(values('nps >= 7 or is_missing(nps)', [{ nps: null }])).toEqual([T]);
  });
  it('equality with missing is unknown, for every type', () => {
    const row = { nps: null, plan: null, champion_left: null, renewal_date: null };
    for (const src of [
      'nps == 1',
      "plan == 'pro'",
      "plan != 'pro'",
      'champion_left == true',
      "renewal_date == date('2026-01-01')",
      "plan in ['pro']",
      "plan not in ['pro']",
    ]) {
      expect(values(src, [row]), src).toEqual([U]);
    }
  });
});

describe('numbers', () => {
  it('division by zero is missing, not Infinity', () => {
    expect(
      values('active_users / licenses', [
        { active_users: 5, licenses: 0 },
        { active_users: 0, licenses: 0 },
        { active_users: 5, licenses: 2 },
      ]),
    ).toEqual([U, U, 2.5]);
    expect(values('nps / 0', [{ nps: 1 }])).toEqual([U]);
  });
  it('missing in, missing out', () => {
    const row = { nps: null, licenses: 3 };
    for (const src of [
      'nps + 1',
      'licenses - nps',
      'nps * 0',
      '-nps',
      'abs(nps)',
      'round(nps)',
      'min(nps, licenses)',
      'max(licenses, nps)',
    ]) {
      expect(values(src, [row]), src).toEqual([U]);
    }
    expect(values('coalesce(nps, licenses, 0)', [row])).toEqual([3]);
  });
  it('round is half away from zero', () => {
    const rows = [2.5, -2.5, 0.5, -0.5, 1.5, 0.49, 100.5].map((nps) => ({ nps }));
    expect(values('round(nps)', rows)).toEqual([3, -3, 1, -1, 2, 0, 101]);
    // Documented: rounding sees the double 1.005 really is (1.00499…), as SQL does.
    expect(values('round(nps, 2)', [{ nps: 1.005 }])).toEqual([1]);
    expect(values('round(nps, 1)', [{ nps: 0.25 }, { nps: -0.25 }, { nps: 1.04 }])).toEqual([
      0.3, -0.3, 1,
    ]);
  });
  it('integer fields divide as doubles', () => {
    expect(values('active_users / licenses', [{ active_users: 1, licenses: 3 }])).toEqual([1 / 3]);
  });
});

describe('dates', () => {
  it('days_since, days_until and days_between count whole calendar days', () => {
    const rows = [
      { last_meeting: '2026-08-25', renewal_date: '2027-05-22' },
      { last_meeting: '2024-02-29', renewal_date: '2024-03-01' },
      { last_meeting: null, renewal_date: null },
    ];
    expect(values('days_since(last_meeting)', rows)).toEqual([90, 998, U]);
    expect(values('days_until(renewal_date)', rows)).toEqual([180, -997, U]);
    expect(values('days_between(last_meeting, renewal_date)', rows)).toEqual([270, 1, U]);
  });
  it('dates compare with date literals', () => {
    const rows = [
      { renewal_date: '2027-03-31' },
      { renewal_date: '2027-04-01' },
      { renewal_date: null },
    ];
    expect(values("renewal_date < date('2027-04-01')", rows)).toEqual([T, F, U]);
  });
});

describe('text and categories', () => {
  it('compares dictionary codes with literals and with other columns', () => {
    const rows = [
      { plan: 'pro', industry: 'pro' },
      { plan: 'free', industry: 'IT' },
      { plan: null, industry: 'IT' },
    ];
    expect(values("plan == 'pro'", rows)).toEqual([T, F, U]);
    expect(values("plan == 'エンタープライズ'", rows)).toEqual([F, F, U]);
    expect(values("coalesce(plan, 'free') == industry", rows)).toEqual([T, F, F]);
    expect(values("plan not in ['free', 'pro']", rows)).toEqual([F, F, U]);
  });
  it('if() takes the else branch when the condition is unknown, like SQL CASE', () => {
    expect(
      values("if(nps > 5, 'promoter', 'other')", [{ nps: 9 }, { nps: 1 }, { nps: null }]),
    ).toEqual(['promoter', 'other', 'other']);
  });
});

describe('common subexpressions', () => {
  it('a range check on one computed value gives the same answer as written twice', () => {
    const rows = [
      { renewal_date: '2027-05-01' },
      { renewal_date: '2027-04-01' },
      { renewal_date: null },
      { renewal_date: '2026-01-01' },
    ];
    expect(
      values('days_until(renewal_date) <= 180 and days_until(renewal_date) > 150', rows),
    ).toEqual([T, F, U, F]);
    expect(
      values('round(nps / 3, 1) + round(nps / 3, 1) * 2', [{ nps: 1 }, { nps: null }]),
    ).toEqual([0.3 + 0.3 * 2, U]);
  });
});

describe('evaluateRow explanations', () => {
  it('returns the values the expression read', () => {
    const r = checkExpression(
      'champion_left and days_until(renewal_date) <= 180',
      envFromContract(TEST_CONTRACT, 'cta'),
    );
    if (!r.ok) throw new Error('unexpected');
    const out = evaluateRow(
      r.expr,
      { champion_left: true, renewal_date: '2027-01-15', nps: 3 },
      { asOfDays },
    );
    expect(out).toEqual({
      value: true,
      reads: { champion_left: true, renewal_date: '2027-01-15' },
    });
  });
});
