import type { ScoreResult } from '../engine';
import type { AccountTable } from '../table/columns';
import type { ExportJob, ExportRequest, ExportResponse } from './exportProtocol';

/**
 * The page's side of the export worker: one worker for the page, which keeps the last run it
 * was sent (a run is cloned to it once, not per export). `cancel()` asks the worker to stop
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
const waiting = new Map<
  number,
  {
    resolve: (m: { bytes: number; blob?: Blob }) => void;
    reject: (e: unknown) => void;
    onProgress?: (p: ExportProgress) => void;
  }
>();

function ensure(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (ev: MessageEvent<ExportResponse>) => {
    const m = ev.data;
    const p = waiting.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m);
    waiting.delete(m.id);
    if (m.type === 'done') p.resolve({ bytes: m.bytes, blob: m.blob });
    else if (m.type === 'cancelled') p.reject(new ExportCancelled());
    else p.reject(new Error(m.message));
  };
  w.onerror = (ev) => {
    ev.preventDefault();
    drop(new Error(ev.message || 'export worker crashed'));
  };
  worker = w;
  return w;
}

function drop(reason: Error): void {
  worker?.terminate();
  worker = null;
  heldKey = -1;
  for (const p of waiting.values()) p.reject(reason);
  waiting.clear();
}

/** Start an export; `table` needs only the columns the job reads. */
export function exportInWorker(
  result: ScoreResult,
  table: AccountTable,
  job: ExportJob,
  handle: FileSystemFileHandle | undefined,
  onProgress?: (p: ExportProgress) => void,
): { promise: Promise<{ bytes: number; blob?: Blob }>; cancel: () => void } {
  const w = ensure();
  let key = keys.get(result);
  if (key === undefined) keys.set(result, (key = nextKey++));
  const id = ++seq;
  const promise = new Promise<{ bytes: number; blob?: Blob }>((resolve, reject) =>
    waiting.set(id, { resolve, reject, onProgress }),
  );
  const msg: ExportRequest = {
    type: 'export',
    id,
    key,
    job,
    handle,
    data: heldKey === key ? undefined : { key, result, table },
  };
  w.postMessage(msg);
  heldKey = key;
  return {
    promise,
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
