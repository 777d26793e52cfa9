import { mrrFieldOf, type FieldContract } from '../../model';
import { columnOf, newColumns, type AccountTable } from '../../table/columns';

/**
 * The columns of the scored table the run worker reads (exports: company name and MRR; the
 * backtest: the account key and every text column that can hold an outcome). The same set for
 * every request about a run, because the worker keeps the first one it is sent.
 */
export function workerTable(table: AccountTable, contract: FieldContract): AccountTable {
  const columns = newColumns();
  const ids = [
    contract.nameField,
    mrrFieldOf(contract),
    contract.accountKey,
    ...contract.fields.filter((f) => f.type === 'category' || f.type === 'string').map((f) => f.id),
  ];
  for (const id of ids) {
    const col = id ? columnOf(table, id) : undefined;
    if (id && col) columns[id] = col;
  }
  return { rowCount: table.rowCount, columns };
}
