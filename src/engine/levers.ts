/**
 * What would move one account to the next better colour: the points missing to that band's
 * threshold, and for each measure the value it would need (on its own) to close the gap, or,
 * when it cannot close it alone, the value that gives it its most points and how much that adds.
 * Computed from the model as scored (segment overrides of weights and normalisation applied),
 * so "+4.2 points" is exactly what re-scoring with that value would add.
 *
 * A measure whose value is missing is a lever too ("recording ≥ 9 would add …"), computed as
 * re-scoring with that value would: under the policy "exclude" the measure's weight joins the
 * others (total' = (total·W + p·w) / (W + w), so only a value scoring above the current total
 * raises it); under "zero" it scored 0 and simply gains p·w / W. The target is the weakest value
 * that closes the gap on its own (what the account must at least show), else the best one.
 */
import type { Normalisation } from '../model';
import type { CompiledPlaybook } from './compile';
import { categoryPoints, invertPoints, numericPoints } from './normalise';
import type { ScoreResult } from './types';

/** A target for a measure's raw value: `>= value`, `> value`, `<= value`, `< value` or `= value`. */
export interface LeverTarget {
  op: '>=' | '>' | '<=' | '<' | '=';
  value: number | string;
}

export interface Lever {
  measure: string;
  label: string;
  /** The measure's raw value now (null: missing, see `missing`). */
  raw: number | string | boolean | null;
  /** Points now and at the target (0–100, inversion applied); NaN when missing and excluded. */
  pointsNow: number;
  /**
   * The value is missing: 'exclude' (left out, the other weights rescaled: recording a value
   * scoring under `breakEven` points would lower the total) or 'zero' (scored 0).
   */
  missing?: 'exclude' | 'zero';
  /** For a missing, excluded measure: the points a recorded value must beat to raise the total. */
  breakEven?: number;
  pointsAt: number;
  target: LeverTarget;
  /** Points the account's total gains at the target: (pointsAt − pointsNow) × weight / Σweights. */
  gain: number;
  /** True when this measure alone, at the target, reaches the next colour. */
  closesGap: boolean;
}

export interface NextColour {
  /** The current colour and the next better one (ids), null when none. */
  color: string;
  next: string;
  /** The next band's threshold and whether reaching it exactly is enough. */
  min: number;
  inclusive: boolean;
  /** Points missing: threshold − total (to reach it; strictly more is needed when not inclusive). */
  gap: number;
  /** Largest gain first; measures that cannot gain anything are left out. */
  levers: Lever[];
}

/** One possible outcome for a measure: a target for its raw value and the points it then scores. */
interface Option {
  target: LeverTarget;
  points: number;
  /** How far the value moves (to prefer the smallest sufficient change). */
  distance: number;
  /** Solved for the threshold: closes the gap by construction (the target's op says how). */
  exact?: boolean;
}

function numericOptions(n: Normalisation, invert: boolean, v: number): Option[] {
  const pts = (x: number) => invertPoints(numericPoints(n, x), invert);
  if (n.kind === 'linear') {
    // Points are linear in v between min and max; the ends give 0 and 100 (before inversion).
    return [n.min, n.max].map((x) => ({
      target: { op: x >= v ? '>=' : '<=', value: x },
      points: pts(x),
      distance: Math.abs(x - v),
    }));
  }
  if (n.kind === 'tiers') {
    // Points are constant between consecutive distinct tier minimums: one option per interval.
    const mins = [...new Set(n.tiers.map((t) => t.min))].sort((a, b) => a - b);
    const out: Option[] = [];
    mins.forEach((m, j) => {
      // Interval [m, next): reached from below by v >= m, from above by v < next.
      const upper = mins[j + 1];
      if (v < m) out.push({ target: { op: '>=', value: m }, points: pts(m), distance: m - v });
      else if (upper !== undefined && v >= upper)
        out.push({ target: { op: '<', value: upper }, points: pts(m), distance: v - upper });
    });
    if (v >= mins[0])
      out.push({
        target: { op: '<', value: mins[0] },
        points: invertPoints(n.below, invert),
        distance: v - mins[0],
      });
    return out;
  }
  return Object.keys(n.points)
    .filter((k) => String(v) !== k)
    .map((k) => {
      const x = Number(k);
      return {
        target: { op: '=', value: Number.isNaN(x) ? k : x },
        points: invertPoints(n.points[k], invert),
        distance: Number.isNaN(x) ? 1 : Math.abs(x - v),
      };
    });
}

function textOptions(n: Normalisation, invert: boolean, s: string): Option[] {
  if (n.kind !== 'category') return [];
  return Object.keys(n.points)
    .filter((k) => k !== s)
    .map((k) => ({
      target: { op: '=', value: k },
      points: invertPoints(categoryPoints(n, k), invert),
      distance: 1,
    }));
}

/**
 * Exact target for a linear measure: the value where its points rise by exactly `need` (the
 * smallest change that closes the gap), when that lies inside the measure's range.
 */
function linearExact(
  n: Normalisation,
  invert: boolean,
  v: number,
  pointsNow: number,
  need: number,
  inclusive: boolean,
): Option | null {
  if (n.kind !== 'linear' || n.max === n.min || !(need > 0)) return null;
  const p = pointsNow + need;
  if (p > 100) return null;
  const lin = invert ? 100 - p : p;
  const x = n.min + (lin / 100) * (n.max - n.min);
  // A band reached only strictly above its minimum needs a value strictly beyond x.
  const up = x >= v;
  const op = inclusive ? (up ? '>=' : '<=') : up ? '>' : '<';
  return { target: { op, value: x }, points: p, distance: Math.abs(x - v), exact: true };
}

/** The value of a linear measure that scores exactly `p` points, and which side scores more. */
function linearAt(n: Normalisation, invert: boolean, p: number): { x: number; up: boolean } | null {
  if (n.kind !== 'linear' || n.max === n.min || !(p >= 0 && p <= 100)) return null;
  const lin = invert ? 100 - p : p;
  const x = n.min + (lin / 100) * (n.max - n.min);
  // Points rise with the value when max > min, unless inverted.
  return { x, up: n.max > n.min !== invert };
}

/** What recording a value for a missing measure could score: every outcome, plus the exact one. */
function missingOptions(
  n: Normalisation,
  invert: boolean,
  rawKind: string,
  need: number,
  inclusive: boolean,
): Option[] {
  if (rawKind !== 'number') {
    const keys = n.kind === 'category' ? Object.keys(n.points) : [];
    return keys.map((k) => ({
      target: { op: '=', value: k },
      points: invertPoints(categoryPoints(n, k), invert),
      distance: 0,
    }));
  }
  const pts = (x: number) => invertPoints(numericPoints(n, x), invert);
  const out: Option[] = [];
  if (n.kind === 'linear') {
    for (const p of [0, 100]) {
      const at = linearAt(n, invert, p)!;
      out.push({ target: { op: at.up ? '>=' : '<=', value: at.x }, points: p, distance: 0 });
    }
    const at = need > 0 ? linearAt(n, invert, need) : null;
    if (at) {
      const op = inclusive ? (at.up ? '>=' : '<=') : at.up ? '>' : '<';
      out.push({ target: { op, value: at.x }, points: need, distance: 0, exact: true });
    }
  } else if (n.kind === 'tiers') {
    const mins = [...new Set(n.tiers.map((t) => t.min))].sort((a, b) => a - b);
    // A recorded value in [m, next): "≥ m" scores pts(m) at m itself.
    for (const m of mins) out.push({ target: { op: '>=', value: m }, points: pts(m), distance: 0 });
  } else
    for (const k of Object.keys(n.points)) {
      const x = Number(k);
      out.push({
        target: { op: '=', value: Number.isNaN(x) ? k : x },
        points: invertPoints(n.points[k], invert),
        distance: 0,
      });
    }
  return out;
}

export function nextColour(c: CompiledPlaybook, r: ScoreResult, row: number): NextColour | null {
  const seg = r.segment[row];
  const total = r.total[row];
  const colorIdx = r.color[row];
  if (Number.isNaN(total) || colorIdx < 0) return null;
  const bands = c.bandsBySegment[seg];
  const at = bands.findIndex((b) => b.color === colorIdx);
  if (at <= 0) return null; // already in the best band (or not in this segment's bands)
  const next = bands[at - 1].band;
  const gap = next.min - total;

  let W = 0;
  c.measures.forEach((ms, k) => {
    if (!Number.isNaN(r.measurePoints[k][row])) W += ms.weightBySegment[seg];
  });
  const levers: Lever[] = [];
  c.measures.forEach((ms, k) => {
    const w = ms.weightBySegment[seg];
    const pointsNow = r.measurePoints[k][row];
    const rawCode = r.measureRaw[k][row];
    if (!(w > 0) || !(W > 0)) return;
    const n = ms.normBySegment[seg];
    const isMissing = ms.rawKind === 'string' ? rawCode < 0 : Number.isNaN(rawCode);
    if (isMissing) {
      levers.push(...missingLever(ms, n, w, W, pointsNow, total, gap, next));
      return;
    }
    // A value present but scoring nothing (a category value without points): not a lever here.
    if (Number.isNaN(pointsNow)) return;
    let raw: number | string | boolean;
    let options: Option[];
    if (ms.rawKind === 'number') {
      raw = rawCode;
      options = numericOptions(n, ms.invert, rawCode);
      const exact = linearExact(n, ms.invert, rawCode, pointsNow, (gap * W) / w, next.inclusive);
      if (exact) options.push(exact);
    } else if (ms.rawKind === 'boolean') {
      raw = rawCode === 1;
      options = textOptions(n, ms.invert, String(raw));
    } else {
      raw = r.rawDict[k]![rawCode];
      options = textOptions(n, ms.invert, raw);
    }
    const gainOf = (o: Option) => (o.exact ? gap : ((o.points - pointsNow) * w) / W);
    const closes = (o: Option) => {
      if (o.exact) return true;
      const g = gainOf(o);
      return next.inclusive ? total + g >= next.min : total + g > next.min;
    };
    const useful = options.filter((o) => gainOf(o) > 0);
    if (useful.length === 0) return;
    const sufficient = useful.filter(closes).sort((a, b) => a.distance - b.distance);
    const best = sufficient[0] ?? useful.sort((a, b) => gainOf(b) - gainOf(a))[0];
    levers.push({
      measure: ms.id,
      label: ms.label,
      raw,
      pointsNow,
      pointsAt: best.points,
      target: best.target,
      gain: gainOf(best),
      closesGap: sufficient.length > 0,
    });
  });
  levers.sort((a, b) => Number(b.closesGap) - Number(a.closesGap) || b.gain - a.gain);
  return {
    color: r.colorIds[colorIdx],
    next: next.id,
    min: next.min,
    inclusive: next.inclusive,
    gap,
    levers,
  };
}

/**
 * The lever of a missing measure: the weakest recorded value that closes the gap on its own,
 * else the value that adds most (none when no value would raise the total).
 */
function missingLever(
  ms: CompiledPlaybook['measures'][number],
  n: Normalisation,
  w: number,
  W: number,
  pointsNow: number,
  total: number,
  gap: number,
  next: { min: number; inclusive: boolean },
): Lever[] {
  // Excluded: scored NaN, its weight outside W. Zero: scored 0, its weight inside W.
  const excluded = Number.isNaN(pointsNow);
  const base = excluded ? total : 0;
  const denom = excluded ? W + w : W;
  const gainAt = (p: number) => ((p - base) * w) / denom;
  const need = base + (gap * denom) / w;
  const options = missingOptions(n, ms.invert, ms.rawKind, need, next.inclusive);
  const closes = (o: Option) =>
    o.exact ||
    (next.inclusive ? total + gainAt(o.points) >= next.min : total + gainAt(o.points) > next.min);
  const useful = options.filter((o) => gainAt(o.points) > 0);
  if (useful.length === 0) return [];
  // Weakest sufficient value first (what the account must at least show), else the best one.
  const sufficient = useful.filter(closes).sort((a, b) => a.points - b.points);
  const best = sufficient[0] ?? useful.sort((a, b) => b.points - a.points)[0];
  return [
    {
      measure: ms.id,
      label: ms.label,
      raw: null,
      pointsNow,
      pointsAt: best.points,
      target: best.target,
      gain: best.exact ? gap : gainAt(best.points),
      closesGap: sufficient.length > 0,
      missing: excluded ? 'exclude' : 'zero',
      ...(excluded ? { breakEven: total } : {}),
    },
  ];
}
