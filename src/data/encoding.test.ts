import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, MixedEncodingScan, sniffBinary } from './encoding';
import { ImportError } from './issues';
import { fixture, utf8 } from './testing/helpers';
import { sjis } from './testing/sjisEncode';

describe('encodings', () => {
  it('detects UTF-8, UTF-8 with BOM and Shift_JIS', () => {
    expect(detectEncoding(fixture('crm_ja.utf8.csv'))).toBe('utf-8');
    expect(detectEncoding(fixture('bom.csv'))).toBe('utf-8-bom');
    expect(detectEncoding(fixture('crm_ja.sjis.csv'))).toBe('shift_jis');
  });
  it('decodes Shift_JIS to the same text as the UTF-8 original', () => {
    // Shift_JIS 0x5C is ¥ on Japanese Windows but decodes as a backslash; coercion reads both as yen.
    const original = decodeBytes(fixture('crm_ja.utf8.csv'), 'y.csv').text.replace(/¥/g, '\\');
    expect(decodeBytes(fixture('crm_ja.sjis.csv'), 'x.csv').text).toBe(original);
  });
  it('strips the BOM', () => {
    expect(decodeBytes(fixture('bom.csv'), 'bom.csv').text.startsWith('account_id')).toBe(true);
  });
  it('detects CP932 extensions (①, ㈱) as Shift_JIS', () => {
    // ① = 0x87 0x40, ㈱ = 0x87 0x8A in CP932
    const bytes = new Uint8Array([...utf8('a,b\n'), 0x87, 0x40, 0x2c, 0x87, 0x8a, 0x0a]);
    expect(decodeBytes(bytes, 'cp932.csv')).toEqual({ text: 'a,b\n①,㈱\n', encoding: 'shift_jis' });
  });
  it('rejects bytes that are neither UTF-8 nor Shift_JIS, saying where', () => {
    try {
      decodeBytes(fixture('bad_encoding.csv'), 'bad_encoding.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).issue.code).toBe('bad_encoding');
      expect((e as ImportError).issue.params.offset).toBe(34);
    }
  });
  it('recognises binary files', () => {
    expect(sniffBinary(fixture('not_csv.png'))).toBe('PNG');
    expect(sniffBinary(fixture('not_csv.xlsx'))).toBe('ZIP/XLSX');
    expect(sniffBinary(utf8('a,b\n1,2'))).toBeNull();
  });
});

describe('MixedEncodingScan', () => {
  // Lines of Shift_JIS, UTF-8 (some that are also valid Shift_JIS, some not) and ASCII.
  const LINES = [
    sjis('合同会社ブルー,42'),
    sjis('ｱﾙﾌｧ株式会社,7'),
    utf8('株式会社ベータ,1'),
    utf8('ｱﾙﾌｧ,2'),
    utf8('abc,3'),
    utf8('😀,4'),
    utf8(''),
  ];
  const scan = (blocks: Uint8Array[]) => {
    const m = new MixedEncodingScan();
    let certain = false;
    for (const b of blocks) {
      m.feed(b);
      certain ||= m.certain;
    }
    return { certain, mixed: m.mixed() };
  };
  it('answers the same whatever the blocks the bytes come in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: LINES.length - 1 }), { maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 12 }),
        (picks, lastLf, cuts) => {
          const parts: number[] = [];
          for (const k of picks) parts.push(...LINES[k], 10);
          if (!lastLf && parts.length) parts.pop();
          const bytes = new Uint8Array(parts);
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const blocks: Uint8Array[] = [];
          let from = 0;
          for (const c of [...at, bytes.length]) {
            blocks.push(bytes.subarray(from, c));
            from = c;
          }
          // One line per block and one block in all: the answer of the lines alone.
          const whole = scan([bytes]);
          expect(scan(blocks)).toEqual(whole);
          const byLine: Uint8Array[] = [];
          let s = 0;
          for (let i = 0; i < bytes.length; i++)
            if (bytes[i] === 10) {
              byLine.push(bytes.subarray(s, i + 1));
              s = i + 1;
            }
          byLine.push(bytes.subarray(s));
          expect(scan(byLine)).toEqual(whole);
        },
      ),
      { numRuns: 400 },
    );
  });
  it('counts lines found by the caller (line, count) as it counts them in blocks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: LINES.length - 1 }), { maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (picks, lastLf, one) => {
          const parts: number[] = [];
          for (const k of picks) parts.push(...LINES[k], 10);
          if (!lastLf && parts.length) parts.pop();
          const bytes = new Uint8Array([0x41, 0x2c, ...parts]).subarray(2);
          // Each line (with its line feed) alone, or two together as whole lines.
          const m = new MixedEncodingScan();
          let certain = false;
          let s = 0;
          let k = 0;
          for (let i = 0; i <= bytes.length; i++)
            if (i === bytes.length || bytes[i] === 10) {
              const e = Math.min(i + 1, bytes.length);
              if (e === s) break;
              if (one[k++ % Math.max(1, one.length)] ?? true) m.line(bytes, s, e);
              else m.count(bytes.subarray(s, e));
              certain ||= m.certain;
              s = e;
            }
          // (`certain` may come sooner: a last line without a line feed waits for mixed() in feed.)
          const mixed = m.mixed();
          expect(mixed).toBe(scan([bytes]).mixed);
          if (certain) expect(mixed).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
  it('finds a UTF-8 line among Shift_JIS lines across a block boundary', () => {
    const bytes = new Uint8Array([...LINES[0], 10, ...LINES[0], 10, ...LINES[2], 10, ...LINES[0]]);
    // The UTF-8 line split in two blocks, in its middle.
    const cut = LINES[0].length * 2 + 2 + 4;
    expect(scan([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual({
      certain: true,
      mixed: true,
    });
  });
});
