/**
 * An import's progress, passed on to the page at most every PROGRESS_EVERY_MS (the first and a
 * finished one, fraction 1, always). A 1M-row import in two parts told the page ~100 times in
 * 2 s, and each message cost the page a render and a paint: in a trace ~3 ms of CPU across the
 * page's threads a message, on a 2-core machine whose other core parses (session 39). The
 * page's stall watchdog (importWatchdog.ts) waits 30 s; a bar moved 5 times a second is smooth.
 */
export const PROGRESS_EVERY_MS = 200;

export function throttleProgress(
  post: (fraction: number) => void,
  everyMs = PROGRESS_EVERY_MS,
  now: () => number = () => performance.now(),
): (fraction: number) => void {
  let last = -Infinity;
  return (fraction) => {
    const t = now();
    if (fraction < 1 && t - last < everyMs) return;
    last = t;
    post(fraction);
  };
}
