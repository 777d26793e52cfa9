import { describe, expect, it } from 'vitest';
import { joinedForm, packKeys, samePiece, unpackKeys, type KeyPiece } from './keyList';
import { hashAndCount } from './runCodec';
import { packStrings } from './datasets';

const cases: Record<string, string[]> = {
  ascii: ['AC0000001', 'AC0000002', '', 'x y', 'AC0000001'],
  latin1: ['café', 'naïve', 'b'],
  wide: ['佐藤', 'A', '鈴木-1'],
  nul: ['a\u0000b', 'c', ''],
  one: ['only'],
  oneEmpty: [''],
  none: [],
};

const unpack = (p: KeyPiece) => {
  const out: string[] = [];
  unpackKeys(p, out);
  return out;
};

describe('key list pieces', () => {
  for (const [what, ids] of Object.entries(cases))
    it(`${what}: the hash of the joined keys, the right form, read back as they were`, () => {
      for (const [from, to] of [
        [0, ids.length],
        [1, Math.max(1, ids.length - 1)],
      ]) {
        const seed = from + 3;
        const part = ids.slice(from, to);
        const k = packKeys(ids, from, to, seed);
        const joined = part.join('\u0000');
        // The content id of a key list stored before (hashAndCount over the joined text).
        expect(k.hash).toBe(hashAndCount(joined, seed).hash);
        expect(k.bytes).toBe(joined.length * (/[\u0100-\uffff]/.test(joined) ? 2 : 1));
        expect(k.nul).toBe(part.some((x) => x.includes('\u0000')));
        const form = Array.isArray(k.piece) ? 'array' : 'ascii' in k.piece ? 'ascii' : 'joined';
        expect(form).toBe(
          k.nul
            ? 'array'
            : part.every((x) => [...x].every((ch) => ch > '\u0000' && ch < '\u0080'))
              ? 'ascii'
              : 'joined',
        );
        expect(unpack(k.piece)).toEqual(part);
        // The same keys stored in any form (packStrings: the joined form runs had before).
        for (const stored of [k.piece, packStrings(part), part])
          expect(samePiece(stored, ids, from, to, k.nul)).toBe(
            // a joined text cannot hold keys holding NUL: only the array form is the same
            !k.nul || Array.isArray(stored),
          );
      }
    });

  it('tells other keys apart, in every stored form', () => {
    const ids = ['ab', 'c', 'AC1', 'AC2'];
    const others = [
      ['a', 'bc', 'AC1', 'AC2'], // a key moved across the separator
      ['ab', 'c', 'AC1', 'AC3'], // one character
      ['ab', 'c', 'AC1'], // one key fewer
      ['ab', 'c', 'AC1', 'AC2', ''], // an empty key more
      ['ab', 'c', 'AC2', 'AC1'], // the order
      ['ab', 'c', 'AC1', 'AC2x'], // a longer last key
      ['ab', 'c', 'AC1', 'AC'], // a shorter last key
      ['ab', 'c', 'AC1', 'ÄC2'], // not ASCII
    ];
    for (const o of others) {
      const k = packKeys(o, 0, o.length, 0);
      for (const stored of [packKeys(ids, 0, 4, 0).piece, packStrings(ids), ids])
        expect(samePiece(stored, o, 0, o.length, k.nul), JSON.stringify([o, stored])).toBe(false);
    }
    // keys holding NUL that would join to the same text
    const n = ['ab\u0000c', 'AC1', 'AC2'];
    expect(samePiece(packStrings(ids), ['ab', 'c', 'AC1', 'AC2'], 0, 4, false)).toBe(true);
    expect(samePiece(packStrings(ids), n, 0, 3, true)).toBe(false);
  });

  it('the joined form of an ASCII piece is the text key look-ups search', () => {
    const ids = ['AC1', 'B', '', 'AC22'];
    expect(joinedForm(packKeys(ids, 0, 4, 0).piece)).toEqual({
      joined: ids.join('\u0000'),
      count: 4,
    });
  });
});
