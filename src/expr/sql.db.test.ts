// Smoke test: the SQL toSql writes gives the same values in DuckDB and PostgreSQL (PGlite) as
// the JS row evaluator, on expressions chosen for the traps: missing values, division by zero,
// rounding halves, dates, Kleene logic, Japanese ids and strings with quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { isoToDays } from '../table/columns';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { evaluateRow } from './evalRow';
import { quoteIdent, sqlDate, sqlString, toSql, type SqlDialect } from './sql';
import { TEST_AS_OF, TEST_CONTRACT, TEST_ROWS } from './testing/fixtureContract';
import { createTableSql, insertRowsSql, normaliseSqlValue, sameValue } from './testing/sqlHarness';
import fc from 'fast-check';
import { exprArb, rowArb } from './testing/arbitrary';

// A fixed random data set (seeded), so each generated expression costs one query per database.
const RANDOM_ROWS = fc
  .sample(fc.array(rowArb, { minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 20261123 })[0]
  .map((r, i) => ({ ...r, id: `r${String(i).padStart(2, '0')}` }));

const EXPRESSIONS = [
  'active_users / licenses',
  'active_users / licenses >= 0.5',
  'round(利用率)',
  'round(利用率, 2)',
  'round(nps)',
  'days_since(last_meeting)',
  'days_until(renewal_date) <= 60',
  'days_between(last_meeting, renewal_date)',
  "renewal_date < date('2027-01-01')",
  'champion_left and nps >= 7',
  'champion_left or nps >= 7',
  'not champion_left',
  'is_missing(nps) or nps < 7',
  'coalesce(nps, 0) + 1',
  'min(active_users, licenses)',
  'max(nps, 利用率, 1)',
  'abs(nps)',
  "plan in ['pro', 'エンタープライズ']",
  "plan not in ['free']",
  `industry == "O'Brien & co" or industry == '製造'`,
  'if(champion_left, 1, active_users / licenses)',
  "coalesce(industry, 'unknown')",
  '-nps * 2 - 1',
  'active_users in [0, 7]',
];

const env = envFromContract(TEST_CONTRACT, 'measure');
const asOfDays = isoToDays(TEST_AS_OF);

let duck: DuckDBConnection;
let pg: PGlite;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(createTableSql('duckdb'));
  await duck.run(insertRowsSql(TEST_ROWS));
  await duck.run(createTableSql('duckdb', 'random_accounts'));
  await duck.run(insertRowsSql(RANDOM_ROWS, 'random_accounts'));
  pg = new PGlite();
  await pg.exec(createTableSql('postgres'));
  await pg.exec(insertRowsSql(TEST_ROWS));
  await pg.exec(createTableSql('postgres', 'random_accounts'));
  await pg.exec(insertRowsSql(RANDOM_ROWS, 'random_accounts'));
}, 60_000);

afterAll(async () => {
  duck?.closeSync();
  await pg?.close();
});

async function runSql(dialect: SqlDialect, sql: string, table = 'accounts'): Promise<unknown[]> {
  const q = `SELECT ${sql} AS v FROM ${table} ORDER BY ${quoteIdent('id')}`;
  if (dialect === 'duckdb')
    return (await duck.runAndReadAll(q)).getRowObjectsJS().map((r) => normaliseSqlValue(r.v));
  return (await pg.query<{ v: unknown }>(q)).rows.map((r) => normaliseSqlValue(r.v));
}

describe('toSql agrees with the JS evaluator', () => {
  for (const src of EXPRESSIONS) {
    it(src, async () => {
      const r = checkExpression(src, env);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      const js = TEST_ROWS.map((row) => evaluateRow(r.expr, row, { asOfDays }).value);
      for (const dialect of ['duckdb', 'postgres'] as const) {
        const sql = toSql(r.expr, {
          dialect,
          column: (id) => quoteIdent(id),
          asOf: sqlDate(TEST_AS_OF),
        });
        const got = await runSql(dialect, sql);
        expect({ dialect, values: got }).toEqual({ dialect, values: js });
      }
    });
  }

  it('escapes quotes in string literals and identifiers', () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});

describe('toSql on random expressions', () => {
  const anyExpr = fc.oneof(exprArb.number, exprArb.boolean, exprArb.string, exprArb.date);
  const anyEnv = { ...env, expect: ['number', 'string', 'boolean', 'date'] as const };
  it('gives the JS values in DuckDB and PostgreSQL (zero mismatches)', async () => {
    await fc.assert(
      fc.asyncProperty(anyExpr, async (src) => {
        const r = checkExpression(src, anyEnv);
        if (!r.ok) throw new Error(`${src}: ${r.errors[0].message}`);
        const js = RANDOM_ROWS.map((row) => evaluateRow(r.expr, row, { asOfDays }).value);
        for (const dialect of ['duckdb', 'postgres'] as const) {
          const sql = toSql(r.expr, {
            dialect,
            column: (id) => quoteIdent(id),
            asOf: sqlDate(TEST_AS_OF),
          });
          const got = await runSql(dialect, sql, 'random_accounts');
          const bad = got.findIndex((v, i) => !sameValue(v, js[i]));
          if (bad >= 0)
            throw new Error(
              `${dialect} row ${bad}: ${src}\nSQL ${String(got[bad])} vs JS ${String(js[bad])}\n${JSON.stringify(RANDOM_ROWS[bad])}`,
            );
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('toSql with built-ins', () => {
  it('reads score, color, stage and days_in_stage through the builtin mapping', async () => {
    const ctaEnv = envFromContract(TEST_CONTRACT, 'cta', {
      colors: ['green', 'red'],
      stages: ['onboarding'],
    });
    const r = checkExpression(
      "(score < 40 or color == 'red') and (stage != 'onboarding' or days_in_stage > 90)",
      ctaEnv,
    );
    if (!r.ok) throw new Error(r.errors[0].message);
    const rows = [
      { score: 30, color: 'red', stage: 'onboarding', days_in_stage: 91 },
      { score: 80, color: 'green', stage: 'adoption', days_in_stage: 10 },
      { score: null, color: 'red', stage: 'onboarding', days_in_stage: null },
      { score: 50, color: null, stage: 'adoption', days_in_stage: 5 },
    ];
    const js = rows.map((b) => evaluateRow(r.expr, {}, { asOfDays, builtins: b }).value);
    expect(js).toEqual([true, false, null, null]);
    const values = rows
      .map(
        (b, i) =>
          `(${i}, ${b.score ?? 'NULL'}, ${b.color ? sqlString(b.color) : 'NULL'}, ${sqlString(b.stage)}, ${b.days_in_stage ?? 'NULL'})`,
      )
      .join(', ');
    for (const dialect of ['duckdb', 'postgres'] as const) {
      const sql = toSql(r.expr, {
        dialect,
        column: quoteIdent,
        builtin: (name) => `b.${quoteIdent(name)}`,
        asOf: sqlDate(TEST_AS_OF),
      });
      const q = `SELECT ${sql} AS v FROM (VALUES ${values}) AS b(i, score, color, stage, days_in_stage) ORDER BY i`;
      const got =
        dialect === 'duckdb'
          ? (await duck.runAndReadAll(q)).getRowObjectsJS().map((x) => normaliseSqlValue(x.v))
          : (await pg.query<{ v: unknown }>(q)).rows.map((x) => normaliseSqlValue(x.v));
      expect({ dialect, got }).toEqual({ dialect, got: js });
    }
  });

  it('asks for a builtin mapping when the expression reads one', () => {
    const r = checkExpression('score > 1', envFromContract(TEST_CONTRACT, 'cta'));
    if (!r.ok) throw new Error('unexpected');
    expect(() =>
      toSql(r.expr, { dialect: 'duckdb', column: quoteIdent, asOf: sqlDate(TEST_AS_OF) }),
    ).toThrow(/built-in `score`/);
  });
});
