import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Field } from '../model';
import type { Column } from '../table/columns';
import {
  ascending,
  bytesHashes,
  dictBytesOf,
  dictBytesOfStrings,
  dictHashes,
  dictOfBytes,
  mergeDictParts,
  mergedStrings,
  type DictPart,
} from './absorbPart';
import { hashBytes, makeSink, setSinkTuning, StringSink } from './sinks';
import { utf8 } from './testing/helpers';
import { firstUse } from './testing/parts';

/*
 * A range's string column as the merge takes it (its dictionary as bytes, dictBytesOf, from a
 * range's sink: packed, decoded and trimmed values) and the merge of parts cut anywhere, with
 * hashes that collide (absorbPart.ts; session 36 finish3: the merge's byte compare on a hash
 * match was not caught by any test before).
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

/** A column through a range's sink (own buffers, packed values), cells in one reused buffer. */
function rangeColumn(
  cells: string[],
  mergeFacts = false,
): Extract<Column, { type: 'string' }> | null {
  const sink = makeSink(field, 4) as StringSink;
  sink.ownBuffers();
  sink.packValues();
  sink.mergeFacts = mergeFacts;
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

describe("a range column's dictionary as bytes (dictBytesOf)", () => {
  it('spells the dictionary, packed, decoded and trimmed values alike, and again when asked twice', () => {
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    // Runs where decoded values were encoded in the sink's own buffer, and where the sink said
    // its values ascend (both ways are taken).
    let inPlace = 0;
    let saidAscending = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(text, { maxLength: 60 }),
          fc.array(text, { maxLength: 60 }),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          (head, rest, sortHead, onlyHead, facts) => {
            // A sorted head (the ascending path), then any order with repeats (provisional
            // codes); or the head alone (a column still ascending at its end).
            const sorted = sortHead
              ? [...new Set(head)].sort((a, b) => Buffer.compare(utf8(a), utf8(b)))
              : head;
            const cells = onlyHead ? sorted : [...sorted, ...rest, ...sorted.slice(0, 3)];
            // The dictionary of a column nobody asked for bytes (read before dictBytesOf).
            const dict = [...rangeColumn(cells)!.dict];
            // As a range does: the bytes (which may encode values in the sink's buffer), and
            // with mergeFacts the sink's word on order and hashes; the strings read after.
            const col = rangeColumn(cells, facts)!;
            const db = dictBytesOf(col);
            const pv = (col as { packedValues?: { src: Uint8Array; pLen: Int32Array } })
              .packedValues;
            if (pv && db.bytes === pv.src && pv.pLen.subarray(0, dict.length).includes(0))
              inPlace++;
            expect(dictOfBytes(db)).toEqual(dict);
            const isAscending = dict.every(
              (v, i) => i === 0 || Buffer.compare(utf8(dict[i - 1]), utf8(v)) < 0,
            );
            expect(ascending(db)).toBe(isAscending);
            const want = dict.map((v) => hashBytes(utf8(v), 0, utf8(v).length));
            expect(Array.from(bytesHashes(db))).toEqual(want);
            // No hashes only for values in ascending order; else exactly the bytes' hashes.
            const h = dictHashes(col, db);
            if (h === null) expect(isAscending).toBe(true);
            else expect(Array.from(h)).toEqual(want);
            if (facts && h === null && dict.length > 1) saidAscending++;
            expect(dictOfBytes(dictBytesOf(col))).toEqual(dict);
            expect([...col.dict]).toEqual(dict);
          },
        ),
        { numRuns: 400, seed: 36 },
      );
      expect(inPlace).toBeGreaterThan(10);
      expect(saidAscending).toBeGreaterThan(10);
    } finally {
      setSinkTuning(was);
    }
  });
});

describe("what a range's sink says of its values (mergeFacts)", () => {
  it('says no order where a trimmed value breaks it, though the cells came in byte order', () => {
    // An ideographic space (E3 80 80) sorts the second cell after 'zeta…' by its bytes, but its
    // value, trimmed, is 'aaa…', before it: every cell has its entry and code, one is not packed.
    const cells = ['zeta long name', '\u3000aaa long name'];
    const col = rangeColumn(cells, true)!;
    const db = dictBytesOf(col);
    expect(dictOfBytes(db)).toEqual(['zeta long name', 'aaa long name']);
    expect(ascending(db)).toBe(false);
    expect(Array.from(dictHashes(col, db) ?? [])).toEqual(Array.from(bytesHashes(db)));
  });

  it('says so when its values ascend, and gives their hashes when they do not', () => {
    const facts = (cells: string[]) =>
      (rangeColumn(cells, true) as { packedValues?: { ascending?: true; hashes?: Int32Array } })
        .packedValues;
    const sorted = ['alpha long name', 'beta long name', 'gamma long name'];
    expect(facts(sorted)?.ascending).toBe(true);
    expect(facts([...sorted, 'alpha long name'])?.ascending).toBeUndefined();
    expect(facts([...sorted, 'alpha long name'])?.hashes?.length).toBe(3);
    // Not asked (a one-pass import): nothing said (the keys are there, one object shape).
    const unasked = (
      rangeColumn(sorted) as { packedValues?: { ascending?: true; hashes?: Int32Array } }
    ).packedValues;
    expect(unasked).toBeDefined();
    expect(unasked?.ascending).toBeUndefined();
    expect(unasked?.hashes).toBeUndefined();
  });
});

/** A part as a range gives it: its values in order of first use, its rows' codes (-1 = empty). */
function partOf(rows: (string | null)[]): { dict: string[]; codes: Int32Array } {
  const { dict, codes } = firstUse(rows);
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
