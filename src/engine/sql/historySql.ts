/**
 * The statement that appends a run to a history table in the warehouse: the same rows and
 * columns as a run's Parquet file of a CLI history directory (historyRun.ts,
 * docs/history-format.md), computed by the playbook query (playbookSql.ts) over the accounts
 * table. CREATE TABLE IF NOT EXISTS, then one INSERT … SELECT; the differential test reads both
 * back in DuckDB and PostgreSQL and finds them equal.
 */
import { quoteIdent as q, sqlString, type SqlDialect } from '../../expr';
import type { CompiledPlaybook } from '../compile';
import { distinctIdents } from './names';
import { playbookSqlNames, playbookToSql, type SqlCompileOptions } from './playbookSql';

export interface HistorySqlOptions extends SqlCompileOptions {
  /** The history table (plain or schema-qualified). */
  historyTable: string;
}

/** Columns of a history run, as the Parquet file names them, with their SQL types. */
export function historyColumns(
  c: CompiledPlaybook,
  d: SqlDialect,
): { name: string; type: string; from: string }[] {
  const D = d === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
  const n = playbookSqlNames(c);
  const cols = [
    { name: 'account_id', type: 'VARCHAR', from: n.accountId },
    { name: 'as_of', type: 'VARCHAR', from: '' },
    { name: 'segment', type: 'VARCHAR', from: n.segment },
    { name: 'stage', type: 'VARCHAR', from: n.stage },
    { name: 'score', type: D, from: n.score },
    { name: 'color', type: 'VARCHAR', from: n.color },
    { name: 'coverage', type: D, from: n.coverage },
    { name: 'owner', type: 'VARCHAR', from: n.owner },
    { name: 'days_in_stage', type: D, from: n.daysInStage },
    ...c.dimensionIds.map((id, k) => ({ name: `dim__${id}`, type: D, from: n.dimension[k] })),
    ...c.measures.map((m, k) => ({ name: `pts__${m.id}`, type: D, from: n.points[k] })),
    ...c.ctas.map((x, k) => ({ name: `cta__${x.info.id}`, type: 'BOOLEAN', from: n.cta[k] })),
  ];
  // Long ids are fitted to 63 bytes the same way as the query's own names.
  const fitted = distinctIdents(cols.map((x) => x.name));
  return cols.map((x, i) => ({ ...x, name: fitted[i] }));
}

export function historyInsertSql(c: CompiledPlaybook, o: HistorySqlOptions): string {
  const asOf = o.asOf ?? c.asOf;
  if (asOf === undefined) throw new Error('historyInsertSql: no as-of date');
  const table = o.historyTable.split('.').map(q).join('.');
  const cols = historyColumns(c, o.dialect);
  const query = playbookToSql(c, o);
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (\n  ${cols.map((x) => `${q(x.name)} ${x.type}`).join(',\n  ')}\n);`,
    `INSERT INTO ${table} (${cols.map((x) => q(x.name)).join(', ')})`,
    `SELECT ${cols.map((x) => (x.from ? `r.${q(x.from)}` : sqlString(asOf))).join(', ')}`,
    `FROM (\n${query}\n) r;`,
  ].join('\n');
}
