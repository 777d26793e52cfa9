import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from '../store/db';
import { CHUNK_ROWS, loadDataset, saveDataset } from '../store/datasets';
import { generateDemoTable } from '../data/demo/generate';
import type { AccountTable } from '../table/columns';
import {
  DICT_SLICE,
  readDataset,
  receiveDataset,
  slicePacked,
  type DatasetLoadMessage,
} from './datasetLoad';
import { packStrings, unpackStrings } from '../store/datasets';
import { dictAt, packedDecodeCount, packedPartsOf } from '../table/packedDict';

/** The worker's messages as the page gets them: structured-cloned, the buffers transferred. */
async function viaWorkerProtocol(id: string, dictSlice?: number, dictUnits?: number) {
  const receive = receiveDataset();
  let out: ReturnType<typeof receive>;
  const kinds: string[] = [];
  let arrayDicts = 0;
  let dictMessages = 0;
  let slices = 0;
  const post = (m: DatasetLoadMessage, transfer: Transferable[] = []) => {
    kinds.push(m.type);
    if (m.type === 'dicts') {
      dictMessages++;
      slices += m.slices.length;
      for (const x of m.slices)
        expect(Array.isArray(x.dict) ? x.dict.length : x.dict.count).toBeLessThanOrEqual(
          dictSlice ?? DICT_SLICE,
        );
    }
    if (m.type === 'dicts') arrayDicts += m.slices.filter((x) => Array.isArray(x.dict)).length;
    const got = receive(structuredClone(m, { transfer }));
    if (got !== undefined) out = got;
  };
  await readDataset(id, post, dictSlice, dictUnits);
  return { out: out!, kinds: [...new Set(kinds)], arrayDicts, dictMessages, slices };
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Byte for byte: the same columns in the same order, the same codes/values and dictionaries. */
function expectSameTable(a: AccountTable, b: AccountTable) {
  expect(a.rowCount).toBe(b.rowCount);
  expect(Object.keys(a.columns)).toEqual(Object.keys(b.columns));
  for (const [id, col] of Object.entries(b.columns)) {
    const x = a.columns[id];
    expect(x.type, id).toBe(col.type);
    if (col.type === 'string' && x.type === 'string') {
      expect(x.codes.constructor).toBe(Int32Array);
      expect(x.dict.length, id).toBe(col.dict.length);
      expect(x.dict.join('\u0000') === col.dict.join('\u0000'), id).toBe(true);
      expect(bytes(x.codes).equals(bytes(col.codes)), id).toBe(true);
    } else if (col.type !== 'string' && x.type !== 'string') {
      expect(x.values.constructor, id).toBe(col.values.constructor);
      expect(bytes(x.values).equals(bytes(col.values)), id).toBe(true);
    }
  }
}

describe('slicePacked', () => {
  it('cuts a packed list into slices that unpack to the same values', () => {
    const lists = [
      [],
      [''],
      ['', '', ''],
      ['a'],
      ['a', '', 'bc', '', '', 'def', 'g'],
      Array.from({ length: 100 }, (_, i) => 'x'.repeat(i % 4)),
      ['a', 'b\u0000c', 'd', 'e'],
    ];
    for (const xs of lists)
      for (const size of [1, 2, 3, 7, 100, 1000]) {
        const slices = slicePacked(packStrings(xs), size);
        const back: string[] = [];
        for (const s of slices) {
          const n = Array.isArray(s) ? s.length : s.count;
          expect(n).toBeGreaterThan(0);
          expect(n).toBeLessThanOrEqual(size);
          unpackStrings(s, back);
        }
        expect(back, `${JSON.stringify(xs)} by ${size}`).toEqual(xs);
      }
  });
});

/** Values that a text decoder could change: BOM, lone surrogates, U+FFFD, emoji, Japanese, empty. */
const awkward = [
  '',
  '\uFEFFbom first',
  'a\uFEFF',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDFFF',
  '\uFFFD',
  '😀👨‍👩‍👧',
  '株式会社テスト',
  'ｶﾀｶﾅ',
  'Ünïcödé',
  'ascii',
  'ascii',
  '',
  '\u007f',
  '\u0080',
];

describe('reading the dataset in a worker (datasetLoad.ts)', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('gives the table loadDataset gives, byte for byte, over two chunks', async () => {
    const table = generateDemoTable({ rows: CHUNK_ROWS + 123, seed: 5 });
    // A value holding NUL is stored as an array, not one joined string: both forms travel.
    const name = Object.values(table.columns).find((c) => c.type === 'string');
    if (name?.type === 'string') name.dict[CHUNK_ROWS + 7] = 'a\u0000b';
    // Values a text decoder could change, in another string column (its first and last slice).
    const otherId = Object.keys(table.columns).find((id) => {
      const c = table.columns[id];
      return c !== name && c.type === 'string' && c.dict.length > 10_000;
    })!;
    const other = table.columns[otherId];
    expect(other).toBeDefined();
    if (other?.type === 'string')
      awkward.forEach((v, i) => {
        other.dict[i] = v;
        other.dict[other.dict.length - 1 - i] = v;
      });
    const meta = await saveDataset('p-load', table, { name: 'd.csv', sources: [] });
    const page = await loadDataset(meta.id);
    const decodes = packedDecodeCount();
    const { out, kinds, arrayDicts, dictMessages, slices } = await viaWorkerProtocol(meta.id);
    // Many slices to a message (~1.4 million code units here: one message, or two).
    expect(slices).toBeGreaterThan(16);
    expect(dictMessages).toBeLessThanOrEqual(2);
    expect(kinds).toEqual(['meta', 'dicts', 'columns']);
    // The page decoded no dictionary: each string column's stays packed until `dict` is read,
    // and one value is read from it as it is.
    expect(packedDecodeCount()).toBe(decodes);
    let strings = 0;
    for (const [id, col] of Object.entries(out!.table.columns)) {
      const want = table.columns[id];
      if (col.type !== 'string' || want.type !== 'string') continue;
      strings++;
      expect(packedPartsOf(col), id).not.toBeNull();
      for (let i = 0; i < want.dict.length; i += 97)
        expect(dictAt(col, i), `${id} ${i}`).toBe(want.dict[i]);
      expect(dictAt(col, CHUNK_ROWS + 7)).toBe(want.dict[CHUNK_ROWS + 7]);
    }
    expect(strings).toBeGreaterThan(1);
    expect(packedDecodeCount()).toBe(decodes);
    // The chunk holding the NUL value sends that column's slices as arrays.
    expect(arrayDicts).toBe(1);
    expect(out!.meta).toEqual(page!.meta);
    expectSameTable(out!.table, page!.table);
    expectSameTable(out!.table, table);
    // Messages ending mid-chunk and mid-column (slices of 1,000 values, messages of ~20,000
    // code units): the same table.
    const small = await viaWorkerProtocol(meta.id, 1000, 20_000);
    expect(small.dictMessages).toBeGreaterThan(50);
    expectSameTable(small.out!.table, table);
    for (let i = 0; i < awkward.length; i++)
      expect(dictAt(small.out!.table.columns[otherId] as never, i)).toBe(awkward[i]);
  });

  it('a dataset of no rows and one that is gone', async () => {
    const empty = generateDemoTable({ rows: 0, seed: 1 });
    const meta = await saveDataset('p-empty', empty, { name: 'e.csv', sources: [] });
    const { out } = await viaWorkerProtocol(meta.id);
    expectSameTable(out!.table, (await loadDataset(meta.id))!.table);
    expect((await viaWorkerProtocol('ds_gone')).out).toBeNull();
  });

  it('a missing chunk fails with loadDataset’s message', async () => {
    const table = generateDemoTable({ rows: CHUNK_ROWS + 5, seed: 2 });
    const meta = await saveDataset('p-broken', table, { name: 'b.csv', sources: [] });
    await db().datasetChunks.delete([meta.id, 1]);
    const page = await loadDataset(meta.id).catch((e: Error) => e.message);
    const messages: DatasetLoadMessage[] = [];
    const worker = await readDataset(meta.id, (m) => messages.push(m)).catch(
      (e: Error) => e.message,
    );
    expect(worker).toBe(page);
    expect(worker).toMatch(/chunk 2 of 2 is missing/);
    const receive = receiveDataset();
    expect(() =>
      [...messages, { type: 'failed', message: worker as string } as const].forEach(receive),
    ).toThrow(/chunk 2 of 2 is missing/);
  });
});
