// The vectorised evaluator and the per-row evaluator must agree on every expression and every
// row, missing values included: the engine scores with one and explains with the other.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellValue, isoToDays, tableFromRows } from '../table/columns';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { evaluateRow } from './evalRow';
import { compileVector } from './vector/compile';
import { exprArb, rowsArb } from './testing/arbitrary';
import { TEST_CONTRACT, TEST_TYPES } from './testing/fixtureContract';

const env = envFromContract(TEST_CONTRACT, 'measure');
const anyExpr = fc.oneof(
  exprArb.number,
  exprArb.boolean,
  exprArb.string,
  exprArb.date.map((d) => `coalesce(${d}, date('2026-01-01'))`),
);
const zero = (v: unknown) => (typeof v === 'number' && Object.is(v, -0) ? 0 : v);

describe('vectorised = per-row', () => {
  it('on random expressions and rows', () => {
    fc.assert(
      fc.property(
        anyExpr,
        rowsArb,
        fc.integer({ min: 19000, max: 21000 }),
        (src, rows, asOfDays) => {
          const r = checkExpression(src, {
            ...env,
            expect: ['number', 'string', 'boolean', 'date'],
          });
          if (!r.ok) throw new Error(`${src}: ${r.errors.map((e) => e.message).join('; ')}`);
          const table = tableFromRows(rows, TEST_TYPES);
          const program = compileVector(r.expr);
          // Twice: the second run reuses the buffers the first allocated.
          for (let pass = 0; pass < 2; pass++) {
            const col = program.run(table, { asOfDays });
            rows.forEach((row, i) => {
              const want = zero(evaluateRow(r.expr, row, { asOfDays }).value);
              expect(zero(cellValue(col, i)), `${src} row ${i}`).toEqual(want);
            });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on a row selection (compact result, any order, repeats allowed)', () => {
    const withRows = rowsArb.chain((rows) =>
      fc.tuple(fc.constant(rows), fc.array(fc.nat({ max: rows.length - 1 }), { maxLength: 20 })),
    );
    fc.assert(
      fc.property(anyExpr, withRows, (src, [rows, picks]) => {
        const r = checkExpression(src, { ...env, expect: ['number', 'string', 'boolean', 'date'] });
        if (!r.ok) throw new Error(`${src}: ${r.errors[0].message}`);
        const col = compileVector(r.expr).runRows(
          tableFromRows(rows, TEST_TYPES),
          { asOfDays: 20000 },
          Int32Array.from(picks),
        );
        picks.forEach((row, k) => {
          expect(zero(cellValue(col, k)), `${src} pick ${k}`).toEqual(
            zero(evaluateRow(r.expr, rows[row], { asOfDays: 20000 }).value),
          );
        });
      }),
      { numRuns: 200 },
    );
  });

  it('spans many chunks and a selection larger than one chunk', () => {
    const n = 5000;
    const rows = Array.from({ length: n }, (_, i) => ({
      nps: i % 7 === 0 ? null : (i % 11) - 3,
      plan: ['free', 'pro', null][i % 3],
      champion_left: i % 5 === 0,
    }));
    const r = checkExpression(
      "if(champion_left, nps * 2, nps / (nps - 1)) > 1 or plan == 'pro'",
      env,
    );
    if (!r.ok) throw new Error(r.errors[0].message);
    const table = tableFromRows(rows, TEST_TYPES);
    const p = compileVector(r.expr);
    const want = rows.map((row) => evaluateRow(r.expr, row, { asOfDays: 0 }).value);
    const all = p.run(table, { asOfDays: 0 });
    expect(rows.map((_, i) => cellValue(all, i))).toEqual(want);
    const picks = Int32Array.from({ length: 3000 }, (_, k) => (k * 7919) % n);
    const some = p.runRows(table, { asOfDays: 0 }, picks);
    expect(Array.from(picks, (row, k) => cellValue(some, k))).toEqual(
      Array.from(picks, (row) => want[row]),
    );
    expect(() => p.runRows(table, { asOfDays: 0 }, Int32Array.from([n]))).toThrow(
      /outside the table/,
    );
  });

  it('reads built-ins from the context', () => {
    const cta = envFromContract(TEST_CONTRACT, 'cta');
    const r = checkExpression("stage == 'onboarding' and days_in_stage > 90 or score < 40", cta);
    if (!r.ok) throw new Error(r.errors[0].message);
    const table = tableFromRows([{}, {}, {}], {});
    const stage = {
      type: 'string' as const,
      codes: Int32Array.from([0, 1, -1]),
      dict: ['onboarding', 'adoption'],
    };
    const ctx = {
      asOfDays: isoToDays('2026-11-23'),
      builtins: {
        stage,
        days_in_stage: Float64Array.from([100, 200, NaN]),
        score: Float64Array.from([50, 30, NaN]),
      },
    };
    const p = compileVector(r.expr);
    const col = p.run(table, ctx);
    expect([0, 1, 2].map((i) => cellValue(col, i))).toEqual([true, true, null]);
    const some = p.runRows(table, ctx, Int32Array.from([2, 0]));
    expect([0, 1].map((i) => cellValue(some, i))).toEqual([null, true]);
  });

  it('says which column is missing', () => {
    const r = checkExpression('nps > 1', env);
    if (!r.ok) throw new Error('unexpected');
    expect(() => compileVector(r.expr).run(tableFromRows([{}], {}), { asOfDays: 0 })).toThrow(
      /no column `nps`/,
    );
  });
});
