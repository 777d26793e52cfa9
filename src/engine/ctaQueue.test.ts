import { describe, expect, it } from 'vitest';
import { buildQueue, queueSteps, type Queue } from './ctaQueue';
import { rng } from '../util/random';

/** The queue as it was built in one pass before it was built in steps (the reference). */
function oneTask(ctaFired: Uint8Array[]): Queue {
  let n = 0;
  for (const f of ctaFired) for (let i = 0; i < f.length; i++) n += f[i];
  const row = new Int32Array(n);
  const cta = new Int32Array(n);
  let k = 0;
  ctaFired.forEach((f, c) => {
    for (let i = 0; i < f.length; i++)
      if (f[i]) {
        row[k] = i;
        cta[k++] = c;
      }
  });
  return { row, cta, length: n };
}

describe('the CTA queue built in steps', () => {
  it('equals the one-pass build on random runs and step sizes, and yields between steps', () => {
    const rand = rng(17);
    for (let trial = 0; trial < 300; trial++) {
      const rows = Math.floor(rand() * 300);
      const ctas = Math.floor(rand() * 6);
      const density = rand();
      const ctaFired = Array.from({ length: ctas }, () =>
        Uint8Array.from({ length: rows }, () => (rand() < density ? 1 : 0)),
      );
      const want = oneTask(ctaFired);
      const step = 1 + Math.floor(rand() * 40);
      const it = queueSteps({ ctaFired }, step);
      let yields = 0;
      let s = it.next();
      for (; !s.done; s = it.next()) yields++;
      expect(s.value.length).toBe(want.length);
      expect([...s.value.row]).toEqual([...want.row]);
      expect([...s.value.cta]).toEqual([...want.cta]);
      // At least one step per slice of the fill pass: never all in one go when a column is longer.
      if (rows > step && ctas > 0) expect(yields).toBeGreaterThanOrEqual(Math.ceil(rows / step));
      expect(buildQueue({ ctaFired })).toEqual(want);
    }
  });
});
