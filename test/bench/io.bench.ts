/**
 * `npm run bench -- io [--rows N] [--runs R] [--rss-rows M] [--no-duckdb] [--no-e2e] [--no-import] [--no-rss]`: the CLI end to end, as
 * users run it (`node bin/waymark.mjs`, the bundle), against DuckDB doing the same job in the same
 * run: the demo accounts CSV (`npm run demo-data`, seed 42) scored to a CSV file. DuckDB reads it
 * with read_csv (columns typed by the playbook's fields), runs the SQL of
 * `waymark sql --dialect duckdb` and writes with COPY … TO, with 1 and 2 threads. Runs are
 * interleaved (CLI, DuckDB 1 thread, DuckDB 2 threads, repeated) and medians reported.
 *
 * JSON lines: cli_end_to_end_s, duckdb_end_to_end_s (1 and 2 threads), cli_vs_duckdb_ratio
 * (1 and 2 threads; ours / theirs, below 1 = faster) on wall time and on CPU time (the machine
 * is shared: CPU time is the steadier figure), cli_peak_rss_mb and duckdb_peak_rss_mb at N (and
 * cli_peak_rss_mb at M with --rss-rows), the same job with `--threads 2` against DuckDB with 2
 * threads (cli_threads2_end_to_end_s, cli_threads2_vs_duckdb_2threads_ratio on wall and CPU time,
 * cli_threads2_peak_rss_mb; its output must equal the one-thread output), the CPU time of the
 * main thread with 1 thread and of the main thread and the worker with 2 (one more run each,
 * cli_threads2_critical_path_ratio: the busiest thread, what wall time is on free cores), cli_start_s for --help
 * and validate beside a bare `node -e 0`. Then the import alone (bytes → typed columns) against
 * DuckDB's read_csv into a table with 1 and 2 threads, on the UTF-8 file and a Shift_JIS copy:
 * import_mb_per_s and import_vs_duckdb_read_csv_ratio (…_sjis for Shift_JIS; wall and CPU).
 * --no-e2e skips start-up and end to end, --no-import the import, --no-rss the peak-memory runs
 * (`--no-e2e --no-rss`: the import comparison alone). Default N = 200,000 to stay
 * short; the figures in docs/cli.md and docs/data-import.md are at 1,000,000.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';
import { sqlTypes } from '../../src/engine/sql/loadTable';
import { sjis } from '../../src/data/testing/sjisEncode';
import { threadCpu } from './ioThreadCpu';
// @ts-expect-error: a plain .mjs script of bin/, without types
import { buildBundle, bundleIsFresh, ROOT } from '../../bin/cli-bundle.mjs';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const ROWS = opt('rows', 200_000);
const RUNS = opt('runs', 3);
const RSS_ROWS = opt('rss-rows', 0);
const WITH_DUCKDB = !args.includes('--no-duckdb');
const WITH_IMPORT = !args.includes('--no-import');
const WITH_E2E = !args.includes('--no-e2e');
const WITH_RSS = !args.includes('--no-rss');
const AS_OF = '2026-11-23';
const root = ROOT as string;
const dir = join(root, '.bench');
mkdirSync(dir, { recursive: true });
const node = process.execPath;
const waymark = join(root, 'bin', 'waymark.mjs');
const project = join(root, 'templates', 'demo.json');

const emit = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Number(value.toPrecision(6)), unit }));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** CPU seconds of this process's waited-for children (and theirs), from /proc; NaN elsewhere. */
function childrenCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

function run(argv: string[], env: Record<string, string> = {}): { wall: number; cpu: number } {
  const c0 = childrenCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(node, argv, {
    cwd: root,
    env: { ...process.env, LANG: 'C', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wall, cpu: childrenCpu() - c0 };
}

/** Peak RSS (MB) of one run of a Node script, through ioProbe.mjs. */
function peakRss(nodeArgs: string[], script: string, argv: string[]): number {
  const probe = join(dir, 'io-probe.json');
  rmSync(probe, { force: true });
  run([...nodeArgs, join(root, 'test', 'bench', 'ioProbe.mjs'), script, ...argv], {
    WM_PROBE_OUT: probe,
  });
  return (JSON.parse(readFileSync(probe, 'utf8')) as { maxRssMb: number }).maxRssMb;
}

function demoCsv(rows: number): string {
  const file = join(dir, `io-demo-${rows}.csv`);
  if (!existsSync(file))
    run([
      join(root, 'bin', 'demo-data.mjs'),
      '--rows',
      String(rows),
      '--seed',
      '42',
      '--out',
      file,
    ]);
  return file;
}

const lines = (file: string) => {
  // Count line breaks without holding the file as one string.
  const buf = readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return n;
};

// The CLI as shipped: the bundle (built here if the sources changed since the install).
if (!bundleIsFresh()) await buildBundle();
const csv = demoCsv(ROWS);
const mb = statSync(csv).size / 1e6;
emit('io_rows', ROWS, 'accounts');
emit('io_input_mb', mb, 'MB');

// Start-up: --help and validate beside a bare node, interleaved (--no-e2e: skipped).
if (WITH_E2E) {
  const bare: number[] = [];
  const help: number[] = [];
  const validate: number[] = [];
  const helpCpu: number[] = [];
  const validateCpu: number[] = [];
  const bareCpu: number[] = [];
  for (let k = 0; k < 11; k++) {
    const b = run(['-e', '0']);
    const h = run([waymark, '--help']);
    const v = run([waymark, 'validate', project]);
    bare.push(b.wall);
    help.push(h.wall);
    validate.push(v.wall);
    bareCpu.push(b.cpu);
    helpCpu.push(h.cpu);
    validateCpu.push(v.cpu);
  }
  emit('cli_start_s', median(help), 's (waymark --help, median of 11, wall)');
  emit('cli_validate_start_s', median(validate), 's (waymark validate, median of 11, wall)');
  emit('node_start_s', median(bare), 's (node -e 0, median of 11, wall)');
  emit('cli_start_cpu_s', median(helpCpu), 's (waymark --help, CPU)');
  emit('cli_validate_start_cpu_s', median(validateCpu), 's (waymark validate, CPU)');
  emit('node_start_cpu_s', median(bareCpu), 's (node -e 0, CPU)');
}

// End to end, interleaved.
const outCli = join(dir, 'io-out-cli.csv');
const outDuck = join(dir, 'io-out-duckdb.csv');
const sqlFile = join(dir, 'io-score.sql');
const typesFile = join(dir, 'io-types.json');
run([waymark, 'sql', project, '--dialect', 'duckdb', '--as-of', AS_OF, '--out', sqlFile]);
const doc = readPlaybookDocument(readFileSync(project));
if (!doc.ok) throw new Error('templates/demo.json does not read');
writeFileSync(
  typesFile,
  JSON.stringify(Object.fromEntries(sqlTypes(doc.playbook.fields).map((c) => [c.id, c.type]))),
);
const duck = (threads: number) =>
  run([
    join(root, 'test', 'bench', 'ioDuckdb.mjs'),
    csv,
    sqlFile,
    outDuck,
    String(threads),
    typesFile,
  ]);
const outCli2 = join(dir, 'io-out-cli2.csv');
const cli = (threads: number, out = outCli) =>
  run([
    waymark,
    'score',
    project,
    csv,
    '--as-of',
    AS_OF,
    '--format',
    'csv',
    '--out',
    out,
    '--threads',
    String(threads),
  ]);

const t = { cli: [] as number[], cli2: [] as number[], d1: [] as number[], d2: [] as number[] };
const c = { cli: [] as number[], cli2: [] as number[], d1: [] as number[], d2: [] as number[] };
for (let k = 0; WITH_E2E && k < RUNS; k++) {
  const a = cli(1);
  t.cli.push(a.wall);
  c.cli.push(a.cpu);
  if (WITH_DUCKDB) {
    const b = duck(1);
    t.d1.push(b.wall);
    c.d1.push(b.cpu);
  }
  // --threads 2: a worker thread scores and formats while the main thread reads, parses, writes.
  const a2 = cli(2, outCli2);
  t.cli2.push(a2.wall);
  c.cli2.push(a2.cpu);
  if (WITH_DUCKDB) {
    const d = duck(2);
    t.d2.push(d.wall);
    c.d2.push(d.cpu);
  }
}
if (WITH_E2E) {
  if (lines(outCli) !== ROWS + 1) throw new Error(`CLI output has ${lines(outCli)} lines`);
  if (!readFileSync(outCli).equals(readFileSync(outCli2)))
    throw new Error('waymark score --threads 2 wrote other bytes than --threads 1');
  emit('cli_end_to_end_s', median(t.cli), `s (median of ${RUNS}, wall)`);
  emit('cli_end_to_end_cpu_s', median(c.cli), `s (median of ${RUNS}, CPU)`);
  emit('cli_mb_per_s', mb / median(t.cli), 'MB/s of input (wall)');
  emit('cli_threads2_end_to_end_s', median(t.cli2), `s (--threads 2, median of ${RUNS}, wall)`);
  emit('cli_threads2_end_to_end_cpu_s', median(c.cli2), `s (--threads 2, median of ${RUNS}, CPU)`);
}
// CPU per thread (one more run each, polled from /proc): the busiest thread is the critical
// path on free cores, which wall time on this shared machine cannot show (docs/cli.md, Threads).
if (WITH_E2E && process.platform === 'linux') {
  const per = (threads: number) =>
    threadCpu(
      node,
      [
        '--max-semi-space-size=64',
        waymark,
        'score',
        project,
        csv,
        '--as-of',
        AS_OF,
        '--out',
        outCli2,
        '--threads',
        String(threads),
      ],
      root,
    );
  const one = await per(1);
  const two = await per(2);
  const worker = two.others[0]?.cpu ?? NaN;
  emit('cli_main_thread_cpu_s', one.main, 's (--threads 1: the main thread alone)');
  emit('cli_threads2_main_thread_cpu_s', two.main, 's (--threads 2: read, import, write)');
  emit(
    'cli_threads2_worker_cpu_s',
    worker,
    's (--threads 2: the busiest other thread, the worker)',
  );
  emit(
    'cli_threads2_critical_path_ratio',
    Math.max(two.main, worker) / one.main,
    'ratio (busiest thread with --threads 2 / main thread with 1; below 1 = faster on free cores)',
  );
}
if (WITH_E2E && WITH_DUCKDB) {
  if (lines(outDuck) !== ROWS + 1) throw new Error(`DuckDB output has ${lines(outDuck)} lines`);
  emit('duckdb_end_to_end_s', median(t.d1), `s (1 thread, median of ${RUNS}, wall)`);
  emit('duckdb_end_to_end_2threads_s', median(t.d2), `s (2 threads, median of ${RUNS}, wall)`);
  emit('duckdb_end_to_end_cpu_s', median(c.d1), 's (1 thread, CPU)');
  emit('duckdb_end_to_end_2threads_cpu_s', median(c.d2), 's (2 threads, CPU)');
  emit('cli_vs_duckdb_ratio', median(t.cli) / median(t.d1), 'ratio (1 thread, wall)');
  emit('cli_vs_duckdb_2threads_ratio', median(t.cli) / median(t.d2), 'ratio (2 threads, wall)');
  emit('cli_vs_duckdb_cpu_ratio', median(c.cli) / median(c.d1), 'ratio (1 thread, CPU)');
  emit(
    'cli_threads2_vs_duckdb_2threads_ratio',
    median(t.cli2) / median(t.d2),
    'ratio (--threads 2 against DuckDB with 2 threads, wall)',
  );
  emit(
    'cli_threads2_vs_duckdb_2threads_cpu_ratio',
    median(c.cli2) / median(c.d2),
    'ratio (--threads 2 against DuckDB with 2 threads, CPU)',
  );
  emit('load_average_1m', loadavg()[0], 'runnable tasks (the machine is shared)');
}

// Import alone (bytes → typed columns, every validation kept) against DuckDB's read_csv of the
// same file into a table, 1 and 2 threads, interleaved, each in its own process and timed inside
// it. Shift_JIS: the same accounts in a Shift_JIS file; DuckDB reads it through its encoding
// option when the installed version can (1.5 needs the `encodings` extension, downloaded at
// run time — not here), else it reads the UTF-8 file of the same content and the line says so.
function sjisCopy(utf8File: string): string {
  const file = utf8File.replace(/\.csv$/, '-sjis.csv');
  if (existsSync(file)) return file;
  const text = readFileSync(utf8File, 'utf8');
  const fd = openSync(file, 'w');
  for (let i = 0; i < text.length;) {
    let j = text.indexOf('\n', i + (1 << 20));
    j = j < 0 ? text.length : j + 1;
    writeSync(fd, sjis(text.slice(i, j)));
    i = j;
  }
  closeSync(fd);
  return file;
}
const json = (argv: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(node, argv, {
    cwd: root,
    env: { ...process.env, LANG: 'C', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    wall: number;
    cpu: number;
    rows: number;
    unsupported?: string;
  };
};
if (WITH_IMPORT) {
  const sjisCsv = sjisCopy(csv);
  // Node flags as bin/waymark.mjs runs `score`; the environment is the bench's own, as for DuckDB.
  const ours = (file: string) =>
    json([
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      join(root, 'test', 'bench', 'ioImport.ts'),
      file,
      project,
    ]);
  const theirs = (file: string, threads: number, encoding?: string) =>
    json([
      join(root, 'test', 'bench', 'ioDuckdbRead.mjs'),
      file,
      String(threads),
      typesFile,
      ...(encoding ? [encoding] : []),
    ]);
  console.log(
    JSON.stringify({
      name: 'import_env',
      value: 0,
      unit: `our import and DuckDB run with the bench's own environment (GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? ''}), as bin/waymark.mjs runs score`,
    }),
  );
  const probe = theirs(sjisCsv, 1, 'shift_jis');
  const duckSjis = probe.unsupported === undefined;
  if (!duckSjis)
    console.log(
      JSON.stringify({
        name: 'duckdb_shift_jis',
        value: 0,
        unit: `DuckDB cannot read Shift_JIS here (${probe.unsupported}); its Shift_JIS figures are read_csv of the UTF-8 file of the same content`,
      }),
    );
  for (const [label, file, mbOf] of [
    ['utf8', csv, statSync(csv).size / 1e6],
    ['sjis', sjisCsv, statSync(sjisCsv).size / 1e6],
  ] as const) {
    const w = { ours: [] as number[], d1: [] as number[], d2: [] as number[] };
    const u = { ours: [] as number[], d1: [] as number[], d2: [] as number[] };
    const duckFile = label === 'sjis' && !duckSjis ? csv : file;
    const duckEnc = label === 'sjis' && duckSjis ? 'shift_jis' : undefined;
    for (let k = 0; k < RUNS; k++) {
      const a = ours(file);
      if (a.rows !== ROWS) throw new Error(`import read ${a.rows} rows`);
      w.ours.push(a.wall);
      u.ours.push(a.cpu);
      if (!WITH_DUCKDB) continue;
      for (const [threads, key] of [
        [1, 'd1'],
        [2, 'd2'],
      ] as const) {
        const d = theirs(duckFile, threads, duckEnc);
        if (d.rows !== ROWS) throw new Error(`DuckDB read ${d.rows} rows`);
        w[key].push(d.wall);
        u[key].push(d.cpu);
      }
    }
    const sfx = label === 'utf8' ? '' : '_sjis';
    emit(
      `import_mb_per_s${sfx}`,
      mbOf / median(w.ours),
      `MB/s (${label}, wall, median of ${RUNS})`,
    );
    emit(`import_cpu_mb_per_s${sfx}`, mbOf / median(u.ours), `MB/s (${label}, CPU)`);
    emit(`import_s${sfx}`, median(w.ours), `s (${label}, wall)`);
    emit(`import_cpu_s${sfx}`, median(u.ours), `s (${label}, CPU)`);
    if (!WITH_DUCKDB) continue;
    const of = duckFile === file ? label : 'utf8 file of the same content';
    emit(`duckdb_read_csv_s${sfx}`, median(w.d1), `s (1 thread, ${of}, wall)`);
    emit(`duckdb_read_csv_cpu_s${sfx}`, median(u.d1), `s (1 thread, ${of}, CPU)`);
    emit(`duckdb_read_csv_2threads_s${sfx}`, median(w.d2), `s (2 threads, ${of}, wall)`);
    emit(`duckdb_read_csv_2threads_cpu_s${sfx}`, median(u.d2), `s (2 threads, ${of}, CPU)`);
    emit(
      `import_vs_duckdb_read_csv_ratio${sfx}`,
      median(w.ours) / median(w.d1),
      'ratio (1 thread, wall; below 1 = faster)',
    );
    emit(
      `import_vs_duckdb_read_csv_cpu_ratio${sfx}`,
      median(u.ours) / median(u.d1),
      'ratio (1 thread, CPU)',
    );
    emit(
      `import_vs_duckdb_read_csv_2threads_ratio${sfx}`,
      median(w.ours) / median(w.d2),
      'ratio (2 threads, wall)',
    );
  }
}

// Peak memory: the CLI as bin/waymark.mjs runs it (its re-run carries the same node flag).
const SEMI = ['--max-semi-space-size=64'];
const scoreArgs = (file: string, threads = 1) => [
  'score',
  project,
  file,
  '--as-of',
  AS_OF,
  '--out',
  outCli,
  '--threads',
  String(threads),
];
if (WITH_RSS)
  emit('cli_peak_rss_mb', peakRss(SEMI, waymark, scoreArgs(csv)), `MB at ${ROWS} accounts`);
if (WITH_RSS)
  emit(
    'cli_threads2_peak_rss_mb',
    peakRss(SEMI, waymark, scoreArgs(csv, 2)),
    `MB at ${ROWS} accounts (--threads 2; worker threads included)`,
  );
if (WITH_DUCKDB && WITH_RSS)
  emit(
    'duckdb_peak_rss_mb',
    peakRss([], join(root, 'test', 'bench', 'ioDuckdb.mjs'), [
      csv,
      sqlFile,
      outDuck,
      '1',
      typesFile,
    ]),
    `MB at ${ROWS} accounts (1 thread)`,
  );
if (RSS_ROWS > 0 && WITH_RSS) {
  const big = demoCsv(RSS_ROWS);
  emit('cli_peak_rss_mb', peakRss(SEMI, waymark, scoreArgs(big)), `MB at ${RSS_ROWS} accounts`);
}
rmSync(outCli, { force: true });
rmSync(outCli2, { force: true });
rmSync(outDuck, { force: true });
