// DuckDB's side of `npm run bench -- io`: read_csv of the accounts file (typed by the playbook's
// fields), the SQL of `waymark sql --dialect duckdb`, COPY … TO a CSV file, with N threads.
// Usage: node ioDuckdb.mjs <accounts.csv> <score.sql> <out.csv> <threads> <types.json>
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, sqlFile, out, threads, typesFile] = process.argv.slice(2);
const types = JSON.parse(readFileSync(typesFile, 'utf8'));
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
// The file's own header order, each column typed as the playbook's field (VARCHAR otherwise).
const header = readFileSync(csv, 'utf8')
  .slice(0, 64 * 1024)
  .split('\n')[0]
  .split(',');
const columns = header.map((h) => `${lit(h)}: ${lit(types[h] ?? 'VARCHAR')}`).join(', ');
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await db.connect();
await conn.run(
  `CREATE VIEW accounts AS SELECT * FROM read_csv(${lit(csv)}, header = true, columns = {${columns}})`,
);
const sql = readFileSync(sqlFile, 'utf8')
  .replace(/^--.*\n/gm, '')
  .trim()
  .replace(/;$/, '');
await conn.run(`COPY (${sql}) TO ${lit(out)} (HEADER, DELIMITER ',')`);
conn.closeSync();
