import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, sniffBinary } from './encoding';
import { ImportError } from './issues';
import { fixture, utf8 } from './testing/helpers';

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
