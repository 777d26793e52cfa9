/**
 * A double's shortest round-trip decimal, as JavaScript's String(v) prints it (ECMAScript
 * Number::toString: fewest digits that read back as v, the closest of those, ties to even),
 * written as ASCII bytes straight into a buffer. At a million accounts the CSV writer printed
 * ~10 million non-repeating doubles: String(v) and encoding its string were its largest cost.
 *
 * How: with p = 16 − floor(log10 |v|), X = |v| × 10^p lies in [1e16, 1e17) and is computed
 * exactly as hi + lo (Dekker's product: 10^p is exact for p ≤ 22). The decimals that read back
 * as v are, at this scale, the numbers within half a gap to v's neighbours (δ, also exact). The
 * answer is the multiple of the largest power of ten 10^j inside that interval (17 − j digits),
 * the one closest to X. All of it is integer or exactly representable arithmetic except two
 * sums of a small integer and lo, whose rounding can only matter within ~1e-9 of a boundary or
 * tie: there, and outside the covered range (|v| < 1e-6, |v| ≥ 1e17, non-finite), it returns
 * −1 and the caller prints String(v). doubleBytes.test.ts checks millions of values byte for
 * byte against String(v).
 */

const BITS = new Float64Array(1);
const BITS_HI = new Uint32Array(BITS.buffer, 4, 1);
const BITS_LO = new Uint32Array(BITS.buffer, 0, 1);
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Veltkamp halves of 10^p (each ≤ 26 bits): their products with v's halves are exact. */
const SPLIT = 134217729; // 2^27 + 1
const POW10_H = POW10.map((x) => SPLIT * x - (SPLIT * x - x));
const POW10_L = POW10.map((x, i) => x - POW10_H[i]);
/** The 17 digits of N, reused. */
const DIGITS = new Uint8Array(17);
const NEAR = 1e-9;

/**
 * Writes String(v) for a finite non-zero |v| in [1e-6, 1e17) at buf[at..] and returns the index
 * after it, or −1 (nothing written) where the caller must print String(v). buf needs 25 bytes
 * of room.
 */
export function writeDouble(v: number, buf: Uint8Array, at: number): number {
  let neg = false;
  if (v < 0) {
    neg = true;
    v = -v;
  }
  if (!(v >= 1e-6 && v < 1e17)) return -1;
  BITS[0] = v;
  const bhi = BITS_HI[0];
  const blo = BITS_LO[0];
  const exp = bhi >>> 20;
  // floor(log10 v) from the binary exponent, maybe one short: corrected below from X's size.
  let p = 16 - Math.floor((exp - 1023) * 0.30102999566398);
  if (p > 22) p = 22;
  let hi = v * POW10[p];
  if (hi < 1e16) {
    if (p === 22) return -1;
    p++;
    hi = v * POW10[p];
  } else if (hi >= 1e17) {
    p--;
    hi = v * POW10[p];
  }
  // The decimal exponent is that of every candidate only away from both ends.
  if (!(hi >= 1e16 + 64 && hi <= 1e17 - 256)) return -1;
  const e10 = 16 - p;
  // lo: the exact product's remainder (Dekker).
  const c = SPLIT * v;
  const vh = c - (c - v);
  const vl = v - vh;
  const ph = POW10_H[p];
  const pl = POW10_L[p];
  const lo = vh * ph - hi + vh * pl + vl * ph + vl * pl;
  // Half the gaps to v's neighbours, scaled: 2^(e − 53) × 10^p, the lower one half that when v
  // is a power of two. A decimal at an end (read back as v only if v's significand is even)
  // is never decided here: within NEAR of an end the caller prints String(v).
  BITS_HI[0] = (exp - 53) << 20;
  BITS_LO[0] = 0;
  const up = BITS[0] * POW10[p];
  const down = (bhi & 0xfffff) === 0 && blo === 0 ? up / 2 : up;

  // j = 0: the integer closest to X (always inside: the gaps are over 0.55).
  const r0 = Math.round(lo);
  const f = lo - r0 + 0.5; // distance of lo above a half
  // A tie at j = 0 (lo at or near a half) matters only if no shorter decimal is found.
  let unsure = (f < NEAR && f > -NEAR) || f > 1 - NEAR;
  // hi = top × 1e8 + bottom, exactly (top × 1e8 is exact: top × 5^8 < 2^53).
  let top = Math.floor(hi / 1e8);
  let bottom = hi - top * 1e8;
  if (bottom < 0) {
    bottom += 1e8;
    top--;
  } else if (bottom >= 1e8) {
    bottom -= 1e8;
    top++;
  }
  /** N − hi, N the answer so far. */
  let delta = r0;
  for (let j = 1, M = 10; j <= 16; j++, M *= 10) {
    // r = hi mod M, exactly: of the bottom digits while M divides 1e8.
    const r = j <= 8 ? ((bottom | 0) % (M | 0)) | 0 : hi % M;
    // X − L and U − X for the multiples L = hi + off and U = L + M around X, each as an exact
    // integer plus lo (one rounding, relative to its own size: never M − a rounded sum).
    const a = r + lo;
    let dl: number;
    let du: number;
    let off: number;
    if (a < 0) {
      dl = M + r + lo;
      du = -r - lo;
      off = -r - M;
    } else if (a >= M) {
      dl = r - M + lo;
      du = 2 * M - r - lo;
      off = M - r;
    } else {
      dl = a;
      du = M - r - lo;
      off = -r;
    }
    if (Math.abs(dl - down) < NEAR * (dl + down) || Math.abs(du - up) < NEAR * (du + up)) return -1;
    const inL = dl < down;
    const inU = du < up;
    if (!inL && !inU) break;
    let useU: boolean;
    if (inL && inU) {
      if (Math.abs(dl - du) < NEAR * M) {
        if (dl !== du) return -1;
        // A tie: the even quotient s = L / M. Its parity: (hi − r) / M is exact for j > 8;
        // for j ≤ 8 it is top × 10^(8 − j) + (bottom − r) / M.
        const sHi = j > 8 ? (hi - r) / M : (j === 8 ? top : 0) + (bottom - r) / M;
        const s = sHi + (off + r) / M;
        useU = s % 2 === 0 ? false : true;
      } else useU = du < dl;
    } else useU = inU;
    delta = useU ? off + M : off;
    unsure = false;
  }
  if (unsure) return -1;

  // N = hi + delta, exactly, as 9 + 8 digits.
  let low = bottom + delta;
  const carry = Math.floor(low / 1e8);
  top += carry;
  low -= carry * 1e8;
  if (!(top >= 1e8 && top < 1e9)) return -1;
  // Digits two at a time from int32s (no floating-point modulo): 1 + 4 × 4 digits.
  const first = Math.floor(top / 1e8);
  const mid = top - first * 1e8;
  DIGITS[0] = 48 + first;
  quad(Math.floor(mid / 1e4), 1);
  quad(mid - Math.floor(mid / 1e4) * 1e4, 5);
  quad(Math.floor(low / 1e4), 9);
  quad(low - Math.floor(low / 1e4) * 1e4, 13);
  let k = 17;
  while (DIGITS[k - 1] === 48) k--;
  // Integer digits n (the value is 0.D × 10^n); v < 1e17 and ≥ 1e-6: always the fixed form.
  const n = e10 + 1;
  let o = at;
  if (neg) buf[o++] = 45;
  if (n >= k) {
    for (let i = 0; i < k; i++) buf[o++] = DIGITS[i];
    for (let i = k; i < n; i++) buf[o++] = 48;
  } else if (n > 0) {
    for (let i = 0; i < n; i++) buf[o++] = DIGITS[i];
    buf[o++] = 46;
    for (let i = n; i < k; i++) buf[o++] = DIGITS[i];
  } else {
    buf[o++] = 48;
    buf[o++] = 46;
    for (let i = n; i < 0; i++) buf[o++] = 48;
    for (let i = 0; i < k; i++) buf[o++] = DIGITS[i];
  }
  return o;
}

/** "00" … "99". */
export const PAIRS = Uint8Array.from({ length: 200 }, (_, i) =>
  i & 1 ? 48 + ((i >> 1) % 10) : 48 + Math.floor((i >> 1) / 10),
);

/** The 4 digits of x < 10,000 at DIGITS[i..i+3]. */
function quad(x: number, i: number): void {
  const a = (x * 5243) >>> 19; // x / 100, exact below 43,699
  const b = x - a * 100;
  DIGITS[i] = PAIRS[2 * a];
  DIGITS[i + 1] = PAIRS[2 * a + 1];
  DIGITS[i + 2] = PAIRS[2 * b];
  DIGITS[i + 3] = PAIRS[2 * b + 1];
}
