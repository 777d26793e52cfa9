/**
 * Where an interaction's time went, thread by thread: `npx tsx test/bench/uiThreads.ts
 * <trace.json>…` over traces kept by `UI_TRACE_DIR=dir npm run bench -- ui --trace`. For each
 * renderer thread (the page's main thread, the row-query, collation, dataset and run workers)
 * it prints the wall and CPU time of its tasks and its longest task, then the functions with the
 * most self time on it — so a latency can be told apart from waiting on another thread or core.
 */
import { readFileSync } from 'node:fs';
import { label, selfTimes, type Ev } from './uiTrace';

for (const file of process.argv.slice(2)) {
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: Ev[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events)
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const k = `${e.pid}:${e.tid}`;
    const n = names.get(k) ?? '';
    if (!/CrRendererMain|DedicatedWorker/.test(n)) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(e);
  }
  console.log(`== ${file}`);
  for (const [k, evs] of byThread) {
    evs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const tasks = evs.filter(
      (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
    );
    // Top-level tasks only (a task inside another is not counted twice).
    const top: Ev[] = [];
    for (const t of tasks) {
      const last = top[top.length - 1];
      if (!last || t.ts >= last.ts + last.dur!) top.push(t);
    }
    const wall = top.reduce((s, t) => s + t.dur!, 0);
    if (wall < 5_000) continue;
    const cpu = top.reduce((s, t) => s + (t.tdur ?? 0), 0);
    const longest = top.reduce((m, t) => (t.dur! > m.dur! ? t : m), top[0]);
    const t0 = top[0].ts;
    console.log(
      `${names.get(k)} ${k}: ${top.length} tasks, ${(wall / 1000).toFixed(0)} ms wall, ${(cpu / 1000).toFixed(0)} ms CPU, longest ${(longest.dur! / 1000).toFixed(0)} ms (CPU ${((longest.tdur ?? 0) / 1000).toFixed(0)}), first at +0, last ends +${((top[top.length - 1].ts + top[top.length - 1].dur! - t0) / 1000).toFixed(0)} ms`,
    );
    const all = new Map<string, number>();
    for (const t of top.filter((t) => t.dur! >= 2_000))
      for (const [l, v] of selfTimes(t, evs)) all.set(l, (all.get(l) ?? 0) + v);
    for (const [l, v] of [...all].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`    ${(v / 1000).toFixed(1).padStart(7)} ms  ${l}`);
  }
}
void label;
