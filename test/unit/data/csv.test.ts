import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import fc from 'fast-check';
import { parseAll } from '../../../src/data/csv';
import { detectDelimiter } from '../../../src/data/detect';

describe('parseDelimited', () => {
  it('handles quotes, escaped quotes, CRLF, embedded newlines and blank lines', () => {
    const { rows, lines } = parseAll('a,b,c\r\n1,"x ""y""\r\nz",3\r\n\r\n4,,\n"q"', ',');
    expect(rows).toEqual([['a', 'b', 'c'], ['1', 'x "y"\r\nz', '3'], ['4', '', ''], ['q']]);
    expect(lines).toEqual([1, 2, 5, 6]);
  });
  it('keeps a trailing empty field and a last line without newline', () => {
    expect(parseAll('a,b,\nc,d', ',').rows).toEqual([['a', 'b', ''], ['c', 'd']]);
  });
  it('reports an unterminated quote with its record and line', () => {
    expect(parseAll('a,b\nx,"open\ny,z\n', ',').result.unterminated).toEqual({ record: 2, line: 2 });
  });
  it('agrees with papaparse on random well-formed CSV', () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', ',', '\n', '\r\n', 'a"b', ' '));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (table) => {
        const width = table[0].length;
        const rows = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'x'));
        const text = Papa.unparse(rows, { quotes: true, newline: '\r\n' });
        const ours = parseAll(text, ',').rows;
        const theirs = (Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false }).data).filter((r) => !(r.length === 1 && r[0] === ''));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','], ['a\tb\tc\n1\t2\t3\n', '\t'], ['a;b;c\n1,5;2;3\n', ';'], ['a|b\n1|2\n', '|'],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});
