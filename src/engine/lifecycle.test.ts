import { describe, expect, it } from 'vitest';
import { activeMark, ctaLifecycle, lifecycleKey, type FiredRun } from './lifecycle';

const ctas = [
  { id: 'risk', dedupeKey: 'risk' },
  { id: 'upsell', dedupeKey: 'upsell' },
];
/** fired: account → CTA ids. */
function run(asOf: string, fired: Record<string, string[]>): FiredRun {
  const ids = Object.keys(fired);
  return {
    asOf,
    accountIds: ids,
    ctas,
    ctaFired: ctas.map((c) => Uint8Array.from(ids, (id) => (fired[id].includes(c.id) ? 1 : 0))),
  };
}
const feed = (runs: FiredRun[]) => {
  let i = 0;
  const read: string[] = [];
  return {
    next: async () => {
      const r = runs[i++] ?? null;
      if (r) read.push(r.asOf);
      return r;
    },
    read,
  };
};

describe('CTA lifecycle', () => {
  const w1 = run('2026-11-01', { a: ['risk'], b: ['risk'], c: [] });
  const w2 = run('2026-11-08', { a: ['risk'], b: [], c: ['risk'] });
  const w3 = run('2026-11-15', { a: ['risk'], b: ['risk'], c: [], d: ['upsell'] });

  it('new, continuing N runs / days, resolved — by account and dedupe key', async () => {
    const f = feed([w2, w1]);
    const l = await ctaLifecycle(w3, f.next);
    expect(l.previousAsOf).toBe('2026-11-08');
    expect(l.episodes.get(lifecycleKey('a', 'risk'))).toEqual({
      since: '2026-11-01',
      runs: 3,
      days: 14,
      isNew: false,
      before: null,
    });
    // b fired on 11-01, stopped on 11-08, fires again: a new task.
    expect(l.episodes.get(lifecycleKey('b', 'risk'))!.isNew).toBe(true);
    expect(l.episodes.get(lifecycleKey('b', 'risk'))!.since).toBe('2026-11-15');
    expect(l.episodes.get(lifecycleKey('b', 'risk'))!.before).toBe('2026-11-08');
    expect(l.episodes.get(lifecycleKey('d', 'upsell'))!.isNew).toBe(true);
    expect(l.resolved).toEqual([{ accountId: 'c', dedupeKey: 'risk', ctaId: 'risk' }]);
  });

  it('reads no more runs than it needs', async () => {
    const older = run('2026-10-01', { a: [] });
    const f = feed([w2, w1, older, run('2026-09-01', { a: ['risk'] })]);
    await ctaLifecycle(w3, f.next);
    expect(f.read).toEqual(['2026-11-08', '2026-11-01', '2026-10-01']);
  });

  it('everything is new on the first run', async () => {
    const l = await ctaLifecycle(w1, async () => null);
    expect(l.previousAsOf).toBeNull();
    expect([...l.episodes.values()].every((e) => e.isNew && e.runs === 1)).toBe(true);
  });

  it('a mark follows its episode; a snooze ends on its date', async () => {
    const l = await ctaLifecycle(w3, feed([w2, w1]).next);
    const a = lifecycleKey('a', 'risk');
    const b = lifecycleKey('b', 'risk');
    const marks = new Map([
      [a, { accountId: 'a', dedupeKey: 'risk', state: 'done' as const, since: '2026-11-01' }],
      // b was marked in its earlier episode: the new one is a new task.
      [b, { accountId: 'b', dedupeKey: 'risk', state: 'dismissed' as const, since: '2026-11-01' }],
    ]);
    expect(activeMark(marks, a, l.episodes.get(a), '2026-11-15')!.state).toBe('done');
    expect(activeMark(marks, b, l.episodes.get(b), '2026-11-15')).toBeNull();
    const snooze = new Map([
      [
        a,
        {
          accountId: 'a',
          dedupeKey: 'risk',
          state: 'snoozed' as const,
          since: '2026-11-01',
          until: '2026-11-20',
        },
      ],
    ]);
    expect(activeMark(snooze, a, l.episodes.get(a), '2026-11-15')).not.toBeNull();
    expect(activeMark(snooze, a, l.episodes.get(a), '2026-11-20')).toBeNull();
  });

  it('a mark survives a run back-filled before its episode, not a later one', async () => {
    // Marked done on 11-15 when 11-08 was the only earlier run: the episode began 11-08.
    const a = lifecycleKey('a', 'risk');
    const before = await ctaLifecycle(w3, feed([w2]).next);
    expect(before.episodes.get(a)!.since).toBe('2026-11-08');
    const marks = new Map([
      [a, { accountId: 'a', dedupeKey: 'risk', state: 'done' as const, since: '2026-11-08' }],
    ]);
    expect(activeMark(marks, a, before.episodes.get(a), '2026-11-15')!.state).toBe('done');
    // 11-01 is back-filled: the same streak now starts earlier; it is the same task, still done.
    const after = await ctaLifecycle(w3, feed([w2, w1]).next);
    expect(after.episodes.get(a)!.since).toBe('2026-11-01');
    expect(activeMark(marks, a, after.episodes.get(a), '2026-11-15')!.state).toBe('done');
    // The back-filled run itself comes before the mark's episode: not marked there.
    const backfilled = await ctaLifecycle(w1, feed([]).next);
    expect(activeMark(marks, a, backfilled.episodes.get(a), '2026-11-01')).toBeNull();
  });

  it('a mark survives thinning: the run it was made on deleted, the streak unbroken', async () => {
    // Marked done on 11-01 (its episode began then); 11-01 is thinned away later.
    const a = lifecycleKey('a', 'risk');
    const b = lifecycleKey('b', 'risk');
    const marks = new Map([
      [a, { accountId: 'a', dedupeKey: 'risk', state: 'done' as const, since: '2026-11-01' }],
      [b, { accountId: 'b', dedupeKey: 'risk', state: 'done' as const, since: '2026-11-01' }],
    ]);
    const thinned = await ctaLifecycle(w3, feed([w2]).next);
    expect(thinned.episodes.get(a)!.since).toBe('2026-11-08');
    expect(activeMark(marks, a, thinned.episodes.get(a), '2026-11-15')!.state).toBe('done');
    // b stopped firing on 11-08, a run still stored: its 11-01 mark was another episode.
    expect(activeMark(marks, b, thinned.episodes.get(b), '2026-11-15')).toBeNull();
  });
});
