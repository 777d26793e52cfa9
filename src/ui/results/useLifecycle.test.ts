import { describe, expect, it } from 'vitest';
import { ctaLifecycle, lifecycleKey, type FiredRun } from '../../engine/lifecycle';
import { runLifecycle } from '../../engine/lifecycleRuns';
import { buildQueue } from '../../engine/ctaQueue';
import { lifeView } from './useLifecycle';

/**
 * The CTA tab reads the lifecycle as the run worker sends it (runs by queue entry, the dates
 * read): every fired CTA's episode must read back as the Map the string-keyed rule built (since,
 * runs, days, new), by (row, CTA) and by queue entry, and the counts agree.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) as number;
}
const ctas = [
  { id: 'risk', dedupeKey: 'risk' },
  { id: 'risk-hi', dedupeKey: 'risk' },
  { id: 'upsell', dedupeKey: 'upsell' },
];
function randomRun(asOf: string, ids: string[], rand: () => number): FiredRun {
  const fired = ctas.map(() => new Uint8Array(ids.length));
  ids.forEach((_, i) => {
    // One CTA per dedupe key fires for an account (the engine's dedupe).
    if (rand() < 0.5) fired[rand() < 0.5 ? 0 : 1][i] = 1;
    if (rand() < 0.3) fired[2][i] = 1;
  });
  return { asOf, accountIds: ids, ctas, ctaFired: fired };
}

describe('the lifecycle as arrays', () => {
  it('reads back every episode and count of the engine lifecycle', async () => {
    const rand = rng(3);
    const ids = Array.from({ length: 400 }, (_, i) => `A${i}`);
    const runs = ['2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25'].map((d) =>
      randomRun(d, ids, rand),
    );
    const current = randomRun('2026-11-01', [...ids.slice(0, 350), 'new1', 'new2'], rand);
    let i = 0;
    const older = runs.slice().reverse();
    const life = await ctaLifecycle(current, async () => older[i++] ?? null);
    let p = 0;
    const sent = structuredClone(
      await runLifecycle(current, async () => {
        const r = older[p++];
        return r
          ? {
              ...r,
              keysId: null,
              accountIds: async () => r.accountIds,
              fired: async (k: number) => r.ctaFired[k],
            }
          : null;
      }),
    );
    const q = buildQueue(current);
    const v = lifeView(sent, current.asOf, q);
    for (let k = 0; k < q.length; k++)
      expect(v.episodeAt(k)).toEqual(v.episode(q.row[k], q.cta[k]));
    let seen = 0;
    current.ctas.forEach((c, k) =>
      current.accountIds.forEach((id, row) => {
        const want = current.ctaFired[k][row]
          ? life.episodes.get(lifecycleKey(id, c.dedupeKey))
          : undefined;
        expect(v.episode(row, k), `${id} ${c.id}`).toEqual(want);
        if (want) seen++;
      }),
    );
    expect(seen).toBe(life.episodes.size);
    const values = [...life.episodes.values()];
    expect(v.newCount).toBe(values.filter((e) => e.isNew).length);
    expect(v.continuingCount).toBe(values.filter((e) => !e.isNew).length);
    expect(values.some((e) => e.runs > 2)).toBe(true);
    expect(v.resolvedCount).toBe(life.resolved.length);
    expect(v.resolved).toEqual(life.resolved.slice(0, 200));
    expect(v.previousAsOf).toBe('2026-10-25');
  });
});
