import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lastMemo, plainKey, sameBytes } from './specMemo';

describe('plainKey', () => {
  it('keeps undefined apart from absent, and NaN and Infinity apart from null', () => {
    expect(plainKey({ a: undefined })).not.toBe(plainKey({}));
    expect(plainKey([undefined])).not.toBe(plainKey([null]));
    expect(plainKey({ a: NaN })).not.toBe(plainKey({ a: null }));
    expect(plainKey({ a: Infinity })).not.toBe(plainKey({ a: -Infinity }));
    expect(plainKey({ a: 1, b: { c: ['x'] } })).toBe(plainKey({ a: 1, b: { c: ['x'] } }));
  });

  it('gives no key for what is not plain data', () => {
    expect(plainKey({ f: () => 1 })).toBeNull();
    expect(plainKey({ m: new Map([[1, 2]]) })).toBeNull();
    expect(plainKey([new Date(0)])).toBeNull();
    expect(plainKey({ n: 1n as unknown })).toBeNull();
    expect(plainKey(Object.create(null))).not.toBeNull();
  });
});

describe('sameBytes', () => {
  it('says equal exactly when every byte is, aligned or not', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 70 }),
        fc.nat(3),
        fc.nat(3),
        fc.option(fc.nat(69)),
        (bytes, oa, ob, flip) => {
          const a = new Uint8Array(bytes.length + oa);
          a.set(bytes, oa);
          const b = new Uint8Array(bytes.length + ob);
          b.set(bytes, ob);
          const x = a.subarray(oa);
          const y = b.subarray(ob);
          expect(sameBytes(x, y)).toBe(true);
          if (flip !== null && flip < bytes.length) {
            y[flip] ^= 1;
            expect(sameBytes(x, y)).toBe(false);
          }
          expect(sameBytes(x, y.subarray(0, Math.max(0, y.length - 1)))).toBe(y.length === 0);
        },
      ),
      { numRuns: 400, seed: 45 },
    );
  });
});

describe('lastMemo', () => {
  it('answers only the same bytes and key, with a copy', () => {
    const memo = lastMemo<{ list: number[] }>();
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    expect(memo.get(bytes, 'k')).toBeUndefined();
    memo.set(bytes, 'k', { list: [1] });
    const got = memo.get(bytes.slice(), 'k')!;
    expect(got).toEqual({ list: [1] });
    got.list.push(2);
    expect(memo.get(bytes, 'k')).toEqual({ list: [1] });
    expect(memo.get(bytes, 'other')).toBeUndefined();
    expect(memo.get(new Uint8Array([1, 2, 3, 4, 6]), 'k')).toBeUndefined();
    // The bytes it was given, changed afterwards, are not what it compares with.
    bytes[0] = 9;
    expect(memo.get(bytes, 'k')).toBeUndefined();
    expect(memo.get(new Uint8Array([1, 2, 3, 4, 5]), 'k')).toEqual({ list: [1] });
    expect(memo.stats).toEqual({ hits: 3, misses: 4 });
  });

  it('remembers nothing it cannot copy', () => {
    const memo = lastMemo<unknown>();
    const bytes = new Uint8Array([1]);
    memo.set(bytes, 'k', { f: () => 1 });
    expect(memo.get(bytes, 'k')).toBeUndefined();
    memo.set(bytes, 'k', null);
    expect(memo.get(bytes, 'k')).toBeNull();
  });
});
