import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteBuffer } from './byteBuffer';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ByteBuffer', () => {
  it('writes integers as String() prints them and text as TextEncoder encodes it', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.string({ maxLength: 200 }),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 64 }),
        (items, capacity) => {
          const out = new ByteBuffer(capacity);
          let want = '';
          for (const x of items) {
            if (typeof x === 'number') out.int(x);
            else out.text(x);
            want += String(x);
          }
          expect(hex(out.take())).toBe(hex(enc.encode(want)));
          expect(out.take().length).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ByteBuffer.intCell', () => {
  it('writes a comma and the integer as String() prints it', () => {
    const out = new ByteBuffer(4);
    let want = '';
    const ks = [0, 9, 10, 99, 100, 999, 1000, 9999, 10000, -1, -10000, 2 ** 31 - 1, -(2 ** 31)];
    for (let k = 0; k < 20000; k++)
      ks.push(k, Math.floor(Math.random() * 2 ** 31) * (k & 1 ? -1 : 1));
    for (const k of ks) {
      out.intCell(k);
      want += ',' + String(k);
    }
    expect(Buffer.from(out.take()).toString()).toBe(want);
  });
});
