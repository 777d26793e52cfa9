import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, setDbForTests } from '../store/db';
import { loadDataset } from '../store/datasets';
import { importAccountFile } from '../data';
import { demoContract, utf8 } from '../data/testing/helpers';
import { generateDemoTable } from '../data/demo/generate';
import { cellValue, type AccountTable } from '../table/columns';
import {
  dictAt,
  packedDecodeCount,
  packedDictColumn,
  packedPartsOf,
  type PackedDict,
} from '../table/packedDict';
import { packTable, sliceMessages, unpackTable, withSlices, type PackedTable } from './packedTable';
import { transferablesOf, type ImportRequest, type ImportResponse } from './protocol';

/** Value for value: the same columns, rows, and each cell the same (strings, numbers, NaN). */
function expectSameValues(a: AccountTable, b: AccountTable) {
  expect(a.rowCount).toBe(b.rowCount);
  expect(Object.keys(a.columns)).toEqual(Object.keys(b.columns));
  for (const [id, col] of Object.entries(b.columns)) {
    const x = a.columns[id];
    expect(x.type, id).toBe(col.type);
    let bad = -1;
    for (let r = 0; r < b.rowCount && bad < 0; r++)
      if (!Object.is(cellValue(x, r), cellValue(col, r))) bad = r;
    expect(bad < 0 ? null : [cellValue(x, bad), cellValue(col, bad)], `${id} row ${bad}`).toBe(
      null,
    );
    if (col.type === 'string' && x.type === 'string')
      expect([...x.codes], id).toEqual([...col.codes]);
  }
}

/** The worker's messages as the page gets them: structured-cloned, the buffers transferred. */
function overTheWire(t: PackedTable, units?: number): PackedTable {
  const { batches, table } = sliceMessages(t, units);
  const got = new Map<string, PackedDict[]>();
  for (const b of batches)
    for (const { column, dict } of structuredClone(b))
      (got.get(column) ?? got.set(column, []).get(column)!).push(dict);
  return withSlices(structuredClone(table, { transfer: transferablesOf(table) }), got);
}

const tricky = [
  '株式会社アルファ',
  '',
  'ｶﾌﾞｼｷｶﾞｲｼｬ　ﾍﾞｰﾀ',
  'a\u0000b',
  '😀𠮷',
  '',
  'plain',
  '\u0000',
  'Quote "Co", Ltd.',
  '\n',
];

describe('the stored table sent to the page packed (packedTable.ts)', () => {
  it('unpacks to the same values, Japanese, empty strings and NUL included, decoding nothing', () => {
    for (const slice of [1, 2, 3, 4, 7, 8192]) {
      const rows = 23;
      const codes = Int32Array.from({ length: rows }, (_, i) =>
        i % 5 === 4 ? -1 : (i * 7) % tricky.length,
      );
      const noNul = tricky.filter((s) => !s.includes('\u0000'));
      const lazyCodes = Int32Array.from({ length: rows }, (_, i) => i % noNul.length);
      const table: AccountTable = {
        rowCount: rows,
        columns: {
          account_id: {
            type: 'string',
            codes: Int32Array.from({ length: rows }, (_, i) => i),
            dict: Array.from({ length: rows }, (_, i) => `ID-${i}`),
          },
          name: { type: 'string', codes, dict: tricky.slice() },
          // The parallel import's lazy dictionary: decoded by packTable (in the worker).
          lazy: packedDictColumn(lazyCodes, () => noNul.slice()),
          empty: { type: 'string', codes: new Int32Array(rows).fill(-1), dict: [] },
          mrr: { type: 'number', values: Float64Array.from({ length: rows }, (_, i) => i || NaN) },
          done: { type: 'boolean', values: Uint8Array.from({ length: rows }, (_, i) => i % 3) },
        },
      };
      // A copy (the message transfers the codes' buffers), the lazy column not read.
      const plain: AccountTable = { rowCount: rows, columns: {} };
      for (const [id, c] of Object.entries(table.columns))
        plain.columns[id] =
          id === 'lazy'
            ? { type: 'string', codes: lazyCodes.slice(), dict: noNul }
            : structuredClone(c);
      // Batches of every size: one slice a message (units 1) up to all in one.
      const wire = overTheWire(packTable(table, slice), [1, 5, 40, undefined][slice % 4]);
      // Nothing but the slices travels: no column carries a dictionary of strings.
      for (const c of Object.values(wire.columns)) expect('dict' in c).toBe(false);
      const name = wire.columns.name as { parts: PackedDict[] };
      expect(name.parts.length).toBe(Math.ceil(tricky.length / slice));
      // A slice holding NUL travels as its values, the others joined.
      expect(name.parts.some(Array.isArray)).toBe(true);
      if (slice < 4) expect(name.parts.some((p) => !Array.isArray(p))).toBe(true);
      const before = packedDecodeCount();
      const page = unpackTable(wire);
      for (const [id, col] of Object.entries(page.columns))
        if (col.type === 'string') {
          expect(packedPartsOf(col), id).not.toBeNull();
          const want = plain.columns[id] as { dict: string[] };
          for (let i = 0; i < want.dict.length; i++)
            expect(dictAt(col, i), `${id} ${i} by ${slice}`).toBe(want.dict[i]);
        }
      expectSameValues(page, plain);
      expect(packedDecodeCount(), 'the page decoded no dictionary whole').toBe(before);
      // And read whole, the dictionaries are the imported ones.
      for (const id of ['account_id', 'name', 'lazy', 'empty'])
        expect((page.columns[id] as { dict: string[] }).dict).toEqual(
          (plain.columns[id] as { dict: string[] }).dict,
        );
    }
  });

  it('batches the slices in order, each batch within the units unless one slice is larger', () => {
    const dict = (n: number, w: number) =>
      Array.from({ length: n }, (_, i) => `${i}`.padEnd(w, 'x'));
    const t = packTable(
      {
        rowCount: 0,
        columns: {
          a: { type: 'string', codes: new Int32Array(0), dict: dict(10, 3) },
          n: { type: 'number', values: new Float64Array(0) },
          b: { type: 'string', codes: new Int32Array(0), dict: dict(7, 30) },
        },
      },
      2,
    );
    const want = ['a', 'b'].flatMap((c) =>
      (t.columns[c] as { parts: PackedDict[] }).parts.map((dict) => ({ column: c, dict })),
    );
    const size = (d: PackedDict) => (Array.isArray(d) ? d.length : d.joined.length);
    for (const units of [1, 7, 8, 20, 61, 62, 63, 1000]) {
      const { batches } = sliceMessages(t, units);
      expect(batches.flat(), `${units}`).toEqual(want);
      for (const [i, b] of batches.entries()) {
        const n = b.reduce((s, x) => s + size(x.dict), 0);
        if (b.length > 1) expect(n, `${units}: batch ${i}`).toBeLessThanOrEqual(units);
        // Full: the next batch's first slice would not have fitted.
        if (i + 1 < batches.length)
          expect(n + size(batches[i + 1][0].dict), `${units}: ${i} full`).toBeGreaterThan(units);
      }
    }
  });

  describe('through import.worker.ts: import or demo, then commit', () => {
    const posted: { m: ImportResponse; transfer: Transferable[] }[] = [];
    let send: (m: ImportRequest) => Promise<void>;
    beforeAll(async () => {
      setDbForTests(new WaymarkDB(`test-${Math.random()}`));
      const fake = {
        postMessage: (m: ImportResponse, transfer: Transferable[] = []) =>
          posted.push({ m, transfer }),
        onmessage: null as null | ((ev: { data: ImportRequest }) => Promise<void>),
      };
      (globalThis as { self?: unknown }).self = fake;
      await import('./import.worker');
      send = (m) => fake.onmessage!({ data: m });
    });
    afterAll(() => {
      setDbForTests(null);
      delete (globalThis as { self?: unknown }).self;
    });

    /** The number of slice messages of the last commit. */
    let sent = 0;
    /** Commit what the worker holds; the page's table (unpacked) and the stored one. */
    async function commit(projectId: string) {
      posted.length = 0;
      await send({ type: 'commit', id: 2, projectId, name: 'x' });
      // As ImportSession.commit takes them: the slices, then the table.
      const types = posted.map((p) => p.m.type);
      expect(types.at(-1)).toBe('committed');
      expect(new Set(types.slice(0, -1))).toEqual(new Set(['committedSlices']));
      const slices = new Map<string, PackedDict[]>();
      for (const p of posted.slice(0, -1)) {
        const m = structuredClone(p.m) as Extract<ImportResponse, { type: 'committedSlices' }>;
        for (const s of m.slices)
          (slices.get(s.column) ?? slices.set(s.column, []).get(s.column)!).push(s.dict);
      }
      sent = types.length - 1;
      const got = posted.at(-1)!;
      const m = structuredClone(got.m, { transfer: got.transfer }) as Extract<
        ImportResponse,
        { type: 'committed' }
      >;
      for (const c of Object.values(m.table.columns))
        if (c.type === 'string') expect(c.parts).toEqual([]);
      withSlices(m.table, slices);
      for (const c of Object.values(m.table.columns)) expect('dict' in c).toBe(false);
      const before = packedDecodeCount();
      const table = unpackTable(m.table);
      for (const col of Object.values(table.columns))
        if (col.type === 'string') expect(packedPartsOf(col)).not.toBeNull();
      const stored = (await loadDataset(m.meta.id))!.table;
      return { table, stored, decoded: () => packedDecodeCount() - before };
    }

    it('an imported JSON file with Japanese, NUL and missing values', async () => {
      const rows = [
        { account_id: 'J1', company_name: '株式会社アルファ', mrr: 1000 },
        { account_id: 'J2', company_name: 'a\u0000b', mrr: '１２３' },
        { account_id: 'J3', company_name: 'ｶﾌﾞｼｷｶﾞｲｼｬ', mrr: '2,000', industry: 'saas' },
        { account_id: 'J4', company_name: '😀𠮷', mrr: 5, kickoff_done: 'はい' },
      ];
      const bytes = utf8(JSON.stringify(rows));
      const want = importAccountFile(bytes.slice(), 'a.json', demoContract).table;
      posted.length = 0;
      await send({
        type: 'import',
        id: 1,
        files: [{ name: 'a.json', bytes }],
        contract: demoContract,
        parts: 1, // (Node 20 has no navigator to count cores)
      });
      expect(posted.map((p) => p.m)).toContainEqual(expect.objectContaining({ type: 'imported' }));
      const { table, stored, decoded } = await commit('p-json');
      expectSameValues(table, want);
      expectSameValues(table, stored);
      expect(table.rowCount).toBe(4);
      expect(cellValue(table.columns.company_name, 1)).toBe('a\u0000b');
      expect(cellValue(table.columns.industry, 0)).toBe(null);
      expect(decoded(), 'the page decoded no dictionary whole').toBe(0);
    });

    it('a demo of more rows than one slice', async () => {
      posted.length = 0;
      await send({ type: 'demo', id: 1, rows: 20_000, seed: 9 });
      expect(posted.map((p) => p.m.type)).toEqual(['imported']);
      const { table, stored, decoded } = await commit('p-demo');
      const want = generateDemoTable({ rows: 20_000, seed: 9 });
      // Three slices a string column, all in one message (well under DICT_MESSAGE_UNITS).
      expect(sent).toBe(1);
      expectSameValues(table, want);
      expectSameValues(table, stored);
      expect(decoded(), 'the page decoded no dictionary whole').toBe(0);
    });
  });
});
