import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  absorbWays,
  bytesHashes,
  dictBytesOfStrings,
  mergeDictParts,
  mergedStrings,
  dictOfBytes,
  type DictPart,
} from './absorbPart';
import { firstUse } from './testing/parts';

/** A part as a range gives it: its values in order of first use, its rows' codes (-1 = empty). */
function partOf(rows: (string | null)[], withHashes: boolean): DictPart {
  const { dict, codes } = firstUse(rows);
  const bytes = dictBytesOfStrings(dict);
  return { codes, rows: rows.length, bytes, hashes: withHashes ? bytesHashes(bytes) : undefined };
}

/** What the one-pass import gives: the values in order of first use over all rows. */
function reference(parts: (string | null)[][]): { codes: number[]; dict: string[] } {
  const dict: string[] = [];
  const seen = new Map<string, number>();
  const codes: number[] = [];
  for (const rows of parts)
    for (const v of rows) {
      if (v === null) {
        codes.push(-1);
        continue;
      }
      let c = seen.get(v);
      if (c === undefined) seen.set(v, (c = dict.push(v) - 1));
      codes.push(c);
    }
  return { codes, dict };
}

// Short values that repeat across parts, Japanese and astral text, empty strings, bytes that
// share a prefix (ascending checks), and values that differ only in length.
const value = fc.oneof(
  fc.constantFrom('', 'A', 'AB', 'A0', 'A10', 'A9', '株式会社テスト', 'ｶﾀｶﾅ', '𠮷野家😀', 'é', 'e'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.stringMatching(/^A\d{1,4}$/),
);

describe('merging the parts of a string column (absorbPart)', () => {
  it('gives the one-pass dictionary and codes for random parts, and declines a repeated id', () => {
    const before = { ...absorbWays };
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(value, { freq: 6 }), { maxLength: 40 }), {
          minLength: 2,
          maxLength: 4,
        }),
        fc.boolean(),
        fc.boolean(),
        (rows, sorted, hashed) => {
          // Sorted: each part's values distinct and ascending in byte order (sorted ids), often
          // with the parts one after the other, sometimes overlapping.
          if (sorted) {
            const all = [...new Set(rows.flat().filter((v): v is string => v !== null))].sort(
              (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)),
            );
            let at = 0;
            rows = rows.map((r) => {
              const n = Math.min(r.length, all.length - at);
              const part = all.slice(at, at + n);
              at += Math.max(0, n - (r.length % 3 === 0 ? 1 : 0)); // a repeat across parts
              return part;
            });
          }
          const parts = rows.map((r) => partOf(r, hashed || !sorted));
          const total = rows.reduce((s, r) => s + r.length, 0);
          const want = reference(rows);
          const got = mergeDictParts(parts, total, false);
          expect(got).not.toBeNull();
          expect(Array.from(got!.codes)).toEqual(want.codes);
          expect(mergedStrings(got!.dict, dictOfBytes)).toEqual(want.dict);
          // As account ids: only distinct values with codes 0, 1, 2… merge, and none repeats.
          const key = mergeDictParts(parts, total, true);
          const distinctRows = rows.every(
            (r) => r.every((v) => v !== null) && new Set(r).size === r.length,
          );
          const distinctAll = new Set(rows.flat()).size === total && !rows.flat().includes(null);
          expect(key !== null).toBe(distinctRows && distinctAll);
          if (key) expect(Array.from(key.codes)).toEqual(want.codes);
        },
      ),
      { numRuns: 1500, seed: 23 },
    );
    // Both ways ran: the parts in ascending order with no lookup, and the hash groups.
    expect(absorbWays.ascending - before.ascending).toBeGreaterThan(100);
    expect(absorbWays.grouped - before.grouped).toBeGreaterThan(100);
  });
});
