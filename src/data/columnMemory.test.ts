import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, ImportError, type ImportOptions } from './';
import { blockColumnBytes, blockSinkPlan, importAccountBlocks } from './importStream';
import { setSinkTuning } from './sinks';
import { columnBuffers, heldMemory } from './columnMemory';
import { generateDemoTable } from './demo/generate';
import { tableToCsv } from './tableCsv';
import { demoContract, sjis, utf8 } from './testing/helpers';
import type { AccountTable } from '../table/columns';

/**
 * Memory that arrives late and in pieces, as a helper worker's pre-faulted buffers do: `take`
 * answers null for its first `after` calls, then a fresh buffer on every `every`-th call (each
 * block, the import asks once per column not yet moved). `sizes`: only these lengths (all if
 * absent).
 */
function lateMemory(after: number, every: number, sizes?: Set<number>) {
  let calls = 0;
  const given: number[] = [];
  return {
    given,
    asked: new Set<number>(),
    take(n: number): ArrayBuffer | null {
      this.asked.add(n);
      calls++;
      if (calls <= after || calls % every !== 0 || (sizes && !sizes.has(n))) return null;
      given.push(n);
      return new ArrayBuffer(n);
    },
  };
}

/** `bytes` as the block import's file source. */
const sourceOf = (bytes: Uint8Array) => ({
  size: bytes.length,
  read: (buf: Uint8Array, offset: number, length: number, position: number) => {
    const part = bytes.subarray(position, position + length);
    buf.set(part, offset);
    return part.length;
  },
});

function blocks(bytes: Uint8Array, name: string, opts: ImportOptions, block: number) {
  return importAccountBlocks(sourceOf(bytes), name, demoContract, opts, { minBytes: 0, block });
}

/** Table and report, or the error; columns with their buffers' lengths (byte for byte). */
function exact(read: () => { table: AccountTable; report: unknown }): unknown {
  try {
    const { table, report } = read();
    const buffers = Object.fromEntries(
      Object.entries(table.columns).map(([id, c]) => {
        const v = 'codes' in c ? c.codes : c.values;
        return [id, [v.constructor.name, v.byteOffset, v.length, v.buffer.byteLength]];
      }),
    );
    return { table, report, buffers };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

describe('columns moved into pre-faulted memory as it arrives = the plain import', () => {
  it('agrees byte for byte on generated CSV, the memory arriving at random blocks', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8, unit: 'grapheme' }),
      fc.constantFrom('株式会社アルファ', 'Acme, Inc.', 'Quote "Co"', 'a\nb', '=SUM(A1)', ''),
    );
    const num = fc.constantFrom('1234', '1,234', '80%', '0.8', '12.5', '', 'abc');
    const date = fc.constantFrom('2024-03-09', '2024/3/9', '2024-02-30', '');
    const flag = fc.constantFrom('true', 'FALSE', '1', 'はい', 'maybe', '');
    const quote = (s: string, force: boolean) =>
      force || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    const row = fc.tuple(
      fc.integer({ min: 0, max: 80 }),
      text,
      num,
      date,
      flag,
      fc.boolean(),
      fc.integer({ min: -1, max: 1 }),
    );
    let moved = 0;
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.constantFrom('utf-8', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 3 }),
        (rows, sorted, enc, badRows, block, after, every) => {
          const lines = ['account_id,company_name,mrr,renewal_date,kickoff_done'];
          rows.forEach(([id, t, n, d, f, q, ragged], k) => {
            const key = `A${String(sorted ? k * 3 : id).padStart(4, '0')}`;
            const c = [key, t, n, d, f].map((v) => quote(v, q));
            if (ragged < 0) c.pop();
            if (ragged > 0) c.push('extra');
            lines.push(c.join(','));
          });
          const csv = lines.join('\n') + '\n';
          const bytes = enc === 'shift_jis' ? sjis(csv) : utf8(csv);
          const opts: ImportOptions = {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          };
          const memory = lateMemory(after, every);
          const got = exact(() => blocks(bytes, 'gen.csv', { ...opts, memory }, block));
          moved += memory.given.length;
          expect(got).toEqual(exact(() => importAccountFile(bytes, 'gen.csv', demoContract, opts)));
        },
      ),
      { numRuns: 300 },
    );
    // Not vacuous: columns did move (number, date, text and yes/no columns).
    expect(moved).toBeGreaterThan(300);
  });

  it('asks a demo export for exactly the lengths blockColumnBytes lists, and moves every column', () => {
    const csv = tableToCsv(generateDemoTable({ rows: 25_000, seed: 5 }), demoContract, {
      headers: 'ja',
    });
    for (const bytes of [utf8(csv), sjis(csv)]) {
      const listed = blockColumnBytes(bytes, bytes.length, 'demo.csv', demoContract, {}, 1e9);
      expect(listed.length).toBe(demoContract.fields.length);
      const memory = lateMemory(60, 1, new Set(listed));
      const src = sourceOf(bytes);
      const got = exact(() =>
        importAccountBlocks(src, 'demo.csv', demoContract, { memory }, { block: 65_536 }),
      );
      expect([...memory.asked].sort()).toEqual([...new Set(listed)].sort());
      expect(memory.given.sort()).toEqual([...listed].sort());
      expect(got).toEqual(exact(() => importAccountFile(bytes, 'demo.csv', demoContract, {})));
    }
  });

  it('string sinks taking faulted memory (late, any length, wrong kept-bytes sizes) = the plain import', () => {
    // Small thresholds, so that files of tens of rows size their sinks for the capacity, start
    // their kept bytes tiny and take memory for arrays of a few elements.
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8, minLength: 4 });
    try {
      const name = fc.oneof(
        fc.string({ minLength: 9, maxLength: 14, unit: 'grapheme' }),
        fc.constantFrom(
          '株式会社アルファベット',
          'Acme Holdings, Inc.',
          '  padded name  ',
          '=HYPERLINK(1)',
          '',
        ),
      );
      const row = fc.tuple(fc.integer({ min: 0, max: 400 }), name, fc.boolean(), fc.boolean());
      let sinkTaken = 0;
      fc.assert(
        fc.property(
          fc.array(row, { minLength: 0, maxLength: 80 }),
          fc.constantFrom('sorted', 'shuffled', 'repeats'),
          fc.constantFrom('utf-8', 'shift_jis'),
          fc.constantFrom('skip', 'blank'),
          fc.integer({ min: 1, max: 200 }),
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 1, max: 3 }),
          // Kept bytes planned: none, too small, about right, far too large.
          fc.constantFrom(0, 1, 17, 300, 1 << 16),
          (rows, keys, enc, badRows, block, after, every, kept) => {
            const lines = ['account_id,company_name,mrr'];
            rows.forEach(([id, t, q, bad], k) => {
              const n = keys === 'sorted' ? k * 3 : keys === 'repeats' ? id % 9 : id * 7919;
              const key = `A${String(n).padStart(6, '0')}`;
              const cell = q || /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
              lines.push([key, cell, bad ? 'x' : String(k)].join(','));
            });
            const csv = lines.join('\n') + '\n';
            const bytes = enc === 'shift_jis' ? sjis(csv) : utf8(csv);
            const opts: ImportOptions = {
              badRows,
              ...(enc === 'shift_jis' ? { encoding: enc } : {}),
            };
            // Any length asked for, from the `after`-th ask on, every `every`-th ask.
            const memory = lateMemory(after, every);
            let calls = 0;
            const sinkMemory = {
              take: memory.take.bind(memory),
              takeSink(n: number): ArrayBuffer | null {
                calls++;
                if (calls <= after || calls % every !== 0) return null;
                sinkTaken++;
                return new ArrayBuffer(n);
              },
              keptBytes: () => kept,
            };
            const got = exact(() =>
              blocks(bytes, 'gen.csv', { ...opts, memory: sinkMemory }, block),
            );
            expect(got).toEqual(
              exact(() => importAccountFile(bytes, 'gen.csv', demoContract, opts)),
            );
          },
        ),
        { numRuns: 300 },
      );
      // Not vacuous: sinks took memory.
      expect(sinkTaken).toBeGreaterThan(300);
    } finally {
      setSinkTuning(was);
    }
  });

  it('plans the string sinks of a demo export from its head, and they take every buffer planned', () => {
    const was = setSinkTuning({ minLength: 1024 });
    try {
      const csv = tableToCsv(generateDemoTable({ rows: 25_000, seed: 5 }), demoContract, {
        headers: 'ja',
      });
      for (const bytes of [utf8(csv), sjis(csv)]) {
        const plan = blockSinkPlan(bytes, bytes.length, 'demo.csv', demoContract, {}, 1e9);
        // Ids (sorted: entries, packed offsets, flags, kept bytes) and names (lazy: every entry
        // array, endLazy's scratch too).
        expect(plan.sizes.length).toBeGreaterThanOrEqual(20);
        expect(Object.keys(plan.keptBytes).sort()).toEqual(['account_id', 'company_name']);
        const ready = new Map<number, number>();
        for (const n of plan.sizes) ready.set(n, (ready.get(n) ?? 0) + 1);
        let taken = 0;
        const memory = {
          take: () => null,
          takeSink(n: number): ArrayBuffer | null {
            const k = ready.get(n) ?? 0;
            if (k === 0) return null;
            ready.set(n, k - 1);
            taken++;
            return new ArrayBuffer(n);
          },
          keptBytes: (f: string) => plan.keptBytes[f] ?? 0,
        };
        const got = exact(() =>
          importAccountBlocks(
            sourceOf(bytes),
            'demo.csv',
            demoContract,
            { memory },
            { block: 65_536 },
          ),
        );
        expect(taken).toBe(plan.sizes.length);
        expect(got).toEqual(exact(() => importAccountFile(bytes, 'demo.csv', demoContract, {})));
      }
      // A head with no complete row: nothing planned.
      const oneCell = utf8('account_id,company_name\n"' + 'x'.repeat(5 << 20) + '"\n');
      expect(
        blockSinkPlan(oneCell, oneCell.length, 'big.csv', demoContract, {}, 1e9).sizes,
      ).toEqual([]);
    } finally {
      setSinkTuning(was);
    }
  });

  it("holds a range worker's buffers for its columns and, given kept bytes, its string sinks", () => {
    const bufs = [8, 8, 16, 4].map((n) => new ArrayBuffer(n));
    // Without a sink plan the sinks find no memory (they fault their own pages, as before).
    const plain = heldMemory(bufs);
    expect(plain.takeSink).toBeUndefined();
    expect(plain.keptBytes).toBeUndefined();
    const held = heldMemory(bufs, { company_name: 4096 });
    expect(held.keptBytes!('company_name')).toBe(4096);
    expect(held.keptBytes!('account_id')).toBe(0);
    // One pool, by exact length: a buffer goes to the first that asks, column or sink.
    expect(held.takeSink!(8)).toBe(bufs[0]);
    expect(held.take(8)).toBe(bufs[1]);
    expect(held.take(8)).toBeNull();
    expect(held.takeSink!(8)).toBeNull();
    expect(held.takeSink!(16)).toBe(bufs[2]);
    expect(held.takeSink!(5)).toBeNull();
    expect([held.taken, held.sinkTaken]).toEqual([1, 2]);
  });

  it('lists the largest columns first, within the bytes allowed', () => {
    expect(columnBuffers(['string', 'number', 'boolean', 'date'], 100, 2000)).toEqual([
      800, 800, 400,
    ]);
    expect(columnBuffers(['number'], 100, 799)).toEqual([]);
  });
});
