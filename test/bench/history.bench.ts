/**
 * `npm run bench -- history`: JSON lines for run history (issue 14, point 8), Node only.
 *   1. bytes per account per run: what the app stores per run chunk (typed arrays + packed ids,
 *      counted from the chunk objects, without IndexedDB's own overhead), and the CLI's Parquet;
 *   2. append one run to a CLI history: Parquet encoding time (runToParquet);
 *   3. the colour-migration matrix between two runs of the same accounts.
 * Options: --rows N (default 1000000), --runs N (timing repeats, default 3).
 * Not measured yet: the browser side (IndexedDB append and a 12-run trend load, main-thread
 * tasks) — the app's trends read only each run's summary.
 */
import { readFileSync } from 'node:fs';
import { compilePlaybook, migrationMatrix, scoreTable } from '../../src/engine';
import { runInfoOf, runToParquet } from '../../src/engine/historyRun';
import { Project, playbookFingerprint, playbookFromProject } from '../../src/model';
import { generateDemoTable } from '../../src/data/demo/generate';
import { packStrings } from '../../src/store/datasets';

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

// 1. Bytes per account per run, counted from what runStore puts in a chunk.
const f32 = (x: Float64Array) => Float32Array.from(x);
const ids = packStrings(a.accountIds);
const idBytes = Array.isArray(ids) ? ids.join('').length * 2 : ids.joined.length * 2;
const arrays = [
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
const appBytes = arrays.reduce((s, x) => s + x.byteLength, 0) + idBytes;
line('history.app_bytes_per_account_run', appBytes / rows, 'B', { rows });
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
// 2. CLI append: Parquet encoding of one run.
let parquet: Uint8Array = new Uint8Array(0);
const info = runInfoOf(a, playbookFingerprint(pb));
const tParquet = best(() => (parquet = runToParquet(a, info)));
line('history.parquet_bytes_per_account_run', parquet.byteLength / rows, 'B', { rows });
line('history.cli_append_parquet', tParquet, 'ms', {
  rows,
  goal: 2000,
  cpuMs: Math.round(lastCpu),
});
// 3. Migration matrix between two runs.
const tMatrix = best(() => migrationMatrix(a, b));
line('history.migration_matrix', tMatrix, 'ms', { rows, goal: 300 });
