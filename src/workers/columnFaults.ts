import type { ColumnMemory, SinkPlan } from '../data/columnMemory';

/**
 * Memory faulted in ahead for the import worker's one pass (src/data/columnMemory.ts): a small
 * worker (fault.worker.ts) allocates the columns' buffers and writes one byte per 4 KB page, on
 * the other core, while the user reads the preview (started at `inspect`) or while the import
 * parses (started at `import` when the preview did not); the import moves its columns into them
 * as they arrive. In Chromium those pages were ~48k faults and a fifth of the import thread's
 * CPU (typed arrays come from PartitionAlloc in 4 KB pages; the CLI gets huge pages instead).
 * At most MAX_FAULT_BYTES are held, and only for one file: a new file, the end of an import
 * or FAULT_HOLD_MS unused releases them.
 */
export const MAX_FAULT_BYTES = 512 << 20;
const FAULT_HOLD_MS = 5 * 60_000;

export interface FaultRequest {
  sizes: number[];
  /**
   * Per buffer of `sizes`, how many of its first bytes to fault in (absent: all): a first
   * range's string sinks are sized for the whole file's rows but write only its own.
   */
  touch?: number[];
  /** The string sinks' buffers (faultSinks), which `drop` always stops. */
  queue?: boolean;
  /** Drop the sinks' buffers not begun (stopFaults); the worker answers `{ dropped }`. */
  drop?: boolean;
  /** With `drop`: the columns' not begun as well. */
  columns?: boolean;
}

let current: {
  key: string;
  worker: Worker | null;
  /** Arrived buffers by byte length. */
  ready: Map<number, ArrayBuffer[]>;
  /** Lengths asked of the worker (arrived or not), and how many arrived. */
  asked: number[];
  arrived: number;
  timer: ReturnType<typeof setTimeout>;
  /** The string sinks' kept bytes by field (faultSinks), for ColumnMemory.keptBytes. */
  kept?: Record<string, number>;
} | null = null;

/** Columns moved into faulted memory since the last reset (logged for the benchmark). */
export const faultStats = {
  taken: 0,
  bytes: 0,
  sinkTaken: 0,
  sinkBytes: 0,
  /** When each buffer arrived (performance.now()), for the benchmark's phases. */
  arrivals: [] as number[],
  /** When the fault worker got its first request (epoch ms). */
  started: 0,
  /** When the fault worker was ready (epoch ms): before the preview, where started ahead. */
  ready: 0,
};

/** Buffers arrived so far (the import takes them between blocks; any of the exact length will do). */
export const faultedMemory: ColumnMemory = {
  take(byteLength) {
    const b = current?.ready.get(byteLength)?.pop() ?? null;
    if (b) {
      faultStats.taken++;
      faultStats.bytes += byteLength;
    }
    return b;
  },
  // The string sinks' tables and bytes (faultSinks), counted apart from the columns.
  takeSink(byteLength) {
    const b = current?.ready.get(byteLength)?.pop() ?? null;
    if (b) {
      faultStats.sinkTaken++;
      faultStats.sinkBytes += byteLength;
    }
    return b;
  },
  keptBytes(field) {
    return current?.kept?.[field] ?? 0;
  },
};

/**
 * Fault in the string sinks' tables and bytes as well (after the columns asked by faultColumns
 * for the same file; importStream.ts blockSinkPlan): the sinks take them as they grow to their
 * capacity, or move into them between blocks. Another file's plan is ignored.
 */
export function faultSinks(key: string, plan: SinkPlan): void {
  const c = current;
  if (!c || c.key !== key) return;
  c.kept = plan.keptBytes;
  faultColumns(key, [...c.asked, ...plan.sizes], true, plan.touch);
}

/** Whether memory is being faulted in for the file `key` (so the import need not read its head). */
export function faultingFor(key: string): boolean {
  return current?.key === key;
}

/**
 * Fault in buffers of these byte lengths for the file `key` (fileKey): a new file
 * releases the last one's; the same file asks only for lengths not asked yet.
 */
export function faultColumns(
  key: string,
  sizes: number[],
  sinks = false,
  /** Bytes of each of the sizes not asked before (in their order) to fault in (FaultRequest.touch). */
  touch?: number[],
): void {
  if (current && current.key !== key) releaseColumns();
  if (sizes.length === 0) return;
  if (!current) {
    faultStats.arrivals = [];
    faultStats.started = 0;
    const timer = setTimeout(releaseColumns, FAULT_HOLD_MS);
    current = { key, worker: null, ready: new Map(), asked: [], arrived: 0, timer };
  }
  const c = current;
  const left = [...c.asked];
  const more: number[] = [];
  for (const n of sizes) {
    const i = left.indexOf(n);
    if (i >= 0) left.splice(i, 1);
    else more.push(n);
  }
  // (Counted at their whole lengths: what is held, faulted in or not.)
  let total = c.asked.reduce((a, n) => a + n, 0);
  const kept = more.map((n) => (total + n <= MAX_FAULT_BYTES ? ((total += n), true) : false));
  const send = more.filter((_, i) => kept[i]);
  const sendTouch = touch?.filter((_, i) => kept[i]);
  if (send.length === 0) return;
  if (!c.worker) {
    try {
      c.worker = spare?.worker ?? startFaultWorker();
      faultStats.ready = spare?.readyAt ?? 0;
      spare = null;
    } catch {
      return; // no nested workers: the import faults its own pages, as before
    }
    c.worker.onmessage = (
      ev: MessageEvent<
        ArrayBuffer | { dropped: number[] } | { started: number } | { ready: number }
      >,
    ) => {
      if (current !== c) return;
      const b = ev.data;
      if ('ready' in b) return void (faultStats.ready = b.ready);
      if ('started' in b) return void (faultStats.started = b.started);
      if (!(b instanceof ArrayBuffer)) {
        // Lengths dropped (stopFaults) are no longer awaited.
        for (const n of b.dropped) {
          const i = c.asked.lastIndexOf(n);
          if (i >= 0) c.asked.splice(i, 1);
        }
        if (c.arrived === c.asked.length) {
          c.worker?.terminate();
          c.worker = null;
        }
        return;
      }
      faultStats.arrivals.push(performance.now());
      const list = c.ready.get(b.byteLength) ?? [];
      list.push(b);
      c.ready.set(b.byteLength, list);
      // All asked for arrived: the worker ends (a later ask starts another).
      if (++c.arrived === c.asked.length) {
        c.worker?.terminate();
        c.worker = null;
      }
    };
    c.worker.onerror = () => {
      c.worker?.terminate();
    };
  }
  c.asked.push(...send);
  c.worker.postMessage({
    sizes: send,
    queue: sinks,
    ...(sendTouch ? { touch: sendTouch } : {}),
  } satisfies FaultRequest);
}

/**
 * The import has started: the string sinks' buffers not yet begun by the fault worker are
 * dropped (they would arrive after the sinks grew, and the faulting would take the other core
 * from the import's own threads; those that arrived are still taken or moved into). With
 * `columns` (an import in parts: its two threads take both cores, and the import worker reads
 * its messages seldom while it parses, so late buffers are mostly not taken) the columns' too.
 */
export function stopFaults(columns = false): void {
  current?.worker?.postMessage({ sizes: [], drop: true, columns } satisfies FaultRequest);
}

const startFaultWorker = () =>
  new Worker(new URL('./fault.worker.ts', import.meta.url), { type: 'module' });

/** A fault worker started ahead (prestartFaultWorker), idle until a file is previewed. */
let spare: { worker: Worker; readyAt: number; ready: Promise<void> } | null = null;

/**
 * Start a fault worker now, before any file (the Data view is open), so that a preview's
 * faulting begins at once: started at the preview, beside the warm-ups of the import and range
 * workers, it took ~0.6 s to run its first request on a 2-core machine.
 */
export function prestartFaultWorker(): Promise<void> {
  if (spare) return spare.ready;
  if (current?.worker) return Promise.resolve();
  try {
    const worker = startFaultWorker();
    const s = { worker, readyAt: 0, ready: Promise.resolve() };
    s.ready = new Promise<void>((resolve) => {
      worker.onmessage = (ev: MessageEvent<{ ready?: number }>) => {
        s.readyAt = ev.data.ready ?? 0;
        resolve();
      };
      // A spare that failed to load is not handed to the next preview (its requests would go
      // unanswered): that preview starts a worker of its own.
      worker.onerror = () => {
        if (spare === s) spare = null;
        worker.terminate();
        resolve();
      };
    });
    spare = s;
    return s.ready;
  } catch {
    return Promise.resolve(); // no nested workers: the import faults its own pages
  }
}

/** Drop the buffers not taken and stop faulting in more. */
export function releaseColumns(): void {
  if (!current) return;
  clearTimeout(current.timer);
  current.worker?.terminate();
  current = null;
}

/** The key of a picked file for faultColumns (the preview has its head, not the File). */
export function fileKey(name: string, size: number): string {
  return `${name}\u0000${size}`;
}
