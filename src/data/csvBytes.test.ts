import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { parseAll } from './csv';
import { decodeUtf8, parseBytesToRows, Utf8Error, utf8Next } from './csvBytes';

const enc = new TextEncoder();
function bytesAll(text: string, d: string) {
  const rows: string[][] = [];
  const lines: number[] = [];
  const result = parseBytesToRows(enc.encode(text), d.charCodeAt(0), (f, _r, l) => {
    rows.push(f);
    lines.push(l);
  });
  return { rows, lines, result };
}

describe('parseDelimitedBytes', () => {
  it('handles quotes, escaped quotes, CRLF, embedded newlines and blank lines like the string parser', () => {
    const text = 'a,b,c\r\n1,"x ""y""\r\nz",3\r\n\r\n4,,\n"q"';
    expect(bytesAll(text, ',')).toEqual(parseAll(text, ','));
    expect(bytesAll(text, ',').rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x "y"\r\nz', '3'],
      ['4', '', ''],
      ['q'],
    ]);
  });
  it.each([
    'a,b,\nc,d',
    'a,"b"c,d\n',
    '"a"\rb,c\n',
    'x,"a"b\r\n',
    '""\n,\n""""\n',
    'a\r,b\r',
    '"日本"語,é\n😀,"😀"""\n',
    'a,"open\nb',
    ',',
    '\n\n',
    'a,b,',
  ])('agrees with the string parser on %j', (text) => {
    expect(bytesAll(text, ',')).toEqual(parseAll(text, ','));
  });
  it('agrees with the string parser on random text (any mix of quotes, separators and line breaks)', () => {
    const ch = fc.constantFrom(
      'a',
      'b',
      ',',
      ';',
      '\t',
      '"',
      '""',
      '\n',
      '\r',
      '\r\n',
      ' ',
      'é',
      '日本',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 40 }), fc.constantFrom(',', ';', '\t'), (parts, d) => {
        const text = parts.join('');
        expect(bytesAll(text, d)).toEqual(parseAll(text, d));
      }),
      { numRuns: 2000 },
    );
  });
  it('agrees with papaparse on random well-formed quoted CSV', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 6, unit: 'grapheme' }),
      fc.constantFrom('"', ',', '\n', '\r\n', 'a"b', ' ', '株式会社'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (table) => {
          const width = table[0].length;
          const rows = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'x'));
          const text = Papa.unparse(rows, { quotes: true, newline: '\r\n' });
          const theirs = Papa.parse<string[]>(text, {
            delimiter: ',',
            skipEmptyLines: false,
          }).data.filter((r) => !(r.length === 1 && r[0] === ''));
          expect(bytesAll(text, ',').rows).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('rejects invalid UTF-8 exactly where TextDecoder (fatal) does', () => {
    const cases = [
      [0x61, 0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe3, 0x81],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xe3, 0x81, 0x82],
    ];
    for (const c of cases) {
      const b = new Uint8Array(c);
      let ok = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        ok = false;
      }
      let ours = true;
      try {
        parseBytesToRows(b, 44, () => {});
      } catch (e) {
        expect(e).toBeInstanceOf(Utf8Error);
        ours = false;
      }
      expect([c, ours]).toEqual([c, ok]);
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 6 }), (b) => {
        let ok = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          ok = false;
        }
        let i = 0;
        let ours = true;
        while (i < b.length) {
          if (b[i] < 0x80) i++;
          else if ((i = utf8Next(b, i, b.length)) < 0) {
            ours = false;
            break;
          }
        }
        expect(ours).toBe(ok);
        if (ok) expect(decodeUtf8(b, 0, b.length)).toBe(new TextDecoder().decode(b));
      }),
      { numRuns: 3000 },
    );
  });
});
