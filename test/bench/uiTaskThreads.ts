/**
 * Which of the renderer's threads ran during each long main-thread task of a kept trace
 * (`uiReloadAb.ts --trace-dir DIR`, or `UI_TRACE_DIR=DIR npm run bench -- ui --trace`): on two
 * cores, a worker busy beside the main thread's task stretches that task's wall time. For each
 * main-thread task of at least --min ms wall (default 50), the task's wall and CPU, then the CPU
 * each other thread of the renderer used inside the task's window (its top-level tasks' thread
 * time, pro-rated by their overlap with the window), by thread name, largest first.
 *
 *   npx tsx test/bench/uiTaskThreads.ts [--min MS] FILE.json|DIR [...]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mainThread, type Ev } from './uiTrace';

const args = process.argv.slice(2);
const at = args.indexOf('--min');
const min = at >= 0 ? Number(args[at + 1]) : 50;
const paths = args.filter((a, i) => a !== '--min' && (at < 0 || i !== at + 1));
const files = paths.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => `${p}/${f}`)
    : [p],
);

for (const file of files) {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Ev[] | { traceEvents: Ev[] };
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const { main, evs } = mainThread(events);
  if (!main) continue;
  const pid = main.split(':')[0];
  const names = new Map<string, string>();
  for (const e of events)
    if (e.name === 'thread_name' && String(e.pid) === pid)
      names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? e.tid));
  // Every other thread's top-level tasks (a task inside another is counted in its parent).
  const tasks = new Map<string, Ev[]>();
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (String(e.pid) !== pid || key === main || e.ph !== 'X' || e.dur === undefined) continue;
    if (!/RunTask|ThreadControllerImpl|ThreadPool_RunTask/.test(e.name)) continue;
    let l = byThread.get(key);
    if (!l) byThread.set(key, (l = []));
    l.push(e);
  }
  for (const [key, l] of byThread) {
    l.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const top: Ev[] = [];
    let end = -1;
    for (const e of l) {
      if (e.ts < end) continue;
      end = e.ts + e.dur!;
      top.push(e);
    }
    tasks.set(key, top);
  }
  let end = -1;
  for (const t of evs) {
    if (t.name !== 'RunTask' || t.ts < end) continue;
    end = t.ts + t.dur!;
    if (t.dur! / 1000 < min) continue;
    const from = t.ts;
    const to = t.ts + t.dur!;
    const others: { thread: string; cpu: number }[] = [];
    for (const [key, top] of tasks) {
      let cpu = 0;
      for (const e of top) {
        const a = Math.max(from, e.ts);
        const b = Math.min(to, e.ts + e.dur!);
        if (b <= a) continue;
        cpu += ((e.tdur ?? e.dur!) * (b - a)) / e.dur!;
      }
      if (cpu >= 500) others.push({ thread: names.get(key) ?? key, cpu });
    }
    // Threads of one name (the thread pool's workers) summed.
    const sum = new Map<string, number>();
    for (const o of others) sum.set(o.thread, (sum.get(o.thread) ?? 0) + o.cpu);
    const t0 = evs[0].ts;
    console.log(
      JSON.stringify({
        file: file.split('/').pop(),
        at_s: Math.round((t.ts - t0) / 1e5) / 10,
        wall_ms: Math.round(t.dur! / 100) / 10,
        cpu_ms: Math.round((t.tdur ?? 0) / 100) / 10,
        others_cpu_ms: Object.fromEntries(
          [...sum].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / 100) / 10]),
        ),
      }),
    );
  }
}
