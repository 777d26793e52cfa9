import { useEffect, useMemo, useRef, useState } from 'react';

/** Longest stretch of steps run in one task, ms. */
export const STEPS_SLICE_MS = 8;

/** A generator of steps and, once it has returned, its value. */
interface Job<T> {
  g: Generator<void, T, void>;
  done: boolean;
  value?: T;
}

/** Runs `job`'s steps until it returns or `ms` have passed; true when it has returned. */
export function runSteps<T>(job: Job<T>, ms: number): boolean {
  if (job.done) return true;
  const end = performance.now() + ms;
  for (;;) {
    const s = job.g.next();
    if (s.done) {
      job.done = true;
      job.value = s.value;
      return true;
    }
    if (performance.now() >= end) return false;
  }
}

/**
 * The value of a computation made in steps (a generator that yields between steps): as much
 * as fits in STEPS_SLICE_MS runs while rendering (a small input is done at once, as a useMemo
 * would be), the rest a slice per task (a MessageChannel message, so input and other messages
 * are handled between slices). Until it is done the previous value is returned with
 * `pending` true (undefined before the first). `deps` as for useMemo.
 */
export function useSteps<T>(
  make: () => Generator<void, T, void>,
  deps: readonly unknown[],
): { value: T | undefined; pending: boolean } {
  const job = useMemo<Job<T>>(() => {
    const j: Job<T> = { g: make(), done: false };
    runSteps(j, STEPS_SLICE_MS);
    return j;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps
  }, deps);
  const [, setDone] = useState<Job<T> | null>(null);
  const last = useRef<{ value: T | undefined }>({ value: undefined });
  useEffect(() => {
    if (job.done) return;
    let live = true;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      if (!live) return;
      if (runSteps(job, STEPS_SLICE_MS)) setDone(job);
      else ch.port2.postMessage(0);
    };
    ch.port2.postMessage(0);
    return () => {
      live = false;
      ch.port1.close();
    };
  }, [job]);
  if (job.done) {
    last.current.value = job.value;
    return { value: job.value, pending: false };
  }
  return { value: last.current.value, pending: true };
}
