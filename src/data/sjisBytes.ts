/**
 * Shift_JIS (CP932, as Excel on Japanese Windows writes CSV) read byte by byte, for the byte
 * parser (csvBytes.ts) and the typed sinks: the file is split into records without decoding it
 * — a trail byte is 0x40–0xFC, so `,` `"` TAB CR LF are never part of a character — and only
 * the string cells that are kept are decoded.
 *
 * Which byte pairs are characters, and which characters they are, comes from the platform's own
 * TextDecoder('shift_jis') (the decoder the string path uses), asked once per lead byte: a
 * file the tables accept decodes to the same text, and one they refuse goes to the string path,
 * which reports it as before.
 */

let single: Uint16Array | null = null;
let pair: Uint16Array | null = null;

function isLead(c: number): boolean {
  return (c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc);
}

/** Single bytes and (lead << 8 | trail) pairs → UTF-16 code unit, 0 = not a character. */
function tables(): { single: Uint16Array; pair: Uint16Array } {
  if (single && pair) return { single, pair };
  const dec = new TextDecoder('shift_jis');
  const one = new Uint16Array(256);
  // ASCII bytes are characters, but not all themselves: this decoder swaps 0x1A, 0x1C, 0x7F.
  for (let c = 0; c < 256; c++) {
    if (isLead(c)) continue;
    const p = dec.decode(new Uint8Array([c]));
    if (p.length === 1 && (p !== '\ufffd' || c < 0x80)) one[c] = p.charCodeAt(0);
  }
  const two = new Uint16Array(65536);
  const buf = new Uint8Array(189 * 3);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (!isLead(lead)) continue;
    // Every trail (0x40–0xFC) after this lead, each pair followed by LF: a refused pair decodes
    // to U+FFFD (and an ASCII trail after it), so one-character pieces are exactly the valid pairs.
    for (let t = 0x40; t <= 0xfc; t++) {
      const k = 3 * (t - 0x40);
      buf[k] = lead;
      buf[k + 1] = t;
      buf[k + 2] = 10;
    }
    const parts = dec.decode(buf).split('\n');
    if (parts.length !== 190) continue; // a pair swallowed the LF: refuse this lead's pairs
    for (let t = 0x40; t <= 0xfc; t++) {
      const p = parts[t - 0x40];
      if (p.length === 1 && p !== '\ufffd') two[(lead << 8) | t] = p.charCodeAt(0);
    }
  }
  single = one;
  pair = two;
  return { single, pair };
}

/** Index after the Shift_JIS character at i (b[i] >= 0x80), or -1 where TextDecoder would fail. */
export function sjisNext(b: Uint8Array, i: number, n: number): number {
  const p = pair ?? tables().pair;
  const c = b[i];
  if (isLead(c)) return i + 1 < n && p[(c << 8) | b[i + 1]] !== 0 ? i + 2 : -1;
  return single![c] !== 0 ? i + 1 : -1;
}

const units: number[] = [];
let longDecoder: TextDecoder | undefined;

/** Decode valid Shift_JIS bytes [s, e) (checked by sjisNext). */
export function decodeSjis(b: Uint8Array, s: number, e: number): string {
  if (e - s > 256) return (longDecoder ??= new TextDecoder('shift_jis')).decode(b.subarray(s, e));
  const { single: one, pair: two } = tables();
  units.length = 0;
  for (let i = s; i < e;) {
    const c = b[i];
    if (isLead(c)) {
      units.push(two[(c << 8) | b[i + 1]]);
      i += 2;
    } else {
      units.push(one[c]);
      i++;
    }
  }
  return String.fromCharCode.apply(null, units);
}

/** The byte → UTF-16 unit tables (single bytes, lead << 8 | trail pairs; 0 = not a character). */
export { tables as sjisTables };
