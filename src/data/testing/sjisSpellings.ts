// Tests only: every byte spelling CP932 has for a character, for files written two ways.

/**
 * Every byte spelling of each character TextDecoder('shift_jis') decodes, Windows's first (the
 * lowest pair outside ED 40–EE FC, the NEC-selected IBM extensions), then the others in order,
 * those of ED/EE last.
 */
let spellingsOf: Map<string, number[][]> | null = null;
export function spellings(ch: string): number[][] {
  if (!spellingsOf) {
    const m = new Map<string, number[][]>();
    const dec = new TextDecoder('shift_jis', { fatal: true });
    const add = (bytes: number[]) => {
      try {
        const c = dec.decode(new Uint8Array(bytes));
        if (c.length === 1) m.set(c, [...(m.get(c) ?? []), bytes]);
      } catch {
        // not a character
      }
    };
    for (let c = 0; c < 0x80; c++) add([c]);
    for (let c = 0xa1; c <= 0xdf; c++) add([c]);
    for (let lead = 0x81; lead <= 0xfc; lead++)
      for (let t = 0x40; t <= 0xfc; t++) if (lead <= 0x9f || lead >= 0xe0) add([lead, t]);
    const nec = (s: number[]) => (s.length === 2 && s[0] >= 0xed && s[0] <= 0xee ? 1 : 0);
    for (const list of m.values()) list.sort((a, b) => nec(a) - nec(b)); // stable: else in order
    spellingsOf = m;
  }
  const s = spellingsOf.get(ch);
  if (!s) throw new Error(`no Shift_JIS for ${ch}`);
  return s;
}
