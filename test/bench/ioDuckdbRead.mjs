// DuckDB's side of the import comparison in `npm run bench -- io`: read_csv of the accounts file
// into a table (columns typed by the playbook's fields), N threads, timed in-process (CPU time of
// every DuckDB thread). Prints JSON { wall, cpu, rows }; { unsupported: msg } when DuckDB cannot
// read the file's encoding. Usage: node ioDuckdbRead.mjs <file> <threads> <types.json> [encoding]
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, threads, typesFile, encoding] = process.argv.slice(2);
const types = JSON.parse(readFileSync(typesFile, 'utf8'));
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const headBytes = readFileSync(csv).subarray(0, 64 * 1024);
const header = new TextDecoder(encoding === 'shift_jis' ? 'shift_jis' : 'utf-8')
  .decode(headBytes)
  .split('\n')[0]
  .split(',');
const columns = header.map((h) => `${lit(h)}: ${lit(types[h] ?? 'VARCHAR')}`).join(', ');
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await db.connect();
const enc = encoding ? `, encoding = ${lit(encoding)}` : '';
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
try {
  await conn.run(
    `CREATE TABLE accounts AS SELECT * FROM read_csv(${lit(csv)}, header = true${enc}, columns = {${columns}})`,
  );
} catch (e) {
  console.log(JSON.stringify({ unsupported: String(e.message ?? e).split('\n')[0] }));
  process.exit(0);
}
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const c = process.cpuUsage(c0);
const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM accounts')).getRows()[0][0]);
conn.closeSync();
console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1e6, rows }));
