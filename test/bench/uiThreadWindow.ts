/**
 * Which of the renderer's threads ran during one measured interaction, from the traces the ui
 * bench keeps (`UI_TRACE_DIR=dir npm run bench -- ui --trace …`): per thread (main, each worker,
 * compositor…) its top-level tasks' CPU (thread time) and wall time; for the main thread's
 * longest task, the CPU every other thread had in that task's window (what took the cores from
 * it); and with `--tasks`, each thread's tasks ≥ 1 ms as a timeline (ms from the trace's first
 * event, wall / CPU, and the task's largest event), to read a query's path: the page's click,
 * the worker's answer, the message's arrival and the draw.
 *
 *   npx tsx test/bench/uiThreadWindow.ts [--tasks] DIR/NAME.json [more.json…]
 */
import { mainThread, readTrace, threads, type Ev } from './uiTrace';

const args = process.argv.slice(2);
const tasks = args.includes('--tasks');
const r1 = (x: number) => Math.round(x * 10) / 10;

for (const file of args.filter((a) => !a.startsWith('--'))) {
  const events = readTrace(file);
  const { main } = mainThread(events);
  if (!main) continue;
  const pid = main.split(':')[0];
  const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  // Top-level tasks per thread of the renderer (a task inside another counted in its parent).
  const { names, byThread } = threads(events, pid);
  const top = new Map<string, Ev[]>();
  for (const [k, evs] of byThread) {
    evs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const out: Ev[] = [];
    let end = -1;
    for (const e of evs)
      if (e.ts >= end && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
        out.push(e);
        end = e.ts + e.dur!;
      }
    if (out.length) top.set(k, out);
  }
  const label = (k: string) =>
    `${k === main ? 'main' : (names.get(k) ?? '?')}${k === main ? '' : ` ${k.split(':')[1]}`}`;
  const cpuIn = (evs: Ev[], from: number, to: number) => {
    let cpu = 0;
    for (const e of evs) {
      const a = Math.max(from, e.ts);
      const b = Math.min(to, e.ts + e.dur!);
      // A task's CPU counted in proportion to the part of it inside the window.
      if (b > a) cpu += ((e.tdur ?? 0) * (b - a)) / e.dur!;
    }
    return cpu / 1000;
  };
  const mainTasks = top.get(main) ?? [];
  const longest = mainTasks.reduce<Ev | null>((m, e) => (!m || e.dur! > m.dur! ? e : m), null);
  console.log(`# ${file}`);
  for (const [k, evs] of top) {
    const cpu = evs.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000;
    const wall = evs.reduce((s, e) => s + e.dur!, 0) / 1000;
    if (wall < 1) continue;
    const inLongest = longest ? cpuIn(evs, longest.ts, longest.ts + longest.dur!) : 0;
    console.log(
      JSON.stringify({
        thread: label(k),
        cpuMs: r1(cpu),
        wallMs: r1(wall),
        tasks: evs.length,
        ...(longest ? { cpuInMainLongestMs: r1(inLongest) } : {}),
      }),
    );
  }
  if (longest)
    console.log(
      JSON.stringify({
        mainLongest: {
          atMs: r1((longest.ts - t0) / 1000),
          wallMs: r1(longest.dur! / 1000),
          cpuMs: r1((longest.tdur ?? 0) / 1000),
        },
      }),
    );
  if (!tasks) continue;
  // The largest event inside a task (its name says what the task was).
  const inner = (k: string, t: Ev) => {
    let best: Ev | null = null;
    for (const e of byThread.get(k)!)
      if (
        !/RunTask$/.test(e.name) &&
        e.ts >= t.ts &&
        e.ts + e.dur! <= t.ts + t.dur! &&
        (!best || e.dur! > best.dur!)
      )
        best = e;
    return best
      ? `${best.name}${best.args?.data && (best.args.data as { functionName?: string }).functionName ? `:${(best.args.data as { functionName?: string }).functionName}` : ''}`
      : '';
  };
  const rows: [number, string][] = [];
  for (const [k, evs] of top)
    for (const e of evs)
      if (e.dur! >= 1000)
        rows.push([
          e.ts,
          `${r1((e.ts - t0) / 1000)}\t${label(k)}\t${r1(e.dur! / 1000)} / ${r1((e.tdur ?? 0) / 1000)}\t${inner(k, e)}`,
        ]);
  for (const [, s] of rows.sort((a, b) => a[0] - b[0])) console.log(s);
}
