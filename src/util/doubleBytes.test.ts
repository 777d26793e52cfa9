import { describe, expect, it } from 'vitest';
import { writeDouble } from './doubleBytes';
import { ByteBuffer } from './byteBuffer';
import { rng } from './random';

const F = new Float64Array(1);
const U = new Uint32Array(F.buffer); // [low word, high word] (little-endian)
const next = (v: number, by: number) => {
  F[0] = v;
  const lo = U[0] + by;
  U[1] += Math.floor(lo / 2 ** 32);
  U[0] = lo >>> 0;
  return F[0];
};

/** Families of doubles, each a generator of one value from a random source. */
function families(r: () => number): [string, () => number][] {
  const sign = () => (r() < 0.5 ? -1 : 1);
  const bits = () => {
    U[0] = (r() * 2 ** 32) >>> 0;
    U[1] = (r() * 2 ** 32) >>> 0;
    return F[0];
  };
  return [
    ['random bits', bits],
    // Random significand with an exponent where the fast path works (1e-7 … 1e18).
    ['random bits in range', () => sign() * (1 + r()) * 2 ** Math.floor(r() * 84 - 24)],
    ['scores in [0, 100)', () => r() * 100],
    ['ratios of small integers', () => Math.floor(r() * 1000) / (1 + Math.floor(r() * 999))],
    [
      'decimals of 1–17 digits',
      () => {
        const d = 1 + Math.floor(r() * 17);
        const m = Math.floor(r() * 10 ** d);
        return (sign() * m) / 10 ** Math.floor(r() * (d + 8));
      },
    ],
    ['integers', () => sign() * Math.floor(r() * 2 ** Math.floor(r() * 60))],
    [
      'powers of ten and their neighbours',
      () => next(10 ** Math.floor(r() * 50 - 25), Math.floor(r() * 9) - 4),
    ],
    [
      'powers of two and their neighbours',
      () => next(2 ** Math.floor(r() * 140 - 70), Math.floor(r() * 5) - 2),
    ],
    [
      'near the exponent-form thresholds',
      () =>
        next([1e-6, 1e-7, 1e21, 1e17, 1e16][Math.floor(r() * 5)], Math.floor(r() * 2001) - 1000),
    ],
    [
      'short decimals ± a few ulps',
      () =>
        next(
          sign() * Number(`${1 + Math.floor(r() * 999)}e${Math.floor(r() * 24 - 8)}`),
          Math.floor(r() * 41) - 20,
        ),
    ],
    ['subnormals', () => sign() * r() * 2 ** -1022],
    [
      'halfway-like decimals (…5 at the 16th–17th digit)',
      () =>
        Number(
          `${1 + Math.floor(r() * 9)}.${String(Math.floor(r() * 1e15)).padStart(15, '0')}5e${Math.floor(r() * 30 - 10)}`,
        ),
    ],
  ];
}

const specials = [
  0,
  -0,
  NaN,
  Infinity,
  -Infinity,
  1e-6,
  1e21,
  1e17,
  1e16,
  5e-324,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  0.1,
  0.2,
  0.30000000000000004,
  2 ** 53,
  2 ** 53 + 2,
  123456789012345680,
];

/** The text of out's bytes equals String(v) for each v, and how many the fast path printed. */
function check(values: ArrayLike<number>): { bad: string[]; fast: number } {
  const out = new ByteBuffer(1 << 16);
  const scratch = new Uint8Array(32);
  const bad: string[] = [];
  let fast = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (writeDouble(v, scratch, 0) >= 0) fast++;
    out.n = 0;
    out.double(v);
    const want = String(v);
    let ok = out.n === want.length;
    for (let k = 0; ok && k < want.length; k++) ok = out.buf[k] === want.charCodeAt(k);
    if (!ok && bad.length < 5)
      bad.push(`${want} printed as ${new TextDecoder().decode(out.buf.subarray(0, out.n))}`);
  }
  return { bad, fast };
}

describe('writeDouble / ByteBuffer.double', () => {
  it('prints the special values as String() does', () => {
    expect(check(specials).bad).toEqual([]);
  });

  it('prints 2.4 million doubles of every family byte for byte as String(v)', () => {
    const r = rng(20261203);
    for (const [name, gen] of families(r)) {
      const n = name === 'random bits' || name === 'subnormals' ? 50_000 : 240_000;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = gen();
      const { bad, fast } = check(values);
      expect(bad, name).toEqual([]);
      // The fast path does the work where it applies (not String() behind it).
      if (name === 'scores in [0, 100)' || name === 'ratios of small integers')
        expect(fast / n, name).toBeGreaterThan(0.99);
    }
  });
});
