import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Field } from '../model';
import type { Column } from '../table/columns';
import {
  BooleanSink,
  cellViewHeld,
  hashBytes,
  makeSink,
  setSinkTuning,
  setStageBytes,
  StringSink,
} from './sinks';
import { sjis, utf8 } from './testing/helpers';
import { YES_NO_SPELLINGS } from './testing/fuzz';

// The string sinks' byte paths (writeBytes: the sorted path's word compare, the fused copy,
// count and hash of packed values, the small-dictionary table, endLazy's merge) against the
// same sink fed the cells' text (write: no byte table at all), cell by cell and column by column.

const field = (type: 'string' | 'category', values?: string[]): Field =>
  ({ id: 'f', label: { ja: 'f', en: 'f' }, type, required: false, values }) as Field;

const mk8 = (t: string): Cell => ({ text: t, bytes: utf8(t) });

const CATEGORY = ['saas', 'retail', 'finance', 'manufacturing', 'other', 'renewed'];

type Cell = { text: string; bytes: Uint8Array };
type Built = { codes: number[]; dict: string[]; problems: unknown[]; missing: boolean[] };

function built(sink: StringSink, n: number, problems: unknown[], missing: boolean[]): Built {
  const col = sink.build(n, false) as Extract<Column, { type: 'string' }>;
  return { codes: Array.from(col.codes), dict: [...col.dict], problems, missing };
}

/**
 * The cells through writeBytes: `reused`, each in a buffer of the import's kind (one reused
 * buffer, a fresh view of it at another offset now and then, garbage around the cell), the sink
 * keeping its own copies and values packed (importAccountBlocks); else all in one buffer that
 * stays (importAccountFile). Rows in `viaText` go through write, as cells with "" escapes do.
 */
function byBytes(
  f: Field,
  cells: Cell[],
  viaText: boolean[],
  enc: 'utf-8' | 'shift_jis',
  reused: boolean,
  key: boolean,
): Built {
  const sink = makeSink(f, 4, enc) as StringSink;
  if (key) sink.codesRead = true;
  if (reused) {
    sink.ownBuffers();
    sink.packValues();
  }
  const problems: unknown[] = [];
  const missing: boolean[] = [];
  const whole = new Uint8Array(cells.reduce((a, c) => a + c.bytes.length + 1, 0) + 8);
  let at = 0;
  const big = new Uint8Array(4096);
  let view = big.subarray(0);
  cells.forEach((c, row) => {
    sink.reserve(row + 1);
    let p;
    if (viaText[row]) p = sink.write(row, c.text);
    else if (reused) {
      if (row % 7 === 3) view = big.subarray((row * 13) % 64);
      view.fill(0x41 + (row % 50));
      const off = (row * 31) % 97;
      view.set(c.bytes, off);
      p = sink.writeBytes(row, view, off, off + c.bytes.length);
    } else {
      whole.set(c.bytes, at);
      p = sink.writeBytes(row, whole, at, at + c.bytes.length);
      at += c.bytes.length + 1;
    }
    problems.push(p);
    missing.push(sink.lastMissing);
  });
  return built(sink, cells.length, problems, missing);
}

function byText(f: Field, cells: Cell[], enc: 'utf-8' | 'shift_jis'): Built {
  const sink = makeSink(f, 4, enc) as StringSink;
  const problems: unknown[] = [];
  const missing: boolean[] = [];
  cells.forEach((c, row) => {
    sink.reserve(row + 1);
    problems.push(sink.write(row, c.text));
    missing.push(sink.lastMissing);
  });
  return built(sink, cells.length, problems, missing);
}

const compareBytes = (a: Cell, b: Cell): number => {
  const n = Math.min(a.bytes.length, b.bytes.length);
  for (let i = 0; i < n; i++) if (a.bytes[i] !== b.bytes[i]) return a.bytes[i] - b.bytes[i];
  return a.bytes.length - b.bytes.length;
};

/**
 * Cells in three parts: distinct values in ascending byte order (the sorted path), then values
 * in any order with repeats of the first part's (provisional codes and their merge, or the
 * small table), then more after one cell went through write (the probing path: hashes made by
 * the fused pass must be hashBytes'). `mk` makes a cell of a text.
 */
const column = (text: fc.Arbitrary<string>, mk: (t: string) => Cell) =>
  fc
    .tuple(
      fc.array(text, { maxLength: 40 }),
      fc.array(fc.oneof(text, fc.nat()), { maxLength: 60 }),
      fc.array(fc.oneof(text, fc.nat()), { maxLength: 30 }),
      fc.array(fc.nat({ max: 15 }), { maxLength: 100 }),
    )
    .map(([head, mid, tail, via]) => {
      const sorted = [...new Map(head.map((t) => [t, mk(t)])).values()].sort(compareBytes);
      const pick = (x: string | number) =>
        typeof x === 'number' ? (sorted.length ? sorted[x % sorted.length] : mk('')) : mk(x);
      const cells = [...sorted, ...mid.map(pick), ...tail.map(pick)];
      const textAt = sorted.length + mid.length;
      // One cell of the last part through write (leaves provisional codes), and a few elsewhere.
      const viaText = cells.map((_, k) => k === textAt || via[k] === 0);
      return { cells, viaText };
    });

const piecesJa = [
  '株式会社',
  'アルファ',
  'ロジ',
  '工業',
  'ﾍﾞｰﾀ',
  '商事',
  '　',
  'Blue',
  'x',
  'Z9',
  ' ',
];
const piecesUtf8 = [...piecesJa, '😀', 'é', '€', 'Ω', 'ab', 'abc', 'abcd', 'é😀'];
// (ASCII ids with and without a trailing space: Shift_JIS counts an ASCII value apart.)
const specials = [
  '',
  'N/A',
  'NA',
  '  padded  name ',
  '=SUM(A1)',
  '-12',
  '＝1',
  'name　',
  '　lead',
  'AC0000001 ',
  'AC0000002',
];

const nameOf = (pieces: string[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 9 }).map((p) => p.join('')),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 24, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.constantFrom(...specials) },
  );

describe('StringSink.writeBytes = write of the same text', () => {
  it('plain text (ids, names): sorted, then any order with repeats, then probed; packed or not, UTF-8 and Shift_JIS', () => {
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    try {
      for (const enc of ['utf-8', 'shift_jis'] as const) {
        const dec = new TextDecoder(enc);
        const mk = (t: string): Cell => {
          const bytes = enc === 'utf-8' ? utf8(t) : sjis(t);
          return { text: dec.decode(bytes), bytes };
        };
        fc.assert(
          fc.property(
            column(nameOf(enc === 'utf-8' ? piecesUtf8 : piecesJa), mk),
            fc.boolean(),
            fc.boolean(),
            fc.integer({ min: 4, max: 200 }),
            ({ cells, viaText }, reused, key, stage) => {
              const was2 = setStageBytes(stage);
              try {
                const f = field('string');
                const want = byText(f, cells, enc);
                expect(byBytes(f, cells, viaText, enc, reused, key)).toEqual(want);
              } finally {
                setStageBytes(was2);
              }
            },
          ),
          { numRuns: 400 },
        );
      }
    } finally {
      setSinkTuning(was);
    }
  });

  it('categories: values alike in length and first, last or middle bytes; few values (the small table) and more', () => {
    const near = [
      ...CATEGORY,
      'saaS',
      'SAAS',
      'sa',
      'ab',
      'retaix',
      'Retail',
      ' retail',
      'financf',
      'finbnce',
      'fi\u00e9nce',
      'manufactaring',
      'manufacturinG',
      'manufacturing ',
      'renewal',
      'other!',
      'N/A',
      '',
      'ｒｅｔａｉｌ',
    ];
    const mk = mk8;
    fc.assert(
      fc.property(
        fc
          .subarray(near, { minLength: 1 })
          .chain((pool) =>
            column(
              fc.oneof(
                { weight: 9, arbitrary: fc.constantFrom(...pool) },
                { weight: 1, arbitrary: fc.string({ maxLength: 14 }) },
              ),
              mk,
            ),
          ),
        fc.boolean(),
        ({ cells, viaText }, reused) => {
          const f = field('category', CATEGORY);
          expect(byBytes(f, cells, viaText, 'utf-8', reused, false)).toEqual(
            byText(f, cells, 'utf-8'),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hashes a packed value as hashBytes does (the merge and later probes compare the two)', () => {
    // Values first seen on the sorted path (hashed by hashBytes when the order breaks), then
    // repeated on the provisional path (hashed by the fused pass): one code each.
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    try {
      const values = [
        '株式会社アルファ工業',
        'Acme Holdings Ltd',
        '😀 emoji company one',
        'Zeta ロジ商事',
      ]
        .map(mk8)
        .sort(compareBytes);
      const cells = [...values, ...values.slice().reverse(), ...values];
      const got = byBytes(
        field('string'),
        cells,
        cells.map(() => false),
        'utf-8',
        true,
        false,
      );
      expect(got.dict).toEqual(values.map((c) => c.text));
      expect(got.codes).toEqual([0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3]);
      // And after a cell through write (the probing path, hashBytes on the cell).
      const more = [...cells, mk8('x'), ...values];
      const via = more.map((_, k) => k === cells.length);
      const got2 = byBytes(field('string'), more, via, 'utf-8', true, false);
      expect(got2.dict).toEqual([...values.map((c) => c.text), 'x']);
      expect(got2.codes.slice(-4)).toEqual([0, 1, 2, 3]);
      expect(hashBytes(values[0].bytes, 0, values[0].bytes.length)).not.toBe(0);
    } finally {
      setSinkTuning(was);
    }
  });
});

describe('StringSink: the bytes of the last cell are not held after the build', () => {
  it('a built column leaves no file buffer behind (the worker keeps running)', () => {
    const sink = makeSink(field('category', CATEGORY), 4) as StringSink;
    const file = utf8('retail,finance,retail,manufacturing\n');
    const cells = [
      [0, 6],
      [7, 14],
      [15, 21],
      [22, 35],
    ];
    cells.forEach(([s, e], row) => expect(sink.writeBytes(row, file, s, e)).toBeNull());
    // Categories of four bytes or more are found through a view of the file's bytes.
    expect(cellViewHeld()).toBe(file);
    const col = sink.build(cells.length, false) as Extract<Column, { type: 'string' }>;
    expect([...col.dict]).toEqual(['retail', 'finance', 'manufacturing']);
    expect(cellViewHeld()).toBeNull();
  });
});

describe('StringSink: values whose hashes collide', () => {
  it('keeps two values of one length and one hash apart (the merge and the probe compare bytes)', () => {
    // Found by hashing random 12-letter strings (the 15,745th collides with an earlier one).
    const [a, b] = [mk8('bzdrvadypkly'), mk8('ibsmwinxfpmp')];
    expect(hashBytes(a.bytes, 0, 12)).toBe(hashBytes(b.bytes, 0, 12));
    const c = mk8('another name');
    for (const cells of [
      [c, a, b, a, b, c],
      [b, a, a, b, c, b],
    ])
      for (const reused of [true, false]) {
        const via = cells.map((_, k) => k === 4);
        const f = field('string');
        expect(byBytes(f, cells, via, 'utf-8', reused, false)).toEqual(byText(f, cells, 'utf-8'));
        expect(byBytes(f, cells, via, 'utf-8', reused, true)).toEqual(byText(f, cells, 'utf-8'));
      }
  });
});

describe('BooleanSink.writeBytes = write of the same text', () => {
  it('true/TRUE/false/FALSE/1/0 read from the bytes; every other spelling as text', () => {
    const spellings = YES_NO_SPELLINGS;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...spellings), { maxLength: 60 }), (texts) => {
        const f = {
          id: 'b',
          label: { ja: 'b', en: 'b' },
          type: 'boolean',
          required: false,
        } as Field;
        const a = makeSink(f, texts.length + 1) as BooleanSink;
        const b = makeSink(f, texts.length + 1) as BooleanSink;
        const buf = new Uint8Array(64);
        texts.forEach((t, row) => {
          buf.fill(0x65);
          const bytes = utf8(t);
          const off = row % 9;
          buf.set(bytes, off);
          expect(a.writeBytes(row, buf, off, off + bytes.length)).toEqual(b.write(row, t));
          expect(a.lastMissing).toBe(b.lastMissing);
        });
        expect(a.build(texts.length)).toEqual(b.build(texts.length));
      }),
      { numRuns: 200 },
    );
  });
});

describe('StringSink: the merge of provisional codes, repeats of values first seen anywhere (session 35)', () => {
  // Two values of one hash (a, b) and a few names that come back often make repeats of values
  // first seen anywhere: the sorted head, the provisional part, after a cell through write —
  // merged at the build (every cell through bytes) or in the middle of the column.
  const [a, b] = ['bzdrvadypkly', 'ibsmwinxfpmp'];
  it('codes and dictionary as write of the same text', () => {
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    try {
      for (const enc of ['utf-8', 'shift_jis'] as const) {
        const dec = new TextDecoder(enc);
        const mk = (t: string): Cell => {
          const bytes = enc === 'utf-8' ? utf8(t) : sjis(t);
          return { text: dec.decode(bytes), bytes };
        };
        const often = fc.constantFrom(
          a,
          b,
          '株式会社アルファ工業',
          'Acme Holdings Ltd',
          'N/A',
          'x',
        );
        const text = fc.oneof(nameOf(enc === 'utf-8' ? piecesUtf8 : piecesJa), often);
        fc.assert(
          fc.property(
            column(text, mk),
            fc.boolean(),
            fc.boolean(),
            ({ cells, viaText }, reused, all) => {
              const f = field('string');
              // All through bytes (the build's merge) or some through write (a merge mid-column).
              const via = all ? cells.map(() => false) : viaText;
              expect(byBytes(f, cells, via, enc, reused, false)).toEqual(byText(f, cells, enc));
            },
          ),
          { numRuns: 250 },
        );
      }
    } finally {
      setSinkTuning(was);
    }
  });

  it('merges every repeat of a column of few values in many rows', () => {
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    try {
      const values = ['Zeta ロジ商事', a, b, '株式会社アルファ工業', 'Acme Holdings Ltd'].map(mk8);
      // Sorted first (ascending bytes), then every value again in a changing order.
      const cells = [...values.slice(0, 1)];
      for (let k = 0; k < 3000; k++) cells.push(values[(k * 7 + (k >> 3)) % values.length]);
      const f = field('string');
      const got = byBytes(
        f,
        cells,
        cells.map(() => false),
        'utf-8',
        true,
        false,
      );
      expect(got).toEqual(byText(f, cells, 'utf-8'));
      expect(got.dict.length).toBe(values.length);
    } finally {
      setSinkTuning(was);
    }
  });
});
