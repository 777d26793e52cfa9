import { describe, expect, it } from 'vitest';
import { afterDrawn, type FrameHooks } from './afterDrawn';

/** Hooks whose callbacks the test fires by hand, in the order a page would. */
function manual() {
  const queued: { kind: 'frame' | 'task' | 'idle'; cb: (left: number) => void; live: boolean }[] =
    [];
  const add = (kind: 'frame' | 'task' | 'idle') => (cb: (left: number) => void) => {
    const e = { kind, cb, live: true };
    queued.push(e);
    return () => (e.live = false);
  };
  const hooks: FrameHooks = {
    frame: add('frame') as FrameHooks['frame'],
    task: add('task') as FrameHooks['task'],
    idle: add('idle'),
  };
  /** Fire the oldest pending callback (it must be of this kind); false when none is pending. */
  const fire = (kind: 'frame' | 'task' | 'idle', left = 50) => {
    const i = queued.findIndex((e) => e.live);
    if (i < 0) return false;
    const e = queued[i];
    expect(e.kind).toBe(kind);
    e.live = false;
    e.cb(left);
    return true;
  };
  const pending = () => queued.filter((e) => e.live).map((e) => e.kind);
  return { hooks, fire, pending };
}

describe('afterDrawn', () => {
  it('goes after the next frame, a task after it, and two idle periods in a row', () => {
    const m = manual();
    let went = 0;
    afterDrawn(() => went++, m.hooks);
    expect(m.pending()).toEqual(['frame']);
    m.fire('frame');
    expect(went).toBe(0);
    m.fire('task');
    expect(went).toBe(0);
    m.fire('idle', 49);
    expect(went).toBe(0);
    m.fire('idle', 30);
    expect(went).toBe(1);
    expect(m.pending()).toEqual([]);
  });

  it('does not count a sliver of idle time between two slices of a draw', () => {
    const m = manual();
    let went = 0;
    afterDrawn(() => went++, m.hooks);
    m.fire('frame');
    m.fire('task');
    m.fire('idle', 40);
    m.fire('idle', 3); // a slice of the draw came: start counting again
    m.fire('idle', 40);
    expect(went).toBe(0);
    m.fire('idle', 40);
    expect(went).toBe(1);
  });

  it('never goes once cancelled, at any step', () => {
    for (let at = 0; at < 4; at++) {
      const m = manual();
      let went = 0;
      const cancel = afterDrawn(() => went++, m.hooks);
      const steps = ['frame', 'task', 'idle', 'idle'] as const;
      for (let k = 0; k < at; k++) m.fire(steps[k]);
      cancel();
      expect(m.pending()).toEqual([]);
      expect(went).toBe(0);
    }
  });
});
