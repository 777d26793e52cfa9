/**
 * The page's watchdog over an import in its worker (issue 17 point 5, session 26): the worker
 * posts a progress message every ~2% of the rows (importFile.ts), so an import that goes on
 * is never quiet for long; one that is quiet for `limitMs` — a worker that stopped answering
 * (a read that never came back, a crash that did not reach `onerror`, a range worker that
 * stalled) — is reported as stalled, and the user chooses: keep waiting, cancel, or try again.
 *
 * Only time the page could hear counts: while the page is hidden the count stops (a hidden
 * page's tasks are throttled or frozen, the messages wait), and it starts again from zero when
 * the page is shown; a timer that fires far later than asked (the page's thread was frozen or
 * throttled) starts it from zero too rather than taking the late time as silence.
 */
export interface WatchdogClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

export interface WatchdogPage {
  hidden(): boolean;
  /** Calls `fn` when the page is hidden or shown; returns the unsubscribe. */
  onVisibility(fn: () => void): () => void;
}

export type WatchdogStatus = 'watching' | 'paused' | 'stalled' | 'stopped';

export interface Watchdog {
  /** A progress message arrived: the quiet time starts from zero (a stall shown is cleared). */
  progress(): void;
  /** The user chose to keep waiting: the stall is cleared and a new `limitMs` starts. */
  keepWaiting(): void;
  /** The job ended (done, failed, cancelled): no more timers or listeners. */
  stop(): void;
  status(): WatchdogStatus;
  /** How long the job has been quiet in watched (visible) time, ms. */
  quietMs(): number;
}

/**
 * How long an import may send no progress before the page says it is stalled (ms). Measured
 * (docs/data-import.md, session 26): the longest gap between two progress messages of a 1M
 * import at load ≈8 was under 3 s, and from the click to the first and from the last to the
 * report under 6 s; the worker's own guard gives a File read 8 s before it reads again
 * (STREAM_STALL). 30 s is above all of that with a wide margin. `waymark.importWatchdogMs`
 * in localStorage overrides it (the e2e test).
 */
export const IMPORT_WATCHDOG_MS = 30_000;

/** A timer this much later than asked means the page was frozen or throttled (ms). */
export const WATCHDOG_LATE_MS = 2_000;

export function createWatchdog(o: {
  limitMs: number;
  onStall: (quietMs: number) => void;
  /** A stall shown was cleared by a progress message. */
  onResume?: () => void;
  clock?: WatchdogClock;
  page?: WatchdogPage;
}): Watchdog {
  const clock = o.clock ?? browserClock;
  const page = o.page ?? browserPage;
  let status: WatchdogStatus = 'watching';
  // Quiet time counted before the last (re)start, and when the current count began.
  let counted = 0;
  let since = clock.now();
  let timer: unknown = null;
  let due = 0;

  const clear = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const arm = () => {
    clear();
    const left = Math.max(0, o.limitMs - counted);
    due = clock.now() + left;
    timer = clock.setTimeout(fire, left);
  };
  function fire(): void {
    timer = null;
    if (status !== 'watching') return;
    const t = clock.now();
    if (t - due > WATCHDOG_LATE_MS) {
      // The page was not running when it should have: count again from now.
      counted = 0;
      since = t;
      return arm();
    }
    counted += t - since;
    since = t;
    if (counted < o.limitMs) return arm();
    status = 'stalled';
    o.onStall(counted);
  }
  const restart = () => {
    counted = 0;
    since = clock.now();
    if (page.hidden()) {
      status = 'paused';
      clear();
    } else {
      status = 'watching';
      arm();
    }
  };
  const unsubscribe = page.onVisibility(() => {
    if (status === 'stopped' || status === 'stalled') return;
    if (page.hidden()) {
      status = 'paused';
      clear();
    } else restart();
  });
  restart();

  return {
    progress() {
      if (status === 'stopped') return;
      const was = status;
      restart();
      if (was === 'stalled') o.onResume?.();
    },
    keepWaiting() {
      if (status === 'stalled') restart();
    },
    stop() {
      status = 'stopped';
      clear();
      unsubscribe();
    },
    status: () => status,
    quietMs: () =>
      status === 'watching' || status === 'stalled' ? counted + (clock.now() - since) : counted,
  };
}

const browserClock: WatchdogClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>),
};

const browserPage: WatchdogPage = {
  hidden: () => globalThis.document?.visibilityState === 'hidden',
  onVisibility: (fn) => {
    const d = globalThis.document;
    if (!d) return () => undefined;
    d.addEventListener('visibilitychange', fn);
    return () => d.removeEventListener('visibilitychange', fn);
  },
};

/** The limit for imports: IMPORT_WATCHDOG_MS, or localStorage `waymark.importWatchdogMs`. */
export function importWatchdogMs(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem('waymark.importWatchdogMs'));
    return v > 0 ? v : IMPORT_WATCHDOG_MS;
  } catch {
    return IMPORT_WATCHDOG_MS;
  }
}
