/**
 * The renderer's worker threads around a reload, from a kept trace (uiReloadAb `--trace-dir`, or
 * `UI_TRACE_DIR=dir npm run bench -- ui --trace --only reload`):
 *
 *   npx tsx test/bench/uiReloadWorkers.ts [--min 80] <trace.json|dir>…
 *
 * The reload's commit is the main thread's `DocumentLoader::CommitNavigation` (or, failing that,
 * `Frame::Detach`, or the `commitNavigationEnd` mark); a worker thread whose isolate was not made
 * after it belongs to the old document. Per
 * dedicated worker (named by the script its functions run, as uiTaskThreads.ts): its CPU before
 * and after the commit, when it was last seen (ms after the commit) and what it ran after the
 * commit (labels by self time) — how long the old page's workers go on after the reload, doing
 * what. Then, for each main-thread task of at least `--min` ms wall after the commit, its own CPU
 * and the CPU the old document's workers, the new document's workers and the other threads
 * (thread pool, compositor) used inside its window.
 */
import {
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
const minMs = takeNumber(args, 'min', 80);
const files = traceFiles(args);
const ms = (us: number) => (us / 1000).toFixed(1);

/** Top-level events of one thread (an event inside another is counted in its parent). */
function tops(evs: Ev[]): Ev[] {
  const top: Ev[] = [];
  for (const e of evs) {
    const last = top[top.length - 1];
    if (!last || e.ts >= last.ts + last.dur!) top.push(e);
  }
  return top;
}

/** CPU of a thread's top-level events inside [a, b), clipped in proportion to their wall time. */
function cpuIn(top: Ev[], a: number, b: number): number {
  let cpu = 0;
  for (const e of top) {
    const s = Math.max(a, e.ts);
    const en = Math.min(b, e.ts + e.dur!);
    if (en > s) cpu += ((e.tdur ?? 0) * (en - s)) / Math.max(1, e.dur!);
  }
  return cpu;
}

for (const file of files) {
  const events = readTrace(file);
  const { main, evs: mainEvs } = mainThread(events);
  if (!main) continue;
  const pid = main.split(':')[0];
  // The ui bench's trace has no loading events: its 'commitNavigationEnd' mark instead.
  const commit =
    mainEvs.find((e) => e.name === 'DocumentLoader::CommitNavigation') ??
    mainEvs.find((e) => e.name === 'Frame::Detach') ??
    events.find((e) => e.name === 'commitNavigationEnd' && `${e.pid}:${e.tid}` === main);
  if (!commit) {
    console.log(`== ${file}: no commit of a navigation on the main thread`);
    continue;
  }
  const c = commit.ts;
  const { names, byThread } = threads(events, pid);
  const scriptOf = (k: string) => mainScript(byThread.get(k) ?? []) ?? '?';
  const kind = new Map<string, 'old' | 'new' | 'other'>();
  const topOf = new Map<string, Ev[]>();
  for (const [k, evs] of byThread) {
    if (k === main) continue;
    topOf.set(k, tops(evs));
    const n = names.get(k) ?? '?';
    // A worker started after the commit (its isolate made then) is the new document's; one that
    // was idle until after the commit (its first event there) is still the old one's.
    const born = evs.find((e) => e.name === 'V8PerIsolateData::Initialize');
    kind.set(k, !/DedicatedWorker/.test(n) ? 'other' : born && born.ts >= c ? 'new' : 'old');
  }
  console.log(`== ${file}: commit at ${ms(c - (mainEvs[0]?.ts ?? c))} ms into the trace`);
  for (const [k, top] of topOf) {
    if (kind.get(k) === 'other') continue;
    const after = top.filter((e) => e.ts + e.dur! > c);
    const last = top[top.length - 1];
    const labels = new Map<string, number>();
    const evs = byThread.get(k)!;
    for (const e of after)
      for (const [l, v] of selfTimes(e, evs)) labels.set(l, (labels.get(l) ?? 0) + v);
    labels.delete('(task, no event)');
    console.log(
      `  ${kind.get(k)} ${scriptOf(k)} [${k}]: CPU before the commit ${ms(cpuIn(top, -Infinity, c))} ms, after ${ms(cpuIn(top, c, Infinity))} ms; last event ends +${ms(last.ts + last.dur! - c)} ms` +
        (kind.get(k) === 'old' && after.length
          ? ` — after: ${[...labels]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 5)
              .map(([l, v]) => `${l} ${ms(v)}`)
              .join('; ')}`
          : ''),
    );
  }
  // In one line: the old document's workers' CPU after the commit and when the last one ended.
  let oldCpu = 0;
  let oldEnd = 0;
  for (const [k, top] of topOf) {
    if (kind.get(k) !== 'old' || !top.length) continue;
    oldCpu += cpuIn(top, c, Infinity);
    oldEnd = Math.max(oldEnd, top[top.length - 1].ts + top[top.length - 1].dur! - c);
  }
  console.log(
    `  old workers after the commit: ${ms(oldCpu)} ms CPU, the last ending +${ms(oldEnd)} ms`,
  );
  const long = tops(mainEvs.filter((e) => e.name === 'RunTask')).filter(
    (e) => e.ts + e.dur! > c && e.dur! >= minMs * 1000,
  );
  for (const t of long) {
    const a = t.ts;
    const b = t.ts + t.dur!;
    const sum = (w: 'old' | 'new' | 'other') =>
      [...topOf].filter(([k]) => kind.get(k) === w).reduce((s, [, top]) => s + cpuIn(top, a, b), 0);
    const self = [...selfTimes(t, mainEvs)].sort((x, y) => y[1] - x[1]).slice(0, 4);
    console.log(
      `  task +${ms(a - c)} ms: ${ms(t.dur!)} wall / ${ms(t.tdur ?? 0)} CPU; in its window old workers ${ms(sum('old'))}, new workers ${ms(sum('new'))}, other threads ${ms(sum('other'))} ms CPU — ${self.map(([l, v]) => `${l} ${ms(v)}`).join('; ')}`,
    );
  }
}
