/**
 * `npm run bench -- engine`: one million deterministic synthetic accounts × 30 fields, a
 * playbook with 25 measures, 8 stages × 3 criteria and 20 CTAs. Prints one JSON object per
 * line {"name","value","unit"}: engine_accounts_per_s (one thread, data already in columns),
 * duckdb_same_sql_s (the compiled SQL on the same data, same run, DuckDB limited to one thread
 * like the engine), engine_vs_duckdb_ratio (our time / DuckDB's), engine_peak_rss_mb.
 * With DuckDB: the multi-worker figure for N = 1 and 2 threads: Waymark with N worker threads
 * (each scoring a shard, as the workers of `waymark score --threads` do) against DuckDB
 * (`SET threads = N`) and Polars (a hand-written lazy query of the playbook's health score in a
 * child process with POLARS_MAX_THREADS = N: enginePolars.ts), interleaved, medians of R (wall
 * and CPU): engine_workers_threadsN_*, duckdb_threadsN_*, polars_threadsN_*,
 * engine_vs_duckdb_ratio_threadsN, engine_vs_polars_ratio_threadsN (…_cpu_ratio… for CPU
 * time), engine_polars_score_mismatches_threadsN and engine_polars_band_mismatches_threadsN.
 * Options: --rows N (default 1,000,000), --runs R (default 5; the best run is reported, and the
 * median beside it), --no-duckdb, --no-polars.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PLAYBOOK_VERSION, type Playbook } from '../../src/model';
import { compilePlaybook, playbookToSql, scoreTable, summarise } from '../../src/engine';
import { loadIntoDuckDB } from '../../src/engine/testing/duckdbLoad';
import { evalColumn } from '../../src/engine/exprBridge';
import {
  MISSING_BOOL,
  StringColumnBuilder,
  type AccountTable,
  type Column,
} from '../../src/table/columns';
import { rng } from '../../src/util/random';
import { loadavg } from 'node:os';
import { polarsChild, startPolars, type PolarsRunner } from './enginePolars';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const ROWS = opt('rows', 1_000_000);
const RUNS = opt('runs', 5);
const WITH_DUCKDB = !args.includes('--no-duckdb');
const WITH_POLARS = !args.includes('--no-polars');
const AS_OF = '2026-11-23';
const AS_OF_DAYS = Date.UTC(2026, 10, 23) / 86_400_000;

const emit = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Number(value.toPrecision(6)), unit }));

const NUM = 15,
  INT = 5,
  CAT = 4,
  BOOL = 3,
  DATE = 2; // + id = 30 fields
const CATS = [
  ['strong', 'normal', 'weak', 'unknown'],
  ['saas', 'manufacturing', 'retail', 'finance', 'other'],
  ['a', 'b', 'c'],
  ['高', '中', '低'],
];
const STAGES = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'];

function playbook(): Playbook {
  const fields: Playbook['fields']['fields'] = [
    { id: 'id', label: { ja: 'ID', en: 'ID' }, type: 'string', required: true },
  ];
  for (let i = 0; i < NUM; i++)
    fields.push({
      id: `n${i}`,
      label: { ja: `数${i}`, en: `N${i}` },
      type: 'number',
      required: false,
    });
  for (let i = 0; i < INT; i++)
    fields.push({
      id: `i${i}`,
      label: { ja: `整${i}`, en: `I${i}` },
      type: 'integer',
      required: false,
    });
  for (let i = 0; i < CAT; i++)
    fields.push({
      id: `c${i}`,
      label: { ja: `区${i}`, en: `C${i}` },
      type: 'category',
      values: CATS[i],
      required: false,
    });
  for (let i = 0; i < BOOL; i++)
    fields.push({
      id: `b${i}`,
      label: { ja: `真${i}`, en: `B${i}` },
      type: 'boolean',
      required: false,
    });
  for (let i = 0; i < DATE; i++)
    fields.push({
      id: `d${i}`,
      label: { ja: `日${i}`, en: `D${i}` },
      type: 'date',
      required: false,
    });
  fields.push({
    id: 'stage',
    label: { ja: 'ステージ', en: 'Stage' },
    type: 'category',
    values: STAGES,
    required: false,
  });
  fields.push({
    id: 'entered',
    label: { ja: '開始日', en: 'Entered' },
    type: 'date',
    required: false,
  });
  const dims = ['deployment', 'engagement', 'adoption', 'roi', 'experience'] as const;
  const measures: Playbook['health']['measures'] = [];
  for (let k = 0; k < 25; k++) {
    const d = dims[k % 5];
    const base = {
      id: `m${k}`,
      label: `M${k}`,
      dimension: d,
      invert: k % 7 === 3,
      weight: 1 + (k % 4),
    };
    if (k < 12)
      measures.push({
        ...base,
        expr: k % 3 === 0 ? `n${k} / n${(k + 1) % NUM}` : `n${k}`,
        normalise: { kind: 'linear', min: 10, max: 90 },
      });
    else if (k < 18)
      measures.push({
        ...base,
        expr: k % 2 ? `i${k % INT}` : `days_since(d${k % DATE})`,
        normalise: {
          kind: 'tiers',
          tiers: [
            { min: 80, points: 100 },
            { min: 50, points: 70 },
            { min: 20, points: 40 },
          ],
          below: 0,
        },
      });
    else if (k < 22)
      measures.push({
        ...base,
        expr: `c${k % CAT}`,
        normalise: {
          kind: 'category',
          points: Object.fromEntries(CATS[k % CAT].map((v, j) => [v, 100 - 25 * j])),
        },
      });
    else
      measures.push({
        ...base,
        expr: `coalesce(n${k % NUM}, 0) + i${k % INT}`,
        normalise: { kind: 'linear', min: 0, max: 150 },
      });
  }
  const stages: Playbook['stages'] = STAGES.map((id, s) => ({
    id,
    label: id,
    definition: '',
    expectedDays: 30 + 15 * s,
    exitCriteria: [
      { id: 'a', label: '', expr: `n${s} >= ${20 + 5 * s}`, required: true },
      { id: 'b', label: '', expr: `b${s % BOOL} and i${s % INT} > 10`, required: true },
      {
        id: 'c',
        label: '',
        expr: `c${s % CAT} in ['${CATS[s % CAT][0]}', '${CATS[s % CAT][1]}']`,
        required: false,
      },
    ],
  }));
  const ctas: Playbook['ctas'] = [];
  const triggers = [
    "color == 'red'",
    "color == 'green' and n1 > 80",
    'score < 45 and days_since(d0) > 90',
    'days_until(d1) <= 180 and days_until(d1) > 150',
    "stage == 's0' and days_in_stage > 60",
    'b0 and not b1',
    "c0 == 'weak'",
    'n2 / n3 > 1.5',
    'i0 <= 2 and n4 < 20',
    'is_missing(n5)',
    'n6 > 90',
    "segment == 'ent' and score < 60",
    'days_in_stage > 120',
    'max(n7, n8) > 95',
    "c1 in ['saas', 'retail'] and n9 > 70",
    'abs(n10 - n11) > 60',
    'round(n12 / 10) >= 9',
    "stage in ['s5', 's6', 's7'] and score >= 80",
    'i3 > 100',
    'coalesce(n13, n14) < 5',
  ];
  triggers.forEach((trigger, k) =>
    ctas.push({
      id: `cta${k}`,
      label: `CTA ${k}`,
      type: (['risk', 'expansion', 'lifecycle', 'other'] as const)[k % 4],
      trigger,
      priority: (['high', 'medium', 'low'] as const)[k % 3],
      ownerRole: k % 2 ? 'CS Ops' : '',
      dueInDays: 7,
      segments: k % 5 === 4 ? ['mid', 'smb'] : [],
      stages: [],
      steps: [],
      ...(k < 4 ? { dedupeKey: 'health' } : {}),
    }),
  );
  return {
    format: 'waymark-playbook',
    version: PLAYBOOK_VERSION,
    name: 'bench',
    asOf: AS_OF,
    fields: { accountKey: 'id', fields },
    segments: {
      items: [
        { id: 'ent', label: 'Ent', when: 'n0 >= 80 or i0 >= 100' },
        { id: 'mid', label: 'Mid', when: 'n0 >= 40' },
        { id: 'smb', label: 'SMB', when: '' },
      ],
      defaultId: 'smb',
    },
    health: {
      dimensions: dims.map((id) => ({ id, label: id })),
      measures,
      bands: [
        { id: 'green', label: 'Green', color: '#2e7d32', min: 80, inclusive: true },
        { id: 'lime', label: 'Lime', color: '#9ccc65', min: 60, inclusive: true },
        { id: 'yellow', label: 'Yellow', color: '#fbc02d', min: 40, inclusive: true },
        { id: 'red', label: 'Red', color: '#d32f2f', min: 0, inclusive: true },
      ],
      missing: 'exclude',
      overrides: [
        { segment: 'ent', weights: { m0: 5, m18: 4 } },
        { segment: 'smb', weights: { m1: 0 } },
      ],
    },
    stages,
    stageSource: { kind: 'field', stageField: 'stage', enteredAtField: 'entered' },
    ctas,
    routing: { rules: [{ id: 'hi', when: 'score >= 70', owner: 'Sales' }], defaultOwner: 'CS' },
  };
}

function table(n: number, pb: Playbook): AccountTable {
  const r = rng(42);
  const columns: Record<string, Column> = {};
  const ids = new StringColumnBuilder(n);
  for (let i = 0; i < n; i++) ids.set(i, `A${String(i).padStart(7, '0')}`);
  columns.id = ids.build();
  for (const f of pb.fields.fields) {
    if (f.id === 'id') continue;
    const miss = 0.05;
    if (f.type === 'number' || f.type === 'integer') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++)
        v[i] =
          r() < miss
            ? NaN
            : f.type === 'integer'
              ? Math.floor(r() * 120)
              : Math.round(r() * 10000) / 100;
      columns[f.id] = { type: 'number', values: v };
    } else if (f.type === 'date') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++)
        v[i] = r() < miss ? NaN : AS_OF_DAYS - Math.floor(r() * 400) + (f.id === 'd1' ? 365 : 0);
      columns[f.id] = { type: 'date', values: v };
    } else if (f.type === 'boolean') {
      const v = new Uint8Array(n);
      for (let i = 0; i < n; i++) v[i] = r() < miss ? MISSING_BOOL : r() < 0.5 ? 1 : 0;
      columns[f.id] = { type: 'boolean', values: v };
    } else {
      const dict = f.values!;
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = r() < miss ? -1 : Math.floor(r() * dict.length);
      columns[f.id] = { type: 'string', codes, dict: [...dict] };
    }
  }
  return { rowCount: n, columns };
}

// A worker thread of the multi-worker figure: this same bundle, started with a shard of the
// table. It scores its shard on each 'score' message; the rest of the module never runs in it
// (the await below never settles; the message port keeps the thread alive until terminated).
if (!isMainThread) {
  const { shard } = workerData as { shard: AccountTable };
  const wc = compilePlaybook(playbook());
  if (!wc.ok) throw new Error('engine bench worker: the playbook does not compile');
  const port = parentPort!;
  port.on('message', () => {
    const r = scoreTable(wc.compiled, shard);
    port.postMessage(r.rowCount);
  });
  await new Promise(() => undefined);
}
// The Polars child of the multi-worker figure (enginePolars.ts): this bundle, forked.
if (process.env.WM_POLARS_CHILD) {
  const p = playbook();
  await polarsChild(p, () => table(ROWS, p), AS_OF_DAYS);
  await new Promise(() => undefined);
}

const pb = playbook();
const c = compilePlaybook(pb);
if (!c.ok) {
  console.error(JSON.stringify(c.issues, null, 2));
  process.exit(1);
}
const t = table(ROWS, pb);
scoreTable(c.compiled, table(10_000, pb)); // warm-up
// The machine is shared: wall time includes waiting for a core, so the rate is reported from
// the process's CPU time (user + system, all threads: GC helpers count against us too), and
// the wall-clock figure beside it.
let best = Infinity;
let bestCpu = Infinity;
let bestSys = Infinity; // kernel time of the best run: mostly page faults on the fresh result arrays
const cpus: number[] = [];
let faults = 0; // minor page faults of the last run: one per 4 KB page of the result is the floor
let result = scoreTable(c.compiled, t);
for (let k = 0; k < RUNS; k++) {
  // Free the previous run's result before timing this one: the CLI scores once, and V8 would
  // otherwise release those ~400 MB on a helper thread during the timed run.
  (result as unknown) = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const f0 = process.resourceUsage().minorPageFault;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  result = scoreTable(c.compiled, t);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  faults = process.resourceUsage().minorPageFault - f0;
  cpus.push((cu.user + cu.system) / 1e6);
  best = Math.min(best, s);
  if ((cu.user + cu.system) / 1e6 < bestCpu) bestSys = cu.system / 1e6;
  bestCpu = Math.min(bestCpu, (cu.user + cu.system) / 1e6);
}
emit('engine_rows', ROWS, 'accounts');
emit('engine_score_cpu_s', bestCpu, 's');
emit('engine_score_sys_cpu_s', bestSys, 's');
emit('engine_score_wall_s', best, 's');
emit('engine_accounts_per_s', ROWS / bestCpu, 'accounts/s');
const medianCpu = [...cpus].sort((a, b) => a - b)[(cpus.length - 1) >> 1];
emit(
  'engine_median_accounts_per_s',
  ROWS / medianCpu,
  `accounts/s (median of ${RUNS} runs, CPU time)`,
);
emit('engine_page_faults', faults, 'minor faults per run');
emit('engine_wall_accounts_per_s', ROWS / best, 'accounts/s');
emit('engine_peak_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');
{
  // How much of a run is expression evaluation (src/expr) vs the engine's own combining.
  const cc = c.compiled;
  const exprs = [
    ...cc.segmentRules.map((r) => r.expr),
    ...cc.measures.map((m) => m.expr),
    ...cc.stages.flatMap((st) => st.criteria.map((x) => x.expr)),
    ...cc.routing.map((r) => r.expr),
    ...cc.ctas.map((x) => x.expr),
  ];
  const builtins = {
    segment: {
      type: 'string' as const,
      codes: Int32Array.from(result.segment),
      dict: result.segmentIds,
    },
    score: { type: 'number' as const, values: result.total },
    color: { type: 'string' as const, codes: Int32Array.from(result.color), dict: result.colorIds },
    stage: { type: 'string' as const, codes: Int32Array.from(result.stage), dict: result.stageIds },
    days_in_stage: { type: 'number' as const, values: result.daysInStage },
  };
  let bestExpr = Infinity;
  for (let k = 0; k < RUNS; k++) {
    const c0 = process.cpuUsage();
    for (const e of exprs) evalColumn(e, t, builtins, AS_OF_DAYS);
    const cu = process.cpuUsage(c0);
    bestExpr = Math.min(bestExpr, (cu.user + cu.system) / 1e6);
  }
  emit('expr_eval_cpu_s', bestExpr, 's');
  emit('engine_own_cpu_s', Math.max(0, bestCpu - bestExpr), 's');
}
const summary = summarise(result);

if (WITH_DUCKDB) {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run('SET threads = 1');
  const l0 = process.hrtime.bigint();
  await loadIntoDuckDB(conn, 'accounts', t, pb.fields);
  emit('duckdb_load_s', Number(process.hrtime.bigint() - l0) / 1e9, 's');
  // The scoring only: the engine keeps input order, so the query's final ORDER BY (a sort the
  // engine never does) is left out of the comparison.
  const sql = playbookToSql(c.compiled, { dialect: 'duckdb' }).replace(/\nORDER BY [^\n]*$/, '');
  let dbest = Infinity;
  let dbestCpu = Infinity;
  for (let k = 0; k < RUNS; k++) {
    await conn.run('DROP TABLE IF EXISTS scored');
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await conn.run(`CREATE TABLE scored AS ${sql.replace(/^--.*\n/gm, '')}`);
    const cu = process.cpuUsage(c0);
    dbest = Math.min(dbest, Number(process.hrtime.bigint() - t0) / 1e9);
    dbestCpu = Math.min(dbestCpu, (cu.user + cu.system) / 1e6);
  }
  // DuckDB runs inside this process, so its CPU time is measured the same way.
  emit('duckdb_same_sql_s', dbestCpu, 's');
  emit('duckdb_same_sql_wall_s', dbest, 's');
  emit('engine_vs_duckdb_ratio', bestCpu / dbestCpu, 'ratio');
  emit('engine_vs_duckdb_wall_ratio', best / dbest, 'ratio');
  // The two must agree: colour counts and CTA counts from DuckDB vs the engine.
  const colors = (
    await conn.runAndReadAll(
      "SELECT coalesce(color, '') AS color, count(*)::DOUBLE AS n FROM scored GROUP BY 1 ORDER BY 1",
    )
  ).getRowObjects();
  let mismatches = 0;
  for (const row of colors) {
    const js = summary.byColor.find((x) => x.color === row.color)?.count ?? 0;
    if (js !== row.n) mismatches++;
  }
  for (const x of summary.ctasById) {
    const n = (
      await conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM scored WHERE "cta.${x.id}"`)
    ).getRowObjects()[0].n;
    if (n !== x.count) mismatches++;
  }
  emit('engine_duckdb_count_mismatches', mismatches, 'count');
  // The multi-worker figure: for N = 1, 2, Waymark with N worker threads (each holding a shard,
  // as the workers of `waymark score --threads` do), DuckDB with N threads and Polars with N
  // threads (a child process each: its thread count is fixed when it loads), interleaved,
  // medians of RUNS, wall and CPU time (ours and DuckDB's: this process, all threads; Polars':
  // its process).
  const THREADS = [1, 2];
  const polars = new Map<number, PolarsRunner>();
  if (WITH_POLARS)
    for (const n of THREADS)
      try {
        polars.set(n, await startPolars(n));
      } catch (e) {
        console.error(
          `Polars left out (${(e as Error).message}). Its native binding says Node >= 22, so npm ` +
            'skips it on Node 20 although it runs there; add it without touching the lock: ' +
            'npm install --no-save nodejs-polars-linux-x64-gnu@0.25.2 (docs/engine.md).',
        );
        break;
      }
  for (const [n, p] of polars) emit(`polars_threads${n}_load_s`, p.loadS, 's (untimed setup)');
  const load0 = loadavg()[0];
  const pools = new Map<number, Awaited<ReturnType<typeof shardWorkers>>>();
  for (const n of THREADS) pools.set(n, await shardWorkers(t, n));
  const times = new Map<string, { wall: number[]; cpu: number[] }>();
  const note = (key: string, x: { wall: number; cpu: number }) => {
    const e = times.get(key) ?? { wall: [], cpu: [] };
    e.wall.push(x.wall);
    e.cpu.push(x.cpu);
    times.set(key, e);
  };
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  for (let k = 0; k < RUNS; k++)
    for (const n of THREADS) {
      note(`engine${n}`, await timed(() => pools.get(n)!.score()));
      await conn.run(`SET threads = ${n}`);
      await conn.run('DROP TABLE IF EXISTS scored');
      note(
        `duckdb${n}`,
        await timed(() => conn.run(`CREATE TABLE scored AS ${sql.replace(/^--.*\n/gm, '')}`)),
      );
      const p = polars.get(n);
      if (p) note(`polars${n}`, await p.run());
    }
  const benchCpu = process.cpuUsage(cpu0);
  const benchWall = Number(process.hrtime.bigint() - wall0) / 1e9;
  for (const pool of pools.values()) await pool.close();
  const med = (key: string, m: 'wall' | 'cpu') => median(times.get(key)![m]);
  for (const n of THREADS) {
    const of = `median of ${RUNS}`;
    emit(
      `engine_workers_threads${n}_wall_s`,
      med(`engine${n}`, 'wall'),
      `s (${n} worker threads, ${of})`,
    );
    emit(`engine_workers_threads${n}_cpu_s`, med(`engine${n}`, 'cpu'), 's (all threads)');
    emit(
      `engine_workers_threads${n}_accounts_per_s`,
      ROWS / med(`engine${n}`, 'wall'),
      'accounts/s (wall)',
    );
    emit(`duckdb_threads${n}_wall_s`, med(`duckdb${n}`, 'wall'), `s (${n} threads, ${of})`);
    emit(`duckdb_threads${n}_cpu_s`, med(`duckdb${n}`, 'cpu'), 's (all threads)');
    emit(
      `engine_vs_duckdb_ratio_threads${n}`,
      med(`engine${n}`, 'wall') / med(`duckdb${n}`, 'wall'),
      'ratio (wall; below 1 = faster)',
    );
    emit(
      `engine_vs_duckdb_cpu_ratio_threads${n}`,
      med(`engine${n}`, 'cpu') / med(`duckdb${n}`, 'cpu'),
      'ratio (CPU)',
    );
    if (!polars.has(n)) continue;
    emit(`polars_threads${n}_wall_s`, med(`polars${n}`, 'wall'), `s (${n} threads, ${of})`);
    emit(`polars_threads${n}_cpu_s`, med(`polars${n}`, 'cpu'), 's (its process, all threads)');
    emit(
      `engine_vs_polars_ratio_threads${n}`,
      med(`engine${n}`, 'wall') / med(`polars${n}`, 'wall'),
      'ratio (wall; below 1 = faster; Polars computes the health score only)',
    );
    emit(
      `engine_vs_polars_cpu_ratio_threads${n}`,
      med(`engine${n}`, 'cpu') / med(`polars${n}`, 'cpu'),
      'ratio (CPU)',
    );
  }
  // Polars must give Waymark's scores and bands, every account (missing = missing). Not bit for
  // bit: Polars divides a column by a constant as a multiplication by its reciprocal (its
  // arithmetic kernel, whatever the optimiser flags), so the linear normalisation's `/ (max -
  // min)` can differ from ours in the last bit (measured: ~11% of totals, by at most ~3e-14
  // points). Exact differences are counted for the record; beyond 1e-9 points they must be 0.
  const TOL = 1e-9;
  for (const [n, p] of polars) {
    const { score, band } = await p.scores();
    let exact = 0;
    let beyond = 0;
    let bandMiss = 0;
    let maxDiff = 0;
    for (let i = 0; i < ROWS; i++) {
      const a = result.total[i];
      const b = score[i];
      if (!(a === b || (a !== a && b !== b))) {
        exact++;
        const d = Math.abs(a - b);
        if (!(d <= TOL))
          beyond++; // NaN against a number counts too
        else maxDiff = Math.max(maxDiff, d);
      }
      const ca = result.color[i] < 0 ? null : result.colorIds[result.color[i]];
      if (ca !== band[i]) bandMiss++;
    }
    emit(
      `engine_polars_score_mismatches_threads${n}`,
      beyond,
      `accounts (beyond ${TOL} points; must be 0)`,
    );
    emit(
      `engine_polars_score_last_bit_diffs_threads${n}`,
      exact - beyond,
      'accounts (within the tolerance: reciprocal rounding)',
    );
    emit(`engine_polars_score_max_diff_threads${n}`, maxDiff, 'points (within the tolerance)');
    emit(`engine_polars_band_mismatches_threads${n}`, bandMiss, 'accounts (must be 0)');
    if (beyond || bandMiss) {
      console.error(
        `Polars (${n} threads) disagrees with Waymark on ${beyond} scores, ${bandMiss} bands`,
      );
      process.exitCode = 1;
    }
    p.close();
  }
  emit('multi_worker_section_wall_s', benchWall, 's (all contenders, all runs)');
  emit(
    'multi_worker_section_main_cpu_s',
    (benchCpu.user + benchCpu.system) / 1e6,
    's (this process: Waymark and DuckDB)',
  );
  emit('load_average_1m_before', load0, 'runnable tasks (the machine is shared)');
  emit('load_average_1m', loadavg()[0], 'runnable tasks (the machine is shared)');
  conn.closeSync();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timed(f: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await f();
  const cu = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (cu.user + cu.system) / 1e6 };
}

/** Rows lo..hi as a table of its own (copied, so a worker gets only its shard). */
function shardOf(table: AccountTable, lo: number, hi: number): AccountTable {
  const columns: Record<string, Column> = Object.create(null);
  for (const [id, col] of Object.entries(table.columns))
    columns[id] =
      col.type === 'string'
        ? { type: 'string', codes: col.codes.slice(lo, hi), dict: col.dict }
        : ({ type: col.type, values: col.values.slice(lo, hi) } as Column);
  return { rowCount: hi - lo, columns };
}

/** N workers (this file), each holding one shard; score() runs them all once. */
async function shardWorkers(table: AccountTable, n: number) {
  const step = Math.ceil(table.rowCount / n);
  const workers = Array.from(
    { length: n },
    (_, i) =>
      new Worker(new URL(import.meta.url), {
        workerData: {
          shard: shardOf(table, i * step, Math.min(table.rowCount, (i + 1) * step)),
        },
        argv: process.argv.slice(2),
      }),
  );
  const once = () =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('message', () => resolve());
            w.once('error', reject);
            w.postMessage('score');
          }),
      ),
    );
  await once(); // warm-up: compile and first run
  return { score: once, close: () => Promise.all(workers.map((w) => w.terminate())) };
}
