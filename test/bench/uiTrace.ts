/**
 * A Chrome performance trace of the page's main thread around one ui-bench interaction
 * (`--trace`), summarised per long task (≥ 50 ms) as the trace events with the most self time in
 * it: garbage collection (MinorGC / MajorGC / V8.GC_*), style and layout, paint, message
 * deserialisation, and script by function — what a CPU profile shows only as '(program)'.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export interface Ev {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, when the trace records it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'blink.user_timing',
  'toplevel',
  // UI_TRACE_SAMPLES=1: V8's sampling profiler on every thread (workers too), for uiSamples.ts.
  ...(process.env.UI_TRACE_SAMPLES ? ['disabled-by-default-v8.cpu_profiler'] : []),
].join(',');

export interface Tracing {
  stop(name: string, print: boolean): Promise<void>;
}

export const label = (e: Ev) => {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d)
    return `FunctionCall ${d.functionName || '(anonymous)'} ${(d.url ?? '').split('/').pop()}`;
  if (e.name === 'EventDispatch' && d?.type) return `EventDispatch ${d.type}`;
  return e.name;
};

export async function startTrace(browser: Browser, page: Page): Promise<Tracing> {
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
  return {
    async stop(name, print) {
      const buf = await browser.stopTracing();
      // UI_TRACE_DIR=dir keeps every measured interaction's trace (workers' threads included)
      // for uiThreads.ts.
      const dir = process.env.UI_TRACE_DIR;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${dir}/${name}.json`, buf);
      }
      if (!print) return;
      const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: Ev[] }).traceEvents;
      const { main, evs } = mainThread(events);
      if (!main) return console.error(`trace ${name}: no renderer main thread`);
      const tasks = evs.filter((e) => e.name === 'RunTask' && e.dur! >= 50_000);
      const all = new Map<string, number>();
      const lines: string[] = [];
      for (const task of tasks.sort((a, b) => b.dur! - a.dur!)) {
        const self = selfTimes(task, evs);
        for (const [l, v] of self) all.set(l, (all.get(l) ?? 0) + v);
        if (lines.length < 3 * 14) {
          const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
          lines.push(
            `  task ${(task.dur! / 1000).toFixed(0)} ms`,
            ...top.map(
              ([l, v]) =>
                `    ${(v / 1000).toFixed(1).padStart(7)} ms ${((100 * v) / task.dur!).toFixed(0).padStart(3)}%  ${l}`,
            ),
          );
        }
      }
      console.error(
        `trace ${name}: ${tasks.length} tasks ≥ 50 ms, longest ${((tasks[0]?.dur ?? 0) / 1000).toFixed(0)} ms\n${lines.join('\n')}`,
      );
    },
  };
}

/** `--name N` taken out of a command line's arguments (`d` when absent). */
export function takeNumber(args: string[], name: string, d: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : d;
}

/** The traces named on a command line: a directory stands for its `.json` files, sorted. */
export function traceFiles(args: string[]): string[] {
  return args.flatMap((a) =>
    statSync(a).isDirectory()
      ? readdirSync(a)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => `${a}/${f}`)
      : [a],
  );
}

/** A kept trace's events (saved as an array, or as Chrome's `{ traceEvents }`). */
export function readTrace(file: string): Ev[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Ev[] | { traceEvents: Ev[] };
  return Array.isArray(raw) ? raw : raw.traceEvents;
}

/**
 * The script a thread's functions ran most of (by FunctionCall wall time; the bundle's hash cut
 * off: `rowQuery.worker`): what names a worker thread.
 */
export function mainScript(evs: Ev[]): string | undefined {
  const urls = new Map<string, number>();
  for (const e of evs) {
    const u = (e.args?.data?.url ?? '')
      .split('/')
      .pop()
      ?.replace(/-[\w-]{8}\.js$/, '');
    if (u && e.name === 'FunctionCall') urls.set(u, (urls.get(u) ?? 0) + e.dur!);
  }
  return [...urls].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The renderer's main thread (the CrRendererMain thread with the most RunTask time) and its
 * complete events in time order, outer before inner.
 */
export function mainThread(events: Ev[]): { main: string | undefined; evs: Ev[] } {
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`))
      busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const evs = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  return { main, evs };
}

/**
 * Each thread's name and complete events ("pid:tid" keys), in time order, outer before inner;
 * only the process `pid` when given (the scripts that look at every thread beside a task).
 */
export function threads(
  events: Ev[],
  pid?: string,
): { names: Map<string, string>; byThread: Map<string, Ev[]> } {
  const names = new Map<string, string>();
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.name === 'thread_name') names.set(k, (e.args?.name as string | undefined) ?? '?');
    if (e.ph !== 'X' || e.dur === undefined || (pid !== undefined && `${e.pid}` !== pid)) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(e);
  }
  for (const evs of byThread.values()) evs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  return { names, byThread };
}

/**
 * Self time by label of the events inside one task: an event's duration less its children's
 * (events nest on one thread); what no event covers is '(task, no event)'.
 */
export function selfTimes(task: Ev, evs: Ev[]): Map<string, number> {
  const end = task.ts + task.dur!;
  const self = new Map<string, number>();
  const stack: { e: Ev; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= upTo) {
      const s = stack.pop()!;
      const l = label(s.e);
      self.set(l, (self.get(l) ?? 0) + s.e.dur! - s.child);
      if (stack.length) stack[stack.length - 1].child += s.e.dur!;
    }
  };
  let covered = 0;
  for (const e of evs) {
    if (e === task || e.ts < task.ts || e.ts + e.dur! > end) continue;
    close(e.ts);
    if (!stack.length) covered += e.dur!;
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  self.set('(task, no event)', task.dur! - covered);
  return self;
}
