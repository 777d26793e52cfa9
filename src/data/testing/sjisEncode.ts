let sjisTable: Map<string, number[]> | null = null;
/**
 * Shift_JIS bytes of a text (tests only: the platform has no Shift_JIS encoder), from what
 * TextDecoder('shift_jis') decodes each byte and byte pair to; characters it has no bytes for
 * become '?'.
 */
export function sjis(s: string): Uint8Array {
  if (!sjisTable) {
    const m = new Map<string, number[]>();
    const dec = new TextDecoder('shift_jis', { fatal: true });
    const add = (bytes: number[]) => {
      try {
        const c = dec.decode(new Uint8Array(bytes));
        if (c.length === 1 && !m.has(c)) m.set(c, bytes);
      } catch {
        // not a character
      }
    };
    for (let c = 0; c < 256; c++) add([c]);
    for (let lead = 0x81; lead <= 0xfc; lead++)
      for (let t = 0x40; t <= 0xfc; t++) if (lead <= 0x9f || lead >= 0xe0) add([lead, t]);
    sjisTable = m;
  }
  const out: number[] = [];
  for (const ch of s) out.push(...(sjisTable.get(ch) ?? [0x3f]));
  return new Uint8Array(out);
}
