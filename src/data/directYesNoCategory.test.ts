import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, type ImportOptions } from './';
import { CategoryCells } from './categoryCells';
import { parseDelimitedBytes, type DirectCells } from './csvBytes';
import { openBytes, rowImporter } from './importFile';
import { planStream } from './importStream';
import { demoContract, sjis, utf8 } from './testing/helpers';
import {
  blockImport,
  exact,
  importOutcome,
  rng,
  streamTables,
  YES_NO_SPELLINGS,
  type Rng,
} from './testing/fuzz';
import type { FieldContract } from '../model';
import type { AccountTable } from '../table/columns';

/**
 * The scan storing yes/no words and known category spellings straight into their columns
 * (DirectCells.yesNo / cats, rowImporter's `direct`), against the string path (csvPath
 * 'string': every cell through sink.write) and against the block and chunked imports: the cells
 * the scan stores must be exactly those the sinks would store without an issue, with the codes
 * they would give (first-seen order), and every other cell must still reach its sink.
 */

/**
 * The demo contract with kickoff_done (yes/no) and stage (category) required (a missing cell
 * makes the row bad: the scan must not store an empty one), and a category whose values hold
 * the delimiter and a quote (a quoted cell spelling one must not teach the scan its bytes).
 */
const contract: FieldContract = {
  ...demoContract,
  fields: demoContract.fields.map((f) =>
    f.id === 'kickoff_done' || f.id === 'stage'
      ? { ...f, required: true }
      : f.id === 'relationship'
        ? { ...f, values: ['strong', 'weak', 'north,south', 'say "hi"', 'ok'] }
        : f,
  ),
};

const HEADER =
  'id,name,kickoff,training,industry,stage,relationship,outcome,mrr,shared,twice,champion';

/** Ways to map the fields: each column once, or the last columns read by two fields. */
const MAPPINGS = {
  once: {},
  // A category column also read by a text-like field of another kind: neither stored directly.
  categoryTwice: { outcome: 10, industry: 10 },
  // A yes/no column also read by a number field: the number scan serves it, no yes/no store.
  yesNoAndNumber: { champion_left: 10, nps: 10 },
} as const;

function mappingOf(kind: keyof typeof MAPPINGS) {
  const m: Record<string, number> = {
    account_id: 0,
    company_name: 1,
    kickoff_done: 2, // required
    training_completed: 3,
    industry: 4,
    stage: 5, // required
    relationship: 6,
    outcome: 7,
    mrr: 8,
    shared_login_suspected: 9,
    champion_left: 11,
  };
  return Object.assign(Object.create(null), m, MAPPINGS[kind]);
}

const CATEGORY = [
  'saas',
  'manufacturing',
  'retail',
  'finance',
  'other',
  'SaaS', // another spelling of a known value: the same code
  ' saas', // trimmed: the same code
  'ＲＥＴＡＩＬ', // full width: the same code
  'fin', // short: always the sink
  'foodservice', // not allowed: a warning per cell
  '=1+2', // formula-like: a warning per cell
  'N/A', // missing
  '-',
  '',
  '"retail"', // quoted: the sink
  '"re""tail"', // escaped
  'retailx', // a known spelling run on
  'retai',
];
const STAGE = ['onboarding', 'adoption', 'value', 'advocate', 'Value', '', 'later', '"value"'];
const RELATIONSHIP = [
  'strong',
  'weak',
  '"north,south"', // spells a value, quoted: must not teach the scan "north,south"
  'north,south', // two cells: the record is ragged
  'north',
  '"say ""hi"""',
  'ok', // short
  'okay',
  '',
];
const YES_NO = [...YES_NO_SPELLINGS, '"true"', '"false"', ' true', 'true ', '"TRUE"'];

/** A cell: mostly the usual spellings, with probability p anything of the list. */
function pick(r: Rng, p: number, usual: readonly string[], all: readonly string[]): string {
  return r.next() < p ? r.pick(all) : r.pick(usual);
}

/** A file of `rows` rows; `p`: how often a cell is unusual; bad, duplicate and ragged rows. */
function file(seed: number, rows: number, p: number, crlf: boolean, longFirst = 0): string {
  const r = rng(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    let id = `AC${String(i + 1).padStart(7, '0')}`;
    if (r.next() < p / 4) id = r.pick(['', `AC${String(1 + r.int(i + 1)).padStart(7, '0')}`]);
    const name = i < longFirst ? '株式会社' + 'ロングネーム'.repeat(60) + i : `テスト${r.int(50)}`;
    const yes = () => pick(r, p, ['true', 'false', 'TRUE', 'FALSE', '1', '0'], YES_NO);
    const cells = [
      id,
      name,
      yes(),
      yes(),
      pick(r, p, CATEGORY.slice(0, 5), CATEGORY),
      pick(r, p, STAGE.slice(0, 4), STAGE),
      pick(r, p, RELATIONSHIP.slice(0, 2), RELATIONSHIP),
      pick(r, p, ['renewed', 'churned', 'expanded', ''], CATEGORY),
      r.next() < p / 4 ? 'abc' : String(r.int(100000)),
      yes(),
      pick(r, p, ['true', 'false', '1', '0', '12', 'renewed'], YES_NO),
      yes(),
    ];
    const shape = r.next();
    if (shape < p / 4) cells.length = 1 + r.int(cells.length - 1);
    else if (shape < p / 2) cells.push('true', 'saas');
    lines.push(cells.join(','));
  }
  const eol = crlf ? '\r\n' : '\n';
  return lines.join(eol) + eol;
}

/** importAccountFile with the contract above: table and report (reader apart), or the error. */
const run = (bytes: Uint8Array, opts: ImportOptions) =>
  importOutcome(bytes, 'yn.csv', opts, contract);

const blocks = (bytes: Uint8Array, opts: ImportOptions, block: number, reads = { whole: 0 }) =>
  blockImport(bytes, 'yn.csv', contract, opts, block, reads);

/** Every cell of the chunked (streaming) import, as values: chunks have their own dictionaries. */
async function streamed(bytes: Uint8Array, opts: ImportOptions, size: number) {
  const plan = planStream(bytes, 'yn.csv', contract, opts);
  if (!plan) return null;
  async function* parts() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
  }
  const { tables, report } = await streamTables(plan, parts(), opts);
  const { reader: _r, ...rest } = report;
  return { cells: valuesOf(tables), report: rest };
}

function valuesOf(tables: AccountTable[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables)
    for (const [id, col] of Object.entries(t.columns)) {
      const a = (out[id] ??= []);
      for (let i = 0; i < t.rowCount; i++)
        a.push(
          col.type === 'string'
            ? col.codes[i] < 0
              ? null
              : col.dict[col.codes[i]]
            : col.values[i],
        );
    }
  return out;
}

/** The parser over `text` with kinds and a DirectCells; per record: stored count and numOk. */
function scan(text: string, kinds: number[], direct: DirectCells, delimiter = 44) {
  const seen: { stored: number; numOk: number[] }[] = [];
  parseDelimitedBytes(
    utf8(text),
    delimiter,
    (rec) => {
      seen.push({ stored: rec.stored, numOk: [...rec.numOk.subarray(0, rec.count)] });
      direct.row++;
    },
    0,
    Infinity,
    undefined,
    'utf-8',
    new Uint8Array(kinds),
    direct,
  );
  return seen;
}

describe('parseDelimitedBytes stores yes/no and category cells through DirectCells', () => {
  it('stores true/TRUE/false/FALSE/1/0 and (where allowed) empty yes/no cells, whole cells only', () => {
    const Y = new Uint8Array(12).fill(9);
    const Z = new Uint8Array(12).fill(9);
    const direct: DirectCells = {
      to: [null, null, null],
      row: 0,
      yesNo: [null, Y, Z],
      missing: new Uint8Array([0, 1, 0]),
    };
    const text = [
      'a,true,FALSE',
      'b,0,1',
      'c,,', // empty: missing in column 1 (allowed), not stored in column 2
      'd,True,"true"', // other case, quoted: the sink's
      'e,truex,fals', // run on, cut short
      'f,false,TRUE\r', // CR LF line end
      'g,1,10',
      'h,false,true',
    ].join('\n');
    const seen = scan(text, [0, 4, 4], direct);
    expect(seen).toEqual([
      { stored: 2, numOk: [0, 4, 4] },
      { stored: 2, numOk: [0, 4, 4] },
      { stored: 1, numOk: [0, 4, 0] },
      { stored: 0, numOk: [0, 0, 0] },
      { stored: 0, numOk: [0, 0, 0] },
      { stored: 2, numOk: [0, 4, 4] },
      { stored: 1, numOk: [0, 4, 0] },
      // The last field at the end of the input, no line break.
      { stored: 2, numOk: [0, 4, 4] },
    ]);
    expect([...Y.subarray(0, 8)]).toEqual([1, 0, 255, 9, 1, 0, 1, 0]);
    // ("truex" was read as far as true and stored, then left for the importer to write again.)
    expect([...Z.subarray(0, 8)]).toEqual([0, 1, 9, 9, 9, 1, 1, 1]);
  });

  it('stores the code of a spelling it was taught, a prefix or other spelling not', () => {
    const cat = new CategoryCells(true);
    const codes = new Int32Array(8).fill(-9);
    cat.codes = codes;
    const taught = utf8('x,retail,manufacturing,saas,ab\n');
    cat.learn(taught, 2, 8, 3); // retail
    cat.learn(taught, 9, 22, 1); // manufacturing
    cat.learn(taught, 23, 27, 0); // saas
    cat.learn(taught, 28, 30, 5); // "ab": too short to learn
    expect(cat.size).toBe(3);
    const direct: DirectCells = { to: [null, null], row: 0, cats: [null, cat] };
    const seen = scan(
      [
        'a,manufacturing',
        'b,retail',
        'c,retailx',
        'd,saas',
        'e,',
        'f,ab',
        'g,"retail"',
        'h,Retail',
      ].join('\n') + '\n',
      [0, 5],
      direct,
    );
    expect(seen.map((s) => s.stored)).toEqual([1, 1, 0, 1, 1, 0, 0, 0]);
    expect([...codes]).toEqual([1, 3, 3, 0, -1, -9, -9, -9]);
  });

  it('ignores yes/no and category kinds without DirectCells, and yes/no words with a letter as the delimiter', () => {
    // (A DirectCells whose columns do not match the kinds is no DirectCells.)
    const seen = scan('a,true,saas\n', [0, 4, 5], {
      to: [null],
      row: 0,
      yesNo: [null, new Uint8Array(4), null],
    });
    expect(seen).toEqual([{ stored: 0, numOk: [0, 0, 0] }]);
    const Y = new Uint8Array(4).fill(9);
    // Delimiter "e": "aetruex" is the cells "a", "tru" and "x" (the scan must not step over the e).
    const byE = scan(
      'aetruex\n',
      [0, 4, 0],
      { to: [null, null, null], row: 0, yesNo: [null, Y, null] },
      101,
    );
    expect(byE).toEqual([{ stored: 0, numOk: [0, 0, 0] }]);
    expect(Y[0]).toBe(9);
  });
});

describe('CategoryCells', () => {
  it('learns unquoted spellings of 4–64 bytes once, up to 32, and the scan finds them by their bytes', () => {
    const cat = new CategoryCells(false);
    const b = utf8('"quoted",plain,ab,' + 'x'.repeat(65) + ',');
    cat.learn(b, 1, 7, 0); // inside quotes
    cat.learn(b, 9, 14, 1);
    cat.learn(b, 9, 14, 2); // known already
    cat.learn(b, 15, 17, 3); // short
    cat.learn(b, 18, 83, 4); // long
    expect(cat.size).toBe(1);
    // What the scan stores for a one-cell record spelled `text` (null: left to the sink).
    const found = (t: CategoryCells, text: string) => {
      t.codes = new Int32Array(2).fill(-9);
      const [rec] = scan(`${text}\n`, [5], { to: [null], row: 0, cats: [t] });
      return rec.stored === 1 ? t.codes[0] : null;
    };
    expect(found(cat, 'plain')).toBe(1);
    expect(found(cat, 'plai')).toBe(null);
    for (let k = 0; k < 40; k++) cat.learn(utf8(`value${k}`), 0, 5 + String(k).length, 10 + k);
    expect(cat.size).toBe(32);
    // Long spellings compare every four bytes between the first and last four.
    const long = new CategoryCells(false);
    long.learn(utf8('abcdefghijklmnop'), 0, 16, 7);
    expect(found(long, 'abcdefghijklmnop')).toBe(7);
    expect(found(long, 'abcdefghXjklmnop')).toBe(null);
    expect(found(long, 'abcdefgXijklmnop')).toBe(null);
  });
});

describe('rowImporter stores yes/no and category cells through the scan', () => {
  it('gives the scan each yes/no and listed category column read by that field alone', () => {
    for (const kind of Object.keys(MAPPINGS) as (keyof typeof MAPPINGS)[]) {
      const bytes = utf8(file(3, 60, 0.1, false));
      const opts: ImportOptions = { mapping: mappingOf(kind) };
      const input = openBytes(bytes, 'yn.csv', contract, opts)!;
      const imp = rowImporter(
        'yn.csv',
        contract,
        opts,
        input.source,
        input.encoding,
        'bytes',
        false,
      );
      const kinds = [...imp.numeric];
      // Columns 2, 3, 9, 11: yes/no; 4–7 categories; 8 a number; 10 as mapped.
      expect(kinds.slice(2, 10), kind).toEqual([
        4,
        4,
        kind === 'categoryTwice' ? 0 : 5,
        5,
        5,
        kind === 'categoryTwice' ? 0 : 5,
        2,
        4,
      ]);
      expect(kinds[10] ?? 0, kind).toBe(kind === 'yesNoAndNumber' ? 1 : 0);
      expect(kinds[11] ?? 0, kind).toBe(kind === 'yesNoAndNumber' ? 0 : 4);
      expect(imp.direct.missing?.[2]).toBe(0); // required
      expect(imp.direct.missing?.[3]).toBe(1);
      let both = 0;
      parseDelimitedBytes(
        bytes,
        input.delimiter,
        (rec, r) => {
          if (r === 1) return;
          if (rec.numOk.includes(4) && rec.numOk.includes(5)) both++;
          imp.onRecord(bytes, rec, r - 1);
        },
        input.start,
        Infinity,
        undefined,
        'utf-8',
        imp.numeric,
        imp.direct,
      );
      expect(both).toBeGreaterThan(20);
      const { table, report } = imp.finish({});
      const ref = run(bytes, { ...opts, csvPath: 'string' });
      if ('error' in ref) throw new Error('reference failed');
      const { reader: _r, ...rest } = report;
      expect({ table, report: rest }).toEqual({ table: ref.table, report: ref.report });
    }
  });
});

describe('yes/no and category cells stored by the scan = the string path', () => {
  it('random files: every spelling, bad, ragged and duplicate rows, required fields, columns read twice, UTF-8 and Shift_JIS, whole and in blocks', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 1500 }),
        fc.constantFrom(0.02, 0.1, 0.5),
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
            exact(() => importAccountFile(bytes, 'yn.csv', contract, opts)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('numbers categories in first-seen order, a value first seen on a row left out included', () => {
    const rows = [
      'A1,n,true,true,retail,value,weak,,1,true,x,true',
      // Left out (no key): its "finance" is the dictionary's until the build drops it.
      ',n,true,true,finance,value,weak,,1,true,x,true',
      'A2,n,true,true,saas,adoption,strong,,1,true,x,true',
    ];
    for (let i = 3; i < 60; i++)
      rows.push(`A${i},n,true,true,${i % 2 ? 'saas' : 'retail'},value,weak,,1,true,x,true`);
    rows.push('A99,n,true,true,finance,onboarding,weak,renewed,1,true,x,true');
    const bytes = utf8([HEADER, ...rows].join('\n') + '\n');
    for (const badRows of ['skip', 'blank'] as const) {
      const opts: ImportOptions = { mapping: mappingOf('once'), badRows };
      const fast = run(bytes, opts);
      const ref = run(bytes, { ...opts, csvPath: 'string' });
      if ('error' in fast || 'error' in ref) throw new Error('import failed');
      const industry = fast.table.columns.industry;
      if (industry.type !== 'string') throw new Error('not a string column');
      expect(industry.dict).toEqual(
        badRows === 'skip' ? ['retail', 'saas', 'finance'] : ['retail', 'finance', 'saas'],
      );
      expect(fast.table).toEqual(ref.table);
      expect(fast.report).toEqual(ref.report);
    }
  });

  it('keeps a quoted cell that spells a value with the delimiter from teaching the scan its bytes', () => {
    const rows: string[] = [];
    for (let i = 0; i < 30; i++) {
      const rel = i === 2 ? '"north,south"' : i % 3 === 0 ? 'north,south' : 'weak';
      rows.push(`A${i},n,true,true,retail,value,${rel},,1,true,x,true`);
    }
    const bytes = utf8([HEADER, ...rows].join('\n') + '\n');
    const opts: ImportOptions = { mapping: mappingOf('once'), badRows: 'blank' };
    const fast = run(bytes, opts);
    const ref = run(bytes, { ...opts, csvPath: 'string' });
    if ('error' in fast || 'error' in ref) throw new Error('import failed');
    // The unquoted ones are two cells: ragged rows.
    expect(fast.report.issues.filter((i) => i.code === 'ragged_row').length).toBe(10);
    expect(fast.table).toEqual(ref.table);
    expect(fast.report).toEqual(ref.report);
  });

  it('reports every not-allowed spelling after the known ones are stored by the scan', () => {
    const rows: string[] = [];
    for (let i = 0; i < 50; i++) {
      const ind = i % 10 === 7 ? 'foodservice' : i % 10 === 9 ? '=1+2' : 'retail';
      rows.push(`A${i},n,true,true,${ind},value,weak,,1,true,x,true`);
    }
    const bytes = utf8([HEADER, ...rows].join('\n') + '\n');
    const fast = run(bytes, { mapping: mappingOf('once') });
    if ('error' in fast) throw new Error('import failed');
    expect(fast.report.issues.map((i) => [i.code, i.row])).toEqual(
      Array.from({ length: 5 }, (_, k) => [
        ['bad_category', 10 * k + 9],
        ['bad_category', 10 * k + 11],
      ]).flat(),
    );
  });

  it('reports a required yes/no or category cell left empty on rows after stored ones', () => {
    const rows: string[] = [];
    for (let i = 0; i < 40; i++)
      rows.push(
        `A${i},n,${i === 20 ? '' : 'true'},,retail,${i === 30 ? '' : 'value'},weak,,1,true,x,true`,
      );
    const bytes = utf8([HEADER, ...rows].join('\n') + '\n');
    const fast = run(bytes, { mapping: mappingOf('once') });
    const ref = run(bytes, { mapping: mappingOf('once'), csvPath: 'string' });
    if ('error' in fast || 'error' in ref) throw new Error('import failed');
    expect(fast.report.issues.map((i) => [i.code, i.field, i.row])).toEqual([
      ['missing_required', 'kickoff_done', 22],
      ['missing_required', 'stage', 32],
    ]);
    expect(fast.report.rowsImported).toBe(38);
    expect(fast.table).toEqual(ref.table);
  });

  it('keeps the stored cells when the columns grow (a head of long rows under-estimates the file)', () => {
    const bytes = utf8(file(11, 24_000, 0.05, false, 2000));
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

  it('chunked import: each chunk numbers its categories afresh, cell for cell as the whole import', async () => {
    // Chunks see the values in other orders (so their codes differ): a spelling taught in one
    // chunk must not store its old code in the next.
    const rows: string[] = [];
    const order = [
      ['retail', 'saas', 'finance'],
      ['finance', 'retail', 'saas'],
      ['saas', 'finance', 'retail'],
    ];
    for (let i = 0; i < 3000; i++) {
      const o = order[Math.floor(i / 1000)];
      rows.push(`A${i},n,true,false,${o[i % 3]},value,weak,,${i},true,x,true`);
    }
    const bytes = utf8([HEADER, ...rows].join('\n') + '\n');
    const opts: ImportOptions = { mapping: mappingOf('once') };
    const whole = run(bytes, opts);
    if ('error' in whole) throw new Error('import failed');
    for (const size of [1 << 14, 50_000, 1 << 20]) {
      const got = await streamed(bytes, opts, size);
      expect(got).not.toBeNull();
      expect(got!.cells).toEqual(valuesOf([whole.table]));
      expect(got!.report).toEqual(whole.report);
    }
  });
});
