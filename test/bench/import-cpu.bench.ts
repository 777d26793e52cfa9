/**
 * `npm run bench -- import-cpu [--rows N] [--runs R] [--port P] [--profile DIR]`: the account
 * import's CPU in a Chromium dedicated worker against Node — the same function
 * (importAccountBlocksAsync, test/bench/importCpuRun.ts) on the same bytes held in memory, one
 * import per fresh browser / fresh process (the app imports once, with a cold JIT), interleaved,
 * medians (issue 17 point 2: does the browser's V8 pay more per byte than the CLI's?).
 *
 * Chromium: the CPU of the worker's thread (user and system time from /proc, as the
 * browser-import bench counts the import worker) and its page faults; Node: the same of its main
 * thread (importCpuRun.ts reads /proc/self/task). Neither counts the helper threads (GC,
 * compiler). --profile DIR also writes a CPU profile of each (Chromium's worker through CDP:
 * Target.setAutoAttach with flatten from the page's session, then Profiler in the worker's;
 * Node's --cpu-prof) and prints the functions with the most self time side by side.
 *
 * JSON lines: import_thread_cpu_s (chromium, node), import_thread_sys_s, import_page_faults,
 * chromium_vs_node_thread_cpu_ratio, load_average_1min.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { benchDemoCsv, median } from './benchDemoCsv';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const ROWS = Number(opt('rows', '1000000'));
const RUNS = Number(opt('runs', '3'));
const PORT = Number(opt('port', '4117'));
const PROFILE = opt('profile', '');
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit, ...extra }));

const csv = benchDemoCsv(ROWS);
const playbook = resolve('templates', 'demo.json');
const out = resolve('node_modules', '.cache', 'waymark-bench');
const entry = resolve('test', 'bench', 'importCpuRun.ts');
const workerJs = join(out, 'import-cpu.worker.mjs');
const nodeJs = join(out, 'import-cpu.node.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  external: ['node:fs'],
  outfile: workerJs,
  logLevel: 'warning',
});
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: nodeJs,
  logLevel: 'warning',
});

/** CPU (user + system), system time (s) and minor faults of Chromium's dedicated worker threads. */
function workerThreads(): { cpu: number; sys: number; faults: number } {
  const kids = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  const sum = { cpu: 0, sys: 0, faults: 0 };
  const walk = (pid: number) => {
    try {
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        if (!/DedicatedWorker/i.test(readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8'))) continue;
        const f = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const r = f.slice(f.lastIndexOf(')') + 2).split(' ');
        sum.cpu += (Number(r[11]) + Number(r[12])) / 100;
        sum.sys += Number(r[12]) / 100;
        sum.faults += Number(r[7]);
      }
    } catch {
      /* gone */
    }
    for (const k of kids.get(pid) ?? []) walk(k);
  };
  walk(process.pid);
  return sum;
}

const server = createServer((req, res) => {
  const files: Record<string, [string, string]> = {
    '/': ['', 'text/html'],
    '/worker.mjs': [workerJs, 'text/javascript'],
    '/data.csv': [csv, 'text/csv'],
    '/demo.json': [playbook, 'application/json'],
  };
  const f = files[req.url ?? ''];
  if (!f) return void res.writeHead(404).end();
  if (!f[0]) return void res.writeHead(200, { 'content-type': f[1] }).end('<!doctype html>');
  res.writeHead(200, { 'content-type': f[1], 'content-length': statSync(f[0]).size });
  createReadStream(f[0]).pipe(res);
});
await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', r));

interface Sample {
  ms: number;
  cpu: number;
  sys: number;
  faults: number;
}

/** One import in a fresh Chromium's dedicated worker (with --profile, profiled through CDP). */
async function inChromium(profileTo = ''): Promise<Sample> {
  const debugPort = PORT + 1;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? findChromium() ?? undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      ...(profileTo ? [`--remote-debugging-port=${debugPort}`] : []),
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const cdp = profileTo ? await workerProfiler(debugPort) : null;
    const ask = (m: string) =>
      page.evaluate(
        (m) =>
          new Promise<{ ms: number }>((res) => {
            const g = globalThis as unknown as { w?: Worker };
            g.w ??= new Worker('/worker.mjs', { type: 'module' });
            g.w.onmessage = (e) => res(e.data as { ms: number });
            g.w.postMessage(m);
          }),
        m,
      );
    await ask('load');
    if (cdp) await cdp.start();
    const before = workerThreads();
    const r = await ask('run');
    const after = workerThreads();
    if (cdp) await cdp.stop(profileTo);
    return {
      ms: r.ms,
      cpu: after.cpu - before.cpu,
      sys: after.sys - before.sys,
      faults: after.faults - before.faults,
    };
  } finally {
    await browser.close();
  }
}

/**
 * Profiler of the page's first dedicated worker through the browser's CDP endpoint: the page's
 * target attached with flatten, auto-attach to its workers, Profiler in the worker's session.
 */
async function workerProfiler(port: number) {
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const ws = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener('open', r, { once: true }));
  let id = 0;
  const waiting = new Map<number, (v: Record<string, unknown>) => void>();
  let workerSession: ((s: string) => void) | null = null;
  const session = new Promise<string>((r) => (workerSession = r));
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data)) as {
      id?: number;
      method?: string;
      result?: Record<string, unknown>;
      params?: { sessionId: string; targetInfo: { type: string } };
    };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? {});
    else if (m.method === 'Target.attachedToTarget' && m.params?.targetInfo.type === 'worker')
      workerSession?.(m.params.sessionId);
  });
  const send = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((res) => {
      waiting.set(++id, res);
      ws.send(JSON.stringify({ id, method, params, sessionId }));
    });
  const { targetInfos } = (await send('Target.getTargets')) as {
    targetInfos: { type: string; targetId: string }[];
  };
  const pageTarget = targetInfos.find((t) => t.type === 'page')!;
  const { sessionId } = (await send('Target.attachToTarget', {
    targetId: pageTarget.targetId,
    flatten: true,
  })) as { sessionId: string };
  await send(
    'Target.setAutoAttach',
    { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
    sessionId,
  );
  return {
    async start() {
      const s = await session;
      await send('Profiler.enable', {}, s);
      await send('Profiler.start', {}, s);
    },
    async stop(to: string) {
      const s = await session;
      const { profile } = await send('Profiler.stop', {}, s);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(to, JSON.stringify(profile));
      ws.close();
    },
  };
}

/** One import in a fresh Node process (with --profile, under --cpu-prof into DIR/node). */
function inNode(profileDir = ''): Sample {
  const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const r = spawnSync(process.execPath, [...flags, nodeJs, csv, playbook], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node import failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Sample;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}
/** Self time (ms) per function name in a .cpuprofile, the largest first. */
function selfTimes(file: string): [string, number][] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const name = new Map(p.nodes.map((n) => [n.id, n.callFrame.functionName || '(anonymous)']));
  const self = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const k = name.get(p.samples[i])!;
    self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
}

if (PROFILE && typeof WebSocket === 'undefined') {
  // Node 20 has WebSocket (for CDP) behind a flag: run again with it.
  server.close();
  const r = spawnSync(
    process.execPath,
    ['--experimental-websocket', '--import', 'tsx', process.argv[1], ...args],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}
try {
  const res: Record<'chromium' | 'node', Sample[]> = { chromium: [], node: [] };
  const load: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const env of run % 2 ? (['node', 'chromium'] as const) : (['chromium', 'node'] as const)) {
      load.push(loadavg()[0]);
      const s = env === 'chromium' ? await inChromium() : inNode();
      console.error(`import-cpu: ${env} ${JSON.stringify(s)}`);
      res[env].push(s);
    }
  }
  for (const env of ['chromium', 'node'] as const) {
    const list = res[env];
    const extra = { env, rows: ROWS, runs: RUNS };
    line('import_thread_cpu_s', median(list.map((s) => s.cpu)), 's (import thread, median)', {
      ...extra,
      samples: list.map((s) => s.cpu),
      wall_ms: list.map((s) => Math.round(s.ms)),
    });
    line('import_thread_sys_s', median(list.map((s) => s.sys)), 's (system time, median)', extra);
    line('import_page_faults', median(list.map((s) => s.faults)), 'minor faults (median)', extra);
  }
  line(
    'chromium_vs_node_thread_cpu_ratio',
    median(res.chromium.map((s) => s.cpu)) / median(res.node.map((s) => s.cpu)),
    'ratio (Chromium worker thread ÷ Node main thread, CPU)',
    { rows: ROWS, runs: RUNS },
  );
  line('load_average_1min', median(load), 'load (median before each import)', {
    samples: load.map((l) => Math.round(l * 100) / 100),
  });
  if (PROFILE) {
    mkdirSync(join(PROFILE, 'node'), { recursive: true });
    const chromeProfile = join(PROFILE, 'chromium-worker.cpuprofile');
    await inChromium(chromeProfile);
    inNode(join(PROFILE, 'node'));
    const nodeProfile = join(PROFILE, 'node', readdirSync(join(PROFILE, 'node')).sort().pop()!);
    const c = selfTimes(chromeProfile);
    const n = new Map(selfTimes(nodeProfile));
    console.error('import-cpu: self time, ms (Chromium worker | Node)');
    for (const [k, ms] of c.slice(0, 25))
      console.error(
        `${Math.round(ms).toString().padStart(7)} | ${Math.round(n.get(k) ?? 0)
          .toString()
          .padStart(7)}  ${k}`,
      );
  }
} finally {
  server.close();
}
