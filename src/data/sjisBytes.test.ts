import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSjis, keepSjis, sjisNext } from './sjisBytes';
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
    for (let c = 0x80; c < 256; c++) {
      const lead = (c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc);
      for (let t = lead ? 0 : 256; t < (lead ? 256 : 257); t++) {
        const bytes = lead ? [c, t] : [c];
        const text = decodes(bytes);
        const b = new Uint8Array(bytes);
        const next = sjisNext(b, 0, b.length);
        // A pair whose trail is ASCII and that TextDecoder refuses decodes as two characters
        // in no case: both must call it invalid.
        const ok = text !== null && text.length === 1;
        expect({ bytes, ok: next === b.length }).toEqual({ bytes, ok });
        if (ok) {
          expect(decodeSjis(b, 0, b.length)).toBe(text);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(9000);
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

  it('keeps and measures a value in one pass (keepSjis): its bytes copied, its length when its text is its value', () => {
    // One character each, as bytes: ASCII (0x5C and 0x7E are ¥ and ‾ in JIS but \ and ~ here,
    // as the decoder says), pairs with trail 0x5C / 0x7E / 0x40, half-width kana, NEC row 13,
    // NEC-selected and IBM extensions, the user-defined area, and the white space and formula
    // starts the sinks leave to the ordinary path (U+3000 ＝ ＋ － ＠).
    const PIECES = (
      '41 7a 31 20 5c 7e 3d 2b 2d 40 835c 955c 837e 8d87 889f e040 eaa4 b1 de a1 8740 878a 8782 ' +
      '8754 ed40 eefc fa40 fc4b f040 f9fc 8140 8181 817b 817c 8197'
    )
      .split(' ')
      .map((h) => (h.match(/../g) ?? []).map((x) => parseInt(x, 16)));
    for (const p of PIECES) expect(decodes(p)?.length, String(p)).toBe(1);
    const unsafeFirst = new Set([...'=+-@\u3000\uff1d\uff0b\uff0d\uff20']);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 7 }),
        (chars, before, at) => {
          const value = chars.flat();
          const b = new Uint8Array([...Array<number>(before).fill(0x2c), ...value, 0x0a]);
          const dst = new Uint8Array(at + value.length + 4).fill(0xee);
          const units = keepSjis(b, before, before + value.length, dst, at);
          expect([...dst.subarray(at, at + value.length)]).toEqual(value);
          expect([...dst.subarray(0, at), ...dst.subarray(at + value.length)]).toEqual(
            Array<number>(dst.length - value.length).fill(0xee),
          );
          // The sinks' rule (deferLength): a value of more than 8 characters, not starting with
          // white space, a control character or a formula start, not ending in white space.
          const text = decodes(value)!;
          const first = text[0];
          const last = text[text.length - 1];
          const plain =
            text.length > 8 &&
            first > ' ' &&
            !unsafeFirst.has(first) &&
            last > ' ' &&
            last !== '\u3000';
          expect(units).toBe(plain ? text.length : -1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
