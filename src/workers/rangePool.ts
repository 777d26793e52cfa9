import { tailBytes, type RangeJob, type RangeResult, type RangeSpec } from '../data/parallelImport';
import type { RangeRequest, RangeResponse } from './rangeProtocol';

/** A range worker that could not run (not started, crashed): the import is read serially instead. */
export class RangeWorkerError extends Error {}

/**
 * Up to `size` range workers for one parallel import, started on first use. Each job gets a
 * copy of its bytes and the tail a straddling record may need (transferred, so the copy is
 * the only extra memory). `close()` ends them all.
 */
export function rangePool(
  bytes: Uint8Array,
  size: number,
): {
  run: (spec: RangeSpec, job: RangeJob, onProgress: (f: number) => void) => Promise<RangeResult>;
  close: () => void;
  /** Per finished job, epoch ms: started (posted), received, parsed, sent, arrived (back). */
  timings: Record<string, number>[];
} {
  const timings: Record<string, number>[] = [];
  const posted = new Map<number, number>();
  const now = () => performance.timeOrigin + performance.now();
  const workers: Worker[] = [];
  const waiting = new Map<
    number,
    {
      resolve: (r: RangeResult) => void;
      reject: (e: unknown) => void;
      onProgress: (f: number) => void;
    }
  >();
  let seq = 0;
  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new RangeWorkerError(message));
    waiting.clear();
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./range.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<RangeResponse>) => {
      const m = ev.data;
      const p = waiting.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress(m.fraction);
      waiting.delete(m.id);
      if (m.type === 'done') {
        if (m.timing) timings.push({ posted: posted.get(m.id) ?? 0, ...m.timing, arrived: now() });
        p.resolve(m.result);
      } else p.reject(new RangeWorkerError(m.message));
    };
    w.onerror = (ev) => failAll(ev.message || 'range worker failed');
    return w;
  };
  return {
    timings,
    run: (spec, job, onProgress) =>
      new Promise<RangeResult>((resolve, reject) => {
        const id = ++seq;
        waiting.set(id, { resolve, reject, onProgress });
        const k = (id - 1) % size;
        const w = (workers[k] ??= start());
        const end = Math.min(bytes.length, job.to + tailBytes(spec));
        const slice = bytes.slice(job.from, end);
        const msg: RangeRequest = { id, spec, job, bytes: slice, base: job.from };
        posted.set(id, now());
        w.postMessage(msg, [slice.buffer]);
      }),
    close: () => {
      for (const w of workers) w?.terminate();
      failAll('closed');
    },
  };
}
