import { describe, expect, it } from 'vitest';
import { decodeColumn, encodeColumn, hash64, valueAt, type ColumnArray } from './runCodec';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Same type and the same bits in every element (so NaN, -0 and Float32 rounding all count). */
function expectSame(got: ColumnArray, want: ColumnArray) {
  expect(got.constructor.name).toBe(want.constructor.name);
  expect(got.length).toBe(want.length);
  expect(bytes(got).equals(bytes(want))).toBe(true);
}

const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('run column encodings', () => {
  const cases: [string, ColumnArray, string, { float32?: boolean }?][] = [
    ['empty', new Float64Array(0), 'const'],
    ['one value everywhere', new Float64Array(9).fill(NaN), 'const'],
    ['flags', Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0, 1, 1]), 'bits'],
    ['colour codes with -1', Int8Array.from([-1, 0, 3, 2, -1]), 'int'],
    ['stage codes', Int16Array.from([-1, 0, 300, 2]), 'int'],
    ['person codes', Int32Array.from([-1, 70000, 5]), 'int'],
    ['segment codes', Uint16Array.from([0, 2, 1]), 'int'],
    ['integer days with NaN', Float64Array.from([3, NaN, 403, -25]), 'intnan'],
    ['points 0–100 with NaN', Float64Array.from([0, 50, NaN, 100]), 'intnan'],
    ['integers without NaN', Float64Array.from([1e6, -3, 0]), 'int'],
    ['negative zero', Float64Array.from([-0, 1, 2]), 'dict'],
    ['few distinct doubles', Float64Array.from([0.1, 1 / 3, NaN, 0.1, -0, 0]), 'dict'],
    ['Float32-exact', Float64Array.from(seq(300, (i) => (i === 7 ? NaN : i / 4 + 0.125))), 'f32'],
    ['doubles', Float64Array.from(seq(300, (i) => i / 3 + 100.00000000000003)), 'f64'],
    ['huge integers', Float64Array.from(seq(300, (i) => 2 ** 40 + 1 + i)), 'f64'],
  ];
  for (const [what, x, enc, opts] of cases)
    it(`${what}: ${enc}, read back bit for bit`, () => {
      const c = encodeColumn(x, opts);
      expect(c.enc).toBe(enc);
      expectSame(decodeColumn(c), x);
      // One row at a time (the account page's history), bit for bit too.
      const one = new (x.constructor as new (n: number) => ColumnArray)(x.length);
      for (let i = 0; i < x.length; i++) one[i] = valueAt(c, i);
      expectSame(one, x);
    });

  it('a Float32-precision column reads back as the Float32 rounding of each value', () => {
    for (const [x, enc] of [
      [Float64Array.from([0.1, 1 / 3, NaN, 100, 2.5]), 'dict'],
      [Float64Array.from(seq(300, (i) => (i === 3 ? NaN : i / 7))), 'f32'],
    ] as const) {
      const c = encodeColumn(x, { float32: true });
      expect(c.enc).toBe(enc);
      expectSame(decodeColumn(c), Float64Array.from(x, Math.fround));
    }
    const ints = Float64Array.from([0, 99, NaN]);
    expect(encodeColumn(ints, { float32: true }).enc).toBe('intnan');
  });

  it('random columns of every kind round-trip exactly', () => {
    let s = 7;
    const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rnd() * 600);
      const scale = [1, 100, 300, 40000, 1e9][t % 5];
      // n up to 600: past the dictionary's 256 values too
      const f = Float64Array.from({ length: n }, () =>
        rnd() < 0.2 ? NaN : t % 2 ? Math.round(rnd() * scale) - scale / 4 : rnd() * scale,
      );
      expectSame(decodeColumn(encodeColumn(f)), f);
      const i = Int32Array.from({ length: n }, () => Math.round(rnd() * scale) - 1);
      expectSame(decodeColumn(encodeColumn(i)), i);
    }
  });

  it('a piece of a larger column is stored without the rest of its buffer', () => {
    const big = Float64Array.from({ length: 1000 }, (_, i) => i / 7);
    const ints = Int32Array.from({ length: 1000 }, (_, i) => i * 1000);
    for (const x of [big.subarray(10, 13), ints.subarray(10, 13)]) {
      const c = encodeColumn(x);
      if (c.enc === 'const') throw new Error(c.enc);
      expect(c.data.buffer.byteLength).toBe(c.data.byteLength);
      expectSame(decodeColumn(c), x.slice());
    }
  });

  it('hash64 tells key lists apart by content and order', () => {
    expect(hash64('a\u0000b')).toBe(hash64('a\u0000b'));
    expect(hash64('a\u0000b')).not.toBe(hash64('b\u0000a'));
    expect(hash64('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
