/**
 * Where the two-part browser import's time goes, thread by thread: `npx tsx
 * test/bench/browserImportTrace.ts --app DIR [--port P] [--rows N] [--parts 2] [--runs R]
 * [--blocks WAY] [--out DIR] [--samples]` serves a built app (`npx vite build --outDir DIR`),
 * picks the demo file (benchDemoCsv, as browser-import.bench.ts), and records a Chromium trace
 * (all processes) from the click on Import to the report: categories v8, disabled-by-default-v8.gc,
 * devtools.timeline, toplevel (and with --samples V8's sampling profiler on every thread). Per
 * run it prints, for every thread with ≥ 20 ms of CPU in the import's span: its process type and
 * name, its tasks' CPU (thread time of its top-level task events), its GC (its own outermost
 * GC events: count, wall and CPU; scavenges apart) and, for the renderer's thread pool, the GC
 * work it did for the workers (background scavenge / marking / sweeping events). With --samples
 * also each dedicated worker's functions with the most self samples. The traces are kept in
 * --out (default /tmp/browser-import-trace) for uiSamples.ts / uiThreads.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { benchDemoCsv } from './benchDemoCsv';
import { type Ev } from './uiTrace';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const APP = opt('app', '');
/** A kept trace to summarise again (no run). */
const ANALYZE = opt('analyze', '');
if (!APP && !ANALYZE) throw new Error('--app DIR (a vite build) is needed');
const PORT = Number(opt('port', '4117'));
const ROWS = Number(opt('rows', '1000000'));
const PARTS = Number(opt('parts', '2'));
const RUNS = Number(opt('runs', '1'));
const BLOCKS = opt('blocks', '');
const OUT = opt('out', '/tmp/browser-import-trace');
const SAMPLES = args.includes('--samples');
/** V8 flags for Chromium (e.g. --trace-opt,--trace-deopt; its output with DEBUG=pw:browser). */
const JS_FLAGS = opt('js-flags', '');
const CSV = opt('csv', '') || benchDemoCsv(ROWS);

const CATEGORIES = [
  'devtools.timeline',
  'v8',
  'disabled-by-default-v8.gc',
  'toplevel',
  ...(SAMPLES ? ['disabled-by-default-v8.cpu_profiler'] : []),
];

const isGc = (e: Ev) =>
  e.name === 'MajorGC' ||
  e.name === 'MinorGC' ||
  /(^|,)disabled-by-default-v8\.gc/.test(e.cat ?? '');
const minor = (name: string) => /SCAVENGER|MINOR|Minor|Scaveng/.test(name);
const ms = (us: number) => Math.round(us / 100) / 10;

/** One trace summarised per thread over [a, b] (µs, trace clock). */
function summarise(events: Ev[], a: number, b: number): Record<string, unknown>[] {
  const names = new Map<string, string>();
  const procs = new Map<number, string>();
  for (const e of events) {
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.name === 'process_name') procs.set(e.pid, e.args?.name ?? '?');
    if (e.name === 'process_labels' && !procs.has(e.pid)) procs.set(e.pid, '?');
  }
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    if (e.ts + e.dur < a || e.ts > b) continue;
    const k = `${e.pid}:${e.tid}`;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const rows: Record<string, unknown>[] = [];
  for (const [k, evs] of byThread) {
    evs.sort((x, y) => x.ts - y.ts || y.dur! - x.dur!);
    // Top-level events (not inside another on the thread): their thread time is the CPU.
    const top: Ev[] = [];
    for (const e of evs) {
      const last = top[top.length - 1];
      if (!last || e.ts >= last.ts + last.dur!) top.push(e);
    }
    const cpu = top.reduce((s, e) => s + (e.tdur ?? 0), 0);
    const wall = top.reduce((s, e) => s + e.dur!, 0);
    // Outermost GC events on the thread.
    const gc: Ev[] = [];
    let end = -1;
    for (const e of evs) {
      if (!isGc(e) || e.ts < end) continue;
      gc.push(e);
      end = e.ts + e.dur!;
    }
    const sc = gc.filter((e) => minor(e.name));
    const bg = gc.filter((e) => /BACKGROUND/.test(e.name));
    const name = names.get(k) ?? '?';
    const pid = Number(k.split(':')[0]);
    if (cpu < 20_000 && wall < 20_000) continue;
    const gcNames = new Map<string, { n: number; cpu: number }>();
    for (const e of gc) {
      const g = gcNames.get(e.name) ?? { n: 0, cpu: 0 };
      g.n++;
      g.cpu += e.tdur ?? e.dur!;
      gcNames.set(e.name, g);
    }
    rows.push({
      thread: `${procs.get(pid) ?? pid}/${name}`,
      tid: k,
      cpuMs: ms(cpu),
      wallMs: ms(wall),
      gcN: gc.length,
      gcCpuMs: ms(gc.reduce((s, e) => s + (e.tdur ?? 0), 0)),
      gcWallMs: ms(gc.reduce((s, e) => s + e.dur!, 0)),
      scavengeN: sc.length,
      scavengeCpuMs: ms(sc.reduce((s, e) => s + (e.tdur ?? 0), 0)),
      backgroundGcCpuMs: ms(bg.reduce((s, e) => s + (e.tdur ?? 0), 0)),
      gcKinds: Object.fromEntries(
        [...gcNames]
          .sort((x, y) => y[1].cpu - x[1].cpu)
          .slice(0, 6)
          .map(([n, g]) => [n, `${g.n}× ${ms(g.cpu)} ms`]),
      ),
    });
  }
  return rows.sort((x, y) => (y.cpuMs as number) - (x.cpuMs as number));
}

/** Every Chromium thread's CPU ticks now (user + system, 1/100 s), by "pid:tid". */
function threadTicks(): Map<string, { name: string; ticks: number }> {
  const out = new Map<string, { name: string; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!/chrom/i.test(readFileSync(`/proc/${d}/cmdline`, 'utf8'))) continue;
      const type =
        /--type=([^\s\0]+)/.exec(readFileSync(`/proc/${d}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      for (const t of readdirSync(`/proc/${d}/task`)) {
        const f = readFileSync(`/proc/${d}/task/${t}/stat`, 'utf8');
        const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
        out.set(`${d}:${t}`, {
          name: `${type}/${f.slice(f.indexOf('(') + 1, f.lastIndexOf(')'))}`,
          ticks: Number(rest[11]) + Number(rest[12]),
        });
      }
    } catch {
      /* gone */
    }
  }
  return out;
}
/** Sampled every 50 ms, so a thread that ends keeps its last sample. */
const seen = new Map<string, { name: string; ticks: number }>();
setInterval(() => {
  for (const [k, v] of threadTicks()) seen.set(k, v);
}, 50).unref();

interface ProfNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
/**
 * --samples: per thread with a V8 profile in the trace, the sampled time inside [a, b] (µs) and
 * the functions with the most self time ('(garbage collector)' is V8's GC on that thread).
 */
function sampled(events: Ev[], a: number, b: number): Record<string, unknown>[] {
  type Raw = Ev & { id?: string; args?: { data?: Record<string, unknown> } };
  const names = new Map<string, string>();
  for (const e of events)
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const profiles = new Map<
    string,
    { thread: string; nodes: Map<number, ProfNode>; at: number; samples: [number, number][] }
  >();
  for (const e of events as Raw[])
    if (e.name === 'Profile' && e.id)
      profiles.set(`${e.pid}:${e.id}`, {
        thread: `${e.pid}:${e.tid}`,
        nodes: new Map(),
        at: (e.args?.data?.startTime as number | undefined) ?? e.ts,
        samples: [],
      });
  for (const e of events as Raw[]) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const d = e.args?.data as
      | { cpuProfile?: { nodes?: ProfNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    for (const n of d?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const s = d?.cpuProfile?.samples ?? [];
    const dt = d?.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) {
      p.at += dt[i] ?? 0;
      p.samples.push([p.at, s[i]]);
    }
  }
  const out: Record<string, unknown>[] = [];
  for (const p of profiles.values()) {
    const self = new Map<string, number>();
    let total = 0;
    let prev: number | null = null;
    for (const [t, id] of p.samples) {
      const step = prev === null ? 0 : t - prev;
      prev = t;
      if (t < a || t > b) continue;
      const n = p.nodes.get(id);
      const f = n
        ? `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`
        : '?';
      if (f.startsWith('(idle)')) continue;
      self.set(f, (self.get(f) ?? 0) + step);
      total += step;
    }
    if (total < 20_000) continue;
    out.push({
      samples: `${names.get(p.thread) ?? '?'} ${p.thread}`,
      ms: ms(total),
      top: Object.fromEntries(
        [...self]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 14)
          .map(([f, v]) => [f, ms(v)]),
      ),
    });
  }
  return out;
}

/** The click → report span of a trace (its TimeStamp marks), µs. */
function span(events: Ev[]): { a: number; b: number } {
  const mark = (m: string) =>
    events.find(
      (e) =>
        e.name === 'TimeStamp' && (e.args as { data?: { message?: string } })?.data?.message === m,
    )?.ts;
  const a = mark('waymark-click') ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const b = mark('waymark-report') ?? Math.max(...events.map((e) => e.ts + (e.dur ?? 0)));
  return { a, b };
}

/**
 * The thread pools' tasks in [a, b] by what posted them (the task's source file): V8's
 * optimizing compiler (TurboFan), Maglev, baseline compiles, the GC (heap/), other; CPU ms.
 */
function poolTasks(events: Ev[], a: number, b: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) {
    if (e.name !== 'ThreadPool_RunTask' || e.ph !== 'X' || e.ts < a || e.ts > b) continue;
    const src = (e.args as { src_file?: string } | undefined)?.src_file ?? '';
    const kind = /optimizing-compile/.test(src)
      ? 'turbofan'
      : /maglev/.test(src)
        ? 'maglev'
        : /baseline/.test(src)
          ? 'baseline'
          : /v8\/src\/heap/.test(src)
            ? 'gc'
            : 'other';
    out[kind] = (out[kind] ?? 0) + (e.tdur ?? 0) / 1000;
  }
  for (const k of Object.keys(out)) out[k] = Math.round(out[k]);
  return out;
}

function report(events: Ev[], a: number, b: number): void {
  console.log(JSON.stringify({ poolCpuMs: poolTasks(events, a, b) }));
  for (const r of summarise(events, a, b)) console.log(JSON.stringify(r));
  for (const r of sampled(events, a, b)) console.log(JSON.stringify(r));
}

if (ANALYZE) {
  const events = (JSON.parse(readFileSync(ANALYZE, 'utf8')) as { traceEvents: Ev[] }).traceEvents;
  const { a, b } = span(events);
  console.log(JSON.stringify({ trace: ANALYZE, spanMs: ms(b - a) }));
  report(events, a, b);
  process.exit(0);
}

const exe = process.env.CHROMIUM_PATH ?? findChromium();
if (!exe) throw new Error('no Chromium found');
const server = spawn(
  'npx',
  ['vite', 'preview', '--outDir', APP, '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
const url = `http://127.0.0.1:${PORT}`;
mkdirSync(OUT, { recursive: true });
try {
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', ...(JS_FLAGS ? [`--js-flags=${JS_FLAGS}`] : [])],
  });
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ locale: 'en-US' });
    page.setDefaultTimeout(600_000);
    await page.addInitScript(
      ([p, b]) => {
        localStorage.setItem('waymark.lang', 'en');
        localStorage.setItem('waymark.importParts', String(p));
        if (b) localStorage.setItem('waymark.importBlocks', b);
      },
      [PARTS, BLOCKS] as const,
    );
    let phases: Record<string, unknown> = {};
    let workerMs = 0;
    page.on('console', (m) => {
      const ph = /^waymark-import-phases (.*)$/.exec(m.text());
      if (ph) phases = JSON.parse(ph[1]) as Record<string, unknown>;
      const g = /^waymark-import .* (\d+) ms (\d+) parts$/.exec(m.text());
      if (g) workerMs = Number(g[1]);
    });
    await page.goto(`${url}/#/p/demo/data`);
    await page.getByTestId('dataset-rows').waitFor();
    await page.getByTestId('data-file-input').setInputFiles(CSV);
    const go = page.getByTestId('import-run');
    await go.waitFor();
    await page.waitForTimeout(1000);
    const load0 = loadavg()[0];
    for (const [k, v] of threadTicks()) seen.set(k, v);
    const before = new Map([...seen].map(([k, v]) => [k, v.ticks]));
    await browser.startTracing(page, { categories: CATEGORIES });
    // A marker in the trace: the click (the page's clock is the trace's).
    await page.evaluate(() => console.timeStamp('waymark-click'));
    // (With --js-flags and DEBUG=pw:browser, V8's own log is printed between these two marks.)
    console.error('browser-import-trace: click');
    await go.click();
    await page.getByTestId('report-rows-imported').waitFor();
    await page.evaluate(() => console.timeStamp('waymark-report'));
    console.error('browser-import-trace: report');
    for (const [k, v] of threadTicks()) seen.set(k, v);
    const procCpu = [...seen]
      .map(([k, v]) => ({ tid: k, name: v.name, cpuMs: (v.ticks - (before.get(k) ?? 0)) * 10 }))
      .filter((x) => x.cpuMs >= 20)
      .sort((x, y) => y.cpuMs - x.cpuMs);
    const buf = await browser.stopTracing();
    const file = `${OUT}/run${run}-${PARTS}p${BLOCKS ? `-${BLOCKS}` : ''}.json`;
    writeFileSync(file, buf);
    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: Ev[] }).traceEvents;
    const { a, b } = span(events);
    console.log(
      JSON.stringify({
        run,
        parts: PARTS,
        blocks: BLOCKS,
        workerMs,
        spanMs: ms(b - a),
        load: [load0, loadavg()[0]].map((l) => Math.round(l * 100) / 100),
        trace: file,
      }),
    );
    console.log(JSON.stringify(phases));
    // /proc per thread (the trace's task events miss the workers' awaited parse).
    for (const x of procCpu)
      console.log(JSON.stringify({ proc: x.name, tid: x.tid, cpuMs: x.cpuMs }));
    report(events, a, b);
    await page.close();
  }
  await browser.close();
} finally {
  try {
    if (server.pid) process.kill(-server.pid);
  } catch {
    /* gone */
  }
}
