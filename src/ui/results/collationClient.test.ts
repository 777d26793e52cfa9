import { describe, expect, it } from 'vitest';
import { rng } from '../../util/random';
import { place, type Piece } from '../../workers/pieces';
import { PausableSend, slices } from './collationClient';

/** A PausableSend whose posts and scheduled tasks the test holds. */
function sender(pieces: ReturnType<typeof slices>, window?: number) {
  const tasks: (() => void)[] = [];
  const posted: Piece[] = [];
  const send = new PausableSend(
    pieces,
    (p) => posted.push(p),
    (f) => tasks.push(f),
    window,
  );
  return { tasks, posted, send };
}

describe('PausableSend (a list handed to a collation worker)', () => {
  it('posts nothing while paused, then every piece once, in order; the list rebuilds', () => {
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      // Over 10,000 strings: split slices only long lists.
      const values = Array.from({ length: 10_001 + seed * 370 }, (_, k) => `id-${k}-${seed}`);
      const pieces = slices(values, 500);
      expect(pieces.count).toBeGreaterThan(20);
      const { tasks, posted, send } = sender(pieces);
      let paused = false;
      for (let guard = 0; guard < 1e5 && !send.done; guard++) {
        if (r() < 0.3) {
          paused = !paused;
          if (paused) send.pause();
          else send.resume();
        }
        const before = posted.length;
        // Paused: a post already asked for does nothing, and nothing new is asked for.
        if (paused) tasks.splice(0).forEach((f) => f());
        else tasks.shift()?.();
        if (paused) expect([tasks.length, posted.length - before]).toEqual([0, 0]);
        else expect(posted.length - before).toBeLessThanOrEqual(1);
      }
      expect(send.done).toBe(true);
      expect(posted.map((p) => ('from' in p ? p.from : -1))).toEqual(
        Array.from({ length: pieces.count }, (_, k) => k * 500),
      );
      // As the collation worker rebuilds it.
      const got = { values: null } as unknown as { values: string[] };
      for (const p of posted) place(got, p);
      expect(got.values).toEqual(values);
    }
  });

  it('cancelled, posts nothing more', () => {
    const pieces = slices(
      Array.from({ length: 20_000 }, (_, k) => `n${k}`),
      1000,
    );
    const tasks: (() => void)[] = [];
    let posted = 0;
    const send = new PausableSend(
      pieces,
      () => posted++,
      (f) => tasks.push(f),
    );
    tasks.shift()!();
    tasks.shift()!();
    send.cancel();
    tasks.splice(0).forEach((f) => f());
    send.resume();
    tasks.splice(0).forEach((f) => f());
    expect(posted).toBe(2);
  });

  it('with a window, never more than `window` pieces posted and not placed; a pause stops posting, placing resumes it', () => {
    for (const seed of [4, 5, 6]) {
      const r = rng(seed);
      const values = Array.from({ length: 9_000 + seed * 111 }, (_, k) => `n-${k}-${seed}`);
      const pieces = slices(values, 300);
      const { tasks, posted, send } = sender(pieces, 2);
      let placed = 0;
      let paused = false;
      for (let guard = 0; guard < 1e5 && !send.done; guard++) {
        const x = r();
        if (x < 0.15) {
          paused = !paused;
          if (paused) send.pause();
          else send.resume();
        } else if (x < 0.5 && placed < posted.length) {
          placed++;
          send.placed();
        } else {
          // A task run while paused or with the window full posts nothing.
          const blocked = paused || posted.length - placed >= 2;
          const before = posted.length;
          tasks.shift()?.();
          if (blocked) expect(posted.length).toBe(before);
        }
        expect(posted.length - placed).toBeLessThanOrEqual(2);
        expect(send.inFlight).toBe(posted.length - placed);
      }
      expect(send.done).toBe(true);
      const got = { values: null } as unknown as { values: string[] };
      for (const p of posted) place(got, p);
      expect(got.values).toEqual(values);
    }
  });
});
