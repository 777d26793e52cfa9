import { describe, expect, it } from 'vitest';
import { FaultQueue } from './faultQueue';

/** A queue whose tasks run only when the test says (as a worker's between messages). */
function harness() {
  const tasks: (() => void)[] = [];
  const faulted: [number, number][] = [];
  const q = new FaultQueue({
    fault: (n, touch) => faulted.push([n, touch]),
    pause: (f) => tasks.push(f),
  });
  const run = (k = Infinity) => {
    for (let i = 0; i < k && tasks.length > 0; i++) tasks.shift()!();
  };
  return { q, faulted, run, tasks };
}

describe('the fault worker queue', () => {
  it('faults the buffers in the order asked, one per task, the sinks after the columns', () => {
    const h = harness();
    h.q.ask([10, 20], false);
    h.q.ask([30, 40], true, [5, 40]);
    expect(h.faulted).toEqual([]); // not in the message's own task
    h.run(1);
    expect(h.faulted).toEqual([[10, 10]]);
    h.run();
    expect(h.faulted).toEqual([
      [10, 10],
      [20, 20],
      [30, 5],
      [40, 40],
    ]);
    expect(h.tasks).toEqual([]); // ran out of work: no task left
    // A later ask starts the queue again.
    h.q.ask([50], false);
    h.run();
    expect(h.faulted.at(-1)).toEqual([50, 50]);
    expect(h.tasks).toEqual([]);
  });

  it('drops only the sinks not begun for one pass, the columns too for parts', () => {
    const h = harness();
    h.q.ask([10, 20, 30], false);
    h.q.ask([40, 50], true);
    h.run(1); // 10 done
    expect(h.q.drop(false)).toEqual([40, 50]);
    h.run();
    expect(h.faulted.map(([n]) => n)).toEqual([10, 20, 30]);

    const p = harness();
    p.q.ask([10, 20, 30], false);
    p.q.ask([40, 50], true);
    p.run(2); // 10 and 20 done
    expect(p.q.drop(true)).toEqual([30, 40, 50]);
    p.run();
    expect(p.faulted.map(([n]) => n)).toEqual([10, 20]);
    expect(p.tasks).toEqual([]);
  });
});
