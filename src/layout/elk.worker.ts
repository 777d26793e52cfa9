/// <reference lib="webworker" />
// The layout worker: ELK blocks whatever thread it runs on (seconds on big graphs), so the
// page stays responsive and a run that overstays its deadline is ended with terminate().
import type { ElkNode } from 'elkjs/lib/elk-api';
import { initElk, runElk } from './runElk';
import { fromElk, type LayoutResult } from './elkAdapter';

export type LayoutRequest = { id: number; graph: ElkNode };
// The compact result, not ELK's whole graph (ports, options, sections): the page deserialises
// the message on its main thread, and a 1,000-box graph took tens of ms there.
export type LayoutReply =
  | { id: number; ok: true; result: LayoutResult; ms: number }
  | { id: number; ok: false; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(ev: MessageEvent<LayoutRequest>) {
  const { id, graph } = ev.data;
  const t0 = performance.now();
  try {
    const out = await runElk(graph);
    scope.postMessage({
      id,
      ok: true,
      result: fromElk(out),
      ms: performance.now() - t0,
    } satisfies LayoutReply);
  } catch (e) {
    scope.postMessage({
      id,
      ok: false,
      error: e instanceof Error ? e.message : String(e),
    } satisfies LayoutReply);
  } finally {
    reclaim();
  }
}

// elk.bundled.js, when its code runs inside a worker, installs its own dispatcher as
// self.onmessage, which would swallow every later request (the second layout never answered).
// Run that code now, then take the handler back (and again after each run, defensively).
function reclaim() {
  if (scope.onmessage !== handle) scope.onmessage = handle;
}
initElk();
reclaim();
