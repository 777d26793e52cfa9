/**
 * `npx tsx test/bench/uiRunsSummary.ts --old a.jsonl,b.jsonl --new c.jsonl,d.jsonl [--md]`: the
 * saved outputs of several `npm run bench -- ui` runs of two builds, side by side per interaction —
 * each run's longest main-thread task and latency, and the medians — so interleaved runs are read
 * the same way every time. Prints JSON lines (one per interaction and measure), or with --md a
 * Markdown table for docs. Runs are listed in the order given; each file's load at start → end is
 * printed first.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (n: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? (args[i + 1] ?? '').split(',').filter(Boolean) : [];
};
const builds = { old: opt('old'), new: opt('new') };
const md = args.includes('--md');
if (!builds.old.length || !builds.new.length)
  throw new Error('uiRunsSummary: give --old and --new, each a comma-separated list of files');

type Run = Map<string, number>;
const read = (file: string): Run => {
  const run: Run = new Map();
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    if (!l.startsWith('{')) continue;
    const d = JSON.parse(l) as { name: string; value: number };
    run.set(d.name, d.value);
  }
  return run;
};
const runs = { old: builds.old.map(read), new: builds.new.map(read) };

const median = (v: number[]) => {
  const s = [...v].sort((x, y) => x - y);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (const b of ['old', 'new'] as const)
  builds[b].forEach((f, i) => {
    const r = runs[b][i];
    console.log(
      JSON.stringify({
        build: b,
        file: f,
        load_start: r.get('ui_load_start'),
        load_end: r.get('ui_load_end'),
      }),
    );
  });

// Interactions in the order the bench measures them (the first run of old gives the order).
const measures = ['longest_task_ms', 'latency_ms'] as const;
const names = [...runs.old[0].keys()]
  .filter((k) => k.endsWith('_longest_task_ms'))
  .map((k) => k.slice('ui_'.length, -'_longest_task_ms'.length));
if (md) {
  console.log('| interaction | longest task old | longest task new | latency old | latency new |');
  console.log('| --- | --- | --- | --- | --- |');
}
for (const n of names) {
  const cell = (b: 'old' | 'new', m: (typeof measures)[number]) => {
    const v = runs[b].map((r) => r.get(`ui_${n}_${m}`)).filter((x): x is number => x !== undefined);
    return { median: median(v), runs: v };
  };
  if (md) {
    const f = (c: { median: number; runs: number[] }) => `${c.median} [${c.runs.join(', ')}]`;
    console.log(
      `| ${n} | ${f(cell('old', 'longest_task_ms'))} | ${f(cell('new', 'longest_task_ms'))} | ${f(cell('old', 'latency_ms'))} | ${f(cell('new', 'latency_ms'))} |`,
    );
  } else
    for (const m of measures)
      console.log(
        JSON.stringify({ name: `ui_${n}_${m}`, old: cell('old', m), new: cell('new', m) }),
      );
}
