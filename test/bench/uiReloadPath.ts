/**
 * The reload's path to the stored dashboard, from a trace of one reload (uiReloadAb's
 * `--trace-dir`, or the ui bench's `UI_TRACE_DIR` trace of `reload_to_dashboard`):
 *
 *   npx tsx test/bench/uiReloadPath.ts [--until MS] [--min MS] [--bucket MS] <trace.json|dir>…
 *
 * Times are ms from the trace's first complete event (the reload asked for). Prints, up to the
 * page's 'waymark:ab-dashboard' mark (or --until):
 *  - the page's milestones in order: each script and chunk fetched (sent → finished), module
 *    compiled and evaluated, the document's ready states, paints, the app's performance marks,
 *    and each dedicated worker's first event (when it started);
 *  - the main thread's tasks of at least --min ms (default 4) of wall time: wall / CPU and what
 *    ran most in them;
 *  - per --bucket (default 100 ms) the CPU every thread of the renderer used (main, each worker
 *    named by the script its functions come from, V8's thread pool, the compositor), and the
 *    browser and GPU processes' — what shared the cores with the page's path.
 */
import {
  label,
  mainThread,
  readTrace,
  selfTimes,
  takeNumber,
  threads,
  traceFiles,
  type Ev,
} from './uiTrace';

const args = process.argv.slice(2);
const num = (n: string, d: number) => takeNumber(args, n, d);
const until = num('until', 0);
const minMs = num('min', 4);
const bucket = num('bucket', 100);
const files = traceFiles(args);

const short = (u: string | undefined) => (u ?? '').split('/').pop()?.split('?')[0] ?? '';

for (const file of files) {
  const events = readTrace(file);
  const { main, evs } = mainThread(events);
  if (!main) continue;
  const pid = main.split(':')[0];
  let t0 = Infinity;
  for (const e of events) if (e.ph === 'X' && e.ts < t0) t0 = e.ts;
  const dashMark = events.find((e) => e.name === 'waymark:ab-dashboard')?.ts;
  const end = until ? t0 + until * 1000 : (dashMark ?? t0 + 3e6);
  const ms = (ts: number) => ((ts - t0) / 1000).toFixed(0).padStart(5);
  console.log(`# ${file} (until ${((end - t0) / 1000).toFixed(0)} ms)`);

  // Worker threads named by the script their functions come from.
  const { names, byThread } = threads(events, pid);
  const script = new Map<string, string>();
  for (const [k, xs] of byThread)
    for (const e of xs) {
      const u = e.args?.data?.url;
      if (e.name === 'FunctionCall' && u && /worker/.test(u)) {
        script.set(k, short(u).replace(/-[\w-]+\.js$/, ''));
        break;
      }
    }
  const threadName = (k: string) =>
    k === main
      ? 'main'
      : `${script.get(k) ?? names.get(k) ?? '?'}${names.get(k) === 'DedicatedWorker thread' ? ` ${k.split(':')[1]}` : ''}`;

  // Milestones on the main thread (instant and complete events), and the workers' first events.
  const lines: [number, string][] = [];
  for (const e of events) {
    if (e.ts < t0 || e.ts > end) continue;
    const k = `${e.pid}:${e.tid}`;
    const d = e.args?.data as Record<string, unknown> | undefined;
    if (k === main) {
      if (e.name === 'ResourceSendRequest') lines.push([e.ts, `fetch  ${short(d?.url as string)}`]);
      else if (e.name === 'ResourceFinish')
        lines.push([e.ts, `done   ${short(d?.url as string) || (d?.requestId as string)}`]);
      else if (e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule')
        lines.push([
          e.ts,
          `${e.name} ${short((e.args as { fileName?: string })?.fileName ?? (d?.url as string))} ${((e.dur ?? 0) / 1000).toFixed(1)} ms`,
        ]);
      else if (e.name === 'EvaluateScript')
        lines.push([
          e.ts,
          `EvaluateScript ${short(d?.url as string)} ${((e.dur ?? 0) / 1000).toFixed(1)} ms`,
        ]);
      else if (e.name === 'Document::SetReadyState' && e.ph === 'X')
        lines.push([e.ts, `readyState ${JSON.stringify(e.args)}`]);
      else if (e.name === 'Paint' && e.ph === 'X')
        lines.push([e.ts, `Paint ${((e.dur ?? 0) / 1000).toFixed(1)} ms`]);
      else if (e.cat?.includes('blink.user_timing') && e.ph !== 'e')
        lines.push([e.ts, `mark   ${e.name}`]);
    }
  }
  for (const [k, xs] of byThread)
    if (names.get(k) === 'DedicatedWorker thread') {
      const first = xs.find((e) => e.ts >= t0);
      if (first && first.ts <= end) lines.push([first.ts, `worker starts: ${threadName(k)}`]);
    }
  console.log('## milestones');
  for (const [ts, l] of lines.sort((a, b) => a[0] - b[0])) console.log(`${ms(ts)}  ${l}`);

  console.log(`## main-thread tasks ≥ ${minMs} ms wall`);
  let mainCpu = 0;
  for (const t of evs) {
    if (t.name !== 'RunTask' || t.ts < t0 || t.ts > end) continue;
    mainCpu += t.tdur ?? 0;
    if (t.dur! < minMs * 1000) continue;
    const self = selfTimes(t, evs);
    self.delete('(task, no event)');
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(
      `${ms(t.ts)}  ${(t.dur! / 1000).toFixed(0).padStart(4)} wall ${((t.tdur ?? 0) / 1000).toFixed(0).padStart(3)} CPU  ` +
        top.map(([l, v]) => `${l.slice(0, 60)} ${(v / 1000).toFixed(0)}`).join(' | '),
    );
  }
  console.log(`main-thread CPU in tasks until the end: ${(mainCpu / 1000).toFixed(0)} ms`);

  // CPU per thread per bucket: each thread's top-level tasks, clipped to the bucket in proportion.
  const all = threads(events);
  const top = new Map<string, Ev[]>();
  for (const [k, xs] of all.byThread) {
    const out: Ev[] = [];
    let e1 = -1;
    for (const e of xs)
      if (e.ts >= e1 && e.tdur !== undefined && e.ts + e.dur! > t0 && e.ts < end) {
        out.push(e);
        e1 = e.ts + e.dur!;
      }
    if (out.length) top.set(k, out);
  }
  const procName = new Map<string, string>();
  for (const e of events)
    if (e.name === 'process_name') procName.set(`${e.pid}`, (e.args?.name as string) ?? '?');
  const group = (k: string) => {
    const [p] = k.split(':');
    if (p !== pid) return procName.get(p) ?? `pid ${p}`;
    const n = names.get(k) ?? '?';
    if (k === main) return 'main';
    if (n === 'DedicatedWorker thread') return threadName(k);
    if (/ThreadPool/.test(n)) return 'thread pool';
    return n;
  };
  const n = Math.ceil((end - t0) / (bucket * 1000));
  const rows = new Map<string, number[]>();
  for (const [k, xs] of top) {
    const g = group(k);
    const r = rows.get(g) ?? new Array<number>(n).fill(0);
    for (const e of xs)
      for (let b = 0; b < n; b++) {
        const a = Math.max(t0 + b * bucket * 1000, e.ts);
        const z = Math.min(t0 + (b + 1) * bucket * 1000, e.ts + e.dur!);
        if (z > a) r[b] += ((e.tdur ?? 0) * (z - a)) / e.dur! / 1000;
      }
    rows.set(g, r);
  }
  console.log(`## CPU ms per ${bucket} ms (threads with ≥ 5 ms in all)`);
  console.log(
    `${'thread'.padEnd(24)} ${Array.from({ length: n }, (_, b) => `${b * bucket}`.padStart(5)).join('')}   total`,
  );
  for (const [g, r] of [...rows].sort(
    (a, b) => b[1].reduce((s, x) => s + x) - a[1].reduce((s, x) => s + x),
  )) {
    const tot = r.reduce((s, x) => s + x, 0);
    if (tot < 5) continue;
    console.log(
      `${g.slice(0, 24).padEnd(24)} ${r.map((x) => x.toFixed(0).padStart(5)).join('')}   ${tot.toFixed(0)}`,
    );
  }
  void label;
}
