/**
 * `npm run bench -- history`: JSON lines for run history (issue 14, point 8).
 *   1. bytes per account per run: what the app stores per run chunk (typed arrays + packed ids,
 *      counted from the chunk objects, without IndexedDB's own overhead), and the CLI's Parquet;
 *   2. append one run to a CLI history: `appendRun` end to end (Parquet encoding, files, manifest)
 *      into a fresh folder, the encoding alone, and hyparquet-writer's encoding of the same run as
 *      the baseline (ratio in the same run); the app's reading of that file back (its import)
 *      against hyparquet's column reader;
 *   3. the colour-migration matrix between two runs of the same accounts (Node);
 *   4. Chromium (historyBrowser.ts): append `--browser-runs` runs to IndexedDB, load their trend,
 *      the migration matrix in the history worker (cold, warm, and after the Results view's
 *      warm-up), each with its longest main-thread task; then, in a worker, the history's stages for days in stage (every run's
 *      key list and stage column) and the CTA lifecycle of the newest run against the others
 *      (key lists and CTA columns), against the lifecycle from whole decoded runs (the baseline).
 *   2b. days in stage from a CLI history folder of `--browser-runs` runs (key and stage columns).
 * Options: --rows N (default 1000000), --runs N (timing repeats, default 3), --no-reference,
 * --no-cli (skip 2),
 * --no-browser, --browser-rows N (default --rows), --browser-runs N (default 12), --port P (5197).
 */
import { readFileSync } from 'node:fs';
import { compilePlaybook, migrationMatrix, scoreTable } from '../../src/engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { runInfoOf, runToParquet, runToParquetReference } from '../../src/engine/historyRun';
import { parquetToResult } from '../../src/engine/parquetToResult';
import { appendRun } from '../../src/cli/history';
import { runHistoryBrowserBench } from './historyBrowser';
import { makeStageHistory, removeStageHistory, timeStageRead } from './historyStageRead';
import { Project, playbookFingerprint, playbookFromProject } from '../../src/model';
import { generateDemoTable } from '../../src/data/demo/generate';
import { packStrings } from '../../src/store/datasets';
import { encodeRun } from '../../src/store/runStore';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, ...extra }));

const rows = Number(opt('rows', '1000000'));
const repeats = Number(opt('runs', '3'));
const pb = playbookFromProject(
  Project.parse(JSON.parse(readFileSync('templates/demo.json', 'utf8'))),
);
const table = generateDemoTable({ rows, seed: 3 });
const score = (asOf: string) => {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error('playbook');
  return scoreTable(c.compiled, table);
};
const a = score('2026-10-01');
const b = score('2026-11-01');

// 1. Bytes per account per run, counted from the records runStore writes (format 2), and from
// what format 1 put in its chunks (the baseline).
const f32 = (x: Float64Array) => Float32Array.from(x);
const ids = packStrings(a.accountIds);
const idBytes = Array.isArray(ids) ? ids.join('').length : ids.joined.length;
const v1Arrays = [
  a.total,
  a.color,
  a.segment,
  a.stage,
  a.owner,
  a.progress,
  a.readyToAdvance,
  a.daysInStage,
  ...a.ctaFired,
  ...a.dimensionScores.map(f32),
  ...a.measurePoints.map(f32),
  f32(a.coverage),
];
const v1Bytes = v1Arrays.reduce((s, x) => s + x.byteLength, 0) + idBytes;
const enc = encodeRun('bench', a);
line('history.app_bytes_per_account_run', (enc.bytes.columns + enc.bytes.keys) / rows, 'B', {
  rows,
  columnsOnly: Math.round((enc.bytes.columns / rows) * 100) / 100,
  keys: Math.round((enc.bytes.keys / rows) * 100) / 100,
  format1: Math.round((v1Bytes / rows) * 100) / 100,
  note: 'format 2 arrays + key list (1 byte a key character); a later run of the same accounts shares the key list and stores columnsOnly; format1 = the chunks before',
});
const encTimes: { wall: number; cpu: number }[] = [];
for (let k = 0; k < repeats; k++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  encodeRun('bench', a);
  const u = process.cpuUsage(cpu);
  encTimes.push({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 });
}
const medOf = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
line('history.app_encode_node', medOf(encTimes.map((x) => x.wall)), 'ms', {
  rows,
  cpuMs: Math.round(medOf(encTimes.map((x) => x.cpu))),
  note: 'encodeRun alone (column encodings + key list), Node, median',
});
/** Best wall time of the repeats, and the CPU time of that repeat (the machine may be shared). */
let lastCpu = 0;
const best = (f: () => unknown) => {
  let m = Infinity;
  for (let k = 0; k < repeats; k++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    f();
    const wall = performance.now() - t;
    if (wall < m) {
      m = wall;
      const u = process.cpuUsage(cpu);
      lastCpu = (u.user + u.system) / 1000;
    }
  }
  return m;
};
if (!args.includes('--no-cli')) {
  // 2. CLI append: the whole appendRun, the encoding alone, hyparquet-writer's encoding.
  const info = runInfoOf(a, playbookFingerprint(pb));
  const io = { cwd: process.cwd(), stdout: () => undefined, stderr: () => undefined };
  const appendTimes: { wall: number; cpu: number }[] = [];
  for (let k = 0; k < repeats; k++) {
    const dir = mkdtempSync(join(tmpdir(), 'wm-hist-bench-'));
    const t = performance.now();
    const cpu = process.cpuUsage();
    await appendRun(io, dir, pb, a, 'bench.csv');
    const u = process.cpuUsage(cpu);
    appendTimes.push({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 });
    rmSync(dir, { recursive: true, force: true });
  }
  appendTimes.sort((x, y) => x.wall - y.wall);
  const medAppend = appendTimes[Math.floor(appendTimes.length / 2)];
  line('history.cli_append', medAppend.wall, 'ms', {
    rows,
    goal: 2000,
    cpuMs: Math.round(medAppend.cpu),
    of: appendTimes.length,
    note: 'median of appendRun into a fresh folder (encode + write files + manifest)',
  });
  let parquet: Uint8Array = new Uint8Array(0);
  const tParquet = best(() => (parquet = runToParquet(a, info)));
  line('history.parquet_bytes_per_account_run', parquet.byteLength / rows, 'B', { rows });
  line('history.cli_append_parquet', tParquet, 'ms', {
    rows,
    goal: 2000,
    cpuMs: Math.round(lastCpu),
    note: 'encoding only (writeRunParquet), best of the repeats',
  });
  if (!args.includes('--no-reference')) {
    let ref: Uint8Array = new Uint8Array(0);
    const t = performance.now();
    const cpu = process.cpuUsage();
    ref = runToParquetReference(a, info);
    const u = process.cpuUsage(cpu);
    const wall = performance.now() - t;
    line('history.parquet_hyparquet_writer_baseline', wall, 'ms', {
      rows,
      cpuMs: Math.round((u.user + u.system) / 1000),
      bytesPerAccount: Math.round((ref.byteLength / rows) * 100) / 100,
      ratio: Math.round((wall / tParquet) * 10) / 10,
      note: 'hyparquet-writer 0.17 on the same run, once; ratio = baseline / ours',
    });
  }
  // 2a. Reading a run file back (the History tab's import): ours against hyparquet's column
  // reader (the same function with the fast reader refused), interleaved, medians.
  const file = parquet.buffer.slice(parquet.byteOffset, parquet.byteOffset + parquet.byteLength);
  const meta = parquetMetadata(file as ArrayBuffer);
  const names = meta.schema.slice(1).map((e) => e.name);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let k = 0; k < repeats; k++) {
    let t = performance.now();
    await parquetToResult(parquet);
    ours.push(performance.now() - t);
    t = performance.now();
    await parquetRead({ file: file as ArrayBuffer, metadata: meta, columns: names, onChunk() {} });
    theirs.push(performance.now() - t);
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  line('history.app_import_read_run', med(ours), 'ms', {
    rows,
    baseline_hyparquet_columns_ms: Math.round(med(theirs)),
    ratio: Math.round((med(theirs) / med(ours)) * 10) / 10,
    of: repeats,
    note: 'parquetToResult (runColumnsRead.ts) against hyparquet parquetRead of every column (decode only, no result built); medians; ratio = baseline / ours',
  });
}
if (!args.includes('--no-cli')) {
  // 2b. Days in stage from a CLI history folder: `--browser-runs` runs (default 12) of the demo
  // (stages never change: every run is read), as `waymark score --history` reads it.
  const nRuns = Number(opt('browser-runs', '12'));
  const dir = await makeStageHistory(pb, a, nRuns);
  const times: { wall: number; cpu: number; runs: number }[] = [];
  for (let k = 0; k < repeats; k++) times.push(await timeStageRead(dir));
  removeStageHistory(dir);
  times.sort((x, y) => x.wall - y.wall);
  const med = times[Math.floor(times.length / 2)];
  line('history.cli_stage_history_read', med.wall, 'ms', {
    rows,
    runs: med.runs,
    cpuMs: Math.round(med.cpu),
    of: times.length,
    note: 'stageStreaksFromHistory: newest first, key and stage columns, not decoded again when stored with the same bytes; median',
  });
}
// 3. Migration matrix between two runs.
const tMatrix = best(() => migrationMatrix(a, b));
line('history.migration_matrix', tMatrix, 'ms', { rows, goal: 300, note: 'Node, engine only' });
// 4. Chromium.
if (!args.includes('--no-browser'))
  await runHistoryBrowserBench({
    rows: Number(opt('browser-rows', String(rows))),
    runs: Number(opt('browser-runs', '12')),
    port: Number(opt('port', '5197')),
    line,
  });
line('history.load_average', (await import('node:os')).loadavg()[0], '', {
  note: '1-minute load average at the end (2 cores shared)',
});
