/**
 * `npx tsx test/bench/uiReloadAb.ts`: the reload and the search of `npm run bench -- ui`, for two
 * built apps side by side on one seeded browser profile (the 1M-account seed is done once, then
 * kept in --profile-dir), interleaved A, B, B, A, … on the same origin, so both read the same
 * IndexedDB. Per round and build: reload → stored summary, → full dashboard, → the run's tabs
 * (the re-derived run), the longest main-thread task of the reload, then a search typed one key
 * at a time (latency of each and the longest task), and the CPU time of all Chromium processes
 * (page, workers, GPU, browser) and of the page's main thread (CDP Performance TaskDuration)
 * over the reload. Prints JSON lines and, at the end, medians per build and B/A ratios.
 *
 * Options: --a DIR --b DIR (built apps, `npx vite build --outDir DIR`), --rows N (default
 * 1000000), --rounds N (default 3), --port P (default 5196), --profile-dir DIR (default
 * /tmp/waymark-ui-ab), --seed-with a|b (default a), --cpuprofile (print each reload's
 * main-thread functions by self time: build unminified to read them), --cpu-tasks (a Chrome trace
 * of each reload: each main-thread task's CPU time (the trace's thread time), so the longest
 * task before and after the dashboard is also given in CPU ms, which a loaded machine inflates
 * far less than wall time), --all-tasks MS (as --cpu-tasks, and print every main-thread task of
 * the reload over MS ms of CPU in time order: ms after the reload's first task, before or after
 * the dashboard showed, and its events by self time), --trace-dir DIR (keep each reload's trace).
 * After the re-derived run is in, the accounts tab is opened (its first open: the run handed to
 * the row-query worker): `tab_accounts_*`, and with --cpu-tasks its tasks in the same trace.
 * --hog N: N busy-looping processes beside the rounds (after the seed), the same extra load
 * for both builds (cpuHog.ts). `stored_ms` is when Playwright saw the dashboard (its waitFor polls
 * every 500 ms after the first ~270 ms); `stored_dom_ms` / `stored_frame_ms` when the page had
 * its accounts count in the DOM / the frame after it (a MutationObserver in the page), `dcl_ms`
 * the new document's DOMContentLoaded. --wait-commit: the reload is taken as done at the new
 * document's commit, not its load event (Playwright's polling starts there). --server-apart: the
 * app served from a process in its own session, scheduled apart from the hogs (a real server is
 * not on the user's CPU; the ui bench's `vite preview` is apart too).
 */
import { dashboardSeen, watchDashboard } from './dashShown';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { seedDemoRuns } from './benchRuns';
import { serveBuiltApp } from './builtAppServer';
import { serveBuiltAppApart } from './builtAppServerApart';
import { mainThread, selfTimes, type Ev } from './uiTrace';
import { hogCount, startHog } from './cpuHog';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const dirs = { a: resolve(opt('a', 'dist-ab-a')), b: resolve(opt('b', 'dist-ab-b')) };
const rows = Number(opt('rows', '1000000'));
const rounds = Number(opt('rounds', '3'));
const port = Number(opt('port', '5196'));
const profileDir = opt('profile-dir', '/tmp/waymark-ui-ab');
const seedWith = opt('seed-with', 'a') as 'a' | 'b';
const cpuProfile = args.includes('--cpuprofile');
const cpuTasks = args.includes('--cpu-tasks') || args.includes('--all-tasks');
const allTasks = Number(opt('all-tasks', '0'));
const traceDir = opt('trace-dir', '');
const hogs = hogCount(args);
const waitCommit = args.includes('--wait-commit');
const serverApart = args.includes('--server-apart');
let serving: 'a' | 'b' = seedWith;

const ticksOf = (statPath: string) => {
  const f = readFileSync(statPath, 'utf8');
  const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return Number(parts[11]) + Number(parts[12]);
};
/**
 * CPU seconds (user + system) of this browser's processes: all of them (page, workers, GPU,
 * browser), and the renderers' main threads only (the page's main thread: tid = pid).
 */
function chromiumCpu(): { all: number; main: number } {
  const hz = 100;
  let all = 0;
  let main = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(profileDir) && !isChild(pid)) continue;
      all += ticksOf(`/proc/${pid}/stat`);
      if (cmd.includes('--type=renderer')) main += ticksOf(`/proc/${pid}/task/${pid}/stat`);
    } catch {
      /* gone */
    }
  }
  return { all: all / hz, main: main / hz };
}
let browserPid = 0;
function isChild(pid: string): boolean {
  // Chromium's zygote children carry no profile dir on their command line: walk up to the browser.
  let p = pid;
  for (let i = 0; i < 6; i++) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = f.slice(f.lastIndexOf(')') + 2).split(' ')[1];
      if (Number(ppid) === browserPid) return true;
      if (ppid === '0' || ppid === '1') return false;
      p = ppid;
    } catch {
      return false;
    }
  }
  return false;
}

const out = (o: Record<string, unknown>) => console.log(JSON.stringify(o));

async function main() {
  // --server-apart: the app served by a process in a session (autogroup) of its own, not by this
  // one, which shares its CPU share with the hogs (builtAppServerApart.ts).
  const apart = serverApart ? await serveBuiltAppApart(port, dirs[serving]) : null;
  const server = apart ?? (await serveBuiltApp(() => dirs[serving], port));
  const serve = async (b: 'a' | 'b') => {
    serving = b;
    await apart?.setRoot(dirs[b]);
  };
  const base = server.base;
  const ctx: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-gpu'],
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
  });
  // The browser process: the parent of the renderers, found by the profile dir.
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${profileDir}`) && !cmd.includes('--type=')) {
        browserPid = Number(pid);
        break;
      }
    } catch {
      /* gone */
    }
  }
  await ctx.addInitScript(() => {
    localStorage.setItem('waymark.lang', 'en');
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const n = rows.toLocaleString('en-US');
  // When the page itself had the dashboard (Playwright's polling is up to ~500 ms late).
  await watchDashboard(ctx, n);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(600_000);
  await page.goto(`${base}/#/p/demo/results`);
  const have = await page
    .getByTestId('stored-kpi-accounts')
    .or(page.getByTestId('kpi-accounts'))
    .filter({ hasText: n })
    .first()
    .waitFor({ timeout: 20_000 })
    .then(
      () => true,
      () => false,
    );
  if (!have) await seedDemoRuns(page, base, rows);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const results: Record<'a' | 'b', Record<string, number[]>> = { a: {}, b: {} };
  const keep = (b: 'a' | 'b', k: string, v: number) => (results[b][k] ??= []).push(v);
  const hog = startHog(hogs);
  for (let r = 0; r < rounds; r++) {
    const order: ('a' | 'b')[] = r % 2 ? ['b', 'a'] : ['a', 'b'];
    for (const b of order) {
      await serve(b);
      // Start from the Results dashboard of the build under test (its bundle loaded once).
      await page.goto(`${base}/?build=${b}&round=${r}#/p/demo/results`);
      await page.getByTestId('kpi-accounts').filter({ hasText: n }).waitFor();
      await page.getByTestId('tab-accounts').waitFor();
      await page.waitForTimeout(1500);
      const load = (await import('node:os')).loadavg()[0];
      const cpu0 = chromiumCpu();
      const task0 = await taskSeconds();
      let prof: import('./uiProfile').Profiling | null = null;
      if (cpuProfile) prof = await (await import('./uiProfile')).startProfile(page);
      if (cpuTasks)
        await cdp.send('Tracing.start', {
          categories:
            'toplevel,disabled-by-default-devtools.timeline,devtools.timeline,v8.execute,disabled-by-default-v8.gc,blink.user_timing,__metadata' +
            // Every task named by what ran in it (V8 compile and deserialise, Blink, IPC).
            (allTasks > 0
              ? ',v8,blink,ipc,mojom,loading,cppgc,disabled-by-default-cppgc,disabled-by-default-v8.compile,IndexedDB'
              : ''),
          transferMode: 'ReturnAsStream',
        });
      const w0 = Date.now();
      // --wait-commit: Playwright polls for the dashboard from the new document's commit, not
      // from its load event (which waits for every chunk fetched before it): its first poll
      // evaluates its ~330 kB utility script on the page's main thread (~90 ms of CPU under one
      // hog), which otherwise lands wherever the load event falls.
      await page.reload(waitCommit ? { waitUntil: 'commit' } : undefined);
      await page
        .getByTestId('stored-kpi-accounts')
        .or(page.getByTestId('kpi-accounts'))
        .filter({ hasText: n })
        .first()
        .waitFor();
      const stored = Date.now() - w0;
      await page.getByTestId('kpi-accounts').filter({ hasText: n }).waitFor();
      const dashboard = Date.now() - w0;
      // The same, as the page saw it (ms after the reload was asked for, on the same clock), and
      // the new document's DOMContentLoaded (ms after its navigation started).
      const seen = await dashboardSeen(page, w0);
      const storedDom = seen.dom;
      const storedFrame = seen.frame;
      // The page's clock when the dashboard showed: tasks before it belong to the reload's first
      // draw (ui bench: reload_to_dashboard), tasks after it to the re-derived run.
      const tDash = await page.evaluate(() => {
        performance.mark('waymark:ab-dashboard');
        return performance.now();
      });
      await page.getByTestId('tab-accounts').waitFor();
      const rederived = Date.now() - w0;
      await page.waitForTimeout(300);
      const cpu1 = chromiumCpu();
      const task1 = await taskSeconds();
      if (prof) await prof.stop(`reload_${b}`, true);
      // The accounts tab's first open after the reload (the run handed to the row-query worker),
      // in the same trace: tasks after the 'waymark:ab-tab' mark.
      await page.waitForTimeout(1000);
      const tTab = await page.evaluate(() => {
        performance.mark('waymark:ab-tab');
        return performance.now();
      });
      const t0Tab = Date.now();
      await page.getByTestId('tab-accounts').click();
      await settled(page);
      const tabMs = Date.now() - t0Tab;
      await page.waitForTimeout(300);
      const traced = cpuTasks ? await traceTasks(cdp, `${b} round ${r}`) : null;
      const tasks = await page.evaluate(
        () =>
          (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks,
      );
      const longest = (xs: { duration: number }[]) => Math.max(0, ...xs.map((x) => x.duration));
      const tabTasks = tasks.filter((x) => x.start >= tTab);
      tasks.splice(0, tasks.length, ...tasks.filter((x) => x.start < tTab));
      const lt = tasks.map((x) => x.duration);
      // TaskDuration: the main thread's busy time (wall, not CPU); a reload may reset it.
      const mainBusy = task1 >= task0 ? task1 - task0 : task1;
      const row = {
        build: b,
        round: r,
        load: Math.round(load * 10) / 10,
        hog: hogs,
        stored_ms: stored,
        stored_dom_ms: storedDom,
        stored_frame_ms: storedFrame,
        dcl_ms: seen.dcl,
        dashboard_ms: dashboard,
        rederived_ms: rederived,
        reload_longest_task_ms: Math.max(0, ...lt),
        dashboard_longest_task_ms: longest(tasks.filter((x) => x.start < tDash)),
        rederived_longest_task_ms: longest(tasks.filter((x) => x.start >= tDash)),
        reload_tasks_over_100ms: lt.filter((d) => d > 100).length,
        tab_accounts_ms: tabMs,
        tab_accounts_longest_task_ms: longest(tabTasks),
        ...(traced ?? {}),
        reload_main_busy_s: Math.round(mainBusy * 1000) / 1000,
        reload_main_cpu_s: Math.round((cpu1.main - cpu0.main) * 100) / 100,
        reload_all_cpu_s: Math.round((cpu1.all - cpu0.all) * 100) / 100,
      };
      // Search: five keys of an id's tail, one at a time (the accounts tab is open).
      const id = (await page.getByTestId('account-row').nth(3).locator('a').textContent()) ?? '';
      const needle = id.slice(-5);
      const search = page.getByTestId('account-search');
      const keys: number[] = [];
      const keyTasks: number[] = [];
      for (let k = 1; k <= needle.length; k++) {
        await page.waitForTimeout(300);
        const t0 = await page.evaluate(() => performance.now());
        const s0 = Date.now();
        await search.press(needle[k - 1]);
        await page.waitForFunction(
          (v) => {
            const el = document.querySelector('[data-testid="account-count"]');
            const input = document.querySelector<HTMLInputElement>(
              '[data-testid="account-search"]',
            );
            return (
              input?.value === v &&
              !!el &&
              el.getAttribute('data-pending') !== 'true' &&
              el.hasAttribute('data-count')
            );
          },
          needle.slice(0, k),
          { polling: 'raf' },
        );
        keys.push(Date.now() - s0);
        await page.waitForTimeout(300);
        keyTasks.push(
          await page.evaluate(
            (from) =>
              Math.max(
                0,
                ...(
                  window as unknown as { __longtasks: { start: number; duration: number }[] }
                ).__longtasks
                  .filter((x) => x.start >= from - 1)
                  .map((x) => x.duration),
              ),
            t0,
          ),
        );
      }
      await search.fill('');
      await settled(page);
      const all = {
        ...row,
        search_key_ms: keys,
        search_key_longest_task_ms: keyTasks,
        search_key1_ms: keys[0],
        search_max_ms: Math.max(...keys),
        search_longest_task_ms: Math.max(...keyTasks),
      };
      out(all);
      for (const [k, v] of Object.entries(all))
        if (typeof v === 'number' && k !== 'round') keep(b, k, v);
    }
  }
  hog.stop();
  const med = (v: number[]) => {
    const s = [...v].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const k of Object.keys(results.a)) {
    const a = med(results.a[k]);
    const b = med(results.b[k] ?? []);
    out({ median: k, a, b, b_over_a: a ? Math.round((b / a) * 1000) / 1000 : null });
  }
  await ctx.close();
  server.close();
}

/**
 * The trace of one reload: the renderer main thread's tasks (RunTask) split at the page's
 * 'waymark:ab-dashboard' mark, the longest of each part in wall ms and in CPU ms (thread time).
 */
async function traceTasks(cdp: import('playwright-core').CDPSession, tag: string) {
  const done = new Promise<string>((r) =>
    cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => r(e.stream ?? '')),
  );
  await cdp.send('Tracing.end');
  const handle = await done;
  let text = '';
  for (;;) {
    const c = (await cdp.send('IO.read', { handle })) as {
      data: string;
      eof: boolean;
      base64Encoded?: boolean;
    };
    text += c.base64Encoded ? Buffer.from(c.data, 'base64').toString('utf8') : c.data;
    if (c.eof) break;
  }
  await cdp.send('IO.close', { handle });
  const events = (JSON.parse(text) as { traceEvents: Ev[] }).traceEvents;
  const { main, evs } = mainThread(events);
  if (traceDir) {
    mkdirSync(traceDir, { recursive: true });
    writeFileSync(`${traceDir}/${tag.replace(/ /g, '-')}.json`, text);
  }
  const mark = events.find((e) => e.name === 'waymark:ab-dashboard')?.ts ?? Infinity;
  const tabMark = events.find((e) => e.name === 'waymark:ab-tab')?.ts ?? Infinity;
  const tasks = main ? evs.filter((e) => e.name === 'RunTask') : [];
  const max = (xs: number[]) => Math.round(Math.max(0, ...xs) / 100) / 10;
  const before = tasks.filter((e) => e.ts < mark);
  const after = tasks.filter((e) => e.ts >= mark && e.ts < tabMark);
  const tab = tasks.filter((e) => e.ts >= tabMark);
  // What the part's longest task (by CPU) spent its time on: its events by self time.
  for (const [part, xs] of [
    ['dashboard', before],
    ['rederived', after],
    ['tab_accounts', tab],
  ] as const) {
    const task = [...xs].sort((x, y) => (y.tdur ?? 0) - (x.tdur ?? 0))[0];
    if (!task) continue;
    const self = selfTimes(task, evs);
    self.delete('(task, no event)');
    const top = [...self].sort((x, y) => y[1] - x[1]).slice(0, 8);
    console.error(
      `${tag} ${part}: longest task ${((task.tdur ?? 0) / 1000).toFixed(0)} ms CPU / ${(task.dur! / 1000).toFixed(0)} ms wall: ` +
        top.map(([l, v]) => `${l} ${(v / 1000).toFixed(0)}`).join(' | '),
    );
  }
  if (allTasks > 0 && tasks.length) {
    const t0 = tasks[0].ts;
    // Every page mark of the reload, in order (what the app drew when).
    const marks = events
      .filter((e) => e.cat?.includes('blink.user_timing') && e.ph !== 'e' && e.ts >= t0)
      .sort((x, y) => x.ts - y.ts);
    console.error(
      `${tag} marks: ` + marks.map((e) => `${e.name}@${((e.ts - t0) / 1000).toFixed(0)}`).join(' '),
    );
    for (const task of tasks) {
      if ((task.tdur ?? 0) < allTasks * 1000) continue;
      const self = selfTimes(task, evs);
      self.delete('(task, no event)');
      const top = [...self].sort((x, y) => y[1] - x[1]).slice(0, 6);
      // The page's performance marks inside the task (what the app says it was doing).
      const marks = events
        .filter(
          (e) =>
            e.cat?.includes('blink.user_timing') &&
            e.ts >= task.ts &&
            e.ts <= task.ts + task.dur! &&
            e.ph !== 'e',
        )
        .map((e) => e.name);
      console.error(
        `${tag} +${((task.ts - t0) / 1000).toFixed(0)} ms ${task.ts < mark ? 'before dashboard' : task.ts < tabMark ? 'after dashboard' : 'tab'}: ${((task.tdur ?? 0) / 1000).toFixed(0)} ms CPU / ${(task.dur! / 1000).toFixed(0)} wall: ` +
          top.map(([l, v]) => `${l} ${(v / 1000).toFixed(0)}`).join(' | ') +
          (marks.length ? ` [marks: ${[...new Set(marks)].join(', ')}]` : ''),
      );
    }
  }
  return {
    trace_dashboard_longest_task_ms: max(before.map((e) => e.dur ?? 0)),
    trace_dashboard_longest_task_cpu_ms: max(before.map((e) => e.tdur ?? 0)),
    trace_rederived_longest_task_ms: max(after.map((e) => e.dur ?? 0)),
    trace_rederived_longest_task_cpu_ms: max(after.map((e) => e.tdur ?? 0)),
    trace_tab_accounts_longest_task_ms: max(tab.map((e) => e.dur ?? 0)),
    trace_tab_accounts_longest_task_cpu_ms: max(tab.map((e) => e.tdur ?? 0)),
    trace_tab_accounts_cpu_ms: Math.round(tab.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1e3),
    trace_main_cpu_s:
      Math.round([...before, ...after].reduce((s, e) => s + (e.tdur ?? 0), 0) / 1e4) / 100,
  };
}

function settled(p: Page) {
  return p.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="account-count"]');
      return !!el && el.getAttribute('data-pending') !== 'true' && el.hasAttribute('data-count');
    },
    undefined,
    { polling: 'raf' },
  );
}

await main();
