/**
 * Throughput of the vectorised evaluator alone: N synthetic accounts (default 1,000,000) and
 * 70 expressions shaped like a playbook's (25 measures, 24 exit criteria, 20 CTA triggers,
 * segment rules). Run: `npx tsx src/expr/bench/vectorBench.ts [rows]`. Prints one JSON object
 * per line, like `npm run bench`.
 */
import { isoToDays, type AccountTable, type Column } from '../../table/columns';
import { checkExpression } from '../check';
import { envFromContract } from '../env';
import { compileVector } from '../vector/compile';
import type { FieldContract } from '../../model/fields';
import type { Scope } from '../types';

const N = Number(process.argv[2] ?? 1_000_000);

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fields: FieldContract['fields'] = [];
const columns: Record<string, Column> = {};
const r = rng(42);
const asOf = isoToDays('2026-11-23');
for (let k = 0; k < 20; k++) {
  const id = `n${k}`;
  fields.push({
    id,
    label: { ja: id, en: id },
    type: k % 2 ? 'integer' : 'number',
    required: false,
  });
  const v = new Float64Array(N);
  for (let i = 0; i < N; i++) v[i] = r() < 0.05 ? NaN : k % 2 ? Math.floor(r() * 100) : r() * 100;
  columns[id] = { type: 'number', values: v };
}
for (let k = 0; k < 4; k++) {
  const id = `d${k}`;
  fields.push({ id, label: { ja: id, en: id }, type: 'date', required: false });
  const v = new Float64Array(N);
  for (let i = 0; i < N; i++) v[i] = r() < 0.05 ? NaN : asOf - 400 + Math.floor(r() * 800);
  columns[id] = { type: 'date', values: v };
}
for (let k = 0; k < 3; k++) {
  const id = `b${k}`;
  fields.push({ id, label: { ja: id, en: id }, type: 'boolean', required: false });
  const v = new Uint8Array(N);
  for (let i = 0; i < N; i++) v[i] = r() < 0.05 ? 255 : r() < 0.5 ? 1 : 0;
  columns[id] = { type: 'boolean', values: v };
}
const CATS = ['strong', 'normal', 'weak', 'unknown'];
for (let k = 0; k < 3; k++) {
  const id = `c${k}`;
  fields.push({ id, label: { ja: id, en: id }, type: 'category', values: CATS, required: false });
  const codes = new Int32Array(N);
  for (let i = 0; i < N; i++) codes[i] = r() < 0.05 ? -1 : Math.floor(r() * 4);
  columns[id] = { type: 'string', codes, dict: CATS };
}
const table: AccountTable = { rowCount: N, columns };
const contract: FieldContract = { accountKey: 'n0', fields };

const exprs: Array<[string, Scope]> = [];
for (let k = 0; k < 25; k++) {
  const shapes = [
    `n${k % 20}`,
    `n${k % 20} / n${(k + 1) % 20}`,
    `days_since(d${k % 4})`,
    `coalesce(n${k % 20}, 0) * 2 + n${(k + 3) % 20}`,
    `min(n${k % 20} / 100, 1)`,
  ];
  exprs.push([shapes[k % shapes.length], 'measure']);
}
for (let k = 0; k < 24; k++) {
  const shapes = [
    `n${k % 20} >= 50`,
    `b${k % 3}`,
    `n${k % 20} / n${(k + 5) % 20} >= 0.6`,
    `days_since(d${k % 4}) <= 90`,
    `c${k % 3} in ['strong', 'normal']`,
  ];
  exprs.push([shapes[k % shapes.length], 'criterion']);
}
for (let k = 0; k < 20; k++) {
  const shapes = [
    `days_until(d${k % 4}) <= 180 and days_until(d${k % 4}) > 150`,
    `b${k % 3}`,
    `n${k % 20} > 80`,
    `b${k % 3} and n${k % 20} >= n${(k + 1) % 20}`,
    `n${k % 20} <= 2 and n${(k + 2) % 20} / n${(k + 3) % 20} < 3`,
    `c${k % 3} == 'weak' or n${k % 20} < 10`,
  ];
  exprs.push([shapes[k % shapes.length], 'cta']);
}
exprs.push(['n0 >= 50 or n1 >= 90', 'segment'], ['n2 >= 10', 'segment']);

const programs = exprs.map(([src, scope]) => {
  const res = checkExpression(src, { ...envFromContract(contract, scope), builtins: new Map() });
  if (!res.ok) throw new Error(`${src}: ${res.errors[0].message}`);
  return compileVector(res.expr);
});

const ctx = { asOfDays: asOf };
for (const p of programs) p.run(table, ctx); // warm-up: JIT and buffer allocation
const runs = 5;
// CPU time of this process, not wall time: the machine is shared, and waiting for a core is not our cost.
const times: number[] = [];
for (let k = 0; k < runs; k++) {
  const c0 = process.cpuUsage();
  for (const p of programs) p.run(table, ctx);
  const c = process.cpuUsage(c0);
  times.push((c.user + c.system) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)];
const line = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit }));
line('expr_vector_expressions', programs.length, 'count');
line('expr_vector_rows', N, 'count');
line('expr_vector_cpu_s', median, 's');
line('expr_vector_accounts_per_s', N / median, 'accounts/s');

// CTA triggers over a 20% row selection (the accounts of the segments a CTA applies to).
const ctaPrograms = programs.filter((_, k) => exprs[k][1] === 'cta');
const picks = Int32Array.from({ length: Math.floor(N / 5) }, (_, k) => k * 5);
for (const p of ctaPrograms) p.runRows(table, ctx, picks);
const sel: number[] = [];
const full: number[] = [];
for (let k = 0; k < runs; k++) {
  let c0 = process.cpuUsage();
  for (const p of ctaPrograms) p.runRows(table, ctx, picks);
  let c = process.cpuUsage(c0);
  sel.push((c.user + c.system) / 1e6);
  c0 = process.cpuUsage();
  for (const p of ctaPrograms) p.run(table, ctx);
  c = process.cpuUsage(c0);
  full.push((c.user + c.system) / 1e6);
}
sel.sort((a, b) => a - b);
full.sort((a, b) => a - b);
line('expr_vector_cta_all_rows_cpu_s', full[Math.floor(runs / 2)], 's');
line('expr_vector_cta_20pct_rows_cpu_s', sel[Math.floor(runs / 2)], 's');
line('expr_vector_rss_mb', process.memoryUsage().rss / 2 ** 20, 'MB');
