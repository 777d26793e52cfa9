import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type ImportOptions } from './';
import { planStream, PLAN_HEAD_BYTES } from './importStream';
import { demoContract, sjis, utf8 } from './testing/helpers';
import { rng, type Rng, importOutcome, streamTables } from './testing/fuzz';
import { cellValue, type AccountTable } from '../table/columns';
import { setStageBytes } from './sinks';

/**
 * The byte path's shortcuts (numbers and dates read from bytes, provisional string codes merged
 * afterwards, values decoded in bulk) against the string path, the reference: random files of
 * thousands of rows — enough for the merge to work in several parts — whose cells take every
 * shape the coercers read, and the stream import (random blocks) against the whole-file one.
 */

const FULL = (s: string) =>
  s.replace(/[0-9.,%-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const digits = (r: Rng, n: number) => {
  let s = String(1 + r.int(9));
  for (let i = 1; i < n; i++) s += String(r.int(10));
  return s;
};
const grouped = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A number cell: plain (the byte shortcut) and every written form parseNumber reads, or not. */
function numberCell(r: Rng): string {
  const n = digits(r, 1 + r.int(r.next() < 0.1 ? 19 : 7));
  const f = r.next() < 0.4 ? '.' + digits(r, 1 + r.int(r.next() < 0.1 ? 12 : 3)) : '';
  const v = n + f;
  switch (r.int(24)) {
    case 0:
      return '-' + v;
    case 1:
      return grouped(n) + f;
    case 2:
      return FULL(v);
    case 3:
      return '¥' + grouped(n);
    case 4:
      return '￥' + grouped(n);
    case 5:
      return grouped(n) + '円';
    case 6:
      return '(' + grouped(n) + ')';
    case 7:
      return '▲' + v;
    case 8:
      return v + '%';
    case 9:
      return FULL(v) + '％';
    case 10:
      return v + '万';
    case 11:
      return r.pick([
        '',
        'N/A',
        '-',
        '—',
        'null',
        'abc',
        ' ',
        '1e400',
        '0x10',
        '+5',
        '.5',
        '5.',
        '1e3',
        '-0',
        '007',
        ' 42 ',
        '1,23',
        '１,２３４',
      ]);
    case 12:
      return '0.' + digits(r, 1 + r.int(3));
    case 13:
      // Fraction digits ending in zeros: "1.0" is 1 (a whole number, not a bare fraction of a % field).
      return r.pick(['0', '1', '2', '-1', '0.5', n]) + '.' + '0'.repeat(1 + r.int(3));
    case 14: {
      // Around the 15 significant digits the parser's scan reads exactly; 16 and 17 do not.
      const total = 14 + r.int(4);
      const whole = 1 + r.int(total);
      const t = digits(r, total);
      return (
        (r.next() < 0.3 ? '-' : '') +
        t.slice(0, whole) +
        (whole < total ? '.' + t.slice(whole) : '')
      );
    }
    default:
      return v;
  }
}

/** A date cell: ISO (the byte shortcut), the forms parseDate reads (和暦 too), and wrong ones. */
function dateCell(r: Rng): string {
  const y = 1990 + r.int(50);
  const m = 1 + r.int(12);
  const d = 1 + r.int(31); // some do not exist (2023-02-30)
  const p2 = (x: number) => String(x).padStart(2, '0');
  switch (r.int(14)) {
    case 0:
      return `${y}/${m}/${d}`;
    case 1:
      return `${y}年${m}月${d}日`;
    case 2:
      return `R${1 + r.int(7)}.${m}.${d}`;
    case 3:
      return `令和${r.pick(['元', '2', '6'])}年${m}月${d}日`;
    case 4:
      return `H${1 + r.int(31)}.${m}.${d}`;
    case 5:
      return `${y}${p2(m)}${p2(d)}`;
    case 6:
      return String(30000 + r.int(50000));
    case 7:
      return FULL(`${y}-${p2(m)}-${p2(d)}`);
    case 8:
      return r.pick([
        '',
        'N/A',
        'yesterday',
        '2024-13-01',
        '24-03-09',
        ' 2024-03-09',
        '2024-03-09T10:00:00Z',
        '2024-03/09',
        '2024/03-09',
        '2024-0309-',
        '2023-02-29',
        '2024-02-29',
      ]);
    case 9:
      return `${y}/${p2(m)}/${p2(d)}`;
    default:
      return `${y}-${p2(m)}-${p2(d)}`;
  }
}

const BOOLS = [
  'TRUE',
  'FALSE',
  'true',
  'false',
  '1',
  '0',
  'True',
  'yes',
  'no',
  'はい',
  'いいえ',
  '○',
  '×',
  '済',
  '未',
  '',
  'maybe',
  ' true',
  'ＴＲＵＥ',
];
const CATS = [
  'saas',
  'manufacturing',
  'retail',
  'finance',
  'other',
  'SaaS',
  'ＳａａＳ',
  ' retail ',
  'unknown-x',
  '',
  'N/A',
  '=cmd',
];
const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノ株式会社合同商事工業ロジメディカル';

/** A text cell: long names (decoded in bulk), short ones, padded, formula-like, quoted, missing. */
function textCell(r: Rng, pool: string[], clean = false): string {
  if (pool.length > 0 && r.next() < 0.3) return r.pick(pool); // repeats: merged codes
  let s = '';
  const n = 1 + r.int(r.next() < 0.5 ? 8 : 24);
  for (let i = 0; i < n; i++)
    s += r.next() < 0.6 ? KANA[r.int(KANA.length)] : String.fromCharCode(65 + r.int(26));
  // `clean`: none of the spellings that end the provisional-code mode (padding, "" escapes,
  // commas in quotes), so that mode and its merge cover the whole column, as on real exports.
  const kind = r.int(16);
  switch (clean && [0, 1, 4, 6].includes(kind) ? -1 : kind) {
    case 0:
      s = ' ' + s;
      break;
    case 1:
      s = s + '\u3000';
      break;
    case 2:
      s = '=' + s;
      break;
    case 3:
      s = '＝' + s;
      break;
    case 4:
      s = s + '"quoted"';
      break;
    case 5:
      s = r.pick(['', 'N/A', 'null', '-', '😀😀😀😀😀😀😀😀😀', 'ｱﾙﾌｧﾍﾞｰﾀｶﾞﾝﾏﾃﾞﾙﾀ']);
      break;
    case 6:
      s = s + ', ' + s;
      break;
  }
  if (pool.length < 400) pool.push(s);
  return s;
}

const HEADER =
  'account_id,company_name,mrr,employees,industry,contract_start,renewal_date,setup_progress,kickoff_done,csat,relationship';

const quote = (s: string, force: boolean) =>
  force || /[",\n\r]/.test(s) || s.startsWith(' ') ? `"${s.replace(/"/g, '""')}"` : s;

/** A CSV of `rows` rows from the seed; `sorted` ids (the sorted-key shortcut) or shuffled. */
function file(
  seed: number,
  rows: number,
  sorted: boolean,
  crlf = false,
  cleanNames = false,
): string {
  const r = rng(seed);
  const pool: string[] = [];
  const ids = Array.from({ length: rows }, (_, i) => `AC${String(i + 1).padStart(7, '0')}`);
  if (!sorted)
    for (let i = ids.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    let id = ids[i];
    if (r.next() < 0.002) id = ids[r.int(i + 1)]; // a duplicate key
    if (r.next() < 0.002) id = ` ${id}`;
    const cells = [
      id,
      textCell(r, pool, cleanNames),
      numberCell(r),
      r.next() < 0.9 ? digits(r, 1 + r.int(5)) : numberCell(r),
      r.pick(CATS),
      dateCell(r),
      dateCell(r),
      r.next() < 0.5 ? String(r.int(101)) : numberCell(r),
      r.pick(BOOLS),
      r.next() < 0.8 ? `${r.int(5)}.${r.int(10)}` : numberCell(r),
      r.pick(['strong', 'normal', 'weak', 'unknown', 'Strong', '']),
    ];
    lines.push(cells.map((c) => quote(c, r.next() < 0.02)).join(','));
  }
  const eol = crlf ? '\r\n' : '\n';
  return lines.join(eol) + eol;
}

function cells(tables: AccountTable[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables)
    for (const [id, col] of Object.entries(t.columns)) {
      const a = (out[id] ??= []);
      for (let i = 0; i < t.rowCount; i++) a.push(cellValue(col, i));
    }
  return out;
}

const run = (bytes: Uint8Array, opts: ImportOptions) => importOutcome(bytes, 'fuzz.csv', opts);

async function* blocksOf(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let k = 0;
  for (let i = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    yield bytes.slice(i, i + n);
    i += n;
  }
}

async function streamed(bytes: Uint8Array, opts: ImportOptions, sizes: number[]) {
  const plan = planStream(bytes.subarray(0, PLAN_HEAD_BYTES), 'fuzz.csv', demoContract, opts);
  if (!plan) return null;
  const { tables, report } = await streamTables(plan, blocksOf(bytes, sizes), opts);
  return { rows: tables.reduce((n, t) => n + t.rowCount, 0), cells: cells(tables), report };
}

describe('byte path shortcuts = string path, on random cells of every shape', () => {
  it('gives the same table (codes and dictionaries) and report, UTF-8 and Shift_JIS, sorted and shuffled keys', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 9000 }),
        fc.boolean(),
        fc.constantFrom('utf-8', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        fc.boolean(),
        fc.constantFrom(1 << 20, 64, 1),
        fc.boolean(),
        (seed, rows, sorted, enc, badRows, crlf, stage, cleanNames) => {
          const text = file(seed, rows, sorted, crlf, cleanNames);
          // Staged text is decoded in batches of this many bytes: small ones cross many.
          const was = setStageBytes(stage);
          try {
            const bytes = enc === 'shift_jis' ? sjis(text) : utf8(text);
            const opts: ImportOptions = { badRows, maxIssues: 100_000, encoding: enc };
            const fast = run(bytes, { ...opts, csvPath: 'bytes' });
            const ref = run(bytes, { ...opts, csvPath: 'string' });
            if ('reader' in fast) expect(fast.reader).toBe('bytes');
            if ('reader' in ref) delete (ref as { reader?: string }).reader;
            delete (fast as { reader?: string }).reader;
            expect(fast).toEqual(ref);
          } finally {
            setStageBytes(was);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('streams in random blocks to the same values and report as the whole-file import', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.integer({ min: 1, max: 6000 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (seed, rows, sorted, sizes, crlf) => {
          const bytes = utf8(file(seed, rows, sorted, crlf));
          const opts: ImportOptions = { badRows: 'skip', maxIssues: 100_000 };
          const s = await streamed(bytes, opts, sizes);
          const w = run(bytes, opts);
          if (!s || 'error' in w) return;
          expect(s.rows).toBe(w.table.rowCount);
          expect(s.cells).toEqual(cells([w.table]));
          expect(s.report).toEqual({ ...w.report, reader: w.reader });
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe('numbers and dates read by the parser', () => {
  it('one column mapped to a number, an integer, a % and a date field reads as the string path', () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, crlf) => {
        const r = rng(seed);
        const lines = ['account_id,company_name,x'];
        for (let i = 0; i < 2000; i++) {
          const x =
            r.next() < 0.5 ? dateCell(r) : r.next() < 0.5 ? numberCell(r) : String(r.int(99));
          lines.push(`AC${i},n${i},${quote(x, false)}`);
        }
        const eol = crlf ? '\r\n' : '\n';
        const bytes = utf8(lines.join(eol) + eol);
        const mapping = Object.assign(Object.create(null), {
          account_id: 0,
          company_name: 1,
          mrr: 2,
          employees: 2,
          setup_progress: 2,
          contract_start: 2,
        });
        const opts: ImportOptions = { mapping, badRows: 'blank', maxIssues: 100_000 };
        const fast = run(bytes, { ...opts, csvPath: 'bytes' });
        const ref = run(bytes, { ...opts, csvPath: 'string' });
        expect(fast.reader).toBe('bytes');
        delete (fast as { reader?: string }).reader;
        delete (ref as { reader?: string }).reader;
        expect(fast).toEqual(ref);
      }),
      { numRuns: 8 },
    );
  });
});
