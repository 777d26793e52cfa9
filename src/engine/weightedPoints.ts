/**
 * Points kernels fused with the available-weight sum: while a measure's points are computed,
 * its weight is added to `acc` where the points are present (the same additions, in the same
 * measure order, as kernels.ts addWeight — which would otherwise re-read every points column).
 * For the common case: one normalisation and one weight for every segment, missing = exclude.
 *
 * The weight is added behind a branch on "present": missing values are the rare case in real data
 * (5% in the benchmark), and the branch measured ~0.8 ns a row cheaper than the branch-free
 * acc[i] += [0, w][present], whose extra load and add run on every row.
 */
import type { Normalisation } from '../model';
import { clampPoints } from './clamp';

// Module-local: an imported binding read per row is slow under tsx (see score.ts).
const clamp = clampPoints;

const NAN_F64 = new Float64Array([NaN]); // see kernels.ts: a NaN literal in a select boxes per row

/** numericPointsColumn (kernels.ts) without segments, plus acc[i] += w where the points are present. */
export function numericPointsWeighted(
  nm: Normalisation,
  v: Float64Array,
  out: Float64Array,
  invert: boolean,
  w: number,
  acc: Float64Array,
): void {
  if (nm.kind === 'linear') {
    if (invert) linearInvWeighted(v, nm.min, nm.max - nm.min, out, w, acc);
    else linearWeighted(v, nm.min, nm.max - nm.min, out, w, acc);
  } else if (nm.kind === 'tiers') {
    const mins = Float64Array.from(nm.tiers, (t) => t.min);
    const pts = Float64Array.from(nm.tiers, (t) => t.points);
    if (mins.length <= 4 && nonIncreasing(mins))
      tiersCountWeighted(v, mins, tierTable(pts, nm.below, invert), out, w, acc);
    else tiersWeighted(v, mins, pts, nm.below, out, invert, w, acc);
  } else {
    // A category map over a number: not allowed by validation; every value is missing.
    out.fill(NAN_F64[0]);
  }
}

function linearWeighted(
  v: Float64Array,
  lo: number,
  span: number,
  out: Float64Array,
  w: number,
  acc: Float64Array,
): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const p = clamp(((v[i] - lo) / span) * 100);
    out[i] = p;
    if (p === p) acc[i] += w;
  }
}

function linearInvWeighted(
  v: Float64Array,
  lo: number,
  span: number,
  out: Float64Array,
  w: number,
  acc: Float64Array,
): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const p = clamp(((v[i] - lo) / span) * 100);
    out[i] = 100 - p;
    if (p === p) acc[i] += w;
  }
}

function nonIncreasing(a: Float64Array): boolean {
  for (let j = 1; j < a.length; j++) if (!(a[j] <= a[j - 1])) return false;
  return true;
}

/**
 * Points by how many tier minimums a value reaches: [below, last tier … first tier, NaN], each
 * already inverted when asked (100 - p, the same double the row loop computes).
 */
function tierTable(pts: Float64Array, below: number, invert: boolean): Float64Array {
  const k = pts.length;
  const t = new Float64Array(6);
  t[0] = below;
  for (let c = 1; c <= k; c++) t[c] = pts[k - c];
  if (invert) for (let c = 0; c <= k; c++) t[c] = 100 - t[c];
  t[5] = NAN_F64[0];
  return t;
}

/**
 * tiersWeighted for up to four tiers whose minimums never increase (the usual order, best tier
 * first): the first tier a value reaches is the one given by how many minimums it reaches, so a
 * row costs four compares and a table lookup instead of a loop whose exit is a coin toss on
 * random data. Missing values index the NaN slot; padding minimums are NaN (never reached).
 */
function tiersCountWeighted(
  v: Float64Array,
  mins: Float64Array,
  table: Float64Array,
  out: Float64Array,
  w: number,
  acc: Float64Array,
): void {
  const n = v.length;
  const nan = NAN_F64[0];
  const m0 = mins.length > 0 ? mins[0] : nan;
  const m1 = mins.length > 1 ? mins[1] : nan;
  const m2 = mins.length > 2 ? mins[2] : nan;
  const m3 = mins.length > 3 ? mins[3] : nan;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const c = +(x >= m0) + +(x >= m1) + +(x >= m2) + +(x >= m3);
    // A missing value reaches no minimum (c = 0) and reads slot 5.
    const p = table[c + 5 * +(x !== x)];
    out[i] = p;
    if (p === p) acc[i] += w;
  }
}

function tiersWeighted(
  v: Float64Array,
  mins: Float64Array,
  pts: Float64Array,
  below: number,
  out: Float64Array,
  invert: boolean,
  w: number,
  acc: Float64Array,
): void {
  const n = v.length;
  const k = mins.length;
  const nan = NAN_F64[0];
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) {
      out[i] = nan;
      continue;
    }
    let p = below;
    for (let j = 0; j < k; j++) {
      if (x >= mins[j]) {
        p = pts[j];
        break;
      }
    }
    p = invert ? 100 - p : p;
    out[i] = p;
    if (p === p) acc[i] += w;
  }
}

/** codePoints (kernels.ts) without segments, plus acc[i] += w where the points are present. */
export function codePointsWeighted(
  codes: Int32Array,
  table: Float64Array,
  out: Float64Array,
  w: number,
  acc: Float64Array,
): void {
  const n = codes.length;
  const nan = NAN_F64[0];
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) out[i] = nan;
    else {
      const p = table[c];
      out[i] = p;
      if (p === p) acc[i] += w;
    }
  }
}
