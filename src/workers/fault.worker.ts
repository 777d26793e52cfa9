/// <reference lib="webworker" />
import type { FaultRequest } from './columnFaults';
import { FaultQueue } from './faultQueue';

/**
 * Faults in memory for the import worker's columns (src/data/columnMemory.ts), on the core the
 * one-pass import leaves free: each buffer asked for is allocated, written once per 4 KB page
 * and transferred as soon as it is done (its pages move with it; nothing is copied).
 */
declare const self: DedicatedWorkerGlobalScope;

const now = () => performance.timeOrigin + performance.now();
type PostTask = { postTask(f: () => void, o: { priority: string }): Promise<void> };
const scheduler = (self as unknown as { scheduler?: PostTask }).scheduler;

const queue = new FaultQueue({
  fault(n, touch) {
    const b = new ArrayBuffer(n);
    const u = new Uint8Array(b);
    // A write (not a read: that maps the shared zero page) faults each page in; zero keeps it zero.
    const end = Math.min(n, touch);
    for (let i = 0; i < end; i += 4096) u[i] = 0;
    if (end === n && n > 0) u[n - 1] = 0;
    self.postMessage(b, [b]);
  },
  // A background task where the browser has one: it lets a `drop` in at once, and is not
  // clamped as nested timeouts are (to 4 ms after the fifth).
  pause: scheduler
    ? (f) => void scheduler.postTask(f, { priority: 'background' })
    : (f) => setTimeout(f, 0),
});

// Ready (its module run), told once: a worker started ahead is ready before the file's preview.
self.postMessage({ ready: now() });

/** When the first request came (epoch ms), told once, for the benchmark. */
let firstAt = 0;

self.onmessage = (ev: MessageEvent<FaultRequest>) => {
  if (ev.data.drop) {
    self.postMessage({ dropped: queue.drop(ev.data.columns === true) });
    return;
  }
  if (firstAt === 0) self.postMessage({ started: (firstAt = now()) });
  queue.ask(ev.data.sizes, ev.data.queue === true, ev.data.touch);
};
