/**
 * Where a thread's CPU went in a trace kept with `UI_TRACE_SAMPLES=1 UI_TRACE_DIR=dir npm run
 * bench -- ui --trace …` (V8's sampling profiler in the trace): `npx tsx test/bench/uiSamples.ts
 * <trace.json> [thread name filter] [from ms] [to ms]` prints, per thread whose name matches
 * (default: DedicatedWorker), the functions with the most self samples (times relative to the
 * first keydown, or to the trace's start). For a worker's share of a keystroke, which a CPU
 * profile of the page (`--profile`) does not show.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
}
interface TraceEv {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      type?: string;
      startTime?: number;
      cpuProfile?: { nodes?: Node[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

const [file, filter = 'DedicatedWorker', fromS = '-1e9', toS = '1e9'] = process.argv.slice(2);
const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEv[] }).traceEvents;
const names = new Map<string, string>();
for (const e of events)
  if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
const key = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
const t0 = key?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
// Profiles by id: their thread (from the 'Profile' event), nodes and samples with times.
const profiles = new Map<
  string,
  { thread: string; nodes: Map<number, Node>; at: number; samples: [number, number][] }
>();
for (const e of events) {
  if (e.name === 'Profile' && e.id) {
    profiles.set(e.id, {
      thread: `${e.pid}:${e.tid}`,
      nodes: new Map(),
      at: e.args?.data?.startTime ?? e.ts,
      samples: [],
    });
  }
}
for (const e of events) {
  if (e.name !== 'ProfileChunk' || !e.id) continue;
  const p = profiles.get(e.id);
  if (!p) continue;
  const d = e.args?.data;
  for (const n of d?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
  const s = d?.cpuProfile?.samples ?? [];
  const dt = d?.timeDeltas ?? [];
  for (let i = 0; i < s.length; i++) {
    p.at += dt[i] ?? 0;
    p.samples.push([p.at, s[i]]);
  }
}
for (const p of profiles.values()) {
  const name = names.get(p.thread) ?? '?';
  if (!name.includes(filter)) continue;
  const self = new Map<string, number>();
  let total = 0;
  let prev: number | null = null;
  for (const [t, id] of p.samples) {
    const rel = (t - t0) / 1000;
    const step = prev === null ? 0 : (t - prev) / 1000;
    prev = t;
    if (rel < Number(fromS) || rel > Number(toS)) continue;
    const n = p.nodes.get(id);
    const f = n
      ? `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`
      : '?';
    if (/\(idle\)/.test(f)) continue;
    self.set(f, (self.get(f) ?? 0) + step);
    total += step;
  }
  if (total < 1) continue;
  console.log(`== ${name} ${p.thread}: ${total.toFixed(1)} ms sampled`);
  for (const [f, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${f}`);
}
