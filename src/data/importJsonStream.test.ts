import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, ImportError, type ImportOptions } from './';
import { jsonChunks, planJsonStream } from './importJsonStream';
import { demoContract, sjis, utf8 } from './testing/helpers';
import { cellValue, type AccountTable } from '../table/columns';

function cells(tables: AccountTable[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables)
    for (const [id, col] of Object.entries(t.columns)) {
      const a = (out[id] ??= []);
      for (let i = 0; i < t.rowCount; i++) a.push(cellValue(col, i));
    }
  return out;
}

async function* blocksOf(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let k = 0;
  for (let i = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    yield bytes.slice(i, i + n);
    i += n;
  }
}

function whole(bytes: Uint8Array, name: string, opts: ImportOptions) {
  try {
    const { table, report } = importAccountFile(bytes, name, demoContract, opts);
    return { rows: table.rowCount, cells: cells([table]), report };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

async function streamed(bytes: Uint8Array, name: string, opts: ImportOptions, sizes: number[]) {
  const plan = await planJsonStream(
    bytes.subarray(0, 1 << 20),
    () => blocksOf(bytes, sizes),
    name,
    demoContract,
    opts,
  );
  if (!plan) return null;
  const tables: AccountTable[] = [];
  const it = jsonChunks(plan, blocksOf(bytes, sizes), opts, 3);
  let r = await it.next();
  while (!r.done) {
    tables.push(r.value);
    r = await it.next();
  }
  try {
    const { table, report } = plan.importer.finish(r.value);
    tables.push(table);
    return { rows: tables.reduce((n, t) => n + t.rowCount, 0), cells: cells(tables), report };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

describe('JSON / NDJSON stream import = whole-file import', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 10, unit: 'grapheme' }),
    fc.constantFrom('株式会社アルファ', '{"x": [1, 2]}', 'a\\"b', '\\', ']}', 'ｱﾙﾌｧ', '=SUM(A1)'),
  );
  const value = fc.oneof(
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('2024-03-09', '80%', '1,234', 'N/A', '', 'TRUE'),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom('a', 'b'), text, { maxKeys: 2 }),
  );
  const obj = fc.record(
    {
      account_id: fc.constantFrom('A1', 'A2', 'A3', 'Ｂ１', '', 'A"1'),
      company_name: text,
      mrr: value,
      renewal_date: value,
      kickoff_done: value,
      industry: value,
      late_key: text,
    },
    { requiredKeys: [] },
  );
  it('agrees over random objects, layouts, encodings and block sizes (strings cut by blocks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(obj, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('json', 'ndjson'),
        fc.constantFrom('utf-8', 'shift_jis'),
        fc.constantFrom(0, 2),
        fc.constantFrom('skip', 'blank'),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
        async (objs, format, enc, indent, badRows, sizes) => {
          const doc =
            format === 'json'
              ? JSON.stringify(objs, null, indent)
              : objs.map((o) => JSON.stringify(o)).join(indent ? '\r\n\n' : '\n') + '\n';
          const bytes = enc === 'shift_jis' ? sjis(doc) : utf8(doc);
          const name = `gen.${format}`;
          const opts: ImportOptions = {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          };
          const s = await streamed(bytes, name, opts, sizes);
          const w = whole(bytes, name, opts);
          if ('error' in w) expect(s).toBeNull();
          else expect(s).toEqual(w);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves to the whole-file path what it reports: invalid JSON, other shapes, nesting, no rows', async () => {
    for (const [name, doc] of [
      ['bad.json', '[{"account_id": "A1"}, {"account_id": }]'],
      ['trail.json', '[{"account_id": "A1"}] x'],
      ['open.json', '[{"account_id": "A1"}'],
      ['num.json', '[{"account_id": "A1"}, 3]'],
      ['rows.json', '{"rows": [{"account_id": "A1"}]}'],
      ['empty.json', '[]'],
      ['comma.json', '[{"account_id": "A1"},]'],
      ['deep.json', '[{"account_id": "A1", "x": ' + '['.repeat(300) + ']'.repeat(300) + '}]'],
      ['bad.ndjson', '{"account_id": "A1"}\n{"account_id": \n'],
      ['arr.ndjson', '{"account_id": "A1"}\n[1]\n'],
    ]) {
      const bytes = utf8(doc);
      expect(await streamed(bytes, name, {}, [5]), name).toBeNull();
    }
  });

  it('a key seen only in the last object is a column of every chunk, as in the whole file', async () => {
    const objs = Array.from({ length: 20 }, (_, i) => ({ account_id: `A${i}`, mrr: i }));
    const doc = JSON.stringify([...objs, { account_id: 'Z', mrr: 1, industry: 'saas' }]);
    const bytes = utf8(doc);
    const s = await streamed(bytes, 'late.json', {}, [7]);
    expect(s).not.toBeNull();
    expect(s).toEqual(whole(bytes, 'late.json', {}));
    expect((s as { cells: Record<string, unknown[]> }).cells.industry).toHaveLength(21);
  });
});

describe('whole-file JSON import', () => {
  it('reads a JSON document larger than the CSV byte path head (it was refused as invalid JSON)', () => {
    const objs = Array.from({ length: 6000 }, (_, i) => ({
      account_id: `A${i}`,
      company_name: `株式会社アルファ${i}`,
      mrr: i,
    }));
    const bytes = utf8(JSON.stringify(objs, null, 1));
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const { table, report } = importAccountFile(bytes, 'big.json', demoContract);
    expect(report.errorCount).toBe(0);
    expect(table.rowCount).toBe(6000);
  });
});
