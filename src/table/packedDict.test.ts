import { describe, expect, it } from 'vitest';
import { cellValue, type AccountTable, type StringColumn } from './columns';
import {
  copyList,
  decodeAhead,
  dictAt,
  dictIndexOf,
  dictSize,
  dictSlices,
  indexAhead,
  lazyDictList,
  lazyListColumn,
  packedDecodeCount,
  packedIndexedCount,
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
import { idAt, idIndexOf, idSlices } from './runIds';

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
      const names = accountNames({ accountIds: [] }, table, 'name');
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

  it('indexed ahead a slice per step: every joined slice once, the same values, nothing decoded', () => {
    const rand = rng(41);
    for (let round = 0; round < 200; round++) {
      const { dict, parts } = randomDict(rand);
      const col = packedPartsColumn(randomCodes(rand, dict.length, 50), parts);
      const joined = parts.filter((p) => !Array.isArray(p)).length;
      const before = packedDecodeCount();
      // Some values read first (their slices indexed by dictAt), some slices decoded ahead.
      for (let i = 0; i < dict.length; i += 1 + Math.floor(rand() * 200))
        expect(dictAt(col, i)).toBe(dict[i]);
      const readFirst = packedIndexedCount(col);
      const decoded = rand() < 0.3 ? Math.floor(rand() * 3) : 0;
      const ahead = decodeAhead(col);
      for (let k = 0; k < decoded; k++) ahead.step();
      const steps = indexAhead(col);
      let n = 0;
      // Values read between steps (now and then) are the same values.
      const between = rand() < 0.5;
      while (!steps.next().done) {
        n++;
        if (!between) continue;
        const i = Math.floor(rand() * dict.length);
        expect(dictAt(col, i), `value ${i} after ${n} steps`).toBe(dict[i]);
      }
      if (decoded === 0 && !between) {
        expect(n, 'one step per joined slice not yet indexed').toBe(joined - readFirst);
        expect(packedIndexedCount(col), 'every joined slice indexed').toBe(joined);
      }
      if (decoded === 0) expect(packedIndexedCount(col), 'every joined slice indexed').toBe(joined);
      for (let i = 0; i < dict.length; i++) expect(dictAt(col, i), `value ${i}`).toBe(dict[i]);
      expect(packedDecodeCount(), 'nothing decoded whole').toBe(before);
      expect([...indexAhead(col)].length, 'nothing left to index').toBe(0);
    }
    // A column that is not packed: no steps.
    expect([...indexAhead({ type: 'string', codes: Int32Array.of(0), dict: ['a'] })]).toEqual([]);
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

  /** Values to look for: every value, a few not there, and near misses (a value's part, two joined). */
  function probes(rand: () => number, dict: string[]): string[] {
    const out = [...dict, 'zz-none', '', '\u0000', 'a\u0000'];
    for (let i = 0; i < 20 && dict.length; i++) {
      const v = dict[Math.floor(rand() * dict.length)];
      out.push(v.slice(1), v.slice(0, -1), v + '\u0000' + v, v + 'a', 'a' + v);
    }
    return out;
  }

  it('dictIndexOf, dictSize and dictSlices answer as the unpacked array; nothing is decoded', () => {
    const rand = rng(23);
    for (let round = 0; round < 300; round++) {
      const { dict, parts } = randomDict(rand);
      const col = packedPartsColumn(randomCodes(rand, dict.length, 5), parts);
      // Now and then some slices decoded ahead first (their values read from the array).
      const ahead = decodeAhead(col);
      const steps = rand() < 0.3 ? Math.floor(rand() * (parts.length + 1)) : 0;
      for (let k = 0; k < steps; k++) ahead.step();
      const before = packedDecodeCount();
      expect(dictSize(col)).toBe(dict.length);
      for (const v of probes(rand, dict)) {
        expect(dictIndexOf(col, v), JSON.stringify(v)).toBe(dict.indexOf(v));
        const from = Math.floor(rand() * (dict.length + 2)) - 1;
        expect(dictIndexOf(col, v, from), `${JSON.stringify(v)} from ${from}`).toBe(
          dict.indexOf(v, from),
        );
      }
      const seen: string[] = [];
      for (const [first, xs] of dictSlices(col)) {
        expect(first).toBe(seen.length);
        seen.push(...xs);
      }
      expect(seen).toEqual(dict);
      expect(packedDecodeCount(), 'nothing decoded whole').toBe(before);
      if (steps === 0) expect(packedPartsOf(col)).not.toBeNull();
    }
  });

  it("a run's ids kept as the packed key column: read, found, walked and handed over as the array", () => {
    const rand = rng(29);
    for (let round = 0; round < 80; round++) {
      const { dict, parts } = randomDict(rand);
      const codes = Int32Array.from(dict, (_, i) => i);
      const key = packedPartsColumn(codes, parts);
      const run = { rowCount: dict.length, accountIds: [] as string[], total: new Float64Array(3) };
      lazyDictList(run, 'accountIds', key);
      const before = packedDecodeCount();
      expect(lazyListColumn(run, 'accountIds')).toBe(key);
      const order = Array.from({ length: dict.length }, (_, i) => i).sort(() => rand() - 0.5);
      for (const i of order) expect(idAt(run, i), `row ${i}`).toBe(dict[i]);
      for (const v of probes(rand, dict)) {
        const from = Math.floor(rand() * (dict.length + 1));
        expect(idIndexOf(run, v)).toBe(dict.indexOf(v));
        expect(idIndexOf(run, v, from)).toBe(dict.indexOf(v, from));
      }
      expect([...idSlices(run)].flatMap(([, xs]) => xs)).toEqual(dict);
      // A copy (the row-query hand-over's slim run) refers to the same column.
      const slim = { accountIds: [] as string[] };
      copyList(run, slim, 'accountIds');
      expect(lazyListColumn(slim, 'accountIds')).toBe(key);
      // Handed to a worker: the packed slices travel, the worker gets the list.
      const { skeleton, pieces } = split({ r: slim }, 7);
      expect(pieces.length).toBe(parts.length);
      const far = structuredClone(skeleton) as { r: { accountIds: string[] } };
      for (const p of pieces) {
        expect('packed' in p, 'sent packed').toBe(true);
        place(far, structuredClone(detach(p).piece));
      }
      expect(far.r.accountIds).toEqual(dict);
      expect(packedDecodeCount(), 'nothing decoded whole').toBe(before);
      // Read whole: the array (decoded once), then a plain value; the readers give the same.
      expect(run.accountIds).toEqual(dict);
      expect(packedDecodeCount()).toBe(before + 1);
      expect(lazyListColumn(run, 'accountIds')).toBeNull();
      expect(run.accountIds).toBe(key.dict);
      if (dict.length) expect(idAt(run, dict.length - 1)).toBe(dict[dict.length - 1]);
      expect(idIndexOf(run, dict[0] ?? 'x')).toBe(dict.indexOf(dict[0] ?? 'x'));
      // The copy still refers to the column, now decoded: a hand-over sends strings.
      const again = split({ r: slim }, 7);
      const far2 = structuredClone(again.skeleton) as { r: { accountIds: string[] } };
      for (const p of again.pieces) place(far2, structuredClone(detach(p).piece));
      expect(far2.r.accountIds ?? []).toEqual(dict);
    }
  });

  it('a lazy list: spread and clone read it as a value; assigning replaces it', () => {
    const key = packedPartsColumn(Int32Array.of(0, 1, 2), [
      { joined: 'a\u0000株', count: 2 },
      ['x\u0000y'],
    ]);
    const run = { accountIds: [] as string[] };
    lazyDictList(run, 'accountIds', key);
    expect(structuredClone(run).accountIds).toEqual(['a', '株', 'x\u0000y']);
    const other = { accountIds: [] as string[] };
    lazyDictList(
      other,
      'accountIds',
      packedPartsColumn(Int32Array.of(0), [{ joined: 'q', count: 1 }]),
    );
    expect({ ...other }.accountIds).toEqual(['q']);
    const third = { accountIds: [] as string[] };
    lazyDictList(
      third,
      'accountIds',
      packedPartsColumn(Int32Array.of(0), [{ joined: 'q', count: 1 }]),
    );
    third.accountIds = ['z'];
    expect(third.accountIds).toEqual(['z']);
    expect(lazyListColumn(third, 'accountIds')).toBeNull();
    expect(idAt(third, 0)).toBe('z');
  });
});
