import { describe, expect, it } from 'vitest';
import { outcomeValueCounts, predictiveBacktest, type Predictions } from './predictive';
import { wilson } from './stats';

/** 40 accounts: a0–a19 red (score 10+i), a20–a39 green (score 60+i); one CTA fires on red. */
function predictions(): Predictions {
  const n = 40;
  const ids = Array.from({ length: n }, (_, i) => `a${i}`);
  const total = Float64Array.from(ids, (_, i) => (i < 20 ? 10 + i : 60 + i));
  return {
    asOf: '2026-06-01',
    accountIds: ids,
    total,
    colorIds: ['green', 'red'],
    color: Int8Array.from(ids, (_, i) => (i < 20 ? 1 : 0)),
    ctas: [{ id: 'risk', label: 'Risk call', type: 'risk', dedupeKey: 'risk' }],
    ctaFired: [Uint8Array.from(ids, (_, i) => (i < 20 ? 1 : 0))],
    measures: [
      { id: 'usage', label: 'Usage' },
      { id: 'noise', label: 'Noise' },
    ],
    measurePoints: [
      Float64Array.from(total),
      Float64Array.from(ids, (_, i) => (i % 2 ? 80 : 20)), // unrelated to outcomes
    ],
  };
}

describe('predictive backtest', () => {
  // The known answer: 12 of the 20 red accounts churned, 1 of the 20 green; 5 green expanded.
  const keys = Array.from({ length: 40 }, (_, i) => `a${i}`);
  const values = keys.map((_, i) =>
    i < 12 ? '解約' : i === 20 ? '解約' : i >= 30 && i < 35 ? '拡大' : '継続',
  );
  const labels = { field: 'result', churn: ['解約'], expansion: ['拡大'] };

  it('gives base rate, per-colour rates with Wilson intervals and lift, AUC, CTAs, measures', () => {
    const b = predictiveBacktest(predictions(), { keys, values, observedAt: '2026-12-01' }, labels);
    expect(b.mode).toBe('predictive');
    expect(b.n).toBe(40);
    expect(b.base.churn.count).toBe(13);
    expect(b.base.churn.rate).toBeCloseTo(13 / 40, 12);
    const red = b.perColor.find((p) => p.color === 'red')!;
    expect(red.churn.count).toBe(12);
    expect(red.churn.rate).toBeCloseTo(0.6, 12);
    expect(red.churn.low).toBeCloseTo(wilson(12, 20)!.low, 12);
    expect(red.churn.lift).toBeCloseTo(0.6 / (13 / 40), 12);
    const green = b.perColor.find((p) => p.color === 'green')!;
    expect(green.expansion.count).toBe(5);
    expect(green.expansion.lift).toBeCloseTo(0.25 / (5 / 40), 12);
    // Churned: a0–a11 (scores 10–21) and a20 (80). The AUC counts, over all 27 × 13
    // (retained, churned) pairs, those where the retained account scored higher.
    const kept = [...Array(40).keys()].filter((i) => !(i < 12 || i === 20));
    const churned = [...Array(40).keys()].filter((i) => i < 12 || i === 20);
    const score = (i: number) => (i < 20 ? 10 + i : 60 + i);
    let wins = 0;
    for (const k of kept) for (const c of churned) wins += score(k) > score(c) ? 1 : 0;
    expect(b.auc.churn!.auc).toBeCloseTo(wins / (27 * 13), 12);
    expect(b.auc.method).toBe('hanley-mcneil-1982');
    expect(b.verdict.churn.code).toBe('predicts');
    expect(b.perCta[0].fired).toBe(20);
    expect(b.perCta[0].churn.rate).toBeCloseTo(0.6, 12);
    // The usage measure carries the signal, the noise measure does not.
    expect(b.perMeasure[0].churn!.auc).toBeCloseTo(b.auc.churn!.auc, 12);
    expect(b.perMeasure[1].churn!.low).toBeLessThan(0.5);
    expect(b.perMeasure[1].churn!.high).toBeGreaterThan(0.5);
    expect(b.monotonic).toBe(true);
    expect(b.warnings).toEqual([]);
  });

  it('joins by key: counts and lists the unmatched, leaves out duplicated keys', () => {
    const b = predictiveBacktest(
      predictions(),
      {
        keys: [...keys.slice(0, 35), 'zz1', 'a3', 'zz2'],
        values: [...values.slice(0, 35), '解約', '継続', ''],
        observedAt: '2026-12-01',
      },
      labels,
    );
    expect(b.join.predictionsWithoutOutcome).toBe(5);
    expect(b.join.listedPredictionsWithoutOutcome).toEqual(['a35', 'a36', 'a37', 'a38', 'a39']);
    expect(b.join.outcomesWithoutPrediction).toBe(2);
    expect(b.join.listedOutcomesWithoutPrediction).toEqual(['zz1', 'zz2']);
    expect(b.join.duplicateOutcomeKeys).toEqual(['a3']);
    expect(b.n).toBe(34);
  });

  it('draws no verdict without churn, and is descriptive when outcomes are not later', () => {
    const calm = keys.map((_, i) => (i === 5 ? '拡大' : '継続'));
    const b = predictiveBacktest(
      predictions(),
      { keys, values: calm, observedAt: '2026-06-01' },
      labels,
    );
    expect(b.mode).toBe('descriptive');
    expect(b.verdict.churn).toEqual({
      code: 'insufficient',
      reason: 'no_events',
      events: 0,
      nonEvents: 40,
    });
    expect(b.verdict.expansion.code).toBe('insufficient');
    expect(b.auc.churn).toBeNull();
    expect(b.monotonic).toBeNull();
  });

  it('warns when one colour holds more than 60% of the accounts', () => {
    const p = predictions();
    p.color = Int8Array.from(p.color, (_, i) => (i < 30 ? 0 : 1));
    const b = predictiveBacktest(p, { keys, values, observedAt: '2026-12-01' }, labels);
    expect(b.warnings).toEqual([{ code: 'band_concentration', color: 'green', share: 0.75 }]);
  });

  it('lists the values seen with their counts, most frequent first', () => {
    expect(outcomeValueCounts(['b', 'a', null, 'b', '', 'c', 'a', 'b'])).toEqual({
      values: [
        { value: 'b', count: 3 },
        { value: 'a', count: 2 },
        { value: 'c', count: 1 },
      ],
      blank: 2,
    });
  });
});
