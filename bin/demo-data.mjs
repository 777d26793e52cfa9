#!/usr/bin/env node
// `npm run demo-data -- --rows N --seed S [--out FILE] [--headers id|ja|en]`: synthetic accounts
// for the demo project's field contract (templates/demo.json) as CSV, same seed → same file.
import { register } from 'tsx/esm/api';
import {
  closeSync,
  createWriteStream,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
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
    'Usage: npm run demo-data -- --rows N --seed S [--out FILE] [--headers id|ja|en] [--as-of YYYY-MM-DD] [--activity DIR]\n' +
      '  --activity DIR  also write logins.csv, seminars.csv and contacts.csv for these accounts, and\n' +
      '                  demo-activity.playbook.json (the demo playbook using them) into DIR\n',
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
if (out) mkdirSync(dirname(out), { recursive: true });
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
const activityDir = opt('activity', null);
if (activityDir) {
  // Activity logs consistent with the accounts above, and the demo playbook that reads them.
  const { writeDemoActivity } = await import('../src/data/demo/activity.ts');
  const { demoActivityPlaybook } = await import('../src/data/demo/activityPlaybook.ts');
  const { readPlaybookDocument } = await import('../src/engine/readPlaybook.ts');
  mkdirSync(activityDir, { recursive: true });
  // Lines go to the files in batches as they are made: a million accounts' logs (tens of
  // millions of rows) never sit in memory or in one string.
  const sinks = {};
  for (const name of ['logins.csv', 'seminars.csv', 'contacts.csv']) {
    const fd = openSync(join(activityDir, name), 'w');
    let batch = [];
    let count = -1; // the header
    const flush = () => {
      if (batch.length) writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    };
    sinks[name] = {
      push(line) {
        count++;
        if (batch.push(line) >= 10_000) flush();
      },
      close() {
        flush();
        closeSync(fd);
        process.stderr.write(`demo-data: wrote ${count} rows to ${join(activityDir, name)}\n`);
      },
    };
  }
  writeDemoActivity(table, { seed, referenceDate: opt('as-of', undefined) }, sinks);
  for (const s of Object.values(sinks)) s.close();
  const pb = readPlaybookDocument(readFileSync(join(root, 'templates', 'demo.json')));
  if (!pb.ok) throw new Error('templates/demo.json does not read as a playbook');
  const file = join(activityDir, 'demo-activity.playbook.json');
  writeFileSync(file, JSON.stringify(demoActivityPlaybook(pb.playbook), null, 2) + '\n');
  process.stderr.write(`demo-data: wrote ${file}\n`);
}
