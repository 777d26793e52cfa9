import type { Diagram } from '../model';
import { toElk, type LayoutResult, type Size } from './elkAdapter';
import type { LayoutReply, LayoutRequest } from './elk.worker';

export class LayoutTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Auto-layout took longer than ${Math.round(ms / 1000)} s and was stopped.`);
    this.name = 'LayoutTimeoutError';
  }
}
export class LayoutCancelledError extends Error {
  constructor() {
    super('Auto-layout was cancelled.');
    this.name = 'LayoutCancelledError';
  }
}

export interface LayoutRun {
  result: Promise<LayoutResult & { ms: number }>;
  /** Stop now: the worker is terminated (ELK cannot be interrupted any other way). */
  cancel(): void;
}

export type WorkerFactory = () => Worker;
const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });

let worker: Worker | null = null;
let seq = 0;

/** Terminate the worker a run used; a later run's fresh worker is left alone. */
function kill(w: Worker) {
  w.terminate();
  if (worker === w) worker = null;
}

/**
 * Lay a diagram out in the worker. One warm worker is reused across runs; a run past its
 * deadline, a worker error or cancel() terminates it, and the next run starts a fresh one.
 */
export function layoutInWorker(
  d: Diagram,
  sizes: Record<string, Size>,
  opts: { deadlineMs?: number; factory?: WorkerFactory } = {},
): LayoutRun {
  const deadlineMs = opts.deadlineMs ?? 10_000;
  const id = ++seq;
  const w = (worker ??= (opts.factory ?? defaultFactory)());
  let finish: ((err: Error | null, value?: LayoutResult & { ms: number }) => void) | null = null;

  const result = new Promise<LayoutResult & { ms: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill(w);
      finish?.(new LayoutTimeoutError(deadlineMs));
    }, deadlineMs);
    const onMessage = (ev: MessageEvent<LayoutReply>) => {
      if (ev.data.id !== id) return;
      if (ev.data.ok) finish?.(null, { ...ev.data.result, ms: ev.data.ms });
      else finish?.(new Error(ev.data.error));
    };
    const onError = (ev: ErrorEvent) => {
      kill(w);
      finish?.(new Error(ev.message || 'layout worker failed'));
    };
    finish = (err, value) => {
      finish = null;
      clearTimeout(timer);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (err) reject(err);
      else resolve(value!);
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, graph: toElk(d, sizes) } satisfies LayoutRequest);
  });
  return {
    result,
    cancel() {
      if (!finish) return;
      kill(w);
      finish(new LayoutCancelledError());
    },
  };
}

/**
 * A graph for warming ELK up: a few layers of fan-in, just over BIG_GRAPH nodes, so the
 * strategies big diagrams use (elkOptions) are the ones compiled, not only the small-graph ones.
 */
export function warmUpDiagram(nodeCount = WARM_UP_NODES): Diagram {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `w${i}`,
    kind: 'deliverable' as const,
    label: '',
    holders: [],
    organisation: '',
    description: '',
    position: { x: 0, y: 0 },
  }));
  // Node i feeds node ⌊i/2⌋ and, every third, ⌊i/3⌋: a tree with some shared inputs.
  const edges = nodes.slice(1).flatMap((n, k) => {
    const i = k + 1;
    const out = [
      { id: `we${i}`, kind: 'io' as const, source: n.id, target: `w${Math.floor(i / 2)}` },
    ];
    if (i % 3 === 0 && Math.floor(i / 3) !== Math.floor(i / 2))
      out.push({
        id: `wf${i}`,
        kind: 'io' as const,
        source: n.id,
        target: `w${Math.floor(i / 3)}`,
      });
    return out;
  });
  return { id: 'warm-up', name: '', nodes, edges };
}
/** Big enough to take elkOptions' big-graph branch, small enough to cost ~0.2–0.5 s in the background. */
const WARM_UP_NODES = 160;

/**
 * Start the worker and lay a generated graph out a few times while the user is still drawing,
 * so the first real auto-layout does not pay for ELK's start-up and JIT warm-up. Measured in Node
 * on 1,000 boxes (2 shared cores, loaded): first layout 4.1–4.5 s cold, 3.7–4.8 s after one
 * warm-up run, 2.9–3.5 s after three; fully warm 1.5–2.5 s. Runs in the worker (about 1.7 s of
 * its time, once per editor): the page does not wait for it, and results do not depend on it.
 */
export function warmLayoutWorker(factory?: WorkerFactory): void {
  if (worker) return;
  const g = warmUpDiagram();
  let warmed: Worker | null = null;
  const next = (left: number): void => {
    // Stop when the worker was disposed or replaced meanwhile: never start one for a closed editor.
    if (left === 0 || (warmed && worker !== warmed)) return;
    const run = layoutInWorker(g, {}, { deadlineMs: 20_000, factory });
    warmed ??= worker;
    run.result.then(
      () => next(left - 1),
      () => undefined,
    );
  };
  next(WARM_UP_RUNS);
}
const WARM_UP_RUNS = 3;

/** Stop the warm worker (the editor closes; tests start clean). Runs in flight time out or are cancelled. */
export function disposeLayoutWorker(): void {
  if (worker) kill(worker);
}
