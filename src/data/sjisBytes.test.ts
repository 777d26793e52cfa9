import { describe, expect, it } from 'vitest';
import { decodeSjis, holdsRespelled, sjisNext, sjisRespelled } from './sjisBytes';
import { parseBytesToRows } from './csvBytes';
import { parseDelimited } from './csv';
import { sjis } from './testing/helpers';

const fatal = new TextDecoder('shift_jis', { fatal: true });
function decodes(bytes: number[]): string | null {
  try {
    return fatal.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

describe('Shift_JIS bytes', () => {
  it('accepts exactly the bytes and pairs TextDecoder accepts, and decodes them alike', () => {
    let pairs = 0;
    const respelled: string[] = [];
    for (let c = 0x80; c < 256; c++) {
      const lead = (c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc);
      for (let t = lead ? 0 : 256; t < (lead ? 256 : 257); t++) {
        const bytes = lead ? [c, t] : [c];
        const text = decodes(bytes);
        const b = new Uint8Array(bytes);
        // A pair that respells a character (CP932's duplicates) is left by sjisNext to
        // sjisRespelled, the parser's second look (session 36 cp932).
        const first = sjisNext(b, 0, b.length);
        const next = first >= 0 ? first : sjisRespelled(b, 0, b.length);
        if (first < 0 && next >= 0) respelled.push(text!);
        // A pair whose trail is ASCII and that TextDecoder refuses decodes as two characters
        // in no case: both must call it invalid.
        const ok = text !== null && text.length === 1;
        expect({ bytes, ok: next === b.length }).toEqual({ bytes, ok });
        // (Defined on valid bytes only.)
        if (ok) expect(holdsRespelled(b, 0, b.length)).toBe(first < 0);
        if (ok) {
          expect(decodeSjis(b, 0, b.length)).toBe(text);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(9000);
    // The second spellings: NEC row 13's 9 of row 2, the NEC-selected IBM extensions (ED, EE),
    // IBM's Ⅰ–Ⅹ ￢ ∵ ㈱ № ℡ — each a character another pair spells, the one Windows writes.
    expect(respelled.length).toBe(398);
    expect(respelled).toEqual(expect.arrayContaining(['≒', '∵', 'Ⅱ', '￢', '㈱', '纊', 'ⅰ']));
    expect(respelled).not.toContain('①');
    // ASCII: the decoder's own mapping (it swaps a few control characters).
    const ascii = Array.from({ length: 128 }, (_, i) => i);
    expect(decodeSjis(new Uint8Array(ascii), 0, 128)).toBe(decodes(ascii));
  });

  it('splits records on , " and line feeds only: trail bytes 0x5C (\\) and 0x7C (|) stay inside', () => {
    // ソ = 83 5C and ポ = 83 7C: the trail bytes are \ and | in ASCII.
    const text = 'id,name\nA1,"ソ,ポ"\nA2,表示|ソフト\n';
    const rows: string[][] = [];
    parseBytesToRows(sjis(text), 44, (f) => void rows.push(f), 0, 'shift_jis');
    const expected: string[][] = [];
    parseDelimited(text, ',', (f) => void expected.push([...f]));
    expect(rows).toEqual(expected);
    const piped: string[][] = [];
    const pipes = 'id|name\nA1|ポイント|ソ\n';
    parseBytesToRows(sjis(pipes), 0x7c, (f) => void piped.push(f), 0, 'shift_jis');
    expect(piped).toEqual([
      ['id', 'name'],
      ['A1', 'ポイント', 'ソ'],
    ]);
  });
});
