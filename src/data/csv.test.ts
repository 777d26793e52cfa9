import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import fc from 'fast-check';
import { parseAll } from './csv';
import { detectDelimiter } from './detect';

describe('parseDelimited', () => {
  it('handles quotes, escaped quotes, CRLF, embedded newlines and blank lines', () => {
    const { rows, lines } = parseAll('a,b,c\r\n1,"x ""y""\r\nz",3\r\n\r\n4,,\n"q"', ',');
    expect(rows).toEqual([['a', 'b', 'c'], ['1', 'x "y"\r\nz', '3'], ['4', '', ''], ['q']]);
    expect(lines).toEqual([1, 2, 5, 6]);
  });
  it('keeps a trailing empty field and a last line without newline', () => {
    expect(parseAll('a,b,\nc,d', ',').rows).toEqual([
      ['a', 'b', ''],
      ['c', 'd'],
    ]);
  });
  it('reports an unterminated quote with its record and line', () => {
    expect(parseAll('a,b\nx,"open\ny,z\n', ',').result.unterminated).toEqual({
      record: 2,
      line: 2,
    });
  });
  it('agrees with papaparse on random well-formed CSV', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('"', ',', '\n', '\r\n', 'a"b', ' '),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (table) => {
          const width = table[0].length;
          const rows = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'x'));
          const text = Papa.unparse(rows, { quotes: true, newline: '\r\n' });
          const ours = parseAll(text, ',').rows;
          const theirs = Papa.parse<string[]>(text, {
            delimiter: ',',
            skipEmptyLines: false,
          }).data.filter((r) => !(r.length === 1 && r[0] === ''));
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseDelimited edge cases', () => {
  it.each<[string, string, string[][], number[]]>([
    ['lone CR inside an unquoted field is text', 'a\rb,c\n', [['a\rb', 'c']], [1]],
    ['lone CR after a quoted field ends the row', '"a"\rb,c\n', [['a'], ['b', 'c']], [1, 1]],
    ['a quote inside an unquoted field is literal', 'ab"c,d\n', [['ab"c', 'd']], [1]],
    [
      'text after a closing quote is kept',
      'x,"a"b"c,d\r\ne,f',
      [
        ['x', 'ab"c', 'd'],
        ['e', 'f'],
      ],
      [1, 2],
    ],
    [
      'quoted delimiters, newlines and doubled quotes',
      '"a,b","c\nd","""e"""\nf,g\n',
      [
        ['a,b', 'c\nd', '"e"'],
        ['f', 'g'],
      ],
      [1, 3],
    ],
    ['CR at the end of the text', 'a,b\r', [['a', 'b']], [1]],
    ['a delimiter at the end of the text', 'a,', [['a', '']], [1]],
    ['blank lines (LF, CRLF, CR only) are skipped', '\na\n\r\n\r\nb\n\n', [['a'], ['b']], [2, 5]],
    ['"" alone on a line counts as blank', 'a\n""\nb', [['a'], ['b']], [1, 3]],
    [
      'empty fields',
      ',,\n,',
      [
        ['', '', ''],
        ['', ''],
      ],
      [1, 2],
    ],
    ['empty text', '', [], []],
  ])('%s', (_name, text, rows, lines) => {
    const r = parseAll(text, ',');
    expect(r.rows).toEqual(rows);
    expect(r.lines).toEqual(lines);
    expect(r.result).toEqual({ rows: rows.length });
  });
  it('parses TSV, keeping commas and quotes mid-field as text', () => {
    expect(parseAll('a\tb,c\t"d\te"\n1\t2"\t\n', '\t').rows).toEqual([
      ['a', 'b,c', 'd\te'],
      ['1', '2"', ''],
    ]);
  });
  it.each([';', '|'])('parses %j-separated text (delimiters above and below the digits)', (d) => {
    const text = `a${d}1,5${d}"x${d}y"\r\n${d}z0${d}\n`;
    expect(parseAll(text, d).rows).toEqual([
      ['a', '1,5', `x${d}y`],
      ['', 'z0', ''],
    ]);
  });
  it('gives ragged rows as they are, each with its own line, in fresh arrays without holes', () => {
    const wide = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const text = `a,b,c\n${wide.join(',')}\nx\n"q\nr",s\n${wide.join(',')}\ny,z`;
    const { rows, lines } = parseAll(text, ',');
    expect(rows).toEqual([['a', 'b', 'c'], wide, ['x'], ['q\nr', 's'], wide, ['y', 'z']]);
    expect(lines).toEqual([1, 2, 3, 4, 6, 7]);
    for (const r of rows) expect(Object.keys(r).length).toBe(r.length);
    expect(new Set(rows).size).toBe(rows.length);
  });
  it('stops when the handler returns false, and reports an unterminated quote with its record and line', () => {
    expect(parseAll('a\nb\nc\n', ',', 2).rows).toEqual([['a'], ['b']]);
    expect(parseAll('a,b\r\nc\r\n\r\nd,"e\r\nf', ',').result).toEqual({
      rows: 2,
      unterminated: { record: 3, line: 4 },
    });
  });
  it('agrees with papaparse on random ragged CSV, quoted or not, LF or CRLF', () => {
    const plain = fc.stringMatching(/^[a-z0-9 é日本😀]{0,6}$/u);
    const cell = fc.oneof(
      plain,
      plain,
      fc.constantFrom('"', ',', '\n', '\r\n', 'a"b', '株式会社, Inc.'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        (rows, quoteAll, newline) => {
          const text = Papa.unparse(rows, { quotes: quoteAll, newline });
          const theirs = Papa.parse<string[]>(text, {
            delimiter: ',',
            skipEmptyLines: false,
          }).data.filter((r) => !(r.length === 1 && r[0] === ''));
          expect(parseAll(text, ',').rows).toEqual(theirs);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a;b;c\n1,5;2;3\n', ';'],
    ['a|b\n1|2\n', '|'],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});
