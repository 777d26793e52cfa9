/**
 * Where the page's main-thread CPU goes in one ui-bench interaction's trace: CPU (thread time)
 * of the renderer main thread's events by self time, grouped by event label (uiTrace.ts), and
 * the number of top-level tasks and frames (the answer's wait polled per frame draws a frame).
 *
 *   npx tsx test/bench/uiTraceSelf.ts FILE.json [FILE.json…]
 */
import { readFileSync } from 'node:fs';
import { label, mainThread, type Ev } from './uiTrace';

const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

for (const file of process.argv.slice(2)) {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Ev[] | { traceEvents: Ev[] };
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const { evs } = mainThread(events);
  const xs = evs
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: Ev; child: number }[] = [];
  let tasks = 0;
  let total = 0;
  const byTop = new Map<string, { n: number; cpu: number }>();
  let top: Ev | null = null;
  let topKind = '';
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= upTo) {
      const s = stack.pop()!;
      const t = (s.e.tdur ?? 0) - s.child;
      const l = label(s.e);
      self.set(l, (self.get(l) ?? 0) + Math.max(0, t));
      if (stack.length) stack[stack.length - 1].child += s.e.tdur ?? 0;
    }
  };
  for (const e of xs) {
    close(e.ts);
    if (!stack.length) {
      if (e.name !== 'RunTask') continue;
      tasks++;
      total += e.tdur ?? 0;
      if (top) {
        const b = byTop.get(topKind) ?? { n: 0, cpu: 0 };
        b.n++;
        b.cpu += top.tdur ?? 0;
        byTop.set(topKind, b);
      }
      top = e;
      topKind = '';
    } else if (!topKind && !WRAPPERS.has(e.name)) topKind = label(e);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  if (top) {
    const b = byTop.get(topKind) ?? { n: 0, cpu: 0 };
    b.n++;
    b.cpu += top.tdur ?? 0;
    byTop.set(topKind, b);
  }
  const ms = (x: number) => (x / 1000).toFixed(1).padStart(7);
  const span = xs.length ? (xs[xs.length - 1].ts + xs[xs.length - 1].dur! - xs[0].ts) / 1000 : 0;
  const frames = xs.filter((e) => e.name === 'Commit').length;
  console.log(
    `${file}: ${tasks} tasks, ${ms(total)} ms CPU over ${span.toFixed(0)} ms, ${frames} commits`,
  );
  console.log("  by the task's first event:");
  for (const [k, v] of [...byTop].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 12))
    console.log(`  ${ms(v.cpu)} ms ${String(v.n).padStart(5)}×  ${k}`);
  console.log('  by self time:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18))
    console.log(`  ${ms(v)} ms  ${k}`);
}
