#!/usr/bin/env node
// `npm run demo-data -- --rows N --seed S [--out FILE] [--headers id|ja|en]`: synthetic accounts
// for the demo project's field contract (templates/demo.json) as CSV, same seed → same file.
import { register } from 'tsx/esm/api';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: npm run demo-data -- --rows N --seed S [--out FILE] [--headers id|ja|en] [--as-of YYYY-MM-DD]\n',
  );
  process.exit(0);
}
const rows = Number(opt('rows', '1000'));
const seed = Number(opt('seed', '42'));
const headers = opt('headers', 'id');
if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(seed)) {
  process.stderr.write(
    `demo-data: --rows must be a positive whole number and --seed a whole number (got rows=${opt('rows', '1000')}, seed=${opt('seed', '42')})\n`,
  );
  process.exit(2);
}
if (!['id', 'ja', 'en'].includes(headers)) {
  process.stderr.write(`demo-data: --headers must be id, ja or en (got ${headers})\n`);
  process.exit(2);
}
const { generateDemoTable } = await import('../src/data/demo/generate.ts');
const { tableToCsv } = await import('../src/data/tableCsv.ts');
const contract = JSON.parse(readFileSync(join(root, 'templates', 'demo.json'), 'utf8')).fields;
const table = generateDemoTable({ rows, seed, referenceDate: opt('as-of', undefined) });
const out = opt('out', null);
const stream = out ? createWriteStream(out) : process.stdout;
const STEP = 50_000;
for (let from = 0; from < rows; from += STEP) {
  const chunk = tableToCsv(table, contract, { headers, from, to: from + STEP, header: from === 0 });
  if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
}
if (out) {
  stream.end();
  await new Promise((r) => stream.once('finish', r));
  process.stderr.write(`demo-data: wrote ${rows} accounts (seed ${seed}) to ${out}\n`);
}
