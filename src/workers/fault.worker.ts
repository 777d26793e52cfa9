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
const queued: number[] = [];
function next(): void {
  const n = queued.shift();
  if (n === undefined) return;
  const b = new ArrayBuffer(n);
  const u = new Uint8Array(b);
  for (let i = 0; i < n; i += 4096) u[i] = 0;
  if (n > 0) u[n - 1] = 0;
  self.postMessage(b, [b]);
  if (queued.length > 0) setTimeout(next, 0);
}

self.onmessage = (ev: MessageEvent<FaultRequest>) => {
  if (ev.data.drop) {
    self.postMessage({ dropped: queued.splice(0) });
    return;
  }
  if (ev.data.queue) {
    if (queued.length === 0) setTimeout(next, 0);
    queued.push(...ev.data.sizes);
    return;
  }
  for (const n of ev.data.sizes) {
    const b = new ArrayBuffer(n);
    const u = new Uint8Array(b);
    // A write (not a read: that maps the shared zero page) faults each page in; zero keeps it zero.
    for (let i = 0; i < n; i += 4096) u[i] = 0;
    if (n > 0) u[n - 1] = 0;
    self.postMessage(b, [b]);
  }
};
