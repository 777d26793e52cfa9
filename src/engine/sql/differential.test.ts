/**
 * Differential tests: random playbooks over random data (missing values, zeros, boundaries,
 * Japanese text) give the same results from the JS engine, DuckDB and PostgreSQL (PGlite):
 * zero mismatches, numbers within 1e-9. WAYMARK_DIFF_RUNS=500 for a longer run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { compilePlaybook, playbookToSql, scoreTable } from '..';
import { BLOCK } from '../score';
import { tableFromRows } from '../../table/columns';
import { loadIntoDuckDB } from '../testing/duckdbLoad';
import { createTableSql, insertSql } from './loadTable';
import { compareWithSql, type SqlRow } from './compareRows';
import { FIELDS, playbookArb, rowArb, rowsArb } from './testing/playbookArb';

const RUNS = Number(process.env.WAYMARK_DIFF_RUNS ?? 100);

describe('JS engine = DuckDB = PostgreSQL on random playbooks and data', () => {
  let duck: DuckDBConnection;
  let pg: PGlite;
  beforeAll(async () => {
    duck = await (await DuckDBInstance.create(':memory:')).connect();
    pg = new PGlite();
    await pg.waitReady;
  }, 120_000);
  afterAll(async () => {
    duck?.closeSync();
    await pg?.close();
  });

  it('zero mismatches on tables larger than one scoring block', async () => {
    const rows = fc
      .sample(rowArb, { numRuns: BLOCK * 2 + 123, seed: 7 })
      .map((r, i) => ({ id: `a${i}`, ...r }));
    const types = Object.fromEntries(FIELDS.fields.map((f) => [f.id, f.type]));
    const table = tableFromRows(rows, types);
    await loadIntoDuckDB(duck, 'big', table, FIELDS);
    for (const pb of fc.sample(playbookArb, { numRuns: 8, seed: 11 })) {
      const c = compilePlaybook(pb);
      if (!c.ok) throw new Error(JSON.stringify(c.issues.slice(0, 3)));
      const result = scoreTable(c.compiled, table);
      const duckRows = (
        await duck.runAndReadAll(playbookToSql(c.compiled, { dialect: 'duckdb', table: 'big' }))
      ).getRowObjects() as SqlRow[];
      expect(compareWithSql(result, duckRows), 'DuckDB').toEqual([]);
    }
    await duck.run('DROP TABLE big');
  }, 600_000);

  it(`zero mismatches over ${RUNS} random playbooks`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(playbookArb, rowsArb, async (pb, rows) => {
        const c = compilePlaybook(pb);
        if (!c.ok)
          throw new Error('generated an invalid playbook: ' + JSON.stringify(c.issues.slice(0, 3)));
        const types = Object.fromEntries(FIELDS.fields.map((f) => [f.id, f.type]));
        const table = tableFromRows(rows, types);
        const result = scoreTable(c.compiled, table);
        const name = `acc_${n++}`;
        await loadIntoDuckDB(duck, name, table, FIELDS);
        const duckRows = (
          await duck.runAndReadAll(playbookToSql(c.compiled, { dialect: 'duckdb', table: name }))
        ).getRowObjects() as SqlRow[];
        await duck.run(`DROP TABLE ${name}`);
        expect(compareWithSql(result, duckRows), 'DuckDB').toEqual([]);
        await pg.exec(createTableSql(name, FIELDS, 'postgres'));
        for (const s of insertSql(name, table, FIELDS)) await pg.exec(s);
        const pgRows = (
          await pg.query<SqlRow>(playbookToSql(c.compiled, { dialect: 'postgres', table: name }))
        ).rows;
        await pg.exec(`DROP TABLE ${name}`);
        expect(compareWithSql(result, pgRows), 'PostgreSQL').toEqual([]);
      }),
      {
        numRuns: RUNS,
        seed: process.env.WAYMARK_DIFF_SEED ? Number(process.env.WAYMARK_DIFF_SEED) : 20261124,
      },
    );
  }, 600_000);
});
