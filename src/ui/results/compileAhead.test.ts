import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Playbook } from '../../model';
import type { FrameHooks } from './afterDrawn';

const compilePlaybook = vi.hoisted(() =>
  vi.fn((pb: unknown, o: { asOf: string }) => ({ ok: true, compiled: { pb, asOf: o.asOf } })),
);
vi.mock('../../engine', () => ({ compilePlaybook }));

const { compileAhead, compiledPlaybook, holdsCompiled } = await import('./compileAhead');

/** Hooks whose callbacks wait until `drawn()` fires them: the frame, a task, two idle periods. */
function queued() {
  let pending: (() => void)[] = [];
  const add = (cb: (left: number) => void) => {
    let live = true;
    pending.push(() => live && cb(50));
    return () => (live = false);
  };
  const hooks: FrameHooks = { frame: add, task: add, idle: add };
  const drawn = () => {
    while (pending.length) {
      const now = pending;
      pending = [];
      for (const f of now) f();
    }
  };
  return { hooks, drawn };
}

const pb = { id: 'the run’s playbook' } as unknown as Playbook;

afterEach(() => {
  compiledPlaybook(pb, 'clear'); // takes whatever is held
  compilePlaybook.mockClear();
});

describe('compileAhead', () => {
  it('compiles only once the page has drawn and is idle, and the run takes that result', () => {
    const q = queued();
    compileAhead(pb, '2026-11-01', q.hooks);
    expect(compilePlaybook).not.toHaveBeenCalled();
    q.drawn();
    expect(compilePlaybook).toHaveBeenCalledTimes(1);
    expect(holdsCompiled()).toBe(true);
    const r = compiledPlaybook(pb, '2026-11-01');
    expect(compilePlaybook).toHaveBeenCalledTimes(1);
    expect(r).toBe(compilePlaybook.mock.results[0].value);
    expect(holdsCompiled()).toBe(false);
  });

  it('is taken once: a second run compiles for itself', () => {
    const q = queued();
    compileAhead(pb, '2026-11-01', q.hooks);
    q.drawn();
    compiledPlaybook(pb, '2026-11-01');
    const again = compiledPlaybook(pb, '2026-11-01');
    expect(compilePlaybook).toHaveBeenCalledTimes(2);
    expect(again).toBe(compilePlaybook.mock.results[1].value);
  });

  it('is not used for another playbook or another date', () => {
    const q = queued();
    compileAhead(pb, '2026-11-01', q.hooks);
    q.drawn();
    const other = { id: 'another' } as unknown as Playbook;
    expect(compiledPlaybook(other, '2026-11-01')).toEqual({
      ok: true,
      compiled: { pb: other, asOf: '2026-11-01' },
    });
    compileAhead(pb, '2026-11-01', q.hooks);
    q.drawn();
    expect(compiledPlaybook(pb, '2026-10-01')).toEqual({
      ok: true,
      compiled: { pb, asOf: '2026-10-01' },
    });
    expect(compilePlaybook).toHaveBeenCalledTimes(4);
  });

  it('compiles nothing when cancelled before the page was drawn', () => {
    const q = queued();
    const cancel = compileAhead(pb, '2026-11-01', q.hooks);
    cancel();
    q.drawn();
    expect(compilePlaybook).not.toHaveBeenCalled();
    expect(holdsCompiled()).toBe(false);
  });
  it('a compile that throws ahead holds nothing and leaves the page running', () => {
    const q = queued();
    compilePlaybook.mockImplementationOnce(() => {
      throw new Error('engine bug');
    });
    compileAhead(pb, '2026-11-01', q.hooks);
    expect(() => q.drawn()).not.toThrow();
    expect(holdsCompiled()).toBe(false);
    // The run compiles for itself (and would meet the error where it is reported).
    expect(compiledPlaybook(pb, '2026-11-01')).toEqual({
      ok: true,
      compiled: { pb, asOf: '2026-11-01' },
    });
    expect(compilePlaybook).toHaveBeenCalledTimes(2);
  });
});
