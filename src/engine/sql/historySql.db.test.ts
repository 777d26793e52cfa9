/**
 * Differential: the rows `waymark sql --history-table` inserts into a warehouse table equal the
 * Parquet file `waymark score --history` writes for the same run (both read back in DuckDB; the
 * PostgreSQL table compared value by value).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { compilePlaybook, historyInsertSql, scoreTable } from '..';
import { runInfoOf, runToParquet } from '../historyRun';
import { Project, playbookFromProject } from '../../model';
import { generateDemoTable } from '../../data/demo/generate';
import { loadIntoDuckDB } from '../testing/duckdbLoad';
import { createTableSql, insertSql } from './loadTable';

const pb = playbookFromProject(
  Project.parse(JSON.parse(readFileSync('templates/demo.json', 'utf8'))),
);
const asOf = '2026-11-01';

describe('history insert SQL = the CLI history Parquet', () => {
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

  it('inserts the same rows and values in DuckDB and PostgreSQL', async () => {
    const c = compilePlaybook(pb, { asOf });
    if (!c.ok) throw new Error('demo playbook');
    const table = generateDemoTable({ rows: 700, seed: 5 });
    const r = scoreTable(c.compiled, table);
    const dir = mkdtempSync(join(tmpdir(), 'wm-histsql-'));
    const file = join(dir, `${asOf}.parquet`);
    writeFileSync(file, runToParquet(r, runInfoOf(r, 'fp')));

    await loadIntoDuckDB(duck, 'accounts', table, pb.fields);
    const duckSql = historyInsertSql(c.compiled, {
      dialect: 'duckdb',
      table: 'accounts',
      historyTable: 'health_history',
    });
    await duck.run(duckSql);
    // Run twice? No: once per as-of. The table has the run's rows, equal to the Parquet's.
    const count = async (sql: string) =>
      Number((await duck.runAndReadAll(sql)).getRowObjects()[0].n);
    const pq = `read_parquet('${file.replace(/'/g, "''")}')`;
    expect(await count('SELECT count(*) AS n FROM health_history')).toBe(r.rowCount);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT * FROM health_history EXCEPT SELECT * FROM ${pq})`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT * FROM ${pq} EXCEPT SELECT * FROM health_history)`,
      ),
    ).toBe(0);
    // Same column names and order as the Parquet file.
    const names = async (sql: string) => (await duck.runAndReadAll(sql)).columnNames();
    expect(await names('SELECT * FROM health_history LIMIT 0')).toEqual(
      await names(`SELECT * FROM ${pq} LIMIT 0`),
    );

    // PostgreSQL: the same statement for its dialect, compared row by row with the Parquet.
    await pg.exec(createTableSql('accounts', pb.fields, 'postgres'));
    for (const s of insertSql('accounts', table, pb.fields)) await pg.exec(s);
    await pg.exec(
      historyInsertSql(c.compiled, {
        dialect: 'postgres',
        table: 'accounts',
        historyTable: 'health_history',
      }),
    );
    const pgRows = (
      await pg.query<Record<string, unknown>>(
        'SELECT * FROM health_history ORDER BY account_id COLLATE "C"',
      )
    ).rows;
    const pqRows = (
      await duck.runAndReadAll(`SELECT * FROM ${pq} ORDER BY account_id COLLATE "C"`)
    ).getRowObjectsJS() as Record<string, unknown>[];
    expect(pgRows.length).toBe(pqRows.length);
    const mismatches: string[] = [];
    pqRows.forEach((row, i) => {
      for (const [k, v] of Object.entries(row))
        if (pgRows[i][k] !== v && mismatches.length < 10)
          mismatches.push(
            `${String(row.account_id)} ${k}: parquet ${String(v)}, pg ${String(pgRows[i][k])}`,
          );
    });
    expect(mismatches).toEqual([]);
  }, 300_000);
});
