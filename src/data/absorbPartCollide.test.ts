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
    let repeated = 0;
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
            const ref = rangeColumn(cells)!;
            const dict = [...ref.dict];
            // As a range does: the bytes (which may encode values in the sink's buffer), and
            // with mergeFacts the sink's word on order and hashes, and its provisional codes
            // (a value may have two: PackedValues.repeats); the strings read after.
            const col = rangeColumn(cells, facts)!;
            const db = dictBytesOf(col);
            const pv = (
              col as { packedValues?: { src: Uint8Array; pLen: Int32Array; repeats?: true } }
            ).packedValues;
            if (pv && db.bytes === pv.src && pv.pLen.subarray(0, db.len.length).includes(0))
              inPlace++;
            const values = dictOfBytes(db);
            if (pv?.repeats) repeated++;
            else expect(values).toEqual(dict);
            // Every row reads the value it reads without facts, codes in order of first use.
            let next = 0;
            cells.forEach((_, r) => {
              const c = col.codes[r];
              expect(c < 0 ? null : values[c]).toBe(ref.codes[r] < 0 ? null : dict[ref.codes[r]]);
              if (c >= next) expect(c).toBe(next++);
            });
            expect(next).toBe(values.length);
            const isAscending = values.every(
              (v, i) => i === 0 || Buffer.compare(utf8(values[i - 1]), utf8(v)) < 0,
            );
            expect(ascending(db)).toBe(isAscending);
            const want = values.map((v) => hashBytes(utf8(v), 0, utf8(v).length));
            expect(Array.from(bytesHashes(db))).toEqual(want);
            // No hashes only for values in ascending order; else exactly the bytes' hashes.
            const h = dictHashes(col, db);
            if (h === null) expect(isAscending).toBe(true);
            else expect(Array.from(h)).toEqual(want);
            if (facts && h === null && values.length > 1) saidAscending++;
            expect(dictOfBytes(dictBytesOf(col))).toEqual(values);
            expect([...col.dict]).toEqual(values);
          },
        ),
        { numRuns: 400, seed: 36 },
      );
      expect(inPlace).toBeGreaterThan(10);
      expect(saidAscending).toBeGreaterThan(10);
      expect(repeated).toBeGreaterThan(10);
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
    // A repeat leaves the sorted path: hashes, and the repeat's provisional code kept.
    const again = facts([...sorted, 'alpha long name']);
    expect(again?.ascending).toBeUndefined();
    expect(again?.hashes?.length).toBe(4);
    expect(again?.hashes?.[3]).toBe(again?.hashes?.[0]);
    // Not asked (a one-pass import): nothing said.
    expect((rangeColumn(sorted) as { packedValues?: object }).packedValues).not.toHaveProperty(
      'ascending',
    );
  });
});

/**
 * A part as a range gives it: its values in order of first use, its rows' codes (-1 = empty);
 * with `again` (one flag per row), a repeat flagged gets a code of its own (a sink's provisional
 * codes, PackedValues.repeats: a value twice in the dictionary, codes still in order of first use).
 */
function partOf(
  rows: (string | null)[],
  again: readonly boolean[] = [],
): { dict: string[]; codes: Int32Array } {
  const { dict, codes } = firstUse(rows);
  if (!again.some((a, i) => a && i < rows.length)) return { dict, codes };
  const out: string[] = [];
  const seen = new Map<string, number>();
  rows.forEach((v, i) => {
    if (v === null) return void (codes[i] = -1);
    let c = seen.get(v);
    if (c === undefined || again[i]) seen.set(v, (c = out.push(v) - 1));
    codes[i] = c;
  });
  return { dict: out, codes };
}

describe('the merge of parts cut at random points (absorbPart)', () => {
  it('gives the one-pass dictionary and codes whatever hashes the parts bring, colliding ones too', () => {
    let withRepeats = 0;
    const short = fc.oneof(
      fc.constantFrom('', 'A', 'AB', '株式会社テスト', '𠮷野家😀', ...COLLIDE),
      fc.string({ unit: 'grapheme', maxLength: 5 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(short, { freq: 6 }), { minLength: 2, maxLength: 160 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('real', 'length', 'zero'),
        fc.array(fc.boolean(), { maxLength: 160 }),
        (all, splits, hashWay, again) => {
          // Random split points: the file's rows cut into 2–4 parts.
          const cuts = [...new Set(splits.map((s) => s % all.length))].sort((a, b) => a - b);
          const bounds = [0, ...cuts.filter((c) => c > 0), all.length];
          const rows = bounds.slice(1).map((to, k) => all.slice(bounds[k], to));
          if (rows.length < 2) rows.push([]);
          // Provisional repeats in any part, the first (merged in place) included.
          let at = 0;
          const made = rows.map((r) => partOf(r, again.slice(at, (at += r.length))));
          if (
            made.some(
              (p, k) => p.dict.length > new Set(rows[k]).size - (rows[k].includes(null) ? 1 : 0),
            )
          )
            withRepeats++;
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
    expect(withRepeats).toBeGreaterThan(80);
  });

  it('has a pair of values of one hash to collide', () => {
    expect(hashBytes(utf8(COLLIDE[0]), 0, 12)).toBe(hashBytes(utf8(COLLIDE[1]), 0, 12));
  });
});
