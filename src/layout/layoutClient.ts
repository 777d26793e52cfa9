import type { Diagram } from '../model';
import { fromElk, toElk, type LayoutResult, type Size } from './elkAdapter';
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
const defaultFactory: WorkerFactory = () => new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });

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
      if (ev.data.ok) finish?.(null, { ...fromElk(ev.data.graph), ms: ev.data.ms });
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
 * Start the worker and run one small layout while the user is still drawing, so the first real
 * auto-layout does not pay for ELK's start-up and JIT warm-up (several hundred ms).
 */
export function warmLayoutWorker(factory?: WorkerFactory): void {
  if (worker) return;
  const nodes = Array.from({ length: 12 }, (_, i) => ({
    id: `w${i}`, kind: 'deliverable' as const, label: '', holders: [], organisation: '', description: '', position: { x: 0, y: 0 },
  }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `we${i}`, kind: 'io' as const, source: `w${Math.floor(i / 2)}`, target: n.id }));
  layoutInWorker({ id: 'warm-up', name: '', nodes, edges }, {}, { deadlineMs: 20_000, factory }).result.catch(() => undefined);
}

/** Stop the warm worker (the editor closes; tests start clean). Runs in flight time out or are cancelled. */
export function disposeLayoutWorker(): void {
  if (worker) kill(worker);
}
