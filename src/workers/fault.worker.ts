/// <reference lib="webworker" />
import type { FaultRequest } from './columnFaults';

/**
 * Faults in memory for the import worker's columns (src/data/columnMemory.ts), on the core the
 * one-pass import leaves free: each buffer asked for is allocated, written once per 4 KB page
 * and transferred as soon as it is done (its pages move with it; nothing is copied).
 */
declare const self: DedicatedWorkerGlobalScope;

/**
 * Buffers asked with `queue` (the string sinks', after the columns): one per task, so that a
 * `drop` (the import started before they were done) clears those not begun; it answers the
 * lengths dropped.
 */
const queued: { n: number; touch: number }[] = [];
function next(): void {
  const q = queued.shift();
  if (q === undefined) return;
  fault(q.n, q.touch);
  if (queued.length > 0) setTimeout(next, 0);
}

/** A buffer of n bytes, its first `touch` bytes faulted in, transferred. */
function fault(n: number, touch: number): void {
  const b = new ArrayBuffer(n);
  const u = new Uint8Array(b);
  // A write (not a read: that maps the shared zero page) faults each page in; zero keeps it zero.
  const end = Math.min(n, touch);
  for (let i = 0; i < end; i += 4096) u[i] = 0;
  if (end === n && n > 0) u[n - 1] = 0;
  self.postMessage(b, [b]);
}

self.onmessage = (ev: MessageEvent<FaultRequest>) => {
  if (ev.data.drop) {
    self.postMessage({ dropped: queued.splice(0).map((q) => q.n) });
    return;
  }
  const { sizes, touch } = ev.data;
  if (ev.data.queue) {
    if (queued.length === 0) setTimeout(next, 0);
    sizes.forEach((n, i) => queued.push({ n, touch: touch?.[i] ?? n }));
    return;
  }
  sizes.forEach((n, i) => fault(n, touch?.[i] ?? n));
};
