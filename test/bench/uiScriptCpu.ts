/**
 * The page's script and rendering CPU per task, from the traces the ui bench keeps
 * (`UI_TRACE_DIR=dir npm run bench -- ui --trace …`): for each `dir/NAME.json`, the main thread's
 * task with the most script CPU (outermost FunctionCall / EvaluateScript / v8.evaluateModule
 * events' thread time: a React render or commit, a message handler, a chunk's evaluation) and
 * the one with the most rendering CPU (UpdateLayoutTree, Layout, PrePaint, Paint, Layerize), and
 * the script CPU of all tasks. Thread time, so a task stretched by other threads or processes
 * shows its own work: what a change to the page's code moves.
 *
 *   npx tsx test/bench/uiScriptCpu.ts DIR [DIR…]   (one JSON line per interaction and dir)
 */
import { readdirSync } from 'node:fs';
import { mainThread, readTrace, type Ev } from './uiTrace';

const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule']);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize']);
const r1 = (x: number) => Math.round(x * 10) / 10;

for (const dir of process.argv.slice(2))
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const { evs } = mainThread(readTrace(`${dir}/${f}`));
    let maxScript = 0;
    let maxRender = 0;
    let script = 0;
    let task: Ev | null = null;
    let end = -1;
    let s = 0;
    let r = 0;
    let sEnd = -1;
    let rEnd = -1;
    const close = () => {
      if (!task) return;
      maxScript = Math.max(maxScript, s);
      maxRender = Math.max(maxRender, r);
      script += s;
    };
    for (const e of evs) {
      if (e.name === 'RunTask' && e.ts >= end) {
        close();
        task = e;
        end = e.ts + e.dur!;
        s = r = 0;
        sEnd = rEnd = -1;
        continue;
      }
      if (!task || e.ts >= end) continue;
      // Outermost events only (a script inside a script, or a Paint inside a Paint, once).
      if (SCRIPT.has(e.name) && e.ts >= sEnd) {
        s += (e.tdur ?? 0) / 1000;
        sEnd = e.ts + e.dur!;
      }
      if (RENDER.has(e.name) && e.ts >= rEnd) {
        r += (e.tdur ?? 0) / 1000;
        rEnd = e.ts + e.dur!;
      }
    }
    close();
    console.log(
      JSON.stringify({
        dir,
        name: f.replace(/\.json$/, ''),
        maxTaskScriptCpuMs: r1(maxScript),
        maxTaskRenderCpuMs: r1(maxRender),
        scriptCpuMs: r1(script),
      }),
    );
  }
