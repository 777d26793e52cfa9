import type { PredictiveBacktestResult, ScoreResult } from '../engine';
import type { AccountTable } from '../table/columns';
import type { ExportJob, ExportRequest, ExportResponse, RunLife, ShownRun } from './exportProtocol';
import { SendWindow, sendInTasks, SpareBuffers, split } from './pieces';

/**
 * The page's side of the run worker (export.worker.ts): one worker for the page, which keeps the
 * last run it was sent (a run is cloned to it once, not per export or backtest). `cancel()` asks the worker to stop
 * between chunks (it aborts the file's writable); a worker that does not answer within two
 * seconds is terminated.
 */
export interface ExportProgress {
  phase: 'write' | 'pack';
  done: number;
  total: number;
}

export class ExportCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

let worker: Worker | null = null;
let heldKey = -1;
let seq = 0;
let nextKey = 1;
const keys = new WeakMap<ScoreResult, number>();
type Answer = Exclude<ExportResponse, { type: 'progress' | 'failed' | 'cancelled' }>;
const waiting = new Map<
  number,
  {
    resolve: (m: Answer) => void;
    reject: (e: unknown) => void;
    onProgress?: (p: ExportProgress) => void;
  }
>();

function ensure(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (ev: MessageEvent<ExportResponse>) => {
    const m = ev.data;
    if (m.type === 'spare') return spares.give(m.buffer);
    if (m.type === 'synced') return flow?.synced(m.n, m.key);
    const p = waiting.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m);
    waiting.delete(m.id);
    if (m.type === 'cancelled') p.reject(new ExportCancelled());
    else if (m.type === 'failed') p.reject(new Error(m.message));
    else p.resolve(m);
  };
  w.onerror = (ev) => {
    ev.preventDefault();
    drop(new Error(ev.message || 'run worker crashed'));
  };
  worker = w;
  return w;
}

function drop(reason: Error): void {
  worker?.terminate();
  worker = null;
  heldKey = -1;
  sending = null;
  flow?.close();
  flow = null;
  for (const p of waiting.values()) p.reject(reason);
  waiting.clear();
}

type Body = ExportRequest extends infer R
  ? R extends { type: 'cancel' | 'hold' | 'piece' }
    ? never
    : R extends unknown
      ? Omit<R, 'id' | 'key'>
      : never
  : never;

let sending: { key: number; done: Promise<void> } | null = null;
/** The pieces' buffers, handed back by the worker once placed and copied into again. */
const spares = new SpareBuffers();
/**
 * The hand-over's flow control: at most two tasks of pieces not yet placed by the worker. Made
 * with the hold's key, which the worker's `synced` answers carry: an answer for an earlier hold
 * (still in flight when the next began) is not counted against this one's window.
 */
let flow: SendWindow | null = null;

/** Parts of a run no job of the run worker reads (exports, backtest, lifecycle, counts). */
const UNREAD = new Set<string>(['measureContribution'] satisfies (keyof ScoreResult)[]);

/** Make the worker hold this run, sent in pieces (one per task: no long task on the page). */
function hold(w: Worker, key: number, result: ScoreResult, table: AccountTable): Promise<void> {
  // A run still being sent: wait for its last piece (a request posted before it would find
  // the worker holding a half-filled run — seen as the backtest failing right after a reload).
  if (sending?.key === key) return sending.done;
  if (heldKey === key) return Promise.resolve();
  heldKey = key;
  // Strings in slices of 10,000: a slice of 50,000 cost the page a task of ~0.2 s at 1M.
  const { skeleton, pieces: all } = split({ key, result, table }, 10_000);
  // Not sent: what no job of the worker reads (8 MB a measure at a million accounts).
  const sent = (skeleton as { result: Record<string, unknown> }).result;
  for (const k of UNREAD) delete sent[k];
  const pieces = all.filter((p) => !(p.path[0] === 'result' && UNREAD.has(p.path[1] as string)));
  w.postMessage({ type: 'hold', key, skeleton } satisfies ExportRequest);
  flow?.close();
  const win = (flow = new SendWindow(2, key));
  // A few pieces per task (sendInTasks: ~4 ms of them), not one: fewer tasks and messages; the
  // next task only once the worker placed all but the last two tasks' pieces (SendWindow: a
  // page gone leaves the worker no backlog to place).
  const done = sendInTasks(
    pieces,
    (p) => {
      const { piece, transfer } = spares.detach(p);
      w.postMessage({ type: 'piece', key, piece } satisfies ExportRequest, transfer);
    },
    {
      live: () => worker === w && heldKey === key,
      onTask: () => w.postMessage({ type: 'sync', key, n: win.sent() } satisfies ExportRequest),
      ready: () => win.ready(),
    },
  ).then(() => {
    if (flow === win) flow = null;
  });
  sending = { key, done };
  return done;
}

/**
 * Send a request about `result`; the run (result + `table`, which must hold the columns every
 * job reads: see ui/results/workerTable.ts) is sent to the worker only when it holds another.
 */
function request(
  result: ScoreResult,
  table: AccountTable,
  body: Body,
  onProgress?: (p: ExportProgress) => void,
): { id: number; w: Worker; promise: Promise<Answer> } {
  const w = ensure();
  let key = keys.get(result);
  if (key === undefined) keys.set(result, (key = nextKey++));
  const id = ++seq;
  const promise = new Promise<Answer>((resolve, reject) =>
    waiting.set(id, { resolve, reject, onProgress }),
  );
  const k = key;
  void hold(w, k, result, table).then(() => {
    if (waiting.has(id)) w.postMessage({ ...body, id, key: k } as ExportRequest);
  });
  return { id, w, promise };
}

/** Start an export. */
export function exportInWorker(
  result: ScoreResult,
  table: AccountTable,
  job: ExportJob,
  handle: FileSystemFileHandle | undefined,
  onProgress?: (p: ExportProgress) => void,
): { promise: Promise<{ bytes: number; blob?: Blob; url?: string }>; cancel: () => void } {
  const { id, w, promise } = request(result, table, { type: 'export', job, handle }, onProgress);
  return {
    promise: promise.then((m) => m as Extract<ExportResponse, { type: 'done' }>),
    cancel: () => {
      if (!waiting.has(id)) return;
      w.postMessage({ type: 'cancel', id } satisfies ExportRequest);
      // A worker inside one long step (packing an XLSX) cannot answer: stop it.
      setTimeout(() => {
        const p = waiting.get(id);
        if (p && worker === w) {
          waiting.delete(id);
          drop(new ExportCancelled());
          p.reject(new ExportCancelled());
        }
      }, 2000);
    },
  };
}

/** The values of an outcome column with their counts, counted in the worker. */
export async function outcomeCountsInWorker(
  result: ScoreResult,
  table: AccountTable,
  field: string,
): Promise<Extract<ExportResponse, { type: 'outcomeCounts' }>['counts']> {
  const m = await request(result, table, { type: 'outcomeCounts', field }).promise;
  return (m as Extract<ExportResponse, { type: 'outcomeCounts' }>).counts;
}

/** The backtest computed in the worker; null when the stored run to predict from is gone. */
export async function backtestInWorker(
  result: ScoreResult,
  table: AccountTable,
  req: Omit<Extract<ExportRequest, { type: 'backtest' }>, 'type' | 'id' | 'key'>,
): Promise<PredictiveBacktestResult | null> {
  const m = await request(result, table, { type: 'backtest', ...req }).promise;
  return m.type === 'backtest' ? m.result : null;
}

/** The CTA lifecycle of `result` against the stored runs `before` it (newest first), in the worker. */
export async function lifecycleInWorker(
  result: ScoreResult,
  table: AccountTable,
  before: string[],
): Promise<RunLife> {
  const m = await request(result, table, { type: 'lifecycle', before }).promise;
  return (m as Extract<ExportResponse, { type: 'lifecycle' }>).life;
}

/**
 * The CTA lifecycle of a stored run, computed by the worker from the store (nothing of the run
 * is sent from the page); null when the stored run is gone or is not the one `shown`.
 */
export async function lifecycleOfStoredRun(
  runId: string,
  shown: ShownRun,
  before: string[],
): Promise<RunLife | null> {
  const w = ensure();
  const id = ++seq;
  const promise = new Promise<Answer>((resolve, reject) => waiting.set(id, { resolve, reject }));
  w.postMessage({ type: 'lifecycleOfRun', id, runId, shown, before } satisfies ExportRequest);
  const m = await promise;
  return m.type === 'lifecycle' ? m.life : null;
}
