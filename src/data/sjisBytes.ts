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
/**
 * `pair` without the pairs that respell a character another pair spells (CP932's duplicates:
 * NEC row 13 ≒ 87 90 for 81 E0, NEC-selected IBM extensions ED 40–EE FC for FA 5C–FC 4B, IBM
 * Ⅰ FA 4A for 87 54, ￢ FA 54 for 81 CA, ∵ 87 9A / FA 5B for 81 E6, …): what sjisNext accepts
 * without a second look. The pair kept for each character is the one Windows and the WHATWG
 * encoder write (the first, leaving out ED 40–EE FC), so a file Windows wrote never leaves it.
 */
let plain: Uint16Array | null = null;
/** Per pair that respells a character, the pair Windows writes for it (else 0). */
let windowsPair: Uint16Array | null = null;
/** Respelled pairs met by sjisNext's callers so far (see sjisRespelled). */
let respelled = 0;

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
  // Per character, the pair Windows writes; the others respell it (see `plain`).
  const firstOf = new Map<number, number>();
  for (let p = 0x8140; p <= 0xfcfc; p++) {
    const u = two[p];
    if (u === 0 || (p >= 0xed40 && p <= 0xeefc)) continue;
    if (!firstOf.has(u)) firstOf.set(u, p);
  }
  const kept = two.slice();
  const canon = new Uint16Array(65536);
  for (let p = 0x8140; p <= 0xfcfc; p++) {
    const u = two[p];
    if (u === 0) continue;
    const f = firstOf.get(u);
    if (f !== undefined && f !== p) {
      kept[p] = 0;
      canon[p] = f;
    }
  }
  single = one;
  pair = two;
  plain = kept;
  windowsPair = canon;
  return { single, pair };
}

/**
 * Index after the Shift_JIS character at i (b[i] >= 0x80), or -1 where TextDecoder would fail
 * — or where the pair respells a character (see `plain`): sjisRespelled tells the two apart.
 */
export function sjisNext(b: Uint8Array, i: number, n: number): number {
  const p = plain ?? (tables(), plain!);
  const c = b[i];
  if (isLead(c)) return i + 1 < n && p[(c << 8) | b[i + 1]] !== 0 ? i + 2 : -1;
  return single![c] !== 0 ? i + 1 : -1;
}

/**
 * As sjisNext, but a pair that respells a character is read as any other (the activity
 * import's own row reader: it keeps its fast path for them, as before session 36).
 */
export function sjisNextAny(b: Uint8Array, i: number, n: number): number {
  const p = pair ?? tables().pair;
  const c = b[i];
  if (isLead(c)) return i + 1 < n && p[(c << 8) | b[i + 1]] !== 0 ? i + 2 : -1;
  return single![c] !== 0 ? i + 1 : -1;
}

/**
 * Where sjisNext gave -1: the index after the character at i if it is a pair that respells a
 * character another pair spells (counted: sjisRespelledCount), else -1 (TextDecoder would
 * fail). Two spellings of one text decode equal but are different bytes, and the string sinks
 * key values by their bytes: a sink that may have met one merges its values that decode equal
 * when it is built (StringSink.build). Windows never writes these pairs, so the parser's usual
 * path does not look for them: only this cold path counts them.
 */
export function sjisRespelled(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (!isLead(c) || i + 1 >= n || pair![(c << 8) | b[i + 1]] === 0) return -1;
  respelled++;
  return i + 2;
}

/** Respelled pairs met so far (only ever grows: a sink compares it with its value at its start). */
export function sjisRespelledCount(): number {
  return respelled;
}

/**
 * Bytes [s, e) (valid Shift_JIS) with every pair that respells a character written as Windows
 * writes it, as a string of one char per byte: the same for two spellings of one text.
 */
export function windowsSpelling(b: Uint8Array, s: number, e: number): string {
  const w = windowsPair ?? (tables(), windowsPair!);
  let out = '';
  for (let i = s; i < e;) {
    const c = b[i];
    if (isLead(c)) {
      const p = (c << 8) | b[i + 1];
      const q = w[p] !== 0 ? w[p] : p;
      out += String.fromCharCode(q >> 8, q & 0xff);
      i += 2;
    } else out += String.fromCharCode(b[i++]);
  }
  return out;
}

/** Does bytes [s, e) (valid Shift_JIS) hold a pair that respells a character? */
export function holdsRespelled(b: Uint8Array, s: number, e: number): boolean {
  const p = plain ?? (tables(), plain!);
  for (let i = s; i < e;) {
    const c = b[i];
    if (isLead(c)) {
      if (p[(c << 8) | b[i + 1]] === 0) return true;
      i += 2;
    } else i++;
  }
  return false;
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
