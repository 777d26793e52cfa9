/**
 * Where the page's main-thread CPU goes in one ui-bench interaction's trace (`--trace` with
 * UI_TRACE_DIR): the renderer main thread's CPU (thread time) by event, self time, grouped by
 * label (uiTrace.ts); by the first event of each top-level task; and the frames.
 *
 * The bench waits for an answer with Playwright's `waitForFunction(…, { polling: 'raf' })`,
 * which makes the page draw a frame at every poll (a frame a page left alone would not draw: a
 * composited spinner draws none on the main thread). Such a frame task that ran no script of
 * the app and laid out and painted nothing is counted apart (`polled`): `cpuMs - polledMs` is
 * the page's own CPU, the part a change on the page can cut.
 *
 *   npx tsx test/bench/uiTraceSelf.ts [--json] FILE.json [FILE.json…]
 */
import { label, mainThread, readTrace, type Ev } from './uiTrace';

const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const args = process.argv.slice(2);
const json = args.includes('--json');

for (const file of args.filter((a) => a !== '--json')) {
  const events = readTrace(file);
  const { evs } = mainThread(events);
  const self = new Map<string, number>();
  const byTop = new Map<string, { n: number; cpu: number }>();
  const stack: { e: Ev; child: number }[] = [];
  let tasks = 0;
  let total = 0;
  let polled = 0;
  let frames = 0;
  let top: { e: Ev; kind: string; app: boolean } | null = null;
  const endTop = () => {
    if (!top) return;
    const b = byTop.get(top.kind) ?? { n: 0, cpu: 0 };
    b.n++;
    b.cpu += top.e.tdur ?? 0;
    byTop.set(top.kind, b);
    if (top.kind === 'FireAnimationFrame' && !top.app) polled += top.e.tdur ?? 0;
  };
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= upTo) {
      const s = stack.pop()!;
      const l = label(s.e);
      self.set(l, (self.get(l) ?? 0) + Math.max(0, (s.e.tdur ?? 0) - s.child));
      if (stack.length) stack[stack.length - 1].child += s.e.tdur ?? 0;
    }
  };
  for (const e of evs) {
    close(e.ts);
    if (!stack.length) {
      if (e.name !== 'RunTask') continue;
      endTop();
      tasks++;
      total += e.tdur ?? 0;
      top = { e, kind: '', app: false };
    } else if (top) {
      if (!top.kind && !WRAPPERS.has(e.name)) top.kind = label(e);
      // The app's work in a frame: its script, a layout or a paint.
      if (
        e.name === 'Layout' ||
        e.name === 'Paint' ||
        (e.name === 'FunctionCall' && (e.args?.data?.url ?? '').includes('.js'))
      )
        top.app = true;
    }
    if (e.name === 'Commit') frames++;
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  endTop();
  const r = (x: number) => Math.round(x / 100) / 10;
  const span = evs.length ? evs[evs.length - 1].ts + evs[evs.length - 1].dur! - evs[0].ts : 0;
  const name = file.split('/').slice(-2).join('/');
  if (json) {
    console.log(
      JSON.stringify({
        file: name,
        cpuMs: r(total),
        polledMs: r(polled),
        pageMs: r(total - polled),
        tasks,
        frames,
        spanMs: r(span),
      }),
    );
    continue;
  }
  const ms = (x: number) => (x / 1000).toFixed(1).padStart(7);
  console.log(
    `${name}: ${tasks} tasks, ${ms(total)} ms CPU (${ms(polled).trim()} in polled frames) over ${(span / 1000).toFixed(0)} ms, ${frames} frames`,
  );
  console.log("  by the task's first event:");
  for (const [k, v] of [...byTop].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 12))
    console.log(`  ${ms(v.cpu)} ms ${String(v.n).padStart(5)}×  ${k}`);
  console.log('  by self time:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18))
    console.log(`  ${ms(v)} ms  ${k}`);
}
