/** Helpers for the SQL smoke tests: a table of TEST_ROWS in DuckDB / PostgreSQL, values read back as JS. */
import { quoteIdent, sqlDate, sqlNumber, sqlString, type SqlDialect } from '../sql';
import { TEST_CONTRACT } from './fixtureContract';

function sqlType(t: string, d: SqlDialect): string {
  switch (t) {
    case 'integer':
      return 'INTEGER';
    case 'number':
      return d === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    default:
      return 'VARCHAR';
  }
}

export function createTableSql(d: SqlDialect, table = 'accounts'): string {
  const cols = TEST_CONTRACT.fields.map((f) => `${quoteIdent(f.id)} ${sqlType(f.type, d)}`);
  return `CREATE TABLE ${table} (${cols.join(', ')})`;
}

export function insertRowsSql(
  rows: ReadonlyArray<Record<string, unknown>>,
  table = 'accounts',
): string {
  const ids = TEST_CONTRACT.fields.map((f) => f.id);
  const values = rows.map((r) => {
    const cells = TEST_CONTRACT.fields.map((f) => {
      const v = r[f.id];
      if (v === null || v === undefined) return 'NULL';
      if (f.type === 'date') return sqlDate(String(v));
      if (f.type === 'boolean') return v ? 'TRUE' : 'FALSE';
      if (f.type === 'integer') return String(v);
      if (f.type === 'number') return sqlNumber(Number(v), 'postgres');
      return sqlString(String(v));
    });
    return `(${cells.join(', ')})`;
  });
  return `INSERT INTO ${table} (${ids.map(quoteIdent).join(', ')}) VALUES ${values.join(', ')}`;
}

/** SQL results as the row evaluator gives them: numbers, strings, booleans, ISO dates, null. */
export function normaliseSqlValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

/** Equal as the differential tests demand: same nulls, booleans and text; numbers within 1e-9 (relative above 1). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}
