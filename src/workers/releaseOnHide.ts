/**
 * The page's big buffers freed off the main thread when the page goes away (a reload, leaving
 * for another address). The dataset's columns and the run's arrays arrive from workers,
 * transferred (hundreds of MB at a million accounts), and a transferred buffer is owned on the
 * page by a Blink object whose finaliser frees its memory. When the page was reloaded, Blink's
 * garbage collector ran those finalisers on the new page's main thread 1–2 s into its start:
 * ~90 regions of 2–8 MB (~500 MB) given back to the system in one sweep task of 50–180 ms
 * (strace of the renderer's main thread; docs/page-speed-log.md, session 28 reloadgc; session
 * 32 reloadtask: 1–3 s after the reload in 10 of 12 base rounds, a task the `longtask` observer
 * does not report). Instead, at `pagehide` the buffers still held are transferred to a small
 * idle worker made beforehand (release.worker.ts): the page's copies are detached at once
 * (nothing is freed then), and the memory goes with the worker's heap, on its own thread.
 *
 * Only when the page is not kept (`persisted` false): a page put in the back/forward cache
 * keeps everything. Nothing stored is touched: the buffers are the page's copies of what is
 * stored (the dataset read back, the run scored and stored by its worker). A `pagehide`
 * listener added before this one still sees the buffers; one added after it (none reads them)
 * would see them detached.
 */

/** Buffers smaller than this are left to the collector (their memory is not given back alone). */
export const RELEASE_MIN_BYTES = 256 << 10;
/** Arrays and maps longer than this are not looked into (a million ids holds no buffer). */
const WALK_MAX_ENTRIES = 4096;
const WALK_MAX_DEPTH = 8;

/**
 * The distinct ArrayBuffers of at least `minBytes` reachable from `roots` through plain data
 * (own data properties, arrays and maps up to WALK_MAX_ENTRIES entries, typed arrays' and
 * DataViews' buffers). Getters are not called (a lazy column would decode a million strings);
 * shared and already detached buffers are left out.
 */
export function bigBuffers(roots: unknown[], minBytes = RELEASE_MIN_BYTES): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const take = (b: ArrayBufferLike) => {
    if (b instanceof ArrayBuffer && b.byteLength >= minBytes) found.add(b);
  };
  const walk = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof ArrayBuffer) return take(v);
    if (ArrayBuffer.isView(v)) return take(v.buffer);
    if (depth >= WALK_MAX_DEPTH) return;
    if (Array.isArray(v)) {
      if (v.length <= WALK_MAX_ENTRIES) for (const x of v as unknown[]) walk(x, depth + 1);
      return;
    }
    if (v instanceof Map) {
      if (v.size <= WALK_MAX_ENTRIES) for (const x of v.values()) walk(x, depth + 1);
      return;
    }
    if (v instanceof Set || v instanceof Promise || typeof (v as Node).nodeType === 'number')
      return;
    const props = Object.getOwnPropertyDescriptors(v);
    const keys = Object.keys(props);
    if (keys.length > WALK_MAX_ENTRIES) return;
    for (const k of keys) if ('value' in props[k]) walk(props[k].value, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return [...found];
}

/** Where the buffers go: a worker in the app, a fake in tests. */
export interface ReleaseSink {
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const sources = new Set<() => unknown>();
let sink: ReleaseSink | null = null;
let preparing = false;

/** `source` gives what the page holds that may hold big buffers (asked at `pagehide` only). */
export function releaseOnHide(source: () => unknown): void {
  sources.add(source);
}

/**
 * Hand the sources' big buffers to `to` (transferred: detached here). Answers how many bytes
 * went. A buffer that cannot be transferred (a WebAssembly memory's) stays.
 */
export function releaseBuffers(to: ReleaseSink, roots: unknown[]): number {
  const buffers = bigBuffers(roots);
  if (buffers.length === 0) return 0;
  const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
  try {
    to.postMessage(null, buffers);
    return bytes;
  } catch {
    // One at a time, so that one buffer that cannot be transferred does not keep the others.
    let sent = 0;
    for (const b of buffers)
      try {
        const n = b.byteLength;
        to.postMessage(null, [b]);
        sent += n;
      } catch {
        /* kept: freed by the collector as before */
      }
    return sent;
  }
}

/** The `pagehide` listener: only a page that is not kept releases its buffers. */
export function onPageHide(e: Pick<PageTransitionEvent, 'persisted'>, to: ReleaseSink | null) {
  if (e.persisted || !to) return 0;
  return releaseBuffers(
    to,
    [...sources].map((s) => s()),
  );
}

const releaseWorker = (): ReleaseSink | null =>
  typeof Worker === 'undefined'
    ? null
    : new Worker(new URL('./release.worker.ts', import.meta.url), { type: 'module' });

/** Rows from which a table's columns are worth releasing (a Float64 column of RELEASE_MIN_BYTES). */
export const RELEASE_MIN_ROWS = RELEASE_MIN_BYTES / 8;

/**
 * Make the sink worker (while idle: it must exist before the page goes, since a worker made in
 * `pagehide` would not start) and listen for `pagehide`. Called when big data arrives; once.
 */
export function prepareRelease(make: () => ReleaseSink | null = releaseWorker): void {
  if (sink || preparing || typeof window === 'undefined') return;
  preparing = true;
  const start = () => {
    sink = make();
    window.addEventListener('pagehide', (e) => onPageHide(e, sink));
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 0);
}
