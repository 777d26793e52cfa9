import { takeAll, type ColumnMemory, type SinkPlan } from '../data/columnMemory';
import {
  rangeColumnSizes,
  tailBytes,
  unpackResult,
  type RangeJob,
  type RangeResult,
  type RangeSpec,
} from '../data/parallelImport';
import type { FieldContract } from '../model';
import type { ImportOptions } from '../data/importFile';
import type { RangeJobRequest, RangeRequest, RangeResponse } from './rangeProtocol';

/**
 * A range worker that could not run (not started, crashed): the import is read serially
 * instead. `unreadable`: the picked File no longer reads (the page sends its bytes instead).
 */
export class RangeWorkerError extends Error {
  constructor(
    message: string,
    readonly unreadable = false,
  ) {
    super(message);
  }
}

const startWorker = () =>
  new Worker(new URL('./range.worker.ts', import.meta.url), { type: 'module' });

/** Range workers started ahead of an import (at the preview), taken by the next pool. */
const warm: { worker: Worker; failed: boolean }[] = [];

/**
 * Start `n` range workers now, while the user maps the columns, so a parallel import does not
 * wait for their start (script load and compile). Ones left unused are ended by the next call;
 * one that failed to start is not handed out (a fresh one is started instead, whose failure
 * the pool sees).
 */
export function prewarmRangeWorkers(n: number): void {
  for (let i = warm.length - 1; i >= 0; i--)
    if (warm[i].failed || warm.length > n) warm.splice(i, 1)[0].worker.terminate();
  while (warm.length < n) {
    try {
      const entry = { worker: startWorker(), failed: false };
      entry.worker.onerror = () => {
        entry.failed = true;
      };
      warm.push(entry);
    } catch {
      return; // no nested workers: the import reads serially
    }
  }
}

/**
 * The range workers started ahead (prewarmRangeWorkers) run the file's head through a range's
 * parse now (warmRange), so their parser is compiled by the click on Import. Each gets its own
 * copy of the head (transferred).
 */
export function warmRangeWorkers(
  head: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
): void {
  const { onProgress: _, ...clonable } = opts;
  void _;
  for (const { worker } of warm) {
    const copy = head.slice();
    const msg: RangeRequest = {
      type: 'warm',
      head: copy,
      size,
      file,
      contract,
      opts: clonable,
      parts,
    };
    worker.postMessage(msg, [copy.buffer]);
  }
}

/** A warm range worker that started, or null. */
function takeWarm(): Worker | null {
  for (let e = warm.pop(); e; e = warm.pop()) {
    if (!e.failed) return e.worker;
    e.worker.terminate();
  }
  return null;
}

/**
 * Up to `size` range workers for one parallel import, started on first use (or taken warm).
 * Each job gets its slice of the picked File to read (`source` a Blob), or a copy of its bytes
 * (transferred, so the copy is the only extra memory), with the tail a straddling record may
 * need. Results arrive with their dictionaries packed and are unpacked here. `close()` ends
 * the workers.
 */
export function rangePool(
  source: Uint8Array | Blob,
  size: number,
  stream = true,
  /** Memory faulted in ahead: a streamed job takes its columns' buffers (rangeColumnSizes) along. */
  memory?: ColumnMemory,
  /** …and its string sinks' (a later range's plan, rangeSinkPlans), with their kept bytes. */
  sinks?: SinkPlan,
): {
  run: (spec: RangeSpec, job: RangeJob, onProgress: (f: number) => void) => Promise<RangeResult>;
  close: () => void;
  /** Per finished job, epoch ms: posted, received, read, parsed, sent, arrived, unpacked. */
  timings: Record<string, number>[];
  /** Columns the finished jobs moved into the memory they took along. */
  faulted: { columns: number; sinks: number };
} {
  const timings: Record<string, number>[] = [];
  const faulted = { columns: 0, sinks: 0 };
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
    const w = takeWarm() ?? startWorker();
    w.onmessage = (ev: MessageEvent<RangeResponse>) => {
      const m = ev.data;
      const p = waiting.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress(m.fraction);
      waiting.delete(m.id);
      if (m.type === 'done') {
        const arrived = now();
        faulted.columns += m.faulted ?? 0;
        faulted.sinks += m.sinkFaulted ?? 0;
        const result = unpackResult(m.result);
        if (m.timing)
          timings.push({ posted: posted.get(m.id) ?? 0, ...m.timing, arrived, unpacked: now() });
        p.resolve(result);
      } else p.reject(new RangeWorkerError(m.message, m.unreadable));
    };
    w.onerror = (ev) => failAll(ev.message || 'range worker failed');
    return w;
  };
  return {
    timings,
    faulted,
    run: (spec, job, onProgress) =>
      new Promise<RangeResult>((resolve, reject) => {
        const id = ++seq;
        waiting.set(id, { resolve, reject, onProgress });
        const k = (id - 1) % size;
        const w = (workers[k] ??= start());
        const end = Math.min(spec.size, job.to + tailBytes(spec));
        posted.set(id, now());
        if (source instanceof Uint8Array) {
          const slice = source.slice(job.from, end);
          const msg: RangeJobRequest = { id, spec, job, bytes: slice, base: job.from };
          w.postMessage(msg, [slice.buffer]);
        } else {
          const buffers = memory && stream ? takeAll(memory, rangeColumnSizes(spec, job)) : [];
          const sinkBuffers = memory && stream && sinks ? takeAll(memory, sinks.sizes) : [];
          buffers.push(...sinkBuffers);
          const msg: RangeJobRequest = {
            id,
            spec,
            job,
            bytes: { blob: source, end },
            base: job.from,
            stream,
            memory: buffers,
            ...(sinkBuffers.length > 0 ? { sinkKept: sinks!.keptBytes } : {}),
          };
          w.postMessage(msg, buffers);
        }
      }),
    close: () => {
      for (const w of workers) w?.terminate();
      failAll('closed');
    },
  };
}
