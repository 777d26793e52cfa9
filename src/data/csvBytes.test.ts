import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { parseAll } from './csv';
import { decodeUtf8, parseBytesToRows, parseDelimitedBytes, Utf8Error, utf8Next } from './csvBytes';

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
  it('finds separators, line ends and invalid UTF-8 at any offset of an unquoted cell', () => {
    // Runs of ASCII of every length put each separator, line feed and non-ASCII byte at every
    // offset within a four-byte word (a scan that reads words must miss none); raw bytes (some
    // invalid) must fail at the first invalid one.
    const part = fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((k) => 'abcdefghi'.slice(0, k)),
      fc.constantFrom(',', ',', ';', '\n', '\r\n', '\r', 'é', '日本', '😀', '"q"'),
      fc.constantFrom(0x80, 0xbf, 0xc3, 0xe3, 0xed, 0xf0, 0xff).map((x) => String.fromCharCode(x)),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), fc.constantFrom(',', ';'), (parts, d) => {
        // Code units below 0x100 are bytes as they are; other characters go as UTF-8.
        const bytes: number[] = [];
        for (const p of parts)
          if (p.length === 1 && p.charCodeAt(0) >= 0x80 && p.charCodeAt(0) < 0x100)
            bytes.push(p.charCodeAt(0));
          else bytes.push(...enc.encode(p));
        const b = Uint8Array.from(bytes);
        // The first invalid sequence: where a walk from the start fails (-1: none).
        let bad = -1;
        for (let i = 0; i < b.length;) {
          const j = b[i] < 0x80 ? i + 1 : utf8Next(b, i, b.length);
          if (j < 0) {
            bad = i;
            break;
          }
          i = j;
        }
        let thrown: unknown;
        const rows: string[][] = [];
        const lines: number[] = [];
        let result;
        try {
          result = parseBytesToRows(b, d.charCodeAt(0), (f, _r, l) => {
            rows.push(f);
            lines.push(l);
          });
        } catch (e) {
          thrown = e;
        }
        if (bad >= 0) {
          expect(thrown).toBeInstanceOf(Utf8Error);
          expect((thrown as Utf8Error).offset).toBe(bad);
        } else {
          expect(thrown).toBeUndefined();
          expect({ rows, lines, result }).toEqual(parseAll(new TextDecoder().decode(b), d));
        }
      }),
      { numRuns: 4000 },
    );
  });
  describe('a row too long', () => {
    const bytes = (...parts: (string | number[])[]) =>
      Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));
    const parse = (b: Uint8Array, maxRow: number, final = true) =>
      parseDelimitedBytes(b, 44, () => {}, 0, maxRow, { record: 0, line: 1, final });
    it('is reported before a quoted field past the limit that is never closed', () => {
      const b = bytes('a,b\n', 'x,'.repeat(30), '"open\nmore\n');
      expect(parse(b, 20)).toEqual({ rows: 1, tooLong: { record: 2, line: 2 } });
      // Not closed within the block either: still the long row, not an open record.
      expect(parse(b, 20, false)).toEqual({ rows: 1, tooLong: { record: 2, line: 2 } });
      expect(parse(b, 1000)).toEqual({ rows: 1, unterminated: { record: 2, line: 2 } });
    });
    it('is reported for invalid UTF-8 in a field that starts past the limit', () => {
      const b = bytes('a,b\n', 'x,'.repeat(30), [0xff], '\n');
      expect(parse(b, 20)).toEqual({ rows: 1, tooLong: { record: 2, line: 2 } });
      expect(() => parse(b, 1000)).toThrow(new Utf8Error(64));
    });
    it('is not reported for invalid UTF-8 in a field that starts within the limit', () => {
      const b = bytes('a,b\n', 'x'.repeat(5), [0xff], 'y'.repeat(30), '\n');
      let e: unknown;
      try {
        parse(b, 20);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(Utf8Error);
      expect((e as Utf8Error).offset).toBe(9);
    });
    it('is reported for a line of many short fields, and for a long last field', () => {
      expect(parse(bytes('a,b\n', 'x,'.repeat(200), '\nc,d\n'), 50)).toEqual({
        rows: 1,
        tooLong: { record: 2, line: 2 },
      });
      expect(parse(bytes('a,b\nc,', 'y'.repeat(60)), 50)).toEqual({
        rows: 1,
        tooLong: { record: 2, line: 2 },
      });
      expect(parse(bytes('a,b\nc,"', 'y'.repeat(60), '"\n'), 50)).toEqual({
        rows: 1,
        tooLong: { record: 2, line: 2 },
      });
    });
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
