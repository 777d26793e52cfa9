#!/usr/bin/env node
// Start-up of two `waymark` launchers, interleaved (issue 17 point 4: --help and validate
// under 0.2 s). Each round runs, in an order that alternates between rounds: `node -e 0`, then
// `--help` and `validate templates/demo.json` of the old and the new bin. Output is piped to
// this script, as a caller capturing it would. Prints medians and p90 of the wall time (ms),
// the mean CPU time (user + system of the child, from /proc/self/stat's cutime and cstime:
// their ticks are 10 ms, but the sum over all runs is exact to one tick), and the load average
// before and after.
//
//   flock /tmp/waymark-bench.lock node test/bench/cliStartAb.mjs \
//     --old /work/main/bin/waymark.mjs [--new bin/waymark.mjs] [--rounds 31]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const opt = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', '31'));
const bins = { old: opt('--old', undefined), new: opt('--new', 'bin/waymark.mjs') };
if (!bins.old) {
  process.stderr.write(
    'usage: node test/bench/cliStartAb.mjs --old <bin> [--new <bin>] [--rounds N]\n',
  );
  process.exit(2);
}
const runs = [['node -e 0', ['-e', '0']]];
for (const args of [['--help'], ['validate', 'templates/demo.json']])
  for (const [label, bin] of Object.entries(bins))
    runs.push([`${label} ${args[0]}`, [bin, ...args]]);
const times = new Map(runs.map(([label]) => [label, []]));
const cpu = new Map(runs.map(([label]) => [label, 0]));
const TICK_MS = 10;
/** Children's CPU time so far, in ticks (fields 16 and 17 of /proc/self/stat). */
const childTicks = () => {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return Number(f[13]) + Number(f[14]);
};
const outputs = new Map();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const before = load();
for (let r = 0; r < rounds; r++) {
  for (const [label, args] of r % 2 ? [...runs].reverse() : runs) {
    const c0 = childTicks();
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.get(label).push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.set(label, cpu.get(label) + childTicks() - c0);
    const out = JSON.stringify([p.status, p.stdout, p.stderr]);
    if (!outputs.has(label)) outputs.set(label, out);
    else if (outputs.get(label) !== out) throw new Error(`${label}: output changed between runs`);
  }
}
const q = (a, f) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(f * a.length))];
for (const [label, t] of times)
  console.log(
    `${label.padEnd(20)} median ${q(t, 0.5).toFixed(1).padStart(6)} ms  p90 ${q(t, 0.9).toFixed(1).padStart(6)} ms  CPU mean ${((cpu.get(label) * TICK_MS) / rounds).toFixed(1).padStart(6)} ms`,
  );
for (const a of ['--help', 'validate'])
  console.log(`same output old/new ${a}: ${outputs.get(`old ${a}`) === outputs.get(`new ${a}`)}`);
console.log(`load average before ${before}, after ${load()} (${rounds} rounds)`);
