import { countTicks } from './ChartAxis';

/**
 * The geometry of the account page's history line (AccountHistory): one point per stored run,
 * oldest left. As recharts drew it (a LineChart on a category axis, YAxis domain 0–100): runs
 * evenly spaced from the left edge to the right edge, the score on recharts' ticks for 0–100
 * (0, 25, 50, 75, 100), a run without a score leaves a gap in the line.
 */

/** The score axis: recharts' 5 ticks for 0–100. */
export const SCORE_TICKS = countTicks(100);

export interface PlotPoint {
  /** The run's index in the points given. */
  i: number;
  /** From the plot's left edge, in % of its width. */
  x: number;
  /** From the plot's bottom, in % of its height (the score on the axis, clamped to it). */
  y: number;
}

/** Each run's place; null where it has no score (not drawn). */
export function linePoints(
  scores: readonly (number | null)[],
  ticks: readonly number[] = SCORE_TICKS,
): (PlotPoint | null)[] {
  const lo = ticks[0];
  const top = ticks[ticks.length - 1];
  const n = scores.length;
  return scores.map((s, i) =>
    s === null || !Number.isFinite(s)
      ? null
      : {
          i,
          x: n > 1 ? (100 * i) / (n - 1) : 50,
          y: top > lo ? (100 * (Math.min(top, Math.max(lo, s)) - lo)) / (top - lo) : 0,
        },
  );
}

/**
 * The line as SVG polylines in a 0–100 viewBox (y downwards): one per run of consecutive
 * scored points, as recharts breaks the line at a missing value.
 */
export function lineSegments(points: readonly (PlotPoint | null)[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const p of points) {
    if (p) cur.push(`${p.x},${100 - p.y}`);
    else {
      if (cur.length) out.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) out.push(cur.join(' '));
  return out;
}

/**
 * Which runs name their date under the axis: at most `max`, evenly stepped back from the newest
 * (recharts' 'preserveEnd'), so the dates of up to 52 runs do not overlap. Every run's date is in
 * its point's name and in the table below the chart.
 */
export function dateLabelIndexes(n: number, max = 7): number[] {
  if (n <= 0) return [];
  const step = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= step) out.unshift(i);
  return out;
}
