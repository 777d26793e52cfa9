/**
 * fast-check generators of well-typed expression source over TEST_CONTRACT, and of rows with
 * missing values, zeros, halves and Japanese text: the evaluators and SQL must agree on all.
 */
import fc from 'fast-check';
import type { ValueType } from '../types';

const NUM_FIELDS = ['active_users', 'licenses', 'nps', '利用率'];
const DATE_FIELDS = ['renewal_date', 'last_meeting'];
const NUM_LITERALS = ['0', '1', '2', '7', '0.5', '2.5', '1.005', '0.1', '100', '(-2.5)', '(-1)'];
const PLAN_VALUES = ['free', 'pro', 'エンタープライズ'];
const TEXTS = ['製造', 'IT', "O'Brien & co", ''];

function quote(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

type Gen = { [K in ValueType]: fc.Arbitrary<string> };

export const exprArb: Gen = fc.letrec<Record<ValueType, string>>((tie) => {
  const num = tie('number');
  const bool = tie('boolean');
  const str = tie('string');
  const date = tie('date');
  return {
    number: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'e' },
      fc.constantFrom(...NUM_FIELDS),
      fc.constantFrom(...NUM_LITERALS),
      fc
        .tuple(num, fc.constantFrom('+', '-', '*', '/'), num)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      num.map((a) => `-(${a})`),
      num.map((a) => `abs(${a})`),
      fc
        .tuple(num, fc.integer({ min: 0, max: 3 }))
        .map(([a, d]) => (d === 0 ? `round(${a})` : `round(${a}, ${d})`)),
      fc
        .tuple(
          fc.constantFrom('min', 'max', 'coalesce'),
          fc.array(num, { minLength: 2, maxLength: 3 }),
        )
        .map(([f, xs]) => `${f}(${xs.join(', ')})`),
      fc.tuple(bool, num, num).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
      date.map((d) => `days_since(${d})`),
      date.map((d) => `days_until(${d})`),
      fc.tuple(date, date).map(([a, b]) => `days_between(${a}, ${b})`),
      num.map((a) => `(${a} * ${a} - abs(${a}))`),
    ),
    boolean: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'e' },
      fc.constant('champion_left'),
      fc.constantFrom('true', 'false'),
      fc
        .tuple(num, fc.constantFrom('==', '!=', '<', '<=', '>', '>='), num)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(date, fc.constantFrom('==', '<', '>='), date)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(fc.constantFrom('==', '!='), fc.constantFrom(...PLAN_VALUES))
        .map(([op, v]) => `(plan ${op} ${quote(v)})`),
      fc.tuple(str, fc.constantFrom('==', '!='), str).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(fc.boolean(), fc.subarray(PLAN_VALUES, { minLength: 1 }))
        .map(([neg, vs]) => `(plan ${neg ? 'not in' : 'in'} [${vs.map(quote).join(', ')}])`),
      fc
        .tuple(num, fc.array(fc.constantFrom('0', '1', '7', '2.5'), { minLength: 1, maxLength: 3 }))
        .map(([a, vs]) => `(${a} in [${vs.join(', ')}])`),
      fc.tuple(bool, fc.constantFrom('and', 'or'), bool).map(([a, op, b]) => `(${a} ${op} ${b})`),
      bool.map((a) => `not (${a})`),
      fc.oneof(num, str, date, bool).map((a) => `is_missing(${a})`),
      fc.tuple(bool, bool).map(([a, b]) => `coalesce(${a}, ${b})`),
      fc.tuple(bool, bool, bool).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
      fc.tuple(bool, bool).map(([a, b]) => `(${a} == ${b})`),
      // Repeated subexpressions (computed once by the vectorised evaluator).
      num.map((a) => `(${a} >= 0 and ${a} < 50)`),
      fc.tuple(str, bool).map(([a, c]) => `(if(${c}, ${a}, 'x') == ${a} or ${c})`),
    ),
    string: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'e' },
      // Category values only meet `plan` (the checker rejects others); free text is the rest.
      fc.constant('industry'),
      fc.constantFrom(...TEXTS).map(quote),
      fc.constantFrom(...PLAN_VALUES).map((v) => `coalesce(plan, ${quote(v)})`),
      fc.tuple(str, str).map(([a, b]) => `coalesce(${a}, ${b})`),
      fc.tuple(bool, str, str).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
    ),
    date: fc.oneof(
      { maxDepth: 2, depthIdentifier: 'e' },
      fc.constantFrom(...DATE_FIELDS),
      fc.constantFrom("date('2026-11-23')", "date('2024-02-29')", "date('2027-01-15')"),
      fc.tuple(date, date).map(([a, b]) => `coalesce(${a}, ${b})`),
    ),
  };
});

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const numValue = fc.oneof(
  fc.constantFrom(0, 1, 2, 7, 0.5, 2.5, -2.5, 1.005, 0.1, 100, -0),
  // Realistic magnitudes: PostgreSQL raises an error when double arithmetic under- or
  // overflows (e.g. 1 / 5e-324), where JS and DuckDB give 0 or Infinity (docs/expressions.md).
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .filter((x) => x === 0 || Math.abs(x) >= 1e-6),
);
const intValue = fc.integer({ min: -5, max: 1000 });
const dateValue = fc
  .integer({ min: 18000, max: 22000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

export const rowArb = fc.record({
  id: fc.constant('x'),
  active_users: maybe(intValue),
  licenses: maybe(fc.oneof(intValue, fc.constant(0))),
  nps: maybe(numValue),
  利用率: maybe(numValue),
  plan: maybe(fc.constantFrom(...PLAN_VALUES, 'legacy')),
  industry: maybe(fc.constantFrom(...TEXTS)),
  champion_left: maybe(fc.boolean()),
  renewal_date: maybe(dateValue),
  last_meeting: maybe(dateValue),
});

export const rowsArb = fc
  .array(rowArb, { minLength: 1, maxLength: 12 })
  .map((rows) => rows.map((r, i) => ({ ...r, id: `r${String(i).padStart(2, '0')}` })));
