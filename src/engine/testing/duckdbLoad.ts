/** Fast bulk load of an AccountTable into DuckDB through the appender (the benchmark's 1M rows). */
import {
  BOOLEAN,
  DATE,
  DOUBLE,
  VARCHAR,
  DuckDBDataChunk,
  DuckDBDateValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { FieldContract } from '../../model';
import { MISSING_BOOL, type AccountTable } from '../../table/columns';
import { createTableSql, sqlTypes } from '../sql/loadTable';
import { columnOf } from '../../table/columns';

const CHUNK = 2048;

export async function loadIntoDuckDB(
  conn: DuckDBConnection,
  name: string,
  table: AccountTable,
  contract: FieldContract,
): Promise<void> {
  await conn.run(createTableSql(name, contract, 'duckdb'));
  const types = sqlTypes(contract);
  const duckTypes: DuckDBType[] = types.map(({ type }) =>
    type === 'DOUBLE' ? DOUBLE : type === 'BOOLEAN' ? BOOLEAN : type === 'DATE' ? DATE : VARCHAR,
  );
  const appender = await conn.createAppender(name);
  for (let start = 0; start < table.rowCount; start += CHUNK) {
    const end = Math.min(table.rowCount, start + CHUNK);
    const columns: DuckDBValue[][] = types.map(({ id }) => {
      const col = columnOf(table, id);
      const out = new Array<DuckDBValue>(end - start);
      for (let i = start; i < end; i++) {
        let v: DuckDBValue = null;
        if (col) {
          if (col.type === 'number') v = Number.isNaN(col.values[i]) ? null : col.values[i];
          else if (col.type === 'date')
            v = Number.isNaN(col.values[i]) ? null : new DuckDBDateValue(col.values[i]);
          else if (col.type === 'boolean')
            v = col.values[i] === MISSING_BOOL ? null : col.values[i] === 1;
          else v = col.codes[i] < 0 ? null : col.dict[col.codes[i]];
        }
        out[i - start] = v;
      }
      return out;
    });
    const chunk = DuckDBDataChunk.create(duckTypes, end - start);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
