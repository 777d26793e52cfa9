import { describe, expect, it } from 'vitest';
import { cellValue, type AccountTable, type StringColumn } from './columns';
import {
  decodeAhead,
  dictAt,
  packedDecodeCount,
  packedPartsColumn,
  packedPartsOf,
  type PackedDict,
} from './packedDict';
import { packStrings } from '../store/datasets';
import { slicePacked } from '../workers/datasetLoad';
import { detach, place, split, unpackPiece } from '../workers/pieces';
import { textAt } from '../ui/results/queue';
import { accountNames } from '../ui/results/accountNames';
import { rng } from '../util/random';

/**
 * A packed dictionary (a reloaded dataset's string column on the page) read by every reader the
 * page has: each must see exactly the values the unpacked dictionary holds, and none may decode
 * it whole except a read of `dict` itself.
 */
const ALPHABET = [
  'a',
  'Z',
  '0',
  ' ',
  ',',
  '"',
  'あ',
  '株',
  '式',
  '会',
  '社',
  'ｶ',
  'ﾞ',
  '　',
  '😀',
  '𠮷',
  'é',
  '\n',
];

function randomValue(rand: () => number, nul: boolean): string {
  const n = rand() < 0.15 ? 0 : Math.floor(rand() * 12);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  if (nul && rand() < 0.3) s += '\u0000' + s;
  return s;
}

/** A random dictionary and its packed slices (as the dataset worker sends them). */
function randomDict(rand: () => number): { dict: string[]; parts: PackedDict[] } {
  const n = Math.floor(rand() * 400);
  const dict: string[] = [];
  const parts: PackedDict[] = [];
  // Stored chunks of random sizes, each sliced again: joined slices, and now and then a
  // chunk holding NUL (sent as an array of its values).
  while (dict.length < n) {
    const m = 1 + Math.floor(rand() * 120);
    const nul = rand() < 0.15;
    const chunk = Array.from({ length: Math.min(m, n - dict.length) }, () =>
      randomValue(rand, nul),
    );
    dict.push(...chunk);
    parts.push(...slicePacked(packStrings(chunk), 1 + Math.floor(rand() * 40)));
  }
  return { dict, parts };
}

function randomCodes(rand: () => number, size: number, rows: number): Int32Array {
  return Int32Array.from({ length: rows }, () =>
    size === 0 || rand() < 0.1 ? -1 : Math.floor(rand() * size),
  );
}

describe('packed string dictionaries (packedDict.ts)', () => {
  it('every reader sees the unpacked values; none decodes the dictionary whole', () => {
    const rand = rng(17);
    for (let round = 0; round < 300; round++) {
      const { dict, parts } = randomDict(rand);
      const codes = randomCodes(rand, dict.length, 1 + Math.floor(rand() * 300));
      const plain: StringColumn = { type: 'string', codes, dict };
      const col = packedPartsColumn(codes, parts);
      const before = packedDecodeCount();
      const table: AccountTable = { rowCount: codes.length, columns: { name: col } };
      const names = accountNames([], table, 'name');
      // In random order, so a slice's offsets are made at any of its values.
      const order = Array.from({ length: dict.length }, (_, i) => i).sort(() => rand() - 0.5);
      for (const i of order) expect(dictAt(col, i), `value ${i}`).toBe(dict[i]);
      for (let row = 0; row < codes.length; row++) {
        expect(cellValue(col, row)).toBe(cellValue(plain, row));
        expect(textAt(col, row)).toBe(textAt(plain, row));
        expect(names.nameAt(row)).toBe(codes[row] < 0 ? '' : dict[codes[row]]);
      }
      // Handed to a worker: the slices travel, and the worker's column is the dictionary.
      const { skeleton, pieces } = split({ col }, 7);
      expect(pieces.length).toBe(parts.length + 1);
      const far = structuredClone(skeleton) as { col: StringColumn };
      for (const p of pieces) {
        const { piece, transfer } = detach(p);
        place(far, structuredClone(unpackPiece(piece), { transfer }));
      }
      expect(far.col.dict).toEqual(dict);
      expect([...far.col.codes]).toEqual([...codes]);
      expect(packedDecodeCount(), 'nothing decoded whole').toBe(before);
      expect(packedPartsOf(col)).not.toBeNull();
      // Then `dict` itself: the values, once.
      expect(col.dict).toEqual(dict);
      expect(col.dict.length).toBe(dict.length);
      expect(packedDecodeCount()).toBe(before + 1);
      expect(packedPartsOf(col)).toBeNull();
      expect(dictAt(col, dict.length - 1)).toBe(dict[dict.length - 1]);
    }
  });

  it('decoded ahead a slice at a time: reads in between and after see the same values', () => {
    const rand = rng(5);
    for (let round = 0; round < 100; round++) {
      const { dict, parts } = randomDict(rand);
      const col = packedPartsColumn(randomCodes(rand, dict.length, 50), parts);
      const ahead = decodeAhead(col);
      let steps = 0;
      const stop = Math.floor(rand() * (parts.length + 2));
      while (steps < stop && ahead.step()) {
        steps++;
        for (let i = 0; i < dict.length; i += 1 + Math.floor(rand() * 5))
          expect(dictAt(col, i), `value ${i} after ${steps} steps`).toBe(dict[i]);
      }
      // Handed over part-decoded: sent as strings, the same values.
      const { skeleton, pieces } = split({ col }, 7);
      const far = structuredClone(skeleton) as { col: StringColumn };
      for (const p of pieces) place(far, structuredClone(detach(p).piece));
      expect(far.col.dict).toEqual(dict);
      expect(col.dict).toEqual(dict);
      expect(ahead.step()).toBe(false);
    }
  });

  it('a column assigned a new dictionary reads the new one', () => {
    const col = packedPartsColumn(Int32Array.of(0, 1), [{ joined: 'a\u0000b', count: 2 }]);
    expect(dictAt(col, 1)).toBe('b');
    col.dict = ['x', 'y'];
    expect(dictAt(col, 1)).toBe('y');
    expect(cellValue(col, 0)).toBe('x');
  });

  it('spread and structured clone read the dictionary as a value', () => {
    const col = packedPartsColumn(Int32Array.of(1, 0, -1), [
      { joined: '株式会社\u0000😀', count: 2 },
      { joined: '', count: 1 },
    ]);
    expect({ ...col }.dict).toEqual(['株式会社', '😀', '']);
    expect(structuredClone(col).dict).toEqual(['株式会社', '😀', '']);
  });
});
