import type { Normalisation } from '../model';

/**
 * Points 0–100 from a numeric raw value (NaN = missing → NaN). The same arithmetic, in the same
 * order, is emitted as SQL (sql/measures.ts), so both give bit-identical doubles.
 */
export function numericPoints(n: Normalisation, v: number): number {
  if (Number.isNaN(v)) return NaN;
  switch (n.kind) {
    case 'tiers': {
      for (const t of n.tiers) if (v >= t.min) return t.points;
      return n.below;
    }
    case 'linear': {
      const p = ((v - n.min) / (n.max - n.min)) * 100;
      return p < 0 ? 0 : p > 100 ? 100 : p;
    }
    case 'category':
      // A numeric value against a category map: looked up by its decimal text.
      return categoryPoints(n, String(v));
  }
}

/** Points of a text (or boolean as 'true'/'false') raw value; NaN when not in the map and no `otherwise`. */
export function categoryPoints(n: Normalisation, s: string): number {
  if (n.kind !== 'category') return NaN;
  if (Object.prototype.hasOwnProperty.call(n.points, s)) return n.points[s];
  return n.otherwise ?? NaN;
}

/** Inverted measures: lower raw values are better. */
export function invertPoints(p: number, invert: boolean): number {
  return invert ? 100 - p : p;
}
