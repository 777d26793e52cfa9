/**
 * `npm run bench -- browser-import [--rows N] [--runs R] [--sjis] [--port P] [--out DIR]
 *  [--base DIR] [--modes sp] [--node] [--settle MS] [--blocks LIST] [--csv FILE] [--threads]
 *  [--timeline]`:
 * the account import in Chromium (the production build, through the Data view), one pass
 * against byte ranges in parallel workers (issue 17 point 2), beside DuckDB's read_csv of the
 * same file with 1 and 2 threads, interleaved, medians of R runs.
 *
 * The file is the demo export of `npm run demo-data -- --rows N --seed 42` (1,000,000 rows ≈
 * 185 MB by default); --sjis also reads a Shift_JIS copy of it (Waymark only: DuckDB's
 * read_csv reads UTF-8). --csv FILE reads another file of the demo's columns instead (e.g. its
 * rows shuffled: `(head -1 f; tail -n +2 f | shuf) > g`, so the account ids are not in order:
 * the merge of parts then looks every id up). Per Waymark import: the import worker's own time
 * (bytes → typed columns and the validation report, as logged by import.worker.ts), the user's
 * wait from the click on Import to the report on screen (the copy of the bytes to the worker,
 * the digest, the report drawn), the CPU of every Chromium process over that wait, the pick → mapping
 * time, and the phases import.worker.ts logs (worker start, and for parts: plan, each range's
 * post / start / parse / arrival, merge; ms). --base DIR interleaves an older build
 * (`npx vite build --outDir DIR` of it, served on port + 1); --node also imports the same bytes
 * in Node (one pass, and parts then merge, CPU per phase; browserImportNode.ts); --modes s|p|sp
 * picks one pass and/or parts; --blocks ,whole runs this tree's one pass once per way
 * it reads the picked File ('' = its default, a byte stream; whole = read whole, then parsed; nofault = a byte stream without the columns faulted in on the other core); --partways ,remote,whole
 * runs this tree's parts once per way (see PARTWAYS); --settle MS waits after the mapping before the click;
 * --threads adds each Chromium thread's CPU from the click to the report, by process type and
 * thread name (`threads` in the phases; sampled every 50 ms, so a thread that ends keeps its last sample),
 * and as `wait:<name>` the time each was runnable but not running (/proc schedstat: no core free).
 * Its sampling costs this process ~6 ms of CPU a sample (~12 % of a core, through every
 * contender, DuckDB's too): on this 2-core machine take the ratios from a run without it;
 * --timeline (with --threads) prints per 50 ms step each worker thread's CPU % / run-queue wait %
 * and the other Chromium threads' CPU %.
 * DuckDB's time is CREATE TABLE … AS SELECT * FROM read_csv(…) with the playbook's column
 * types, with its CPU. Contenders run in a rotated order each run. JSON lines per contender:
 * import_mb_per_s, import_click_to_report_s, import_chromium_cpu_s,
 * import_vs_duckdb_read_csv_ratio (1 and 2 threads: DuckDB's time ÷ Waymark's, ≥ 1 = as
 * fast); import_parallel_speedup per build, node_import_cpu_s, and the load average (the
 * machine is shared).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';
import { sqlTypes } from '../../src/engine/sql/loadTable';
import { findChromium } from '../e2e/chromium.mjs';
import { benchDemoCsv, median } from './benchDemoCsv';

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
/** An older build to interleave with this tree's (`npx vite build --outDir DIR` of it). */
const BASE = opt('base', '');
/** s = one pass, p = parts (both by default). */
const MODES = opt('modes', 'sp');
/** Also the same bytes imported in Node (one pass and parts + merge), each a fresh process. */
const NODE = args.includes('--node');
/** One pass only: how this tree's import worker reads the picked File (comma-separated; `whole` = read whole, then parsed; '' = default). */
const BLOCKS = opt('blocks', '').split(',');
/** Parts only: how this tree's parts read and where the first runs (comma-separated; '' = default: streamed, the first in the import worker; remote = streamed, all in range workers; whole = slices read whole, all in range workers). */
const PARTWAYS = opt('partways', '').split(',');
/** ms between the mapping on screen and the click on Import. */
const SETTLE = Number(opt('settle', '1000'));
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit, ...extra }));

/** Another CSV of the demo's columns (e.g. its rows shuffled, so the ids are not in order). */
const CSV = opt('csv', '');
const csv = CSV ? resolve(CSV) : benchDemoCsv(ROWS);
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
async function duckdb(threads: number): Promise<{ wall: number; cpu: number }> {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await db.connect();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await conn.run(
    `CREATE TABLE accounts AS SELECT * FROM read_csv(${lit(csv)}, header = true, columns = {${columns}})`,
  );
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  conn.closeSync();
  const cpu = (c.user + c.system) / 1e6;
  console.error(
    `browser-import: duckdb ${threads} thread(s) ${Math.round(s * 1000)} ms, CPU ${cpu.toFixed(2)} s`,
  );
  return { wall: s, cpu };
}

interface Import {
  /** The import worker's own time (bytes → typed columns and report), s. */
  worker: number;
  /** Click on Import → report on screen (clone of the bytes to the worker, digest, report), s. */
  wall: number;
  /** CPU of every Chromium process (page, workers, browser) from the click to the report, s. */
  cpu: number;
  parts: number;
  phases: Record<string, unknown>;
}

/**
 * --threads: every Chromium thread's CPU ticks, sampled every 50 ms (threads that end between
 * two samples keep their last sample): per thread name, the CPU from the click to the report.
 */
const THREADS = args.includes('--threads');
const threadTicks = new Map<number, { name: string; ticks: number; wait: number }>();
function sampleThreads(): void {
  const chrome = new Set<number>();
  const kids = new Map<number, number[]>();
  const cmd = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(Number(d));
      cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8'));
    } catch {
      /* gone */
    }
  }
  const walk = (pid: number, inside: boolean) => {
    const mine = inside || /chrom/i.test(cmd.get(pid) ?? '');
    if (mine) chrome.add(pid);
    for (const k of kids.get(pid) ?? []) walk(k, mine);
  };
  for (const k of kids.get(process.pid) ?? []) walk(k, false);
  for (const pid of chrome) {
    const type = /--type=(\S+)/.exec(cmd.get(pid) ?? '')?.[1] ?? 'browser';
    try {
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        const f = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const name = f.slice(f.indexOf('(') + 1, f.lastIndexOf(')'));
        const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
        // schedstat: ns on the CPU, ns waiting on a run queue (runnable, no core free), slices.
        const wait = Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[1]);
        threadTicks.set(Number(t), {
          name: `${type}/${name}`,
          ticks: Number(rest[11]) + Number(rest[12]),
          wait: wait / 1e7,
        });
      }
    } catch {
      /* gone */
    }
  }
}
/** --timeline: per 50 ms sample from the click, each worker thread's CPU and run-queue wait. */
const TIMELINE = args.includes('--timeline');
let timeline:
  { t: number; th: Map<number, { name: string; ticks: number; wait: number }> }[] | null = null;
if (THREADS)
  setInterval(() => {
    sampleThreads();
    if (timeline)
      timeline.push({
        t: performance.now(),
        th: new Map([...threadTicks].map(([k, v]) => [k, { ...v }])),
      });
  }, 50).unref();
/** The timeline as lines: ms from the click, then per worker thread "cpu%/wait%" over the step. */
function printTimeline(t0: number): void {
  if (!timeline || timeline.length < 2) return;
  const tids = [...timeline.at(-1)!.th]
    .filter(([, v]) => /DedicatedWorker/.test(v.name))
    .map(([k]) => k);
  const lines: string[] = [`timeline: ms  ${tids.map((t) => `w${t}`).join(' ')}  others(cpu%)`];
  for (let i = 1; i < timeline.length; i++) {
    const a = timeline[i - 1];
    const b = timeline[i];
    const dt = (b.t - a.t) / 1000;
    const cell = (tid: number) => {
      const x = a.th.get(tid);
      const y = b.th.get(tid);
      if (!x || !y) return '   -   ';
      const c = (y.ticks - x.ticks) / 100 / dt;
      const w = (y.wait - x.wait) / 100 / dt;
      return `${String(Math.round(c * 100)).padStart(3)}/${String(Math.round(w * 100)).padStart(3)}`;
    };
    let others = 0;
    for (const [tid, y] of b.th) {
      if (tids.includes(tid)) continue;
      others += (y.ticks - (a.th.get(tid)?.ticks ?? y.ticks)) / 100;
    }
    lines.push(
      `timeline: ${String(Math.round(b.t - t0)).padStart(5)} ${tids.map(cell).join(' ')}  ${Math.round((others / dt) * 100)}`,
    );
  }
  console.error(lines.join('\n'));
}
function threadsNow(): Map<number, { name: string; ticks: number; wait: number }> {
  sampleThreads();
  return new Map([...threadTicks].map(([k, v]) => [k, { ...v }]));
}
function threadCpuSince(
  before: Map<number, { name: string; ticks: number; wait: number }>,
): Record<string, number> {
  sampleThreads();
  const out: Record<string, number> = {};
  for (const [tid, v] of threadTicks) {
    const d = v.ticks - (before.get(tid)?.ticks ?? 0);
    if (d > 0) out[v.name] = Math.round(((out[v.name] ?? 0) + d / 100) * 100) / 100;
    // Time runnable but not running (no core free), per thread name, as "wait:<name>".
    const w = v.wait - (before.get(tid)?.wait ?? 0);
    if (w > 1)
      out[`wait:${v.name}`] = Math.round(((out[`wait:${v.name}`] ?? 0) + w / 100) * 100) / 100;
  }
  return out;
}

/** CPU seconds of Chromium's dedicated worker threads (the import worker and any it starts). */
let workerCpuNow = 0;
/** Their minor page faults, and system time (s). */
let workerFaultsNow = 0;
let workerSysNow = 0;
/** CPU seconds (user + system) of this Node process's descendants other than vite (Chromium). */
function chromiumCpu(): number {
  workerCpuNow = 0;
  workerFaultsNow = 0;
  workerSysNow = 0;
  const kids = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      const pid = Number(d);
      const ppid = Number(rest[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(pid);
      ticks.set(pid, Number(rest[11]) + Number(rest[12]));
      cmd.set(pid, readFileSync(`/proc/${d}/cmdline`, 'utf8'));
    } catch {
      /* gone */
    }
  }
  let sum = 0;
  const walk = (pid: number, inside: boolean) => {
    const mine = inside || /chrom/i.test(cmd.get(pid) ?? '');
    if (mine) {
      sum += ticks.get(pid) ?? 0;
      try {
        for (const t of readdirSync(`/proc/${pid}/task`)) {
          const comm = readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8');
          if (!/DedicatedWorker/i.test(comm)) continue;
          const f = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
          const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
          workerCpuNow += (Number(rest[11]) + Number(rest[12])) / 100;
          workerSysNow += Number(rest[12]) / 100;
          workerFaultsNow += Number(rest[7]);
        }
      } catch {
        /* gone */
      }
    }
    for (const k of kids.get(pid) ?? []) walk(k, mine);
  };
  for (const k of kids.get(process.pid) ?? []) walk(k, false);
  return sum / 100;
}

async function waymark(
  browser: Browser,
  base: string,
  file: string,
  parts: number,
  blocks = '',
): Promise<Import> {
  // A fresh page each time: its workers and memory go with it.
  const page = await browser.newPage({ locale: 'en-US' });
  page.setDefaultTimeout(600_000);
  page.on('crash', () => console.error('browser-import: the page crashed'));
  await page.addInitScript(
    ([p, b]) => {
      localStorage.setItem('waymark.lang', 'en');
      localStorage.setItem('waymark.importParts', String(p));
      if (b) localStorage.setItem('waymark.importBlocks', b.replace(':', ','));
    },
    [parts, blocks] as const,
  );
  let phases: Record<string, unknown> = {};
  const logged = new Promise<{ ms: number; parts: number }>((res) => {
    const on = (m: { text(): string }) => {
      const ph = /^waymark-import-phases (.*)$/.exec(m.text());
      if (ph) phases = { ...phases, ...(JSON.parse(ph[1]) as Record<string, unknown>) };
      const dg = /^waymark-import-digest (\d+) ms$/.exec(m.text());
      if (dg) phases.digest = Number(dg[1]);
      const g = /^waymark-import .* (\d+) ms (\d+) parts$/.exec(m.text());
      if (g) res({ ms: Number(g[1]), parts: Number(g[2]) });
    };
    page.on('console', on);
  });
  await page.goto(`${base}/#/p/demo/data`);
  await page.getByTestId('dataset-rows').waitFor();
  const p0 = performance.now();
  await page.getByTestId('data-file-input').setInputFiles(file);
  const run = page.getByTestId('import-run');
  await run.waitFor();
  // Pick → the mapping on screen (the file read, its preview, the page's work for the mapping).
  const toMapping = Math.round(performance.now() - p0);
  // Let the preview's work settle, so the CPU below is the import's (--settle: also the
  // fields' inference, which now runs in a worker of its own beside the import).
  await page.waitForTimeout(SETTLE);
  const cpu0 = chromiumCpu();
  const th0 = THREADS ? threadsNow() : null;
  const w0 = workerCpuNow;
  const f0 = workerFaultsNow;
  const s0 = workerSysNow;
  const t0 = performance.now();
  const clickAt = Date.now();
  if (TIMELINE) timeline = [];
  await run.click();
  await page.getByTestId('report-rows-imported').waitFor();
  if (TIMELINE) printTimeline(t0);
  timeline = null;
  const wall = (performance.now() - t0) / 1000;
  const cpu = chromiumCpu() - cpu0;
  if (th0) phases.threads = threadCpuSince(th0);
  // Worker threads that ended during the import are not counted (the range workers live on).
  phases.workerCpu = Math.round((workerCpuNow - w0) * 100) / 100;
  phases.workerSys = Math.round((workerSysNow - s0) * 100) / 100;
  phases.workerFaults = workerFaultsNow - f0;
  const r = await logged;
  await page.waitForTimeout(50);
  // Worker start and end, and the report on screen, in ms after the click.
  if (typeof phases.start === 'number') {
    phases.startAfterClick = phases.start - clickAt;
    phases.reportAfterClick = Math.round(wall * 1000);
    delete phases.start;
  }
  phases.pickToMapping = toMapping;
  if (parts > 1 && r.parts < 2) throw new Error(`expected a parallel import, got ${r.parts} part`);
  console.error(
    `browser-import: ${base} ${file} parts=${r.parts} worker ${r.ms} ms, click→report ${Math.round(wall * 1000)} ms, CPU ${cpu.toFixed(2)} s ${JSON.stringify(phases)}`,
  );
  await page.close();
  return { worker: r.ms / 1000, wall, cpu, parts: r.parts, phases };
}

/** The same bytes imported in Node (one pass, or parts then merge), a fresh process: CPU s. */
function nodeImport(file: string, parts: number): Record<string, number> {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve('test/bench/browserImportNode.ts'), file, String(parts)],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`node import failed: ${r.stderr}`);
  const o = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
  console.error(`browser-import: node ${parts} part(s) ${JSON.stringify(o)}`);
  return o;
}

const exe = process.env.CHROMIUM_PATH ?? findChromium();
if (!exe) throw new Error('no Chromium found');
const build = spawnSync(
  'npx',
  ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'error'],
  { stdio: 'inherit' },
);
if (build.status !== 0) throw new Error('vite build failed');
/** Builds served: this tree's, and with --base DIR an older build (`npx vite build --outDir DIR`). */
const builds: { name: string; dir: string; port: number }[] = [
  { name: 'new', dir: OUT, port: PORT },
];
if (BASE) builds.push({ name: 'base', dir: BASE, port: PORT + 1 });
const servers: ChildProcess[] = builds.map((b) =>
  spawn('npx', ['vite', 'preview', '--outDir', b.dir, '--port', String(b.port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  }),
);
const urlOf = (port: number) => `http://127.0.0.1:${port}`;
try {
  for (const b of builds)
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(urlOf(b.port))).ok) break;
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
  await probe.goto(urlOf(PORT));
  const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
  await probe.close();
  const parts = Math.min(4, Math.max(2, cores));
  /** Contenders, interleaved: each run goes through all of them, in a rotated order. */
  const contenders: { key: string; go: () => Promise<unknown> }[] = [];
  const res: Record<string, Import[]> = {};
  const duck: Record<string, { wall: number; cpu: number }[]> = { d1: [], d2: [] };
  const node: Record<string, Record<string, number>[]> = {};
  for (const b of builds)
    for (const f of files)
      for (const p of MODES.includes('s') ? [1, parts] : [parts])
        for (const k of p > 1 && b.name === 'new'
          ? PARTWAYS
          : p < 2 && b.name === 'new'
            ? BLOCKS
            : ['']) {
          if (p > 1 && !MODES.includes('p')) continue;
          const key = `${b.name} ${f.enc} ${p > 1 ? `${p} parts${k ? ` ${k}` : ''}` : `one pass${k ? ` ${k}` : ''}`}`;
          const blocks = k;
          contenders.push({
            key,
            go: async () =>
              (res[key] ??= []).push(await waymark(browser, urlOf(b.port), f.path, p, blocks)),
          });
        }
  for (const th of [1, 2])
    contenders.push({ key: `duckdb ${th}`, go: async () => duck[`d${th}`].push(await duckdb(th)) });
  if (NODE)
    for (const p of [1, parts])
      contenders.push({
        key: `node ${p}`,
        go: async () => (node[p] ??= []).push(nodeImport(csv, p)),
      });
  const load: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (let k = 0; k < contenders.length; k++) {
      load.push(loadavg()[0]);
      await contenders[(k + run) % contenders.length].go();
    }
  }
  await browser.close();
  const mb = (path: string) => statSync(path).size / 1e6;
  const d1 = median(duck.d1.map((d) => d.wall));
  const d2 = median(duck.d2.map((d) => d.wall));
  const extra = { rows: ROWS, runs: RUNS, cores, parts };
  for (const [key, list] of Object.entries(res)) {
    const f = files.find((x) => key.includes(` ${x.enc} `))!;
    const e = { ...extra, contender: key, encoding: f.enc, mb: Math.round(mb(f.path)) };
    const w = median(list.map((r) => r.worker));
    line('import_mb_per_s', mb(f.path) / w, 'MB/s (Chromium import worker, median)', {
      ...e,
      worker_s: list.map((r) => r.worker),
    });
    line('import_click_to_report_s', median(list.map((r) => r.wall)), 's (median)', {
      ...e,
      samples: list.map((r) => Math.round(r.wall * 1000) / 1000),
    });
    line('import_chromium_cpu_s', median(list.map((r) => r.cpu)), 's (median, all processes)', {
      ...e,
      samples: list.map((r) => Math.round(r.cpu * 100) / 100),
    });
    if (f.enc === 'utf-8') {
      line('import_vs_duckdb_read_csv_ratio', d1 / w, 'ratio (DuckDB 1 thread ÷ Waymark, wall)', e);
      line(
        'import_vs_duckdb_read_csv_2threads_ratio',
        d2 / w,
        'ratio (DuckDB 2 threads ÷ Waymark, wall)',
        e,
      );
    }
  }
  for (const b of builds)
    for (const f of files) {
      const s1 = res[`${b.name} ${f.enc} one pass`];
      const sp = res[`${b.name} ${f.enc} ${parts} parts`];
      if (s1 && sp)
        line(
          'import_parallel_speedup',
          median(s1.map((r) => r.worker)) / median(sp.map((r) => r.worker)),
          'ratio (one pass ÷ parts, worker time)',
          { ...extra, build: b.name, encoding: f.enc },
        );
    }
  line('duckdb_read_csv_mb_per_s', mb(csv) / d1, 'MB/s (1 thread, median)', {
    ...extra,
    wall_s: duck.d1.map((d) => d.wall),
    cpu_s: duck.d1.map((d) => d.cpu),
  });
  line('duckdb_read_csv_mb_per_s_2threads', mb(csv) / d2, 'MB/s (2 threads, median)', {
    ...extra,
    wall_s: duck.d2.map((d) => d.wall),
    cpu_s: duck.d2.map((d) => d.cpu),
  });
  for (const [p, list] of Object.entries(node))
    line('node_import_cpu_s', median(list.map((o) => o.cpu)), 's (Node, same bytes, median)', {
      ...extra,
      parts: Number(p),
      samples: list,
    });
  line('load_average_1min', median(load), 'load (median before each contender)', {
    ...extra,
    samples: load.map((l) => Math.round(l * 100) / 100),
  });
} finally {
  for (const s of servers)
    try {
      if (s.pid) process.kill(-s.pid);
    } catch {
      /* already gone */
    }
}
