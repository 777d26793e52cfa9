/**
 * The engine's inner loops, each a small top-level function over typed arrays (no closures,
 * no per-row objects), so V8 optimises every one on its own. Order of floating-point
 * operations here is the order the SQL uses: keep them in step (sql/playbookSql.ts).
 */
import { MISSING_BOOL } from '../table/columns';
import type { Normalisation } from '../model';
import { MET, NOT_MET, UNKNOWN } from './types';
import { clampPoints } from './clamp';

// Module-local: an imported binding read per row is slow under tsx (see score.ts).
const clamp = clampPoints;

const MISSING: number = MISSING_BOOL;
/**
 * NaN read from a typed array into a local before a loop. A NaN literal in a select
 * (`c ? x : NaN`) is a heap-number constant: TurboFan then keeps the select's result tagged and
 * boxes a fresh heap number for every row (~200 MB of garbage per million rows, measured with
 * the sampling heap profiler). A value loaded from a Float64Array stays an unboxed double.
 * Same bits as the literal, so results are unchanged.
 */
const NAN_F64 = new Float64Array([NaN]);

/** Rows not yet assigned whose condition is true get `value`. */
export function assignFirstTrue(
  target: Uint16Array,
  assigned: Uint8Array,
  cond: Uint8Array,
  value: number,
): void {
  const n = target.length;
  const lut = IS_TRUE;
  for (let i = 0; i < n; i++) {
    const take = lut[cond[i]] & (assigned[i] ^ 1);
    const m = -take; // all bits where taken: a mask, not a branch on random data
    target[i] = (target[i] & ~m) | (value & m);
    assigned[i] |= take;
  }
}

// Inner loops avoid unpredictable branches where the data is random (lookup tables for
// three-valued booleans; clamps through clamp.ts's table, which NaN and -0 pass like the SQL CASE).
function linearPoints(
  v: Float64Array,
  lo: number,
  span: number,
  out: Float64Array,
  segment: Uint16Array | null,
  s: number,
  invert: boolean,
): void {
  // One loop per case: no per-row test of the segment or the inversion.
  if (segment === null) {
    if (invert) linearAllInv(v, lo, span, out);
    else linearAll(v, lo, span, out);
  } else linearSeg(v, lo, span, out, segment, s, invert);
}

function linearAll(v: Float64Array, lo: number, span: number, out: Float64Array): void {
  const n = v.length;
  for (let i = 0; i < n; i++) out[i] = clamp(((v[i] - lo) / span) * 100);
}

function linearAllInv(v: Float64Array, lo: number, span: number, out: Float64Array): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const p = clamp(((v[i] - lo) / span) * 100);
    out[i] = 100 - p;
  }
}

function linearSeg(
  v: Float64Array,
  lo: number,
  span: number,
  out: Float64Array,
  segment: Uint16Array,
  s: number,
  invert: boolean,
): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    if (segment[i] !== s) continue;
    const p = clamp(((v[i] - lo) / span) * 100);
    out[i] = invert ? 100 - p : p;
  }
}

function tierPoints(
  v: Float64Array,
  mins: Float64Array,
  pts: Float64Array,
  below: number,
  out: Float64Array,
  segment: Uint16Array | null,
  s: number,
  invert: boolean,
): void {
  if (segment === null) tierAll(v, mins, pts, below, out, invert);
  else tierSeg(v, mins, pts, below, out, segment, s, invert);
}

function tierAll(
  v: Float64Array,
  mins: Float64Array,
  pts: Float64Array,
  below: number,
  out: Float64Array,
  invert: boolean,
): void {
  const n = v.length;
  const k = mins.length;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) {
      out[i] = NaN;
      continue;
    }
    let p = below;
    for (let j = 0; j < k; j++) {
      if (x >= mins[j]) {
        p = pts[j];
        break;
      }
    }
    out[i] = invert ? 100 - p : p;
  }
}

function tierSeg(
  v: Float64Array,
  mins: Float64Array,
  pts: Float64Array,
  below: number,
  out: Float64Array,
  segment: Uint16Array,
  s: number,
  invert: boolean,
): void {
  const n = v.length;
  const k = mins.length;
  for (let i = 0; i < n; i++) {
    if (segment[i] !== s) continue;
    const x = v[i];
    if (x !== x) {
      out[i] = NaN;
      continue;
    }
    let p = below;
    for (let j = 0; j < k; j++) {
      if (x >= mins[j]) {
        p = pts[j];
        break;
      }
    }
    out[i] = invert ? 100 - p : p;
  }
}

/** Points (inverted when asked: 100 − points, NaN stays NaN) of a number column. */
export function numericPointsColumn(
  nm: Normalisation,
  v: Float64Array,
  out: Float64Array,
  segment: Uint16Array | null,
  s: number,
  invert: boolean,
): void {
  if (nm.kind === 'linear') linearPoints(v, nm.min, nm.max - nm.min, out, segment, s, invert);
  else if (nm.kind === 'tiers') {
    tierPoints(
      v,
      Float64Array.from(nm.tiers, (t) => t.min),
      Float64Array.from(nm.tiers, (t) => t.points),
      nm.below,
      out,
      segment,
      s,
      invert,
    );
  } else {
    // A category map over a number: not allowed by validation; every value is missing.
    for (let i = 0; i < v.length; i++) if (segment === null || segment[i] === s) out[i] = NaN;
  }
}

/** Points by dictionary code: table[seg * dictSize + code] (or table[code] when shared). */
export function codePoints(
  codes: Int32Array,
  table: Float64Array,
  dictSize: number,
  segment: Uint16Array | null,
  out: Float64Array,
): void {
  const n = codes.length;
  const nan = NAN_F64[0];
  if (segment === null) {
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      out[i] = c < 0 ? nan : table[c];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    out[i] = c < 0 ? nan : table[segment[i] * dictSize + c];
  }
}

/** Points of a boolean: table[seg * 2 + value]. */
export function boolPoints(
  v: Uint8Array,
  table: Float64Array,
  segment: Uint16Array | null,
  raw: Float64Array,
  out: Float64Array,
): void {
  const n = v.length;
  const missing = MISSING; // module-local: an imported binding read per row is slow under tsx
  if (segment === null) {
    for (let i = 0; i < n; i++) {
      const b = v[i];
      if (b === missing) {
        raw[i] = NaN;
        out[i] = NaN;
      } else {
        raw[i] = b;
        out[i] = table[b];
      }
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const b = v[i];
    if (b === missing) {
      raw[i] = NaN;
      out[i] = NaN;
    } else {
      raw[i] = b;
      out[i] = table[segment[i] * 2 + b];
    }
  }
}

export function invertColumn(p: Float64Array): void {
  for (let i = 0; i < p.length; i++) p[i] = 100 - p[i];
}

export function zeroMissing(p: Float64Array): void {
  for (let i = 0; i < p.length; i++) if (p[i] !== p[i]) p[i] = 0;
}

/**
 * The weight every segment shares, or NaN when they differ (or there are none). Most measures
 * have no per-segment override: their loops then skip the per-row segment lookup. Object.is,
 * so 0 and -0 are not merged (the sign of a zero product must not change).
 */
export function uniformWeight(w: Float64Array): number {
  if (w.length === 0) return NaN;
  const w0 = w[0];
  for (let s = 1; s < w.length; s++) if (!Object.is(w[s], w0)) return NaN;
  return w0;
}

/** acc[i] += w[segment[i]] where p[i] is present. */
export function addWeight(
  p: Float64Array,
  w: Float64Array,
  segment: Uint16Array,
  acc: Float64Array,
): void {
  const u = uniformWeight(w);
  if (u === u) {
    addWeightConst(p, u, acc);
    return;
  }
  for (let i = 0; i < p.length; i++) if (p[i] === p[i]) acc[i] += w[segment[i]];
}

function addWeightConst(p: Float64Array, w: number, acc: Float64Array): void {
  const n = p.length;
  for (let i = 0; i < n; i++) if (p[i] === p[i]) acc[i] += w;
}

/**
 * contribution = p·w / W (0 when p is missing, NaN when nothing is available); total += it.
 * Without `contrib`, rows where W is not > 0 get a meaningless total here: the caller sets them
 * to NaN afterwards with totalNaNWithoutWeight (one pass instead of a test per measure and row).
 * Adding a missing measure's 0 is skipped: total starts at +0 and is never -0, so x + 0 = x.
 */
export function addContribution(
  p: Float64Array,
  w: Float64Array,
  segment: Uint16Array,
  W: Float64Array,
  total: Float64Array,
  contrib: Float64Array | null,
): void {
  const nan = NAN_F64[0];
  if (contrib === null) {
    for (let i = 0; i < p.length; i++) {
      const pi = p[i];
      if (pi === pi) total[i] += (pi * w[segment[i]]) / W[i];
    }
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const Wi = W[i];
    const pi = p[i];
    const x = Wi > 0 ? (pi === pi ? (pi * w[segment[i]]) / Wi : 0) : nan;
    contrib[i] = x;
    total[i] += x;
  }
}

/**
 * addContribution and the weighted sum in one pass (one measure: its share and its dimension).
 * Without `contrib`, as addContribution: the caller runs totalNaNWithoutWeight afterwards.
 */
export function addContributionAndDimension(
  p: Float64Array,
  w: Float64Array,
  segment: Uint16Array,
  W: Float64Array,
  total: Float64Array,
  contrib: Float64Array | null,
  num: Float64Array,
  den: Float64Array,
): void {
  const nan = NAN_F64[0];
  if (contrib === null) {
    const u = uniformWeight(w);
    if (u === u) addContributionDimConst(p, u, W, total, num, den);
    else addContributionDim(p, w, segment, W, total, num, den);
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const Wi = W[i];
    const pi = p[i];
    const wi = w[segment[i]];
    const x = Wi > 0 ? (pi === pi ? (pi * wi) / Wi : 0) : nan;
    contrib[i] = x;
    total[i] += x;
    if (pi === pi) {
      num[i] += pi * wi;
      den[i] += wi;
    }
  }
}

// Without contributions (see addContribution): one test per row, the product computed once.
function addContributionDimConst(
  p: Float64Array,
  wi: number,
  W: Float64Array,
  total: Float64Array,
  num: Float64Array,
  den: Float64Array,
): void {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (pi === pi) {
      const pw = pi * wi;
      total[i] += pw / W[i];
      num[i] += pw;
      den[i] += wi;
    }
  }
}

function addContributionDim(
  p: Float64Array,
  w: Float64Array,
  segment: Uint16Array,
  W: Float64Array,
  total: Float64Array,
  num: Float64Array,
  den: Float64Array,
): void {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (pi === pi) {
      const wi = w[segment[i]];
      const pw = pi * wi;
      total[i] += pw / W[i];
      num[i] += pw;
      den[i] += wi;
    }
  }
}

/**
 * addContributionDimConst for two measures (p with weight wp into num/den, then q with wq into
 * num2/den2) in one pass: total gets p's share, then q's, as two separate calls would add them.
 * num2 may be num (both measures in one dimension): each is read after the other's write.
 */
export function addContributionDimPair(
  p: Float64Array,
  wp: number,
  num: Float64Array,
  den: Float64Array,
  q: Float64Array,
  wq: number,
  num2: Float64Array,
  den2: Float64Array,
  W: Float64Array,
  total: Float64Array,
): void {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const Wi = W[i];
    let t = total[i];
    const pi = p[i];
    if (pi === pi) {
      const pw = pi * wp;
      t += pw / Wi;
      num[i] += pw;
      den[i] += wp;
    }
    const qi = q[i];
    if (qi === qi) {
      const qw = qi * wq;
      t += qw / Wi;
      num2[i] += qw;
      den2[i] += wq;
    }
    total[i] = t;
  }
}

/** total = NaN where no weight was available (W not > 0): what the per-row test would have given. */
export function totalNaNWithoutWeight(total: Float64Array, W: Float64Array): void {
  const nan = NAN_F64[0];
  for (let i = 0; i < total.length; i++) if (!(W[i] > 0)) total[i] = nan;
}

export function divideOrNaN(num: Float64Array, den: Float64Array): void {
  const nan = NAN_F64[0];
  for (let i = 0; i < num.length; i++) num[i] = den[i] > 0 ? num[i] / den[i] : nan;
}

/**
 * Colour by bands flattened per segment: for segment s, bands start..end in `mins`,
 * `inclusive` (1/0) and `colors`, best first. -1 when the total is missing or below all bands.
 */
export function colorize(
  total: Float64Array,
  segment: Uint16Array,
  start: Int32Array,
  end: Int32Array,
  mins: Float64Array,
  inclusive: Uint8Array,
  colors: Int8Array,
  out: Int8Array,
): void {
  for (let i = 0; i < total.length; i++) {
    const t = total[i];
    let c = -1;
    if (t === t) {
      const s = segment[i];
      for (let b = start[s]; b < end[s]; b++) {
        if (inclusive[b] === 1 ? t >= mins[b] : t > mins[b]) {
          c = colors[b];
          break;
        }
      }
    }
    out[i] = c;
  }
}

/** Lookup tables over a three-valued byte (0 false, 1 true, MISSING_BOOL unknown). */
const STATUS_OF = new Uint8Array(256).fill(UNKNOWN);
STATUS_OF[0] = NOT_MET;
STATUS_OF[1] = MET;
const IS_TRUE = new Uint8Array(256);
IS_TRUE[1] = 1;
const IS_MET = new Uint8Array(256);
IS_MET[MET] = 1;

/**
 * Four rows at a time (SWAR) over condition bytes 0 / 1 / 255 (what expressions produce): bit 0
 * is set for 1 and 255, bit 1 only for 255, so per byte status = bit 0 + bit 1 (0 NOT_MET,
 * 1 MET, 2 UNKNOWN) and "is true" = bit 0 and not bit 1. Rows past the last whole word (or
 * arrays not starting on a word) take the lookup tables.
 */
const LOW_BITS = 0x01010101;
if (NOT_MET !== 0 || MET !== 1 || UNKNOWN !== 2 || MISSING !== 255)
  throw new Error('internal: status codes changed');

function words(a: Uint8Array, n: number): Uint32Array | null {
  return a.byteOffset & 3 ? null : new Uint32Array(a.buffer, a.byteOffset, n >> 2);
}

export function statusOf(v: Uint8Array, out: Uint8Array): void {
  const n = v.length;
  const vw = words(v, n),
    ow = words(out, n);
  let from = 0;
  if (vw && ow) {
    for (let i = 0; i < vw.length; i++) {
      const x = vw[i];
      ow[i] = (x & LOW_BITS) + ((x >>> 1) & LOW_BITS);
    }
    from = vw.length << 2;
  }
  const lut = STATUS_OF;
  for (let i = from; i < n; i++) out[i] = lut[v[i]];
}

/** statusOf, and clear `ok` where a required criterion is not met, in one pass. */
export function statusRequired(v: Uint8Array, out: Uint8Array, ok: Uint8Array): void {
  const n = v.length;
  const vw = words(v, n),
    ow = words(out, n),
    kw = words(ok, n);
  let from = 0;
  if (vw && ow && kw) {
    for (let i = 0; i < vw.length; i++) {
      const x = vw[i];
      ow[i] = (x & LOW_BITS) + ((x >>> 1) & LOW_BITS);
      kw[i] &= x & ~(x >>> 1) & LOW_BITS;
    }
    from = vw.length << 2;
  }
  const lut = STATUS_OF;
  const met = IS_MET;
  for (let i = from; i < n; i++) {
    const st = lut[v[i]];
    out[i] = st;
    ok[i] &= met[st];
  }
}

export function fireCta(
  v: Uint8Array,
  segmentMask: Uint8Array,
  stageMask: Uint8Array,
  segment: Uint16Array,
  stage: Int16Array,
  out: Uint8Array,
): void {
  // Most CTAs apply to every segment and stage: skip the mask lookups (two reads per row) then.
  const allSeg = allOnes(segmentMask);
  const allStage = allOnes(stageMask);
  if (allSeg && allStage) fireAll(v, out);
  else if (allStage) fireSeg(v, segmentMask, segment, out);
  else fireMasked(v, segmentMask, stageMask, segment, stage, out);
}

function allOnes(mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 1) return false;
  return true;
}

function fireAll(v: Uint8Array, out: Uint8Array): void {
  const n = v.length;
  const vw = words(v, n),
    ow = words(out, n);
  let from = 0;
  if (vw && ow) {
    // SWAR as in statusOf: 1 where the byte is 1 (true), else 0.
    for (let i = 0; i < vw.length; i++) {
      const x = vw[i];
      ow[i] = x & ~(x >>> 1) & LOW_BITS;
    }
    from = vw.length << 2;
  }
  for (let i = from; i < n; i++) out[i] = +(v[i] === 1);
}

function fireSeg(
  v: Uint8Array,
  segmentMask: Uint8Array,
  segment: Uint16Array,
  out: Uint8Array,
): void {
  const lut = IS_TRUE;
  const n = v.length;
  for (let i = 0; i < n; i++) out[i] = lut[v[i]] & segmentMask[segment[i]];
}

function fireMasked(
  v: Uint8Array,
  segmentMask: Uint8Array,
  stageMask: Uint8Array,
  segment: Uint16Array,
  stage: Int16Array,
  out: Uint8Array,
): void {
  const lut = IS_TRUE;
  const n = v.length;
  for (let i = 0; i < n; i++)
    out[i] = lut[v[i]] & segmentMask[segment[i]] & stageMask[stage[i] + 1];
}

/** Keep only the first fired CTA per row among `order` (best first). Fired bytes are 0 / 1. */
export function keepFirstFired(fired: Uint8Array[], order: number[], n: number): void {
  const m = order.length;
  for (let i = 0; i < n; i++) {
    let kept = 0;
    for (let j = 0; j < m; j++) {
      const f = fired[order[j]];
      const x = f[i];
      f[i] = x & (kept ^ 1);
      kept |= x;
    }
  }
}
