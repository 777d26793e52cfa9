import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { compilePlaybook, playbookToSql, scoreTable } from '..';
import { loadIntoDuckDB } from '../testing/duckdbLoad';
import { createTableSql, insertSql } from './loadTable';
import { compareWithSql, type SqlRow } from './compareRows';
import { DEMO_ROWS, demoPlaybook, tableFor } from '../testing/demo';

describe('playbook SQL on the demo playbook', () => {
  const pb = demoPlaybook();
  const c = compilePlaybook(pb, { asOf: '2026-11-23' });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const table = tableFor(pb, DEMO_ROWS);
  const result = scoreTable(c.compiled, table);

  it('DuckDB gives the engine’s results', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await loadIntoDuckDB(conn, 'accounts', table, pb.fields);
    const rows = (
      await conn.runAndReadAll(playbookToSql(c.compiled, { dialect: 'duckdb' }))
    ).getRowObjects() as SqlRow[];
    expect(compareWithSql(result, rows)).toEqual([]);
    conn.closeSync();
  });

  it('PostgreSQL (PGlite) gives the engine’s results', async () => {
    const pg = new PGlite();
    await pg.exec(createTableSql('accounts', pb.fields, 'postgres'));
    for (const s of insertSql('accounts', table, pb.fields)) await pg.exec(s);
    const res = await pg.query<SqlRow>(playbookToSql(c.compiled, { dialect: 'postgres' }));
    expect(compareWithSql(result, res.rows)).toEqual([]);
    await pg.close();
  });

  it('the comparison itself catches a difference', () => {
    const rows: SqlRow[] = [];
    expect(compareWithSql(result, rows)).toEqual([`row count: engine ${result.rowCount}, SQL 0`]);
  });
});
