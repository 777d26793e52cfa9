/**
 * The fault worker's queue (fault.worker.ts), apart from the worker so that it can be tested:
 * buffers asked are faulted in one per task, in the order asked, so that a `drop` (the import
 * has started) clears those not begun — the string sinks' always, the columns' too when asked
 * (an import in parts, whose two parsing threads need both cores).
 */
export interface FaultQueueHost {
  /** Allocate a buffer of n bytes, fault in its first `touch` bytes, and send it. */
  fault(n: number, touch: number): void;
  /** Run `f` as a task of its own (after any message waiting). */
  pause(f: () => void): void;
}

export class FaultQueue {
  private queued: { n: number; touch: number; sink: boolean }[] = [];
  private running = false;

  constructor(private host: FaultQueueHost) {}

  /** Buffers of these lengths (their first `touch` bytes faulted in; absent: all), after those asked before. */
  ask(sizes: number[], sink: boolean, touch?: number[]): void {
    sizes.forEach((n, i) => this.queued.push({ n, touch: touch?.[i] ?? n, sink }));
    if (!this.running) {
      this.running = true;
      this.host.pause(() => this.next());
    }
  }

  /** Drop the sinks' buffers not begun (and the columns' with `columns`): their lengths. */
  drop(columns: boolean): number[] {
    const dropped: number[] = [];
    this.queued = this.queued.filter((q) => {
      const drop = q.sink || columns;
      if (drop) dropped.push(q.n);
      return !drop;
    });
    return dropped;
  }

  private next(): void {
    const q = this.queued.shift();
    if (q === undefined) {
      this.running = false;
      return;
    }
    this.host.fault(q.n, q.touch);
    this.host.pause(() => this.next());
  }
}
