/** Spellings per column: a category has a handful of values, each written a way or two. */
const MAX_ENTRIES = 32;
const MAX_LENGTH = 64;
/** Four slots per entry at most: a probe nearly always ends at its first slot. */
const SLOTS = 128;
const SHIFT = 32 - 7;
/**
 * A slot from the first four bytes: Math.imul(w, 0x9e3779b1) >>> CATEGORY_SHIFT, probing with
 * CATEGORY_MASK. The lookup is written out in parseDelimitedBytes (csvBytes.ts): as a method call
 * it cost the scan its inlined date reads.
 */
export const CATEGORY_SHIFT = SHIFT;
export const CATEGORY_MASK = SLOTS - 1;

/**
 * The spellings of one small category column that its sink has stored cleanly (a code, no
 * issue), by their bytes: the byte scan (parseDelimitedBytes with DirectCells.cats) stores the
 * code of a cell spelled exactly the same way straight into the column, so the importer's
 * per-record dispatch and the sink's own lookup are left to the first cell of each spelling and
 * to the rare ones. A sink gives equal bytes the same code for as long as it lives (a category
 * column never takes provisional codes), so the table is only ever added to — and emptied when
 * the importer starts fresh sinks (a chunk).
 *
 * Only spellings read from unquoted cells are learnt: their bytes hold no delimiter, quote or
 * line feed as characters, so the scan reading the same bytes at a field's start walks the same
 * characters and stops at the same place. Values shorter than four bytes are left to the sink.
 */
export class CategoryCells {
  /** The column's codes (StringSink.codes), kept current by the importer (growth, memory moves). */
  codes: Int32Array = new Int32Array(0);
  /** Slot by the first four bytes' hash → entry + 1 (0: empty), linear probing. */
  readonly slot = new Int32Array(SLOTS);
  /** Per entry: first four bytes (little-endian), byte length, offset in `bytes`, code. */
  readonly first = new Int32Array(MAX_ENTRIES);
  readonly len = new Int32Array(MAX_ENTRIES);
  readonly off = new Int32Array(MAX_ENTRIES);
  readonly code = new Int32Array(MAX_ENTRIES);
  private readonly bytes = new Uint8Array(MAX_ENTRIES * MAX_LENGTH);
  readonly view = new DataView(this.bytes.buffer);
  /** Per entry: its last four bytes (little-endian). */
  readonly last = new Int32Array(MAX_ENTRIES);
  private entries = 0;
  constructor(
    /** An empty cell is stored as missing (-1) by the scan: the field is not required. */
    readonly missing: boolean,
  ) {}

  /**
   * Learn that the cell [s, e) of b — an unquoted cell, read whole — was stored by the sink as
   * `code` without an issue. Ignored when the table is full, the value short or long, or known.
   */
  learn(b: Uint8Array, s: number, e: number, code: number): void {
    const len = e - s;
    if (len < 4 || len > MAX_LENGTH || this.entries === MAX_ENTRIES) return;
    // (A quoted cell's bytes start after its quote: only unquoted cells are learnt.)
    if (s > 0 && b[s - 1] === 34) return;
    const w = b[s] | (b[s + 1] << 8) | (b[s + 2] << 16) | (b[s + 3] << 24);
    const slot = this.slot;
    let at = Math.imul(w, 0x9e3779b1) >>> SHIFT;
    for (; slot[at] !== 0; at = (at + 1) & (SLOTS - 1)) {
      const k = slot[at] - 1;
      if (this.first[k] !== w || this.len[k] !== len) continue;
      let i = 4;
      const o = this.off[k];
      while (i < len && this.bytes[o + i] === b[s + i]) i++;
      if (i === len) return;
    }
    const ent = this.entries++;
    const o = ent * MAX_LENGTH;
    this.bytes.set(b.subarray(s, e), o);
    this.first[ent] = w;
    this.last[ent] = this.view.getInt32(o + len - 4, true);
    this.len[ent] = len;
    this.off[ent] = o;
    this.code[ent] = code;
    slot[at] = ent + 1;
  }

  /** Forget every spelling (the sink was replaced: codes start again). */
  clear(): void {
    this.slot.fill(0);
    this.entries = 0;
  }

  /** Spellings known (tests). */
  get size(): number {
    return this.entries;
  }
}
