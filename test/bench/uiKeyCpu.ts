/**
 * The page's CPU per search key, from traces kept by `UI_TRACE_DIR=dir npm run bench -- ui
 * --trace --only tab_accounts,search`: `npx tsx test/bench/uiKeyCpu.ts dir…` (one line per
 * key of each dir, then the medians per dir). Thread (CPU) time, so it separates what the page
 * does from how long the machine's load stretched it.
 *
 * Per key, on the page's main thread, from the start of the task that handled the key (the one
 * dispatching `input`) to the end of the last `waymark:rows` measure (the answer drawn, at the
 * frame after React's commit):
 * - key: the CPU of the key's task (events, React's render of the key, its style and layout);
 * - to the query: wall time from the key's task start until the row-query worker starts the
 *   query's task (the first task of the worker's over 2 ms of CPU after the key);
 * - rendering: self CPU of style, layout, pre-paint, paint, layerize and commit in the window;
 * - page: the CPU of every main-thread task in the window (Playwright's polling on frames too,
 *   alike in both builds: one short task per frame);
 * - worker: the row-query worker's CPU in the window.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threads, type Ev } from './uiTrace';

const RENDERING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'HitTest',
  'UpdateLayer',
]);

interface KeyCpu {
  key: number;
  toQuery: number;
  rendering: number;
  page: number;
  worker: number;
  wall: number;
}

function topLevel(evs: Ev[]): Ev[] {
  const tasks = evs.filter(
    (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
  );
  const top: Ev[] = [];
  for (const t of tasks) {
    const last = top[top.length - 1];
    if (!last || t.ts >= last.ts + last.dur!) top.push(t);
  }
  return top;
}

/** Self thread time of the events named in `names` (an event's CPU less its children's). */
function selfCpu(evs: Ev[], from: number, to: number, names: Set<string>): number {
  let sum = 0;
  const stack: { e: Ev; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length) {
      const s = stack[stack.length - 1];
      if (s.e.ts + s.e.dur! > upTo) break;
      stack.pop();
      if (names.has(s.e.name)) sum += (s.e.tdur ?? 0) - s.child;
      if (stack.length) stack[stack.length - 1].child += s.e.tdur ?? 0;
    }
  };
  for (const e of evs) {
    if (e.ts < from || e.ts > to) continue;
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  return sum;
}

export function keyCpu(file: string): KeyCpu | null {
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: Ev[] }).traceEvents;
  const { names, byThread } = threads(events);
  // The page's main thread: the CrRendererMain thread that dispatched the input event.
  const isInput = (e: Ev) => e.name === 'EventDispatch' && e.args?.data?.type === 'input';
  const mainKey = [...byThread.keys()].find(
    (k) => names.get(k) === 'CrRendererMain' && byThread.get(k)!.some(isInput),
  );
  if (!mainKey) return null;
  const main = byThread.get(mainKey)!;
  const input = main.find(isInput)!;
  const tasks = topLevel(main);
  const keyTask = tasks.find((t) => t.ts <= input.ts && input.ts < t.ts + t.dur!);
  if (!keyTask) return null;
  const ends = events
    .filter((e) => e.name === 'waymark:rows' && e.ph === 'e' && `${e.pid}:${e.tid}` === mainKey)
    .map((e) => e.ts);
  const end = Math.max(...ends.filter((t) => t > keyTask.ts));
  if (!Number.isFinite(end)) return null;
  const inWindow = (t: Ev) => t.ts >= keyTask.ts && t.ts <= end;
  const page = tasks.filter(inWindow).reduce((s, t) => s + (t.tdur ?? 0), 0);
  // The row-query worker: the dedicated worker that ran the most CPU in the window.
  let worker = 0;
  let toQuery = NaN;
  for (const [k, evs] of byThread) {
    if (!/DedicatedWorker/.test(names.get(k) ?? '')) continue;
    const wt = topLevel(evs).filter(inWindow);
    const cpu = wt.reduce((s, t) => s + (t.tdur ?? 0), 0);
    if (cpu <= worker) continue;
    worker = cpu;
    const q = wt.find((t) => (t.tdur ?? 0) > 2_000);
    toQuery = q ? q.ts - keyTask.ts : NaN;
  }
  return {
    key: (keyTask.tdur ?? 0) / 1000,
    toQuery: toQuery / 1000,
    rendering: selfCpu(main, keyTask.ts, end, RENDERING) / 1000,
    page: page / 1000,
    worker: worker / 1000,
    wall: (end - keyTask.ts) / 1000,
  };
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[s.length >> 1]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
};

const FIELDS = ['key', 'toQuery', 'rendering', 'page', 'worker', 'wall'] as const;
const f1 = (x: number) => x.toFixed(1).padStart(6);

if (process.argv[1]?.endsWith('uiKeyCpu.ts'))
  for (const dir of process.argv.slice(2)) {
    const files = readdirSync(dir)
      .filter((f) => /^search_(key\d|clear)\.json$/.test(f))
      .sort((a, b) => (a.includes('clear') ? 1 : b.includes('clear') ? -1 : a.localeCompare(b)));
    console.log(
      `== ${dir}  (ms: key task CPU, key → query in the worker (wall), rendering CPU, page CPU, worker CPU, key → answer drawn (wall))`,
    );
    const all: KeyCpu[] = [];
    for (const f of files) {
      const k = keyCpu(join(dir, f));
      if (!k) {
        console.log(`  ${f}: no key or answer found`);
        continue;
      }
      all.push(k);
      console.log(`  ${f.replace('.json', '').padEnd(13)}${FIELDS.map((x) => f1(k[x])).join('')}`);
    }
    console.log(
      `  ${'median'.padEnd(13)}${FIELDS.map((x) => f1(median(all.map((k) => k[x])))).join('')}`,
    );
  }
