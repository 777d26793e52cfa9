import type { Normalisation } from '../../model';

/**
 * Points (0–100) a raw value gets under a normalisation, as the schema defines it; used for the
 * editor's preview curve only (the engine scores). null = treated as missing.
 */
export function pointsFor(n: Normalisation, raw: number | string, invert: boolean): number | null {
  let p: number | null;
  if (n.kind === 'category') {
    const v = n.points[String(raw)];
    p = v !== undefined ? v : (n.otherwise ?? null);
  } else {
    const x = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(x)) return null;
    if (n.kind === 'linear') {
      if (n.max === n.min) p = x >= n.max ? 100 : 0;
      else p = Math.max(0, Math.min(100, ((x - n.min) / (n.max - n.min)) * 100));
    } else {
      const hit = n.tiers.find((t) => x >= t.min);
      p = hit ? hit.points : n.below;
    }
  }
  return p === null ? null : invert ? 100 - p : p;
}

/** The x range worth plotting for a numeric normalisation (a margin around its break points). */
export function plotRange(n: Normalisation): [number, number] {
  if (n.kind === 'linear') {
    const lo = Math.min(n.min, n.max),
      hi = Math.max(n.min, n.max);
    const pad = (hi - lo) * 0.25 || 1;
    return [lo - pad, hi + pad];
  }
  if (n.kind === 'tiers') {
    const mins = n.tiers.map((t) => t.min);
    const lo = Math.min(...mins),
      hi = Math.max(...mins);
    const pad = (hi - lo) * 0.3 || Math.abs(hi) * 0.5 || 1;
    return [lo - pad, hi + pad];
  }
  return [0, 1];
}

/** Each measure's weight as a percentage of the total (what the engine normalises to). */
export function weightPercents(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  return weights.map((w) => (total > 0 && w > 0 ? (w / total) * 100 : 0));
}

/** Default normalisation for a new measure, or when switching kind (keeps what it can). */
export function defaultNormalisation(
  kind: Normalisation['kind'],
  categories: readonly string[] = [],
): Normalisation {
  if (kind === 'linear') return { kind: 'linear', min: 0, max: 100 };
  if (kind === 'tiers')
    return {
      kind: 'tiers',
      tiers: [
        { min: 80, points: 100 },
        { min: 50, points: 60 },
      ],
      below: 0,
    };
  const step = categories.length > 1 ? 100 / (categories.length - 1) : 100;
  return {
    kind: 'category',
    points: Object.fromEntries(categories.map((c, i) => [c, Math.round(100 - i * step)])),
  };
}
