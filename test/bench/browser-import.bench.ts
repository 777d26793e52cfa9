/**
 * `npm run bench -- browser-import [--rows N] [--runs R] [--sjis] [--port P] [--out DIR]`:
 * the account import in Chromium (the production build, through the Data view), one pass
 * against byte ranges in parallel workers (issue 17 point 2), beside DuckDB's read_csv of the
 * same file with 1 and 2 threads, interleaved, medians of R runs.
 *
 * The file is the demo export of `npm run demo-data -- --rows N --seed 42` (1,000,000 rows ≈
 * 185 MB by default); --sjis also reads a Shift_JIS copy of it (Waymark only: DuckDB's
 * read_csv reads UTF-8). Waymark's time is the import worker's own (bytes → typed columns and
 * the validation report, as logged by import.worker.ts), without the page's file read;
 * DuckDB's is CREATE TABLE … AS SELECT * FROM read_csv(…) with the playbook's column types.
 * JSON lines: import_mb_per_s (serial / parallel, per encoding), import_parallel_speedup,
 * import_vs_duckdb_read_csv_ratio (1 and 2 threads: Waymark's MB/s ÷ DuckDB's, ≥ 1 = as fast),
 * and the load average (the machine is shared).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';
import { sqlTypes } from '../../src/engine/sql/loadTable';
import { findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const ROWS = Number(opt('rows', '1000000'));
const RUNS = Number(opt('runs', '3'));
const PORT = Number(opt('port', '4107'));
const OUT = opt('out', 'dist-bench-import');
const SJIS = args.includes('--sjis');
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit, ...extra }));
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

mkdirSync('.bench', { recursive: true });
const csv = resolve('.bench', `demo-${ROWS}-seed42.csv`);
if (!existsSync(csv)) {
  const r = spawnSync(
    'npm',
    ['run', 'demo-data', '--', '--rows', String(ROWS), '--seed', '42', '--out', csv],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (r.status !== 0) throw new Error('demo-data failed');
}
const files: { path: string; enc: string }[] = [{ path: csv, enc: 'utf-8' }];
if (SJIS) {
  const sj = csv.replace(/\.csv$/, '.sjis.csv');
  if (!existsSync(sj)) writeFileSync(sj, toShiftJis(readFileSync(csv, 'utf8')));
  files.push({ path: sj, enc: 'shift_jis' });
}

/** Shift_JIS bytes of a text (the reverse of the platform's decoder; ? for what it lacks). */
function toShiftJis(text: string): Uint8Array {
  const table = new Map<number, number>();
  const dec = new TextDecoder('shift_jis');
  for (let c = 0xa1; c <= 0xdf; c++) table.set(dec.decode(new Uint8Array([c])).charCodeAt(0), c);
  for (let a = 0x81; a <= 0xfc; a++) {
    if (a > 0x9f && a < 0xe0) continue;
    for (let b = 0x40; b <= 0xfc; b++) {
      const ch = dec.decode(new Uint8Array([a, b]));
      if (b !== 0x7f && ch.length === 1 && ch !== '\ufffd' && !table.has(ch.charCodeAt(0)))
        table.set(ch.charCodeAt(0), (a << 8) | b);
    }
  }
  const out = new Uint8Array(text.length * 2);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[o++] = c;
    else {
      const v = table.get(c) ?? 0x3f;
      if (v > 0xff) out[o++] = v >> 8;
      out[o++] = v & 0xff;
    }
  }
  return out.subarray(0, o);
}

// DuckDB: the playbook's column types, by the file's header.
const doc = readPlaybookDocument(readFileSync('templates/demo.json'));
if (!doc.ok) throw new Error('templates/demo.json does not read');
const types = Object.fromEntries(sqlTypes(doc.playbook.fields).map((c) => [c.id, c.type]));
const header = readFileSync(csv, 'utf8')
  .slice(0, 64 * 1024)
  .split('\n')[0]
  .split(',');
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const columns = header.map((h) => `${lit(h)}: ${lit(types[h] ?? 'VARCHAR')}`).join(', ');
async function duckdb(threads: number): Promise<number> {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await db.connect();
  const t0 = performance.now();
  await conn.run(
    `CREATE TABLE accounts AS SELECT * FROM read_csv(${lit(csv)}, header = true, columns = {${columns}})`,
  );
  const s = (performance.now() - t0) / 1000;
  conn.closeSync();
  console.error(`browser-import: duckdb ${threads} thread(s) ${Math.round(s * 1000)} ms`);
  return s;
}

async function waymark(
  browser: Browser,
  base: string,
  file: string,
  parts: number,
): Promise<number> {
  // A fresh page each time: its workers and memory go with it.
  const page = await browser.newPage({ locale: 'en-US' });
  page.setDefaultTimeout(600_000);
  page.on('crash', () => console.error('browser-import: the page crashed'));
  await page.addInitScript((p) => {
    localStorage.setItem('waymark.lang', 'en');
    localStorage.setItem('waymark.importParts', String(p));
  }, parts);
  const logged = new Promise<{ ms: number; parts: number }>((res) => {
    const on = (m: { text(): string }) => {
      const g = /^waymark-import .* (\d+) ms (\d+) parts$/.exec(m.text());
      if (!g) return;
      page.off('console', on);
      res({ ms: Number(g[1]), parts: Number(g[2]) });
    };
    page.on('console', on);
  });
  await page.goto(`${base}/#/p/demo/data`);
  await page.getByTestId('dataset-rows').waitFor();
  await page.getByTestId('data-file-input').setInputFiles(file);
  await page.getByTestId('import-run').click();
  await page.getByTestId('report-rows-imported').waitFor();
  const r = await logged;
  if (parts > 1 && r.parts < 2) throw new Error(`expected a parallel import, got ${r.parts} part`);
  console.error(`browser-import: ${file} parts=${r.parts} ${r.ms} ms`);
  await page.close();
  return r.ms / 1000;
}

const exe = process.env.CHROMIUM_PATH ?? findChromium();
if (!exe) throw new Error('no Chromium found');
const build = spawnSync(
  'npx',
  ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'error'],
  { stdio: 'inherit' },
);
if (build.status !== 0) throw new Error('vite build failed');
const server: ChildProcess = spawn(
  'npx',
  ['vite', 'preview', '--outDir', OUT, '--port', String(PORT), '--strictPort'],
  { stdio: 'ignore', detached: true },
);
const base = `http://127.0.0.1:${PORT}`;
try {
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const probe = await browser.newPage();
  await probe.goto(base);
  const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
  await probe.close();
  const parts = Math.min(4, Math.max(2, cores));
  const t: Record<string, number[]> = { d1: [], d2: [] };
  const load: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    load.push(loadavg()[0]);
    for (const f of files) {
      (t[`s-${f.enc}`] ??= []).push(await waymark(browser, base, f.path, 1));
      (t[`p-${f.enc}`] ??= []).push(await waymark(browser, base, f.path, parts));
    }
    t.d1.push(await duckdb(1));
    t.d2.push(await duckdb(2));
  }
  await browser.close();
  const mb = (path: string) => statSync(path).size / 1e6;
  const duck1 = mb(csv) / median(t.d1);
  const duck2 = mb(csv) / median(t.d2);
  const extra = { rows: ROWS, runs: RUNS, cores, parts };
  for (const f of files) {
    const serial = mb(f.path) / median(t[`s-${f.enc}`]);
    const parallel = mb(f.path) / median(t[`p-${f.enc}`]);
    const e = { ...extra, encoding: f.enc, mb: Math.round(mb(f.path)) };
    line('import_mb_per_s', serial, 'MB/s (Chromium, one pass, median)', { ...e, path: 'serial' });
    line('import_mb_per_s', parallel, `MB/s (Chromium, ${parts} parts, median)`, {
      ...e,
      path: 'parallel',
    });
    line('import_parallel_speedup', parallel / serial, 'ratio (parallel ÷ one pass)', e);
    if (f.enc === 'utf-8') {
      line(
        'import_vs_duckdb_read_csv_ratio',
        serial / duck1,
        'ratio (one pass ÷ DuckDB 1 thread)',
        e,
      );
      line(
        'import_vs_duckdb_read_csv_2threads_ratio',
        parallel / duck2,
        `ratio (${parts} parts ÷ DuckDB 2 threads)`,
        e,
      );
    }
  }
  line('duckdb_read_csv_mb_per_s', duck1, 'MB/s (1 thread, median)', extra);
  line('duckdb_read_csv_mb_per_s_2threads', duck2, 'MB/s (2 threads, median)', extra);
  line('load_average_1min', median(load), 'load (median at the start of each run)', {
    ...extra,
    samples: load.map((l) => Math.round(l * 100) / 100),
  });
} finally {
  if (server.pid) process.kill(-server.pid);
}
