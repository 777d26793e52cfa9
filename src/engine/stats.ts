/**
 * Interval maths for backtests: Wilson score intervals for rates and the AUC with its
 * Hanley–McNeil (1982) standard error. Pure functions, no dependencies.
 */

/** The 97.5th percentile of the standard normal: a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for k successes out of n (no continuity correction; Newcombe 1998,
 * method 3). Unlike the normal approximation it stays inside [0, 1] and is sensible for k = 0
 * or k = n. null when n = 0.
 */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Mann–Whitney AUC: P(a positive scores higher than a negative) + ½ P(tie), by midranks.
 * O(n log n); null when either class is empty.
 */
export function aucOf(positive: ArrayLike<number>, negative: ArrayLike<number>): number | null {
  const np = positive.length;
  const nn = negative.length;
  if (np === 0 || nn === 0) return null;
  const all = new Float64Array(np + nn);
  all.set(positive as ArrayLike<number>, 0);
  all.set(negative as ArrayLike<number>, np);
  const idx = new Uint32Array(np + nn);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => all[a] - all[b] || a - b);
  let rankSumPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && all[idx[j + 1]] === all[idx[i]]) j++;
    const midrank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (idx[k] < np) rankSumPos += midrank;
    i = j + 1;
  }
  return (rankSumPos - (np * (np + 1)) / 2) / (np * nn);
}

export interface AucInterval extends Interval {
  auc: number;
  se: number;
  /** Number of positives and negatives it was computed from. */
  positives: number;
  negatives: number;
}

/**
 * The AUC with a 95% interval from the Hanley & McNeil (1982) standard error:
 *   SE² = [A(1−A) + (nP−1)(Q1−A²) + (nN−1)(Q2−A²)] / (nP·nN),  Q1 = A/(2−A),  Q2 = 2A²/(1+A)
 * (nP positives, nN negatives). The interval is A ± z·SE clipped to [0, 1].
 */
export function aucWithInterval(
  positive: ArrayLike<number>,
  negative: ArrayLike<number>,
  z = Z95,
): AucInterval | null {
  const a = aucOf(positive, negative);
  if (a === null) return null;
  const se = hanleyMcNeilSe(a, positive.length, negative.length);
  return {
    auc: a,
    se,
    low: Math.max(0, a - z * se),
    high: Math.min(1, a + z * se),
    positives: positive.length,
    negatives: negative.length,
  };
}

export function hanleyMcNeilSe(a: number, nPos: number, nNeg: number): number {
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (nPos - 1) * (q1 - a * a) + (nNeg - 1) * (q2 - a * a)) / (nPos * nNeg);
  return Math.sqrt(Math.max(0, v));
}
