/**
 * Which threads ran during the page's long tasks: `npx tsx test/bench/uiTaskThreads.ts
 * [--min 50] <trace.json|dir>…` over traces kept by `UI_TRACE_DIR=dir npm run bench -- ui
 * --trace`. For each main-thread task of at least `--min` ms wall, every other thread's CPU inside
 * the task's window (its top-level events' thread time, clipped to the window in proportion to
 * their wall time), with what it ran there (the labels with the most self time). A worker is
 * named by the script its functions come from (rowQuery.worker, collation.worker, …), so a task
 * that waited for a core can be told apart from one that did work: the page's main thread, its
 * workers and the compositor share what the machine leaves them. (The labels are the self times
 * of the events overlapping the window, whole; the CPU figures are clipped to it.) `--json`: one
 * line per trace, for its longest task only.
 */
import {
  label,
  mainScript,
  mainThread,
  readTrace,
  selfTimes,
  threads,
  takeNumber,
  traceFiles,
  type Ev,
} from './uiTrace';

const args = process.argv.slice(2);
const minMs = takeNumber(args, 'min', 50);
// --json: one line per file instead — the longest task (wall, CPU, what ran most in it) and the
// other threads' CPU in its window by thread.
const json = args.includes('--json');
if (json) args.splice(args.indexOf('--json'), 1);
// --draw: (with --json) the task of the largest layout (most dirty objects) instead of the
// longest: a table's first draw of its rows.
const draw = args.includes('--draw');
if (draw) args.splice(args.indexOf('--draw'), 1);
const files = traceFiles(args);

const r1 = (us: number) => (us / 1000).toFixed(1);

for (const file of files) {
  const events = readTrace(file);
  const { main, evs: mainEvs } = mainThread(events);
  if (!main) continue;
  const { names, byThread } = threads(events);
  const procs = new Map<number, string>();
  for (const e of events)
    if (e.name === 'process_name') procs.set(e.pid, (e.args as { name?: string })?.name ?? '?');
  // A worker thread named by the scripts its functions run.
  const nameOf = (k: string) => {
    const n = names.get(k) ?? '?';
    const top = mainScript(byThread.get(k) ?? []);
    const pid = Number(k.split(':')[0]);
    return `${procs.get(pid) ?? pid}/${n}${top && /Worker/.test(n) ? ` (${top})` : ''}`;
  };
  const tops = new Map<string, Ev[]>();
  for (const [k, evs] of byThread) {
    evs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const top: Ev[] = [];
    for (const e of evs) {
      const last = top[top.length - 1];
      if (!last || e.ts >= last.ts + last.dur!) top.push(e);
    }
    tops.set(k, top);
  }
  // The bench's own DevTools calls (Playwright's scripts evaluated in the page) are left out:
  // the page's longtask observer does not report them either.
  const devtools = mainEvs.filter(
    (e) =>
      (e.args as { chrome_mojo_event_info?: { mojo_interface_tag?: string } } | undefined)
        ?.chrome_mojo_event_info?.mojo_interface_tag === 'blink.mojom.DevToolsSession',
  );
  const tasks = mainEvs.filter(
    (e) =>
      e.name === 'RunTask' &&
      e.dur! >= minMs * 1000 &&
      !devtools.some((d) => d.ts >= e.ts && d.ts < e.ts + e.dur!),
  );
  const outer: Ev[] = [];
  for (const t of tasks) {
    const last = outer[outer.length - 1];
    if (!last || t.ts >= last.ts + last.dur!) outer.push(t);
  }
  const t0 = mainEvs[0]?.ts ?? 0;
  if (!json) console.log(`== ${file}: ${outer.length} main-thread tasks ≥ ${minMs} ms`);
  const dirty = (e: Ev) =>
    (e.args as { beginData?: { dirtyObjects?: number } } | undefined)?.beginData?.dirtyObjects ?? 0;
  const layout = mainEvs
    .filter((e) => e.name === 'Layout')
    .reduce<Ev | null>((m, e) => (!m || dirty(e) > dirty(m) ? e : m), null);
  const drawTask = layout
    ? mainEvs.find((e) => e.name === 'RunTask' && e.ts <= layout.ts && e.ts + e.dur! >= layout.ts)
    : undefined;
  const longest = draw
    ? (drawTask ?? null)
    : outer.reduce<Ev | null>((m, t) => (!m || t.dur! > m.dur! ? t : m), null);
  for (const task of json ? (longest ? [longest] : []) : outer) {
    const a = task.ts;
    const b = task.ts + task.dur!;
    const mainTop = [...selfTimes(task, mainEvs)].sort((x, y) => y[1] - x[1]).slice(0, 6);
    if (!json) {
      console.log(
        `  task at +${r1(a - t0)} ms: ${r1(task.dur!)} ms wall, ${r1(task.tdur ?? 0)} ms CPU on the main thread`,
      );
      console.log(`      main: ${mainTop.map(([l, v]) => `${l} ${r1(v)}`).join('; ')}`);
    }
    const rows: { k: string; cpu: number; wall: number; labels: [string, number][] }[] = [];
    for (const [k, top] of tops) {
      if (k === main) continue;
      let cpu = 0;
      let wall = 0;
      const inWin: Ev[] = [];
      for (const e of top) {
        const s = Math.max(a, e.ts);
        const en = Math.min(b, e.ts + e.dur!);
        if (en <= s) continue;
        const share = (en - s) / Math.max(1, e.dur!);
        cpu += (e.tdur ?? 0) * share;
        wall += en - s;
        inWin.push(e);
      }
      if (wall < 1000) continue;
      const all = new Map<string, number>();
      const evs = byThread.get(k)!;
      for (const e of inWin)
        for (const [l, v] of selfTimes(e, evs)) all.set(l, (all.get(l) ?? 0) + v);
      rows.push({ k, cpu, wall, labels: [...all].sort((x, y) => y[1] - x[1]).slice(0, 4) });
    }
    if (json) {
      const others: Record<string, number> = {};
      for (const row of rows) {
        const n = nameOf(row.k);
        others[n] = (others[n] ?? 0) + row.cpu;
      }
      for (const n of Object.keys(others)) others[n] = Math.round(others[n] / 100) / 10;
      console.log(
        JSON.stringify({
          file,
          wallMs: Math.round(task.dur! / 100) / 10,
          cpuMs: Math.round((task.tdur ?? 0) / 100) / 10,
          main: mainTop.slice(0, 3).map(([l, v]) => `${l} ${r1(v)}`),
          othersCpuMs: Math.round(rows.reduce((x, row) => x + row.cpu, 0) / 100) / 10,
          others,
        }),
      );
      continue;
    }
    for (const row of rows.sort((x, y) => y.wall - x.wall))
      console.log(
        `      ${nameOf(row.k)}: ${r1(row.wall)} ms wall, ${r1(row.cpu)} ms CPU — ${row.labels
          .map(([l, v]) => `${l} ${r1(v)}`)
          .join('; ')}`,
      );
  }
}
void label;
