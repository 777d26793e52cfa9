/// <reference lib="webworker" />
/**
 * The page's big buffers, handed over when the page goes away (releaseOnHide.ts): nothing is
 * done with them. They arrive here so that their memory is freed on this worker's thread (its
 * heap torn down with the page's workers), not by the garbage collector's finalisers on the
 * next page's main thread.
 */
declare const self: DedicatedWorkerGlobalScope;
self.onmessage = () => {};
export {};
