/// <reference lib="webworker" />
import type { FaultRequest } from './columnFaults';

/**
 * Faults in memory for the import worker's columns (src/data/columnMemory.ts), on the core the
 * one-pass import leaves free: each buffer asked for is allocated, written once per 4 KB page
 * and transferred as soon as it is done (its pages move with it; nothing is copied).
 */
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (ev: MessageEvent<FaultRequest>) => {
  for (const n of ev.data.sizes) {
    const b = new ArrayBuffer(n);
    const u = new Uint8Array(b);
    // A write (not a read: that maps the shared zero page) faults each page in; zero keeps it zero.
    for (let i = 0; i < n; i += 4096) u[i] = 0;
    if (n > 0) u[n - 1] = 0;
    self.postMessage(b, [b]);
  }
};
