/**
 * A running range of a file read in parts (parallelImport.ts) handing the rest of its bytes to
 * a part that is done: the first part to finish asks a running one to stop early, and parses
 * what it gave up as a new range. On a shared 2-core machine the two halves rarely take the
 * same time (one thread loses its core for a while): the import then waited 0.4–0.5 s for the
 * slower part in most runs, with a core idle (docs/data-import.md, session 35).
 *
 * The range gives up the second half of what it has not read yet, at a byte position; it stops
 * at the first record end at or after it (as at a planned cut), and the new range starts at the
 * first line feed at or after the position less one (`stolenFrom`): the same place unless a
 * quoted field straddles it, which the chain of ranges then parses again (chainRanges).
 */

import { macrotask } from '../util/macrotask';

/** Bytes a range must have left unread to give half of them up (each half at least this / 2). */
export const MIN_SPLIT_BYTES = 4 << 20;

/**
 * A range's work after its last byte (the string sinks' last merge, its dictionaries as bytes
 * and their hashes), per byte it read, as a share of the parse: ≈10% in a Node profile of a
 * 1M-row demo file's half (endLazy 4.5%, dictBytesOf 2%, bytesHashes 1.2%, the rest smaller).
 */
export const FINISH_SHARE = 0.1;

/**
 * A pause between a range's blocks that lets a message from another worker in (a part done, a
 * split asked): a task of background priority (`scheduler.postTask`), which runs after the
 * messages waiting. A MessageChannel task (macrotask) did not let them in on time in Chromium:
 * in a worker busy in 10 ms slices, a message from another worker posted at 200 ms was handled
 * at 284–455 ms with such pauses, at 203–206 ms with these (≈0.12 ms a pause); a range
 * worker's result waited 0.3 s for the import worker's own parse to end. Elsewhere a macrotask.
 */
export function messagePause(): Promise<void> {
  const s = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  return s?.postTask ? s.postTask(() => {}, { priority: 'background' }) : macrotask();
}
type PostTask = (task: () => void, options: { priority: 'background' }) => Promise<void>;

export class RangeSplit {
  private pending: ((at: number | null) => void) | null = null;
  private ended = false;
  /** Where a request goes when the range runs elsewhere (a range worker: rangePool). */
  forward: (() => Promise<number | null>) | null = null;

  constructor(
    /** Between blocks: let a request arrive (a macrotask where it comes as a message). */
    readonly pause: () => Promise<void> = () => Promise.resolve(),
    readonly minBytes = MIN_SPLIT_BYTES,
  ) {}

  /**
   * Ask the range to stop early: resolves to the file position from which it leaves the rest to
   * another range, or null (it has less than minBytes left, cannot split, or has ended).
   */
  ask(): Promise<number | null> {
    if (this.forward) return this.forward();
    if (this.ended) return Promise.resolve(null);
    this.pending?.(null);
    return new Promise((resolve) => (this.pending = resolve));
  }

  /**
   * The range, between blocks, having read [from, pos) of its [from, to): the new end if a
   * request was waiting and at least minBytes are unread, else null. It gives up half of what
   * is unread and more: its finish (FINISH_SHARE of the bytes it read) runs after its last
   * byte, so both should end their reading apart by that much (giving up half was not enough:
   * the part that gave it up still ended 0.13 s after the one that took it over, at 1M rows).
   */
  answer(pos: number, to: number, from = pos): number | null {
    const ask = this.pending;
    if (!ask) return null;
    this.pending = null;
    const left = to - pos;
    const given = left / 2 + (FINISH_SHARE * (pos - from)) / (2 * (1 + FINISH_SHARE));
    const at = left >= this.minBytes ? to - Math.min(left - 1, Math.floor(given)) : null;
    ask(at);
    return at;
  }

  /** The range ended (or cannot split): a request waiting, and any later, get null. */
  end(): void {
    this.ended = true;
    this.pending?.(null);
    this.pending = null;
  }
}

/**
 * Where the range given up at `at` starts: just after the first line feed at or after at − 1
 * (so at itself when a line ends just before it), read from `read`; `to` when none before it.
 */
export async function stolenFrom(
  read: (from: number, to: number) => Promise<Uint8Array>,
  at: number,
  to: number,
): Promise<number> {
  for (let from = at - 1, step = 64 << 10; from < to; from += step, step *= 2) {
    const w = await read(from, Math.min(to, from + step));
    const i = w.indexOf(0x0a);
    if (i >= 0) return from + i + 1;
  }
  return to;
}
