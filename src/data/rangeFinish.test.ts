import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Field } from '../model';
import type { Column } from '../table/columns';
import {
  ascending,
  bytesHashes,
  dictBytesOf,
  dictBytesOfStrings,
  dictOfBytes,
  mergeDictParts,
  mergedStrings,
  valueHashesOf,
  type DictPart,
} from './absorbPart';
import { hashBytes, makeSink, setSinkTuning, StringSink } from './sinks';
import { utf8 } from './testing/helpers';

/*
 * What a range of a file read in parts does for the merge before it ends (session 36 finish3):
 * its values' hashes taken from its sink (StringSink.valueHashes), its dictionary's bytes
 * without a copy of the sink's buffer; and the merge of parts cut anywhere, with hashes that
 * collide (absorbPart.ts).
 */

const field: Field = {
  id: 'f',
  label: { ja: 'f', en: 'f' },
  type: 'string',
  required: false,
} as Field;

/** Two 12-letter values of one length and one hash (sinks.test.ts found them). */
const COLLIDE = ['bzdrvadypkly', 'ibsmwinxfpmp'];

// Names (long, packed), short ones (≤ 8 characters: decoded, not packed), trimmed ones (found by
// value), Japanese and astral text, and the colliding pair.
const text = fc.oneof(
  fc.constantFrom(
    '株式会社アルファ工業',
    'Acme Holdings Ltd',
    '😀 emoji company one',
    'Zeta ロジ商事',
    'A1',
    'なし',
    ' padded name here ',
    ...COLLIDE,
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 14 }),
  fc.stringMatching(/^AC\d{7}$/),
);

/** A column through a range's sink (own buffers, packed values, valueHashes), cells in one reused buffer. */
function rangeColumn(cells: string[], hashes: boolean): Extract<Column, { type: 'string' }> | null {
  const sink = makeSink(field, 4) as StringSink;
  sink.ownBuffers();
  sink.packValues();
  sink.valueHashes = hashes;
  const buf = new Uint8Array(4096);
  cells.forEach((t, row) => {
    sink.reserve(row + 1);
    const b = utf8(t);
    buf.fill(0x41 + (row % 20));
    const off = (row * 13) % 50;
    buf.set(b, off);
    sink.writeBytes(row, buf, off, off + b.length);
  });
  const col = sink.build(cells.length, false);
  return col.type === 'string' ? col : null;
}

describe('a range column: hashes from the sink, bytes without a copy', () => {
  it('gives the values hashBytes gives, and null only for values that ascend', () => {
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    try {
      fc.assert(
        fc.property(
          fc.array(text, { maxLength: 60 }),
          fc.array(text, { maxLength: 60 }),
          fc.boolean(),
          fc.boolean(),
          (head, rest, sortHead, onlyHead) => {
            // A sorted head (the ascending path), then any order with repeats (provisional
            // codes); or the head alone (a column still ascending at its end).
            const sorted = sortHead
              ? [...new Set(head)].sort((a, b) => Buffer.compare(utf8(a), utf8(b)))
              : head;
            const cells = onlyHead ? sorted : [...sorted, ...rest, ...sorted.slice(0, 3)];
            const col = rangeColumn(cells, true)!;
            const dict = [...col.dict];
            const db = dictBytesOf(col);
            expect(dictOfBytes(db)).toEqual(dict);
            const h = valueHashesOf(col, db);
            if (h === null) expect(ascending(db)).toBe(true);
            else expect(Array.from(h)).toEqual(Array.from(bytesHashes(db)));
            // A second call gives the same bytes (the decoded values written at the same place).
            const again = dictBytesOf(col);
            expect(dictOfBytes(again)).toEqual(dict);
            // Without valueHashes: the same answer the long way.
            const plain = rangeColumn(cells, false)!;
            const pdb = dictBytesOf(plain);
            const ph = valueHashesOf(plain, pdb);
            expect(ph === null).toBe(ascending(pdb));
            if (ph && h) expect(Array.from(ph)).toEqual(Array.from(h));
          },
        ),
        { numRuns: 400, seed: 36 },
      );
    } finally {
      setSinkTuning(was);
    }
  });

  it('says a sorted column of packed values ascends, and hashes one that stops ascending', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `AC${String(i).padStart(7, '0')}`);
    const sorted = rangeColumn(ids, true)!;
    expect(valueHashesOf(sorted, dictBytesOf(sorted))).toBeNull();
    const broken = rangeColumn([...ids.slice(0, 25), ids[3], ...ids.slice(25)], true)!;
    const db = dictBytesOf(broken);
    expect(Array.from(valueHashesOf(broken, db)!)).toEqual(Array.from(bytesHashes(db)));
    // Bytes that ascend but a value that does not: 'AC0000060' + U+3000 is above 'AC0000060A'
    // in bytes, its value (trimmed: decoded, not packed) below.
    const trimmed = rangeColumn([...ids, 'AC0000060A', 'AC0000060\u3000'], true)!;
    expect([...trimmed.dict].slice(-2)).toEqual(['AC0000060A', 'AC0000060']);
    const tdb = dictBytesOf(trimmed);
    expect(ascending(tdb)).toBe(false);
    expect(Array.from(valueHashesOf(trimmed, tdb)!)).toEqual(Array.from(bytesHashes(tdb)));
    // A short value (decoded, not packed) among sorted ones: checked, not claimed.
    const mixed = rangeColumn(['AC1', ...ids], true)!;
    const mdb = dictBytesOf(mixed);
    expect(valueHashesOf(mixed, mdb) === null).toBe(ascending(mdb));
  });
});

/** A part as a range gives it: its values in order of first use, its rows' codes (-1 = empty). */
function partOf(rows: (string | null)[]): { dict: string[]; codes: Int32Array } {
  const dict: string[] = [];
  const seen = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  rows.forEach((v, i) => {
    if (v === null) return void (codes[i] = -1);
    let c = seen.get(v);
    if (c === undefined) seen.set(v, (c = dict.push(v) - 1));
    codes[i] = c;
  });
  return { dict, codes };
}

describe('the merge of parts cut at random points (absorbPart)', () => {
  it('gives the one-pass dictionary and codes whatever hashes the parts bring, colliding ones too', () => {
    const short = fc.oneof(
      fc.constantFrom('', 'A', 'AB', '株式会社テスト', '𠮷野家😀', ...COLLIDE),
      fc.string({ unit: 'grapheme', maxLength: 5 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(short, { freq: 6 }), { minLength: 2, maxLength: 160 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('real', 'length', 'zero'),
        (all, splits, hashWay) => {
          // Random split points: the file's rows cut into 2–4 parts.
          const cuts = [...new Set(splits.map((s) => s % all.length))].sort((a, b) => a - b);
          const bounds = [0, ...cuts.filter((c) => c > 0), all.length];
          const rows = bounds.slice(1).map((to, k) => all.slice(bounds[k], to));
          if (rows.length < 2) rows.push([]);
          const made = rows.map(partOf);
          const parts: DictPart[] = made.map((p, k) => {
            const bytes = dictBytesOfStrings(p.dict);
            // Hashes equal for equal bytes, and colliding on purpose (one per length, or all 0).
            const hashes =
              hashWay === 'real'
                ? bytesHashes(bytes)
                : Int32Array.from(bytes.len, (l) => (hashWay === 'length' ? l * 0x01000193 : 0));
            return { codes: p.codes, rows: rows[k].length, bytes, hashes };
          });
          const want = partOf(all);
          const got = mergeDictParts(parts, all.length, false);
          expect(got).not.toBeNull();
          expect(Array.from(got!.codes)).toEqual(Array.from(want.codes));
          expect(mergedStrings(got!.dict, dictOfBytes)).toEqual(want.dict);
          // As account ids: declined exactly when a value repeats (or is missing).
          const key = mergeDictParts(parts, all.length, true);
          const distinct = !all.includes(null) && new Set(all).size === all.length;
          expect(key !== null).toBe(distinct);
        },
      ),
      { numRuns: 1500, seed: 361 },
    );
  });

  it('has a pair of values of one hash to collide', () => {
    expect(hashBytes(utf8(COLLIDE[0]), 0, 12)).toBe(hashBytes(utf8(COLLIDE[1]), 0, 12));
  });
});
