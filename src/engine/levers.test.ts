import { describe, expect, it } from 'vitest';
import { compilePlaybook } from './compile';
import { nextColour } from './levers';
import { scoreTable } from './score';
import { miniPlaybook } from './testing/mini';
import { tableFromRows } from '../table/columns';
import type { Playbook } from '../model';

const types = (pb: Playbook) => Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));

function score(pb: Playbook, row: Record<string, unknown>) {
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const table = tableFromRows([row], types(pb));
  return { c: c.compiled, r: scoreTable(c.compiled, table) };
}

// Small segment: usage linear 0–50 (weight 2), rel category (1), nps tiers ≥9:100 ≥7:50 (1).
// usage 10 → 20 points, weak → 20, nps 7 → 50: total (40 + 20 + 50) / 4 = 27.5, red.
// Yellow is reached strictly above 40: 12.5 points are missing.
const ACCOUNT = { id: 'A', mrr: 10, usage: 10, rel: 'weak', nps: 7 };

describe('nextColour', () => {
  it('names the gap to the next band and each measure, improved to what, adding how much', () => {
    const pb = miniPlaybook();
    const { c, r } = score(pb, ACCOUNT);
    expect(r.total[0]).toBe(27.5);
    const n = nextColour(c, r, 0)!;
    expect(n).toMatchObject({ color: 'red', next: 'yellow', min: 40, inclusive: false, gap: 12.5 });
    const by = Object.fromEntries(n.levers.map((l) => [l.measure, l]));
    // Relationship weak → strong: (100 − 20) × 1 / 4 = 20 points, enough on its own.
    expect(by.rel).toMatchObject({
      target: { op: '=', value: 'strong' },
      gain: 20,
      closesGap: true,
    });
    // Usage: 12.5 points need 25 more usage points: 45 points = usage 22.5, strictly above.
    expect(by.use).toMatchObject({ target: { op: '>', value: 22.5 }, gain: 12.5, closesGap: true });
    // NPS 9 adds (100 − 50) / 4 = 12.5: total exactly 40, not above it: not enough alone.
    expect(by.nps).toMatchObject({ target: { op: '>=', value: 9 }, gain: 12.5, closesGap: false });
    expect(n.levers.map((l) => l.measure)).toEqual(['rel', 'use', 'nps']);
  });

  it('agrees with re-scoring the account with the lever applied', () => {
    const pb = miniPlaybook();
    const { c, r } = score(pb, ACCOUNT);
    const n = nextColour(c, r, 0)!;
    for (const l of n.levers) {
      const v = l.target.value as number | string;
      // A strict target is met by any value beyond it: step a hair past it.
      const applied =
        l.target.op === '>' ? (v as number) + 1e-9 : l.target.op === '<' ? (v as number) - 1e-9 : v;
      const again = score(pb, { ...ACCOUNT, [l.measure === 'use' ? 'usage' : l.measure]: applied });
      expect(again.r.total[0] - r.total[0]).toBeCloseTo(l.gain, 6);
      const colour = again.r.colorIds[again.r.color[0]];
      expect(colour === 'yellow', `${l.measure} → ${String(applied)}`).toBe(l.closesGap);
    }
  });

  it('uses the segment override of weights (Big: relationship weight 3)', () => {
    const pb = miniPlaybook();
    const { c, r } = score(pb, { ...ACCOUNT, mrr: 500 });
    // (40 + 60 + 50) / 6 = 25; strong adds (80 × 3) / 6 = 40.
    expect(r.total[0]).toBe(25);
    const rel = nextColour(c, r, 0)!.levers.find((l) => l.measure === 'rel')!;
    expect(rel.gain).toBe(40);
  });

  it('has nothing to say in the best band or without a score', () => {
    const pb = miniPlaybook();
    const top = score(pb, { id: 'A', usage: 50, rel: 'strong', nps: 10 });
    expect(nextColour(top.c, top.r, 0)).toBeNull();
    const none = score(pb, { id: 'A' });
    expect(nextColour(none.c, none.r, 0)).toBeNull();
  });

  // A missing measure is offered as "recording … would add", exactly as re-scoring computes.
  const applied = (l: { target: { op: string; value: number | string } }) =>
    l.target.op === '>'
      ? (l.target.value as number) + 1e-9
      : l.target.op === '<'
        ? (l.target.value as number) - 1e-9
        : l.target.value;
  const fieldOf = (m: string) => (m === 'use' ? 'usage' : m);

  it('offers a missing measure (excluded): its weight joins the others when recorded', () => {
    const pb = miniPlaybook();
    // usage 10 → 20 (w 2), weak → 20 (w 1), NPS missing (w 1, left out): total 60 / 3 = 20.
    const acc = { id: 'A', mrr: 10, usage: 10, rel: 'weak' };
    const { c, r } = score(pb, acc);
    expect(r.total[0]).toBe(20);
    const n = nextColour(c, r, 0)!;
    const nps = n.levers.find((l) => l.measure === 'nps')!;
    // Recording NPS 9 (100 points): (60 + 100) / 4 = 40, +20, not above 40: not enough alone.
    // A value under 20 points (NPS < 7 scores 0) would lower the total: breakEven 20.
    expect(nps).toMatchObject({
      raw: null,
      missing: 'exclude',
      breakEven: 20,
      target: { op: '>=', value: 9 },
      pointsAt: 100,
      gain: 20,
      closesGap: false,
    });
  });

  it('offers the weakest recorded value that closes the gap, for a missing linear measure', () => {
    const pb = miniPlaybook();
    // Usage missing (w 2): weak 20 + NPS 7 → 50: total 35; yellow is above 40, 5 missing.
    // Recorded usage p: (70 + 2p) / 4 > 40 ⇔ p > 45 points ⇔ usage > 22.5.
    const acc = { id: 'A', mrr: 10, rel: 'weak', nps: 7 };
    const { c, r } = score(pb, acc);
    expect(r.total[0]).toBe(35);
    const use = nextColour(c, r, 0)!.levers.find((l) => l.measure === 'use')!;
    expect(use).toMatchObject({
      missing: 'exclude',
      target: { op: '>', value: 22.5 },
      gain: 5,
      closesGap: true,
    });
  });

  it('offers a missing measure scored 0 (policy "zero"): recording adds its points × w / W', () => {
    const pb = miniPlaybook();
    pb.health.missing = 'zero';
    const acc = { id: 'A', mrr: 10, usage: 10, rel: 'weak' };
    const { c, r } = score(pb, acc);
    // (40 + 20 + 0) / 4 = 15; NPS 9 adds 100 / 4 = 25 → 40, not above it.
    expect(r.total[0]).toBe(15);
    const nps = nextColour(c, r, 0)!.levers.find((l) => l.measure === 'nps')!;
    expect(nps).toMatchObject({ missing: 'zero', pointsNow: 0, gain: 25, closesGap: false });
    expect(nps.breakEven).toBeUndefined();
  });

  it('a missing measure lever agrees with re-scoring the account with the value recorded', () => {
    for (const missing of ['exclude', 'zero'] as const)
      for (const acc of [
        { id: 'A', mrr: 10, usage: 10, rel: 'weak' },
        { id: 'A', mrr: 10, rel: 'weak', nps: 7 },
        { id: 'A', mrr: 10, usage: 30, nps: 7 },
        { id: 'A', mrr: 500, usage: 10, nps: 8 },
      ]) {
        const pb = miniPlaybook();
        pb.health.missing = missing;
        const { c, r } = score(pb, acc);
        const n = nextColour(c, r, 0);
        if (!n) continue;
        const levers = n.levers.filter((l) => l.raw === null);
        expect(levers.length, `${missing} ${JSON.stringify(acc)}`).toBeGreaterThan(0);
        for (const l of levers) {
          const again = score(pb, { ...acc, [fieldOf(l.measure)]: applied(l) });
          const what = `${missing} ${JSON.stringify(acc)} ${l.measure}`;
          expect(again.r.total[0] - r.total[0], what).toBeCloseTo(l.gain, 6);
          const rank = (id: string) => pb.health.bands.findIndex((b) => b.id === id);
          const reached = rank(again.r.colorIds[again.r.color[0]]) <= rank(n.next);
          expect(reached, what).toBe(l.closesGap);
        }
      }
  });
});
