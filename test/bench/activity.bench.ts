/**
 * `npm run bench -- activity`: windowed aggregates over an activity log, Waymark against DuckDB
 * in the same run. Deterministic synthetic accounts and login events (120 days back from the
 * as-of date, users, a category and a number per event) are written as one CSV file; then:
 *  - activity_import_rows_per_s: Waymark's activity import of that file (decode, parse,
 *    link to accounts, sort), against duckdb_read_csv_s (DuckDB's read_csv of the same file
 *    into a table, one thread) → activity_import_vs_duckdb_ratio;
 *  - activity_rows_per_s: ten windowed measures (counts, distinct users, sums, averages, max,
 *    change against the previous window, days since last, a filtered count, last value) over
 *    the imported events (CPU time, median of --runs), against the SQL Waymark compiles for them
 *    run by DuckDB with 1 and 2 threads → activity_vs_duckdb_ratio (1 thread);
 *  - activity_duckdb_mismatches: accounts whose aggregates differ (must be 0);
 *  - activity_bytes_per_row (the stored event columns), activity_peak_rss_mb (the process's
 *    peak before DuckDB loads anything), process_peak_rss_mb (with DuckDB's tables).
 * Options: --accounts N (default 100,000), --rows M (default 5,000,000), --runs R (default 3),
 * --no-duckdb, --csv PATH (write the file there once and keep it: later runs of the same size reuse
 * it), --import-only R (R imports interleaved with R DuckDB read_csv runs, medians of CPU
 * and wall time and the load average, no aggregates: for working on the import). The issue's full size is --accounts 1000000 --rows 50000000 (a 2 GB file: the
 * import reads it in 4 MiB blocks).
 * --variant V (with --import-only): the same events as exports often write them, in a file
 * written next to the CSV once (PATH.V.csv): `quoted` (every cell in quotes), `sjis` (Shift_JIS,
 * users with kanji names, kinds ログイン/セミナー; DuckDB reads its UTF-8 twin PATH.jp.csv, as
 * read_csv has no Shift_JIS without the encodings extension), `slash` (`2026/07/29 16:46`),
 * `iso` (`2026-07-29T16:46:36+09:00`, imported in Asia/Tokyo; DuckDB as TIMESTAMPTZ), `crlf`.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sjis } from '../../src/data/testing/sjisEncode';
import type { Playbook } from '../../src/model';
import { compilePlaybook, withActivity } from '../../src/engine';
import { activitySql } from '../../src/engine/sql/activitySql';
import { importActivityStream } from '../../src/data/activity/importActivity';
import { miniPlaybook } from '../../src/engine/testing/mini';
import { tableFromRows, type AccountTable } from '../../src/table/columns';
import { rng } from '../../src/util/random';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const ACCOUNTS = opt('accounts', 100_000);
const ROWS = opt('rows', 5_000_000);
const RUNS = opt('runs', 3);
const WITH_DUCKDB = !args.includes('--no-duckdb');
const IMPORT_ONLY = opt('import-only', 0);
/** --csv PATH: the events file there, written if missing and kept (repeated runs skip writing it). */
const CSV = args.includes('--csv') ? args[args.indexOf('--csv') + 1] : undefined;
const VARIANT = args.includes('--variant') ? args[args.indexOf('--variant') + 1] : undefined;
const VARIANTS = ['quoted', 'sjis', 'slash', 'iso', 'crlf'];
if (VARIANT !== undefined && (!VARIANTS.includes(VARIANT) || !IMPORT_ONLY))
  throw new Error(`--variant takes ${VARIANTS.join('|')}, with --import-only`);
const AS_OF = '2026-11-23';
const AS_OF_DAYS = Date.UTC(2026, 10, 23) / 86_400_000;

const emit = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Number(value.toPrecision(6)), unit }));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const MEASURES = [
  'count(logins, 30d)',
  'count(logins, 30d, before: 30d)',
  'change(count(logins, 30d))',
  'count_distinct(logins.user, 30d)',
  'sum(logins.minutes, 90d)',
  'avg(logins.minutes, 90d)',
  'max(logins.minutes, 90d)',
  'days_since(logins)',
  "count(logins, 30d, where: kind == 'api')",
  'last(logins.minutes)',
];

function playbook(): Playbook {
  const pb = miniPlaybook();
  return {
    ...pb,
    asOf: AS_OF,
    activity: [
      {
        id: 'logins',
        label: { ja: 'ログイン', en: 'Logins' },
        account: { column: 'account_id', match: 'key' },
        time: { column: 'ts' },
        attributes: [
          { id: 'user', label: { ja: 'ユーザー', en: 'User' }, type: 'string' },
          {
            id: 'kind',
            label: { ja: '種別', en: 'Kind' },
            type: 'category',
            values: ['web', 'api'],
          },
          { id: 'minutes', label: { ja: '分', en: 'Minutes' }, type: 'number' },
        ],
      },
    ],
    health: {
      ...pb.health,
      overrides: [],
      measures: MEASURES.map((expr, i) => ({
        id: `m${i}`,
        label: expr,
        dimension: 'adoption' as const,
        expr,
        normalise: { kind: 'linear' as const, min: 0, max: 10 },
        invert: false,
        weight: 1,
      })),
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const pad = (n: number) => String(n).padStart(2, '0');

async function writeEvents(file: string): Promise<void> {
  const r = rng(7);
  const out = createWriteStream(file);
  out.write('account_id,ts,user,kind,minutes\n');
  const STEP = 100_000;
  for (let from = 0; from < ROWS; from += STEP) {
    let s = '';
    for (let k = from; k < Math.min(ROWS, from + STEP); k++) {
      const a = Math.floor(r() * r() * ACCOUNTS); // skewed: some accounts are busy, many quiet
      const back = Math.floor(r() * 120);
      const sec = Math.floor(r() * 86_400);
      const d = new Date((AS_OF_DAYS - back) * 86_400_000 + sec * 1000);
      s += `a${a},${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},u${Math.floor(r() * 20)},${r() < 0.2 ? 'api' : 'web'},${Math.floor(r() * 240) / 4}\n`;
    }
    if (!out.write(s)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  out.end();
  await new Promise<void>((res) => out.once('finish', () => res()));
}

/** How a variant's file is imported and read by DuckDB. */
interface Variant {
  file: string;
  duckFile: string;
  zone: string;
  duckTs: string;
  duckOpts: string;
  kinds: string[];
}

const NAMES = ['佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '山本', '中村', '小林', '加藤'];

/** The events file rewritten as --variant says (once: an existing file is reused). */
async function writeVariant(file: string, v: string): Promise<Variant> {
  const out = `${file}.${v}.csv`;
  const twin = `${file}.jp.csv`;
  const res: Variant = {
    file: out,
    duckFile: v === 'sjis' ? twin : out,
    zone: v === 'iso' ? 'Asia/Tokyo' : 'UTC',
    duckTs: v === 'iso' ? 'TIMESTAMPTZ' : 'TIMESTAMP',
    duckOpts: v === 'slash' ? ", timestampformat = '%Y/%m/%d %H:%M'" : '',
    kinds: v === 'sjis' ? ['ログイン', 'セミナー'] : ['web', 'api'],
  };
  if (existsSync(out) && (v !== 'sjis' || existsSync(twin))) return res;
  // Shift_JIS lines are written as latin1 strings of their bytes (only names and kinds differ).
  const latin = (t: string) => Buffer.from(sjis(t)).toString('latin1');
  const kindsJa: Record<string, string> = { web: 'ログイン', api: 'セミナー' };
  const names = NAMES.map((n) => [n, latin(n)]);
  const kindsSj = Object.fromEntries(Object.entries(kindsJa).map(([k, j]) => [k, latin(j)]));
  const o = createWriteStream(out, { encoding: v === 'sjis' ? 'latin1' : 'utf8' });
  const t = v === 'sjis' ? createWriteStream(twin) : null;
  let a: string[] = [];
  let b: string[] = [];
  const flush = async () => {
    const ok1 = o.write(a.join(''));
    const ok2 = t ? t.write(b.join('')) : true;
    a = [];
    b = [];
    if (!ok1) await new Promise<void>((r) => o.once('drain', () => r()));
    if (!ok2) await new Promise<void>((r) => t!.once('drain', () => r()));
  };
  let head = true;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (!line) continue;
    if (head || v === 'crlf') {
      const h = v === 'quoted' ? `"${line.split(',').join('","')}"` : line;
      a.push(h + (v === 'crlf' ? '\r\n' : '\n'));
      if (t) b.push(line + '\n');
      head = false;
      continue;
    }
    const c = line.split(',');
    const ts = c[1];
    if (v === 'quoted') a.push(`"${c.join('","')}"\n`);
    else if (v === 'slash')
      a.push(
        `${c[0]},${ts.slice(0, 4)}/${ts.slice(5, 7)}/${ts.slice(8, 16)},${c[2]},${c[3]},${c[4]}\n`,
      );
    else if (v === 'iso')
      a.push(`${c[0]},${ts.slice(0, 10)}T${ts.slice(11)}+09:00,${c[2]},${c[3]},${c[4]}\n`);
    else {
      const u = +c[2].slice(1);
      const [nu, ns] = names[u % 10];
      a.push(`${c[0]},${ts},${ns}${u},${kindsSj[c[3]]},${c[4]}\n`);
      b.push(`${c[0]},${ts},${nu}${u},${kindsJa[c[3]]},${c[4]}\n`);
    }
    if (a.length >= 20_000) await flush();
  }
  await flush();
  await Promise.all(
    [o, t].map((s) => (s ? new Promise<void>((r) => s.end(() => r())) : Promise.resolve())),
  );
  return res;
}

/** Waymark's import and DuckDB's read_csv of the file, alternating, medians of each. */
async function importOnly(
  plainFile: string,
  pb: Playbook,
  accounts: AccountTable,
  variant?: Variant,
): Promise<void> {
  const file = variant?.file ?? plainFile;
  const duckFile = variant?.duckFile ?? plainFile;
  let source = pb.activity![0];
  if (variant)
    source = {
      ...source,
      attributes: source.attributes.map((a) =>
        a.type === 'category' ? { ...a, values: variant.kinds } : a,
      ),
    };
  if (variant) emit(`activity_variant_${VARIANT}`, statSync(file).size, 'bytes');
  const inst = await DuckDBInstance.create(':memory:');
  const db = await inst.connect();
  await db.run('SET threads = 1');
  const wm = { cpu: [] as number[], wall: [] as number[] };
  const dk = { cpu: [] as number[], wall: [] as number[] };
  const load0 = loadavg()[0];
  for (let run = 0; run < IMPORT_ONLY; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    let w0 = performance.now();
    let c0 = cpu();
    const imp = await importActivityStream(
      createReadStream(file, { highWaterMark: 4 << 20 }),
      statSync(file).size,
      'logins.csv',
      source,
      { table: accounts, contract: pb.fields },
      { asOf: AS_OF, timeZone: variant?.zone ?? 'UTC', maxIssues: 10 },
    );
    wm.cpu.push(cpu() - c0);
    wm.wall.push((performance.now() - w0) / 1000);
    if (imp.report.kept !== ROWS) throw new Error(`kept ${imp.report.kept} of ${ROWS}`);
    (globalThis as { gc?: () => void }).gc?.();
    w0 = performance.now();
    c0 = cpu();
    await db.run(
      `CREATE OR REPLACE TABLE logins AS SELECT * FROM read_csv('${duckFile}', header = true, columns = {'account_id': 'VARCHAR', 'ts': '${variant?.duckTs ?? 'TIMESTAMP'}', 'user': 'VARCHAR', 'kind': 'VARCHAR', 'minutes': 'DOUBLE'}${variant?.duckOpts ?? ''})`,
    );
    dk.cpu.push(cpu() - c0);
    dk.wall.push((performance.now() - w0) / 1000);
    await db.run('DROP TABLE logins');
  }
  emit('activity_import_s', median(wm.cpu), 's');
  emit('activity_import_wall_s', median(wm.wall), 's');
  emit('activity_import_rows_per_s', ROWS / median(wm.cpu), 'rows/s');
  emit('duckdb_read_csv_cpu_s', median(dk.cpu), 's');
  emit('duckdb_read_csv_s', median(dk.wall), 's');
  emit('activity_import_vs_duckdb_cpu_ratio', median(wm.cpu) / median(dk.cpu), 'ratio');
  emit('activity_import_vs_duckdb_wall_ratio', median(wm.wall) / median(dk.wall), 'ratio');
  emit('load_average_1m', (load0 + loadavg()[0]) / 2, 'load');
  emit('activity_import_peak_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');
  db.closeSync();
}

async function main() {
  console.log(
    JSON.stringify({
      name: 'activity_env',
      value: 0,
      unit: `GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? ''} (bin/bench.mjs sets what bin/waymark.mjs sets for score; DuckDB runs in this process with it too)`,
    }),
  );
  const pb = playbook();
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  // No reference to the million row objects outlives this line: kept alive, every major GC of
  // the imports below marked them again (the in-process import was ~1.5× a fresh process's).
  const accounts: AccountTable = tableFromRows(
    Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `a${i}` })),
    { id: 'string' },
  );
  const dir = mkdtempSync(join(tmpdir(), 'waymark-activity-'));
  const file = CSV ?? join(dir, 'logins.csv');
  try {
    if (!CSV || !existsSync(CSV)) await writeEvents(file);
    if (IMPORT_ONLY > 0) {
      const variant = VARIANT ? await writeVariant(file, VARIANT) : undefined;
      await importOnly(file, pb, accounts, variant);
      return;
    }

    // Import: the app's activity import of the file.
    // The streaming reader over 4 MiB blocks, as `waymark score --activity` reads a file.
    let t0 = cpu();
    const imp = await importActivityStream(
      createReadStream(file, { highWaterMark: 4 << 20 }),
      statSync(file).size,
      'logins.csv',
      pb.activity![0],
      { table: accounts, contract: pb.fields },
      { asOf: AS_OF, timeZone: 'UTC', maxIssues: 10 },
    );
    const importS = cpu() - t0;
    emit('activity_import_s', importS, 's');
    emit('activity_import_rss_mb', process.memoryUsage().rss / 2 ** 20, 'MB');
    if (imp.report.kept !== ROWS) throw new Error(`kept ${imp.report.kept} of ${ROWS}`);
    emit('activity_import_rows_per_s', ROWS / importS, 'rows/s');
    const data = { logins: imp.table };

    // Aggregates: ten measures' columns (the rest of scoring is the engine benchmark's).
    const times: number[] = [];
    let table = accounts;
    for (let run = 0; run < RUNS; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      t0 = cpu();
      table = withActivity(c!.compiled, accounts, data, AS_OF);
      times.push(cpu() - t0);
    }
    const best = median(times);
    emit('activity_rows_per_s', ROWS / best, 'rows/s');
    emit('activity_s', best, 's');
    // Memory: the stored events' bytes per row, and the process's peak before DuckDB runs.
    const t = imp.table;
    let bytes = t.account.byteLength + t.time.byteLength + t.day.byteLength + t.line.byteLength;
    for (const col of Object.values(t.columns))
      bytes += col.type === 'string' ? col.codes.byteLength : col.values.byteLength;
    emit('activity_bytes_per_row', bytes / ROWS, 'B');
    emit('activity_peak_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');

    if (WITH_DUCKDB) {
      const inst = await DuckDBInstance.create(':memory:');
      const db = await inst.connect();
      await db.run('SET threads = 1');
      await db.run(
        `CREATE TABLE accounts AS SELECT 'a' || CAST(range AS VARCHAR) AS id, range AS k FROM range(${ACCOUNTS})`,
      );
      t0 = performance.now();
      const c0 = cpu();
      await db.run(
        `CREATE TABLE logins AS SELECT * FROM read_csv('${file}', header = true, columns = {'account_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'user': 'VARCHAR', 'kind': 'VARCHAR', 'minutes': 'DOUBLE'})`,
      );
      const readCsvS = (performance.now() - t0) / 1000;
      // DuckDB runs in this process: with one thread its CPU time is comparable with ours (the
      // wall time also counts the waits of a shared machine).
      const readCsvCpuS = cpu() - c0;
      emit('duckdb_read_csv_s', readCsvS, 's');
      emit('duckdb_read_csv_cpu_s', readCsvCpuS, 's');
      emit('activity_import_vs_duckdb_ratio', importS / readCsvS, 'ratio');
      emit('activity_import_vs_duckdb_cpu_ratio', importS / readCsvCpuS, 'ratio');
      const act = activitySql(c!.compiled, AS_OF, { dialect: 'duckdb' })!;
      const cols = c!.compiled.aggregates.map((a) => act.column.get(a.id)!);
      const sql = `SELECT ${cols.join(', ')} FROM ${act.from('"accounts"')} ORDER BY k`;
      const duck: Record<number, number> = {};
      let rows: unknown[][] = [];
      for (const threads of [1, 2]) {
        await db.run(`SET threads = ${threads}`);
        const ts: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          t0 = performance.now();
          await db.run(`CREATE OR REPLACE TABLE res AS ${sql}`);
          ts.push((performance.now() - t0) / 1000);
        }
        duck[threads] = median(ts);
        emit(`duckdb_activity_${threads}t_s`, duck[threads], 's');
      }
      emit('activity_vs_duckdb_ratio', best / duck[1], 'ratio');
      rows = (await db.runAndReadAll('SELECT * FROM res')).getRows() as unknown[][];
      let mismatches = 0;
      for (let i = 0; i < ACCOUNTS; i++) {
        for (let k = 0; k < cols.length; k++) {
          const col = table.columns[c!.compiled.aggregates[k].id];
          const js = col.type === 'number' ? col.values[i] : NaN;
          const v = rows[i][k];
          const sqlV = v === null ? NaN : Number(v);
          if (!(js === sqlV || (js !== js && sqlV !== sqlV) || Math.abs(js - sqlV) <= 1e-9)) {
            mismatches++;
            break;
          }
        }
      }
      emit('activity_duckdb_mismatches', mismatches, 'accounts');
      db.closeSync();
    }
    emit('process_peak_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
