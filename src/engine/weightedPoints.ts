/**
 * Points kernels fused with the available-weight sum: while a measure's points are computed,
 * its weight is added to `acc` where the points are present (the same additions, in the same
 * measure order, as kernels.ts addWeight — which would otherwise re-read every points column).
 * For the common case: one normalisation and one weight for every segment, missing = exclude.
 *
 * `wt` is [0, weight]: acc[i] += wt[present] has no branch to mispredict on random gaps, and
 * adding 0 where a value is missing leaves acc unchanged (acc starts at +0 and weights are ≥ 0,
 * so acc is never -0, the one value that + 0 would change).
 */
import type { Normalisation } from '../model';

const NAN_F64 = new Float64Array([NaN]); // see kernels.ts: a NaN literal in a select boxes per row

/** numericPointsColumn (kernels.ts) without segments, plus acc[i] += w where the points are present. */
export function numericPointsWeighted(nm: Normalisation, v: Float64Array, out: Float64Array, invert: boolean, wt: Float64Array, acc: Float64Array): void {
  if (nm.kind === 'linear') {
    if (invert) linearInvWeighted(v, nm.min, nm.max - nm.min, out, wt, acc);
    else linearWeighted(v, nm.min, nm.max - nm.min, out, wt, acc);
  } else if (nm.kind === 'tiers') {
    tiersWeighted(v, Float64Array.from(nm.tiers, (t) => t.min), Float64Array.from(nm.tiers, (t) => t.points), nm.below, out, invert, wt, acc);
  } else {
    // A category map over a number: not allowed by validation; every value is missing.
    out.fill(NAN_F64[0]);
  }
}

function linearWeighted(v: Float64Array, lo: number, span: number, out: Float64Array, wt: Float64Array, acc: Float64Array): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let p = ((v[i] - lo) / span) * 100;
    p = p < 0 ? 0 : p;
    p = p > 100 ? 100 : p;
    out[i] = p;
    acc[i] += wt[+(p === p)];
  }
}

function linearInvWeighted(v: Float64Array, lo: number, span: number, out: Float64Array, wt: Float64Array, acc: Float64Array): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let p = ((v[i] - lo) / span) * 100;
    p = p < 0 ? 0 : p;
    p = p > 100 ? 100 : p;
    out[i] = 100 - p;
    acc[i] += wt[+(p === p)];
  }
}

function tiersWeighted(v: Float64Array, mins: Float64Array, pts: Float64Array, below: number, out: Float64Array, invert: boolean, wt: Float64Array, acc: Float64Array): void {
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
    acc[i] += wt[+(p === p)];
  }
}

/**
 * codePoints (kernels.ts) without segments, plus acc[i] += w where the points are present; raw
 * gets the run's code (rawCode[code]) in the same pass.
 */
export function codePointsWeighted(codes: Int32Array, table: Float64Array, rawCode: Float64Array, raw: Float64Array, out: Float64Array, wt: Float64Array, acc: Float64Array): void {
  const n = codes.length;
  const nan = NAN_F64[0];
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0) {
      raw[i] = nan;
      out[i] = nan;
    } else {
      const p = table[c];
      raw[i] = rawCode[c];
      out[i] = p;
      acc[i] += wt[+(p === p)];
    }
  }
}
