/**
 * Work a shown run starts for later (the History tab's warm-up read) waits for a signal from the
 * page, not a guess of time: the frame after the run's commit painted, then the main thread idle
 * with at least `minIdleMs` of an idle period ahead. After a reload the re-derived run's draw is a
 * series of tasks (a transition in slices); a worker started inside it takes the one core the
 * page's threads share under load from the draw's tasks (docs/page-speed-log.md, session 31
 * reloadcalm). A sliver of idle time between two slices does not count: the callback asks again.
 * Returns a cancel function.
 */
export interface FrameHooks {
  frame(cb: () => void): () => void;
  task(cb: () => void): () => void;
  idle(cb: (left: number) => void): () => void;
}

const browserHooks = (): FrameHooks => ({
  frame(cb) {
    if (typeof requestAnimationFrame !== 'function') return browserHooks().task(cb);
    const h = requestAnimationFrame(() => cb());
    return () => cancelAnimationFrame(h);
  },
  task(cb) {
    const h = setTimeout(cb, 0);
    return () => clearTimeout(h);
  },
  idle(cb) {
    if (typeof requestIdleCallback !== 'function') {
      const h = setTimeout(() => cb(Infinity), 200);
      return () => clearTimeout(h);
    }
    const h = requestIdleCallback((d) => cb(d.timeRemaining()));
    return () => cancelIdleCallback(h);
  },
});

/** Idle time an idle period must have left to count as the page being done (ms). */
export const MIN_IDLE_MS = 20;
/** Idle periods in a row the page must have: one between two slices of a draw is not enough. */
export const IDLE_PERIODS = 2;

export function afterDrawn(
  go: () => void,
  hooks: FrameHooks = browserHooks(),
  minIdleMs = MIN_IDLE_MS,
  periods = IDLE_PERIODS,
): () => void {
  let cancel = () => {};
  let done = false;
  let seen = 0;
  const idle = () => {
    cancel = hooks.idle((left) => {
      if (done) return;
      seen = left >= minIdleMs ? seen + 1 : 0;
      if (seen >= periods) {
        done = true;
        go();
      } else idle();
    });
  };
  // The frame after now, then a task after it: that frame has been drawn.
  cancel = hooks.frame(() => {
    cancel = hooks.task(idle);
  });
  return () => {
    done = true;
    cancel();
  };
}
