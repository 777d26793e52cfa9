import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, type ImportOptions } from './';
import { parseDelimitedBytes, type DirectCells } from './csvBytes';
import { openBytes, rowImporter } from './importFile';
import { demoContract, sjis, utf8 } from './testing/helpers';
import { rng, type Rng, exact, importOutcome, blockImport } from './testing/fuzz';

/**
 * The scan storing plain number and date cells straight into the number columns (DirectCells,
 * rowImporter's `direct`), against the string path (csvPath 'string': every cell through
 * sink.write, no scan shortcut at all) and against the block import: the cells the scan stores
 * must be exactly the ones nobody writes again, on the rows that stay, at the rows they land on.
 */

/**
 * Columns 2–7 are numbers or dates; the headers of 2 and 4 read as a number and a date (the
 * header record is scanned too, its values must not reach row 0). Column 8 is a yes/no field,
 * 9 is left unmapped.
 */
const HEADER = 'id,name,2024,employees,2024-01-01,progress,csat,twice,kickoff,extra';

/** Ways to map the fields: each number column once, or one column read by two fields. */
const MAPPINGS = {
  once: { quota_usage: 7 },
  // Two integers on one column (the scan's integer read serves both; neither stored directly).
  twoIntegers: { nps: 7, outcomes_achieved: 7 },
  // A number and a date on one column: the number is read by the scan, the date goes the ordinary way.
  numberAndDate: { quota_usage: 7, last_meeting_date: 7 },
  // A "%" field and an integer on one column.
  percentAndInteger: { feature_adoption: 7, logins_30d: 7 },
} as const;

function mappingOf(kind: keyof typeof MAPPINGS) {
  return Object.assign(Object.create(null), {
    account_id: 0,
    company_name: 1,
    mrr: 2, // required: a missing cell makes the row bad
    employees: 3,
    contract_start: 4,
    setup_progress: 5, // unit "%": bare fractions are counted (percent_mixed)
    csat: 6,
    kickoff_done: 8,
    ...MAPPINGS[kind],
  });
}

/** A number cell: mostly plain (stored by the scan), sometimes every other shape. */
function numberCell(r: Rng, p: number): string {
  const plain = r.next() < 0.5 ? String(r.int(100000)) : `${r.int(100)}.${r.int(100)}`;
  if (r.next() >= p) return plain;
  return r.pick([
    '',
    'abc',
    '1,234',
    '８０％',
    '80%',
    '0.5',
    '-0.25',
    '1.0',
    '１２３',
    '¥1,200',
    '(300)',
    '1e400',
    '12345678901234567',
    '-',
    'N/A',
    ' 42',
    '7.',
    `"${plain}"`, // quoted: the scan does not read it
    `"${plain}""x"`, // escaped quote: text given in the record
  ]);
}

function dateCell(r: Rng, p: number): string {
  const m = String(1 + r.int(12)).padStart(2, '0');
  const d = String(1 + r.int(28)).padStart(2, '0');
  const plain = `${2000 + r.int(30)}${r.next() < 0.8 ? '-' : '/'}${m}${r.next() < 0.8 ? '-' : '/'}${d}`;
  if (r.next() >= p) return plain;
  return r.pick([
    '',
    '2024-02-30',
    '令和6年3月9日',
    '2024/3/9',
    'yesterday',
    '"2024-03-09"',
    '20240309',
  ]);
}

/** A file of `rows` rows; `p`: how often a cell is not plain; bad and ragged rows among plain ones. */
function file(seed: number, rows: number, p: number, crlf: boolean, longFirst = 0): string {
  const r = rng(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    let id = `AC${String(i + 1).padStart(7, '0')}`;
    // A duplicate or missing key: a bad row (left out with 'skip') right after stored cells.
    if (r.next() < p / 4) id = r.pick(['', `AC${String(1 + r.int(i + 1)).padStart(7, '0')}`]);
    const name =
      i < longFirst
        ? '株式会社' + 'ロングネーム'.repeat(60) + i
        : r.next() < 0.5
          ? `合同会社テスト${r.int(50)}`
          : `Acme ${i}`;
    const cells = [
      id,
      name,
      numberCell(r, p),
      numberCell(r, p),
      dateCell(r, p),
      numberCell(r, p),
      numberCell(r, p),
      r.next() < 0.5 ? numberCell(r, p) : dateCell(r, p),
      r.pick(['true', 'false', 'TRUE', '', 'maybe']),
      r.pick(['9', 'x', '2024-01-01']),
    ];
    // Ragged rows: short ones miss number columns (c >= count), long ones carry more cells.
    const shape = r.next();
    if (shape < p / 4) cells.length = 1 + r.int(cells.length - 1);
    else if (shape < p / 2) cells.push('1', '2');
    lines.push(cells.join(','));
  }
  const eol = crlf ? '\r\n' : '\n';
  return lines.join(eol) + eol;
}

const run = (bytes: Uint8Array, opts: ImportOptions) => importOutcome(bytes, 'direct.csv', opts);

/** The block import's result; `read.whole` counts reads of the whole file (its fallback). */
const blocks = (bytes: Uint8Array, opts: ImportOptions, block: number, reads = { whole: 0 }) =>
  blockImport(bytes, 'direct.csv', demoContract, opts, block, reads);

describe('parseDelimitedBytes with DirectCells', () => {
  it('stores plain cells of the direct columns at direct.row, counts them, and leaves the rest to the record', () => {
    const text = 'a,12,2024-03-09,7,x\nb,1.5,2024/03/09,8\nc,"3",2024-3-9,9.5,y\nd,80%,,-4\n';
    const A = new Float64Array(8).fill(-1);
    const D = new Float64Array(8).fill(-1);
    // Column 1: number stored directly; 2: date stored directly; 3: integer read into num.
    const direct: DirectCells = { to: [null, A, D, null], row: 2 };
    const seen: unknown[] = [];
    parseDelimitedBytes(
      utf8(text),
      44,
      (rec, record) => {
        expect(rec.direct).toBe(direct);
        seen.push({
          record,
          stored: rec.stored,
          numOk: [...rec.numOk.subarray(0, Math.min(rec.count, 4))],
          num3: rec.numOk[3] ? rec.num[3] : null,
        });
        // The importer's next row: where the next record's numbers go.
        direct.row++;
      },
      0,
      Infinity,
      undefined,
      'utf-8',
      new Uint8Array([0, 2, 3, 1]),
      direct,
    );
    expect(seen).toEqual([
      { record: 1, stored: 2, numOk: [0, 1, 3, 1], num3: 7 },
      { record: 2, stored: 2, numOk: [0, 2, 3, 1], num3: 8 },
      // Quoted number, a date the scan does not read, a fraction in an integer column.
      { record: 3, stored: 0, numOk: [0, 0, 0, 0], num3: null },
      // "80%" is read as far as 80 (and stored) but not whole: not counted, numOk 0.
      { record: 4, stored: 0, numOk: [0, 0, 0, 1], num3: -4 },
    ]);
    expect([...A]).toEqual([-1, -1, 12, 1.5, -1, 80, -1, -1]);
    expect([...D.subarray(2, 4)]).toEqual([19791, 19791]);
    expect(D[4]).toBe(-1);
  });

  it('ignores a DirectCells whose columns do not match the numeric kinds (the record carries none)', () => {
    const A = new Float64Array(4);
    const direct: DirectCells = { to: [null, A], row: 0 };
    parseDelimitedBytes(
      utf8('a,12,5\n'),
      44,
      (rec) => {
        expect(rec.direct).toBeUndefined();
        expect(rec.num[1]).toBe(12);
      },
      0,
      Infinity,
      undefined,
      'utf-8',
      new Uint8Array([0, 2, 1]),
      direct,
    );
    expect(A[0]).toBe(0);
  });
});

describe('rowImporter stores number cells through the scan', () => {
  it('gives the scan the column of each number field read once, none for a column read twice', () => {
    for (const kind of Object.keys(MAPPINGS) as (keyof typeof MAPPINGS)[]) {
      const bytes = utf8(file(1, 50, 0.2, false));
      const opts: ImportOptions = { mapping: mappingOf(kind), badRows: 'skip' };
      const input = openBytes(bytes, 'direct.csv', demoContract, opts)!;
      const imp = rowImporter(
        'direct.csv',
        demoContract,
        opts,
        input.source,
        input.encoding,
        'bytes',
        false,
      );
      const stored = imp.direct.to.map((t) => t !== null);
      // Columns 2–6 (mrr, employees, contract_start, setup_progress, csat) are read once.
      expect(stored.slice(0, 7), kind).toEqual([false, false, true, true, true, true, true]);
      expect(stored[7], kind).toBe(kind === 'once');
      let fused = 0;
      parseDelimitedBytes(
        bytes,
        input.delimiter,
        (rec, r) => {
          if (r === 1) return;
          if (rec.stored > 0) fused++;
          imp.onRecord(bytes, rec, r - 1);
        },
        input.start,
        Infinity,
        undefined,
        'utf-8',
        imp.numeric,
        imp.direct,
      );
      expect(fused).toBeGreaterThan(30);
      const { table, report } = imp.finish({});
      const ref = run(bytes, { ...opts, csvPath: 'string' });
      if ('error' in ref) throw new Error('reference failed');
      const { reader: _r, ...rest } = report;
      expect({ table, report: rest }).toEqual({ table: ref.table, report: ref.report });
    }
  });
});

describe('numbers stored by the scan = the string path', () => {
  it('random files: bad and ragged rows after stored cells, columns mapped twice, "%" columns, UTF-8 and Shift_JIS, whole and in blocks', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 1500 }),
        fc.constantFrom(0.02, 0.1, 0.4),
        fc.constantFrom(...(Object.keys(MAPPINGS) as (keyof typeof MAPPINGS)[])),
        fc.constantFrom('skip', 'blank'),
        fc.constantFrom('utf-8', 'shift_jis'),
        fc.boolean(),
        fc.integer({ min: 1, max: 5000 }),
        (seed, rows, p, kind, badRows, enc, crlf, block) => {
          const text = file(seed, rows, p, crlf);
          const bytes = enc === 'shift_jis' ? sjis(text) : utf8(text);
          const opts: ImportOptions = {
            mapping: mappingOf(kind),
            badRows,
            encoding: enc,
            maxIssues: 100_000,
          };
          const fast = run(bytes, { ...opts, csvPath: 'bytes' });
          const ref = run(bytes, { ...opts, csvPath: 'string' });
          if ('reader' in fast) expect(fast.reader).toBe('bytes');
          delete (fast as { reader?: string }).reader;
          delete (ref as { reader?: string }).reader;
          expect(fast).toEqual(ref);
          expect(blocks(bytes, opts, block)).toEqual(
            exact(() => importAccountFile(bytes, 'direct.csv', demoContract, opts)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the stored cells when the columns grow (block import: a head of long rows under-estimates the file)', () => {
    // ~1.3 MB of long rows, then short ones: the head's estimate is a fraction of the rows, so
    // the columns double several times while the scan stores into them.
    const text = file(7, 24_000, 0.05, false, 2000);
    const bytes = utf8(text);
    for (const badRows of ['skip', 'blank'] as const) {
      const opts: ImportOptions = { mapping: mappingOf('once'), badRows, maxIssues: 100_000 };
      const ref = run(bytes, { ...opts, csvPath: 'string' });
      const reads = { whole: 0 };
      const got = blocks(bytes, opts, 1 << 20, reads) as {
        table: unknown;
        report: { reader: string };
      };
      expect(reads.whole).toBe(0);
      const { reader, ...report } = got.report;
      expect(reader).toBe('bytes');
      if ('error' in ref) throw new Error('reference failed');
      expect({ table: got.table, report }).toEqual({ table: ref.table, report: ref.report });
    }
  });

  it('counts bare fractions of "%" cells the scan stored (percent_mixed names the first one)', () => {
    const lines = [HEADER];
    for (let i = 0; i < 40; i++) {
      const progress = i === 5 ? '0.25' : i === 9 ? '80%' : i === 12 ? '0.5' : String(i);
      lines.push(`AC${i},n${i},100,3,2024-01-01,${progress},1.5,7,true,x`);
    }
    const bytes = utf8(lines.join('\n') + '\n');
    const opts: ImportOptions = { mapping: mappingOf('once') };
    const fast = run(bytes, opts);
    const ref = run(bytes, { ...opts, csvPath: 'string' });
    if ('error' in fast || 'error' in ref) throw new Error('import failed');
    const mixed = fast.report.issues.find((i) => i.code === 'percent_mixed');
    expect(mixed?.params).toMatchObject({ percent: 1, bare: 2, bareExample: '0.25' });
    expect(fast.report).toEqual(ref.report);
    expect(fast.table).toEqual(ref.table);
  });

  it('reports the issues of one row in field order when a column read twice and a stored one are both bad', () => {
    const lines = [HEADER];
    for (let i = 0; i < 30; i++) {
      // Row 10: employees (stored directly when plain) and the column read twice are both bad.
      const bad = i === 10;
      lines.push(
        `AC${i},n${i},100,${bad ? 'abc' : '3'},2024-01-01,5,1.5,${bad ? 'zzz' : '7'},true,x`,
      );
    }
    const bytes = utf8(lines.join('\n') + '\n');
    const opts: ImportOptions = { mapping: mappingOf('twoIntegers'), badRows: 'blank' };
    const fast = run(bytes, opts);
    const ref = run(bytes, { ...opts, csvPath: 'string' });
    if ('error' in fast || 'error' in ref) throw new Error('import failed');
    // (The contract lists outcomes_achieved before nps.)
    expect(fast.report.issues.map((i) => i.field)).toEqual([
      'employees',
      'outcomes_achieved',
      'nps',
    ]);
    expect(fast.report).toEqual(ref.report);
  });
});
