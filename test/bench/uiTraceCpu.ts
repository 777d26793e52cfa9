/**
 * Main-thread CPU per measured interaction, from the traces the ui bench keeps
 * (`UI_TRACE_DIR=dir npm run bench -- ui --trace …`): for each `dir/NAME.json`, the renderer main
 * thread's tasks (RunTask) — their CPU time summed (thread time, which does not stretch with the
 * machine's load the way wall time does), their wall time, and the longest task (wall / CPU).
 *
 *   npx tsx test/bench/uiTraceCpu.ts DIR [DIR…]   (one JSON line per interaction and dir)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mainThread, type Ev } from './uiTrace';

for (const dir of process.argv.slice(2))
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const raw = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Ev[] | { traceEvents: Ev[] };
    const events = Array.isArray(raw) ? raw : raw.traceEvents;
    const { evs } = mainThread(events);
    // Top-level tasks only (a RunTask inside another is counted in its parent).
    let end = -1;
    let cpu = 0;
    let wall = 0;
    let longest = { wall: 0, cpu: 0 };
    for (const e of evs) {
      if (e.name !== 'RunTask' || e.ts < end) continue;
      end = e.ts + e.dur!;
      cpu += (e.tdur ?? 0) / 1000;
      wall += e.dur! / 1000;
      if (e.dur! / 1000 > longest.wall)
        longest = { wall: e.dur! / 1000, cpu: (e.tdur ?? 0) / 1000 };
    }
    const r = (x: number) => Math.round(x * 10) / 10;
    console.log(
      JSON.stringify({
        dir,
        name: f.replace(/\.json$/, ''),
        mainCpuMs: r(cpu),
        mainWallMs: r(wall),
        longestWallMs: r(longest.wall),
        longestCpuMs: r(longest.cpu),
      }),
    );
  }
