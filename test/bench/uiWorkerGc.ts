/**
 * A worker's garbage collections in the traces the ui bench keeps (`UI_TRACE_DIR=dir npm run
 * bench -- ui --trace …`): `npx tsx test/bench/uiWorkerGc.ts [--worker rowQuery.worker]
 * <trace.json|dir>…`. For the dedicated worker whose functions come from `--worker`'s script
 * (named as uiTaskThreads.ts does), the CPU (thread time) of its own GC events (the outermost
 * V8 GC events on its thread: incremental marking steps, the major GC's finish, scavenges) and of
 * the thread pool's GC events of the same isolate's cycles (background marking, sweeping,
 * evacuation, parallel scavenging: a background event's `epoch` is one of the worker's own
 * events' epochs of the same kind, and it lies within that cycle's span on the worker — two
 * isolates could share an epoch number in the same span; not seen to matter here). Each over
 * the whole trace and inside the main thread's longest task (clipped in proportion to wall, as
 * uiTaskThreads.ts does). One JSON line per trace.
 */
import { mainScript, mainThread, readTrace, threads, traceFiles, type Ev } from './uiTrace';

const args = process.argv.slice(2);
const wi = args.indexOf('--worker');
const script = wi >= 0 ? args.splice(wi, 2)[1] : 'rowQuery.worker';

const isGc = (e: Ev) =>
  e.name === 'MajorGC' ||
  e.name === 'MinorGC' ||
  /(^|,)disabled-by-default-v8\.gc/.test(e.cat ?? '');
const kind = (name: string) => (/SCAVENGER|MINOR|Minor|Scaveng/.test(name) ? 'minor' : 'major');
const epochOf = (e: Ev) => (e.args as { epoch?: number } | undefined)?.epoch;
const ms = (us: number) => Math.round(us / 100) / 10;

/** CPU of `e` inside [a, b), in proportion to the wall time inside. */
const clipped = (e: Ev, a: number, b: number) => {
  const s = Math.max(a, e.ts);
  const t = Math.min(b, e.ts + e.dur!);
  return t <= s || !e.dur ? 0 : ((e.tdur ?? 0) * (t - s)) / e.dur;
};

for (const file of traceFiles(args)) {
  const events = readTrace(file);
  const { main, evs: mainEvs } = mainThread(events);
  if (!main) continue;
  const pid = main.split(':')[0];
  const { byThread } = threads(events, pid);
  const worker = [...byThread].find(([, evs]) => mainScript(evs) === script);
  if (!worker) {
    console.log(JSON.stringify({ file, worker: 'not found' }));
    continue;
  }
  const [wk, wevs] = worker;
  // The worker's own GC: outermost GC events on its thread.
  const own: Ev[] = [];
  let end = -1;
  for (const e of wevs) {
    if (!isGc(e) || e.ts < end) continue;
    own.push(e);
    end = e.ts + e.dur!;
  }
  // Its cycles: epoch → span, per kind.
  const cycles = new Map<string, { a: number; b: number }>();
  for (const e of wevs) {
    const ep = epochOf(e);
    if (ep === undefined) continue;
    const k = `${kind(e.name)}:${ep}`;
    const c = cycles.get(k) ?? { a: e.ts, b: e.ts + e.dur! };
    c.a = Math.min(c.a, e.ts);
    c.b = Math.max(c.b, e.ts + e.dur!);
    cycles.set(k, c);
  }
  const bg: Ev[] = [];
  for (const [k, evs] of byThread) {
    if (k === wk) continue;
    for (const e of evs) {
      const ep = epochOf(e);
      if (ep === undefined || !/BACKGROUND/.test(e.name)) continue;
      const c = cycles.get(`${kind(e.name)}:${ep}`);
      // Background work of a cycle may run a little past the worker's last event of it.
      if (c && e.ts >= c.a - 5_000 && e.ts <= c.b + 50_000) bg.push(e);
    }
  }
  // The main thread's longest task.
  let longest: Ev | null = null;
  let mend = -1;
  for (const e of mainEvs) {
    if (e.name !== 'RunTask' || e.ts < mend) continue;
    mend = e.ts + e.dur!;
    if (!longest || e.dur! > longest.dur!) longest = e;
  }
  const sum = (xs: Ev[], f: (e: Ev) => number) => xs.reduce((n, e) => n + f(e), 0);
  const a = longest?.ts ?? 0;
  const b = longest ? longest.ts + longest.dur! : 0;
  const majors = own.filter((e) => kind(e.name) === 'major');
  console.log(
    JSON.stringify({
      file,
      ownMs: ms(sum(own, (e) => e.tdur ?? 0)),
      ownMajorMs: ms(sum(majors, (e) => e.tdur ?? 0)),
      bgMs: ms(sum(bg, (e) => e.tdur ?? 0)),
      bgMajorMs: ms(
        sum(
          bg.filter((e) => kind(e.name) === 'major'),
          (e) => e.tdur ?? 0,
        ),
      ),
      majorCycles: new Set([...cycles.keys()].filter((k) => k.startsWith('major'))).size,
      longestTaskMs: longest ? ms(longest.dur!) : 0,
      longestTaskCpuMs: longest ? ms(longest.tdur ?? 0) : 0,
      inLongestOwnMs: ms(sum(own, (e) => clipped(e, a, b))),
      inLongestBgMs: ms(sum(bg, (e) => clipped(e, a, b))),
    }),
  );
}
