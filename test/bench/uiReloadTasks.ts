/**
 * Every main-thread task of a reload's trace the `longtask` observer may not report, with what
 * filled it: `npx tsx test/bench/uiReloadTasks.ts [--wall 80] [--cpu 25] [--until 12000]
 * <trace.json|dir>…` (traces kept by uiReloadAb `--trace-dir`, or `UI_TRACE_DIR=dir npm run bench
 * -- ui --trace --only reload`). Per task of at least `--wall` ms wall or `--cpu` ms of CPU, up to
 * `--until` ms after the commit: ms after the commit, wall, CPU, the CPU of V8's major GC and of
 * Blink's sweep finalisation (`CppGC.SweepFinalize*`) inside it, and the script calls in it
 * (function@chunk:column CPU). The observer leaves out tasks that run no script — a sweep's
 * `CppGC.SweepFinalizeSweptPages` task of 95–202 ms wall after a reload was not in its figures
 * (session 32, reloadtask) — so this is where such tasks are counted.
 */
import { mainThread, readTrace, takeNumber, traceFiles } from './uiTrace';

const args = process.argv.slice(2);
const minWall = takeNumber(args, 'wall', 80);
const minCpu = takeNumber(args, 'cpu', 25);
const until = takeNumber(args, 'until', 12000);
const ms = (us: number) => us / 1000;
for (const file of traceFiles(args)) {
  const { evs: m } = mainThread(readTrace(file));
  if (!m.length) continue;
  const commit = m.find(
    (e) => e.name === 'DocumentLoader::CommitNavigation' || e.name === 'Frame::Detach',
  );
  const c0 = commit ? commit.ts : m[0].ts;
  console.log(`== ${file}${commit ? '' : ' (no commit found: from the first event)'}`);
  const inside = (t: { ts: number; dur?: number }, e: { ts: number }) =>
    e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0);
  for (const t of m) {
    if (t.ph !== 'X' || t.name !== 'ThreadControllerImpl::RunTask') continue;
    const at = ms(t.ts - c0);
    if (at < -100 || at > until) continue;
    if (ms(t.dur ?? 0) < minWall && ms(t.tdur ?? 0) < minCpu) continue;
    const sum = (f: (n: string) => boolean) =>
      m.filter((e) => f(e.name) && inside(t, e)).reduce((s, e) => s + (e.tdur ?? 0), 0);
    const gc = sum((n) => n === 'MajorGC');
    const sweep = sum((n) => n.startsWith('CppGC.SweepFinalize'));
    const calls = m
      .filter((e) => e.name === 'FunctionCall' && inside(t, e) && (e.tdur ?? 0) > 1000)
      .map((c) => {
        const d = c.args?.data as { functionName?: string; url?: string; columnNumber?: number };
        const chunk = (d?.url ?? '').split('/').pop();
        return `${d?.functionName || 'anon'}@${chunk}:${d?.columnNumber} ${ms(c.tdur ?? 0).toFixed(1)}`;
      });
    console.log(
      `${at.toFixed(0).padStart(6)} ms: wall ${ms(t.dur ?? 0).toFixed(0)}, CPU ${ms(t.tdur ?? 0).toFixed(1)}` +
        ` (major GC ${ms(gc).toFixed(1)}, sweep ${ms(sweep).toFixed(1)})` +
        (calls.length ? ` — ${calls.slice(0, 3).join(' | ')}` : ''),
    );
  }
}
