import { describe, expect, it } from 'vitest';
import { ctaLifecycle, lifecycleKey, type FiredRun } from './lifecycle';
import { entryEpisode, runLifecycle, type StoredFiredRun } from './lifecycleRuns';
import { buildQueue } from './ctaQueue';
import { lifeArrays } from './testing/legacyLifecycle';
import { daysToIso } from '../table/columns';

/**
 * The lifecycle read column by column (runLifecycle) against the string-keyed rule it replaces
 * (ctaLifecycle, and the arrays the worker sent before: testing/legacyLifecycle.ts), on random
 * histories: accounts added, dropped and reordered between runs (other key lists), CTAs renamed
 * or sharing a dedupe key, a run that is gone, ids that repeat.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) as number;
}

const CTA_SETS = [
  [
    { id: 'risk', dedupeKey: 'risk' },
    { id: 'risk-hi', dedupeKey: 'risk' },
    { id: 'upsell', dedupeKey: 'upsell' },
  ],
  [
    { id: 'upsell', dedupeKey: 'upsell' },
    { id: 'risk2', dedupeKey: 'risk' },
    { id: 'renew', dedupeKey: 'renew' },
  ],
  [{ id: 'risk', dedupeKey: 'risk' }],
];

interface Stored extends FiredRun {
  keysId: string;
}

function randomHistory(seed: number, opts: { repeats?: boolean } = {}) {
  const rand = rng(seed);
  const pool = Array.from({ length: 300 }, (_, i) => `A${i}`);
  // A handful of account lists: runs drawing the same list share its key list id.
  const lists: { id: string; ids: string[] }[] = [];
  for (let l = 0; l < 3; l++) {
    let ids = pool.filter(() => rand() < 0.85);
    // The same accounts as the first list in another order (same length, other key list).
    if (l === 2) ids = lists[0].ids.slice().sort(() => rand() - 0.5);
    if (opts.repeats && l === 1) ids = ids.concat(ids.slice(0, 5));
    lists.push({ id: `keys${l}`, ids });
  }
  const count = 2 + Math.floor(rand() * 7);
  const runs: Stored[] = [];
  const day0 = 20_000 + Math.floor(rand() * 100);
  // A streak-heavy history: most CTAs keep firing, so streaks run several runs long.
  const on = new Map<string, boolean>();
  for (let r = 0; r <= count; r++) {
    const list = lists[Math.floor(rand() * lists.length)];
    const ctas = CTA_SETS[rand() < 0.7 ? 0 : Math.floor(rand() * CTA_SETS.length)];
    const fired = ctas.map(() => new Uint8Array(list.ids.length));
    list.ids.forEach((id, i) =>
      ctas.forEach((c, k) => {
        const key = `${id}/${c.id}`;
        const was = on.get(key) ?? rand() < 0.4;
        const now = rand() < (was ? 0.85 : 0.25);
        on.set(key, now);
        if (now) fired[k][i] = 1;
      }),
    );
    runs.push({
      asOf: daysToIso(day0 + r * 7 + (rand() < 0.2 ? 1 : 0)),
      accountIds: list.ids,
      ctas,
      ctaFired: fired,
      keysId: list.id,
    });
  }
  const current = runs.pop()!;
  // Newest first; sometimes a run in the middle is gone (ends the history there).
  const before: (Stored | null)[] = runs.reverse();
  if (rand() < 0.25) before[Math.floor(rand() * before.length)] = null;
  return { current, before };
}

function storedView(r: Stored | null, reads: string[]): StoredFiredRun | null {
  if (!r) return null;
  return {
    asOf: r.asOf,
    ctas: r.ctas,
    keysId: r.keysId,
    // Each distinct read once (the store keeps what it read of a run).
    accountIds: async () => {
      if (!reads.includes(`${r.asOf} keys`)) reads.push(`${r.asOf} keys`);
      return r.accountIds;
    },
    fired: async (k) => {
      if (!reads.includes(`${r.asOf} ${r.ctas[k].id}`)) reads.push(`${r.asOf} ${r.ctas[k].id}`);
      return r.ctaFired[k];
    },
  };
}

async function both(current: Stored, before: (Stored | null)[]) {
  let i = 0;
  const old = await ctaLifecycle(current, async () => (i < before.length ? before[i++] : null));
  const reads: string[] = [];
  const life = await runLifecycle(current, async (p) =>
    p < before.length ? storedView(before[p], reads) : null,
  );
  return { old, life, reads };
}

describe('the lifecycle read column by column equals the string-keyed rule', () => {
  it('on random histories: every episode, count and resolved CTA', async () => {
    let longest = 0;
    let withGap = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { current, before } = randomHistory(seed);
      if (before.includes(null)) withGap++;
      const { old, life } = await both(current, before);
      const q = buildQueue(current);
      const legacy = lifeArrays(current, old);
      expect(life.previousAsOf, `seed ${seed}`).toBe(old.previousAsOf);
      expect(life.newCount, `seed ${seed}`).toBe(legacy.newCount);
      expect(life.continuingCount, `seed ${seed}`).toBe(legacy.continuingCount);
      expect(life.resolvedCount, `seed ${seed}`).toBe(legacy.resolvedCount);
      expect(life.resolved, `seed ${seed}`).toEqual(legacy.resolved);
      for (let k = 0; k < q.length; k++) {
        const row = q.row[k];
        const c = q.cta[k];
        const want = old.episodes.get(
          lifecycleKey(current.accountIds[row], current.ctas[c].dedupeKey),
        );
        expect(entryEpisode(life, k, current.asOf), `seed ${seed} entry ${k}`).toEqual(want);
        // The old arrays, as the tab read them.
        expect(life.runs[k]).toBe(legacy.runs[c][row]);
        if (want) longest = Math.max(longest, want.runs);
      }
    }
    // The histories did exercise long streaks and gone runs.
    expect(longest).toBeGreaterThan(4);
    expect(withGap).toBeGreaterThan(10);
  });

  it('ids that repeat give the string-keyed answer too', async () => {
    for (let seed = 500; seed < 540; seed++) {
      const { current, before } = randomHistory(seed, { repeats: true });
      const { old, life } = await both(current, before);
      const q = buildQueue(current);
      expect(life.resolvedCount).toBe(old.resolved.length);
      expect(life.resolved).toEqual(old.resolved.slice(0, 200));
      for (let k = 0; k < q.length; k++)
        expect(entryEpisode(life, k, current.asOf)).toEqual(
          old.episodes.get(
            lifecycleKey(current.accountIds[q.row[k]], current.ctas[q.cta[k]].dedupeKey),
          ),
        );
    }
  });

  it('lists more than 200 resolved CTAs in the old order', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `A${i}`);
    const ctas = CTA_SETS[0];
    const prev: Stored = {
      asOf: '2026-11-01',
      accountIds: ids.slice().reverse(),
      ctas,
      // Both CTAs of the "risk" key fire for some accounts: named by the last that fired.
      ctaFired: [
        ids.map((_, i) => +(i % 2 === 0)),
        ids.map((_, i) => +(i % 3 === 0)),
        ids.map(() => 1),
      ].map((a) => Uint8Array.from(a)),
      keysId: 'b',
    };
    const current: Stored = {
      asOf: '2026-11-08',
      accountIds: ids,
      ctas,
      ctaFired: ctas.map(() => new Uint8Array(ids.length)),
      keysId: 'a',
    };
    const { old, life } = await both(current, [prev]);
    expect(old.resolved.length).toBeGreaterThan(600);
    expect(life.resolvedCount).toBe(old.resolved.length);
    expect(life.resolved).toEqual(old.resolved.slice(0, 200));
  });

  it('reads only key lists and the CTA columns of open streaks, and stops when none is open', async () => {
    const ids = ['a', 'b', 'c'];
    const ctas = CTA_SETS[0];
    const mk = (asOf: string, risk: number[], upsell: number[]): Stored => ({
      asOf,
      accountIds: ids,
      ctas,
      ctaFired: [Uint8Array.from(risk), new Uint8Array(3), Uint8Array.from(upsell)],
      keysId: 'k',
    });
    const current = mk('2026-11-29', [1, 0, 0], [0, 1, 0]);
    const before = [
      mk('2026-11-22', [1, 0, 0], [0, 1, 0]),
      mk('2026-11-15', [1, 0, 0], [0, 0, 0]),
      mk('2026-11-08', [0, 0, 0], [1, 1, 1]),
      mk('2026-11-01', [1, 1, 1], [1, 1, 1]),
    ];
    const { old, life, reads } = await both(current, before);
    expect(entryEpisode(life, 0, current.asOf)).toEqual(
      old.episodes.get(lifecycleKey('a', 'risk')),
    );
    expect(life.dates).toEqual(['2026-11-22', '2026-11-15', '2026-11-08']);
    // The newest earlier run whole (its resolved CTAs); then only what streaks still need.
    expect(reads).toEqual([
      '2026-11-22 keys',
      '2026-11-22 risk',
      '2026-11-22 risk-hi',
      '2026-11-22 upsell',
      '2026-11-15 risk',
      '2026-11-15 risk-hi',
      '2026-11-15 upsell',
      '2026-11-08 risk',
      '2026-11-08 risk-hi',
    ]);
  });
});
