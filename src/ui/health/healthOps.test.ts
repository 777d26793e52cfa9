import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { HealthModel } from '../../model';
import { DEFAULT_BANDS, DEFAULT_DIMENSIONS } from '../../model';
import { defaultNormalisation, plotRange, pointsFor, weightPercents } from './curve';
import {
  deleteMeasure,
  effectiveWeights,
  setBandsOverride,
  setRequiredColor,
  setWeightOverride,
} from './overrideOps';
import { bandProblems } from './BandsEditor';

const model: HealthModel = {
  dimensions: DEFAULT_DIMENSIONS,
  measures: [
    {
      id: 'a',
      label: 'A',
      dimension: 'deployment',
      expr: 'x',
      normalise: { kind: 'linear', min: 0, max: 10 },
      invert: false,
      weight: 10,
    },
    {
      id: 'b',
      label: 'B',
      dimension: 'adoption',
      expr: 'y',
      normalise: { kind: 'linear', min: 0, max: 10 },
      invert: false,
      weight: 30,
    },
  ],
  bands: DEFAULT_BANDS,
  missing: 'exclude',
  overrides: [],
};

describe('normalisation preview', () => {
  it('linear clamps, tiers take the first reached tier, categories map, invert flips', () => {
    expect(pointsFor({ kind: 'linear', min: 0, max: 10 }, 5, false)).toBe(50);
    expect(pointsFor({ kind: 'linear', min: 0, max: 10 }, 20, false)).toBe(100);
    expect(pointsFor({ kind: 'linear', min: 0, max: 10 }, -3, true)).toBe(100);
    const tiers = {
      kind: 'tiers' as const,
      tiers: [
        { min: 9, points: 100 },
        { min: 7, points: 60 },
      ],
      below: 5,
    };
    expect([10, 9, 8, 1].map((x) => pointsFor(tiers, x, false))).toEqual([100, 100, 60, 5]);
    const cat = { kind: 'category' as const, points: { strong: 100, weak: 20 } };
    expect(pointsFor(cat, 'weak', false)).toBe(20);
    expect(pointsFor(cat, 'other', false)).toBeNull();
    expect(pointsFor({ ...cat, otherwise: 10 }, 'other', true)).toBe(90);
    expect(plotRange({ kind: 'linear', min: 0, max: 100 })).toEqual([-25, 125]);
  });

  it('weights become shares of the total; category defaults spread points over the values', () => {
    expect(weightPercents([10, 30, 0])).toEqual([25, 75, 0]);
    expect(weightPercents([0, 0])).toEqual([0, 0]);
    expect(defaultNormalisation('category', ['strong', 'normal', 'weak'])).toEqual({
      kind: 'category',
      points: { strong: 100, normal: 50, weak: 0 },
    });
  });
});

describe('segment overrides store only differences', () => {
  it('sets, inherits again and drops empty overrides', () => {
    let h = produce(model, (d) => setWeightOverride(d, 'smb', 'a', 20));
    expect(h.overrides).toEqual([{ segment: 'smb', weights: { a: 20 } }]);
    expect(effectiveWeights(h, 'smb')).toEqual([20, 30]);
    expect(effectiveWeights(h, 'ent')).toEqual([10, 30]);
    // The base value is not an override.
    h = produce(h, (d) => setWeightOverride(d, 'smb', 'a', 10));
    expect(h.overrides).toEqual([]);
    h = produce(h, (d) => {
      setRequiredColor(d, 'ent', 'green');
      setBandsOverride(d, 'ent', DEFAULT_BANDS.slice(0, 2));
    });
    expect(h.overrides).toEqual([
      { segment: 'ent', requiredColor: 'green', bands: DEFAULT_BANDS.slice(0, 2) },
    ]);
    h = produce(h, (d) => {
      setRequiredColor(d, 'ent', undefined);
      setBandsOverride(d, 'ent', undefined);
    });
    expect(h.overrides).toEqual([]);
  });

  it('deleting a measure removes it from every override', () => {
    let h = produce(model, (d) => {
      setWeightOverride(d, 'smb', 'b', 1);
      setWeightOverride(d, 'ent', 'a', 2);
    });
    h = produce(h, (d) => deleteMeasure(d, 'b'));
    expect(h.measures.map((m) => m.id)).toEqual(['a']);
    expect(h.overrides).toEqual([{ segment: 'ent', weights: { a: 2 } }]);
  });
});

describe('colour band checks', () => {
  it('accepts the defaults and reports order, duplicates and a gap at the bottom', () => {
    expect(bandProblems(DEFAULT_BANDS)).toEqual([]);
    const bad = [
      DEFAULT_BANDS[0],
      { ...DEFAULT_BANDS[1], id: 'green', min: 90 },
      { ...DEFAULT_BANDS[3], min: 10 },
    ];
    expect(bandProblems(bad).map((p) => p.key)).toEqual([
      'bands.duplicateId',
      'bands.order',
      'bands.gap',
    ]);
  });
});

describe('deleting a segment', () => {
  it('removes its overrides and the CTAs that applied only to it', async () => {
    const { emptyProject } = await import('../../model');
    const { deleteSegment } = await import('./overrideOps');
    const base = produce(emptyProject('t', '2026-01-01T00:00:00Z'), (d) => {
      d.segments.items.unshift(
        { id: 'ent', label: 'Ent', when: 'true' },
        { id: 'mid', label: 'Mid', when: 'true' },
      );
      d.health.overrides.push(
        { segment: 'ent', requiredColor: 'green' },
        { segment: 'mid', requiredColor: 'lime' },
      );
      const c = {
        type: 'risk' as const,
        trigger: 'true',
        priority: 'low' as const,
        ownerRole: '',
        dueInDays: 0,
        stages: [],
        steps: [],
      };
      d.ctas.push(
        { ...c, id: 'only_ent', label: '', segments: ['ent'] },
        { ...c, id: 'ent_mid', label: '', segments: ['ent', 'mid'] },
      );
    });
    let removed: string[] = [];
    const p = produce(base, (d) => {
      removed = deleteSegment(d, 'ent');
    });
    expect(removed).toEqual(['only_ent']);
    expect(p.segments.items.map((s) => s.id)).toEqual(['mid', 'all']);
    expect(p.health.overrides).toEqual([{ segment: 'mid', requiredColor: 'lime' }]);
    expect(p.ctas).toEqual([expect.objectContaining({ id: 'ent_mid', segments: ['mid'] })]);
  });
});

describe('renaming a base band id', () => {
  it('carries the required colours that named it', async () => {
    const { setBaseBands } = await import('./overrideOps');
    const h0 = produce(model, (d) => {
      d.requiredColor = 'green';
      d.overrides.push({ segment: 'x', requiredColor: 'green' });
    });
    const h = produce(h0, (d) =>
      setBaseBands(
        d,
        DEFAULT_BANDS.map((b) => (b.id === 'green' ? { ...b, id: 'best' } : b)),
      ),
    );
    expect(h.requiredColor).toBe('best');
    expect(h.overrides[0].requiredColor).toBe('best');
  });
});
