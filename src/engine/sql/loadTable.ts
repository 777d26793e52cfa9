/**
 * Loading an AccountTable into DuckDB or PostgreSQL (PGlite) with the playbook's field types,
 * for the differential tests and the benchmark. Node only; not part of the browser bundle.
 */
import type { FieldContract } from '../../model';
import { MISSING_BOOL, daysToIso, type AccountTable } from '../../table/columns';
import { quoteIdent as q, sqlString } from '../../expr';
import { columnOf } from '../../table/columns';

export type SqlType = 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'DATE';

export function sqlTypes(contract: FieldContract): { id: string; type: SqlType }[] {
  return contract.fields.map((f) => ({
    id: f.id,
    type:
      f.type === 'number' || f.type === 'integer'
        ? 'DOUBLE'
        : f.type === 'boolean'
          ? 'BOOLEAN'
          : f.type === 'date'
            ? 'DATE'
            : 'VARCHAR',
  }));
}

export function createTableSql(
  name: string,
  contract: FieldContract,
  dialect: 'duckdb' | 'postgres',
): string {
  const cols = sqlTypes(contract).map(
    ({ id, type }) =>
      `${q(id)} ${dialect === 'postgres' && type === 'DOUBLE' ? 'DOUBLE PRECISION' : type}`,
  );
  return `CREATE TABLE ${q(name)} (${cols.join(', ')})`;
}

/** One cell as a SQL literal (NULL for missing or absent columns). */
export function sqlLiteral(table: AccountTable, id: string, type: SqlType, row: number): string {
  const col = columnOf(table, id);
  if (!col) return 'NULL';
  switch (col.type) {
    case 'number': {
      const v = col.values[row];
      return Number.isNaN(v)
        ? 'NULL'
        : `CAST('${String(v)}' AS ${type === 'DOUBLE' ? 'DOUBLE PRECISION' : type})`;
    }
    case 'date': {
      const v = col.values[row];
      return Number.isNaN(v) ? 'NULL' : `DATE '${daysToIso(v)}'`;
    }
    case 'boolean': {
      const v = col.values[row];
      return v === MISSING_BOOL ? 'NULL' : v === 1 ? 'TRUE' : 'FALSE';
    }
    case 'string': {
      const c = col.codes[row];
      return c < 0 ? 'NULL' : sqlString(col.dict[c]);
    }
  }
}

/** INSERT statements of at most `batch` rows each (PGlite; small DuckDB tables). */
export function insertSql(
  name: string,
  table: AccountTable,
  contract: FieldContract,
  batch = 500,
): string[] {
  const types = sqlTypes(contract);
  const out: string[] = [];
  for (let start = 0; start < table.rowCount; start += batch) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(table.rowCount, start + batch); i++) {
      rows.push('(' + types.map(({ id, type }) => sqlLiteral(table, id, type, i)).join(', ') + ')');
    }
    out.push(`INSERT INTO ${q(name)} VALUES ${rows.join(',\n')}`);
  }
  return out;
}
