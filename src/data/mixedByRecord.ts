import type { ByteRecord } from './csvBytes';
import { MixedEncodingScan } from './encoding';

/**
 * The mixed-encoding check of a detected Shift_JIS file (no UTF-8 line: MixedEncodingScan, as
 * decodeBytes asks) fed by the block import's parse (importStream.ts) instead of by the blocks'
 * bytes. Fed by blocks, the check looked for every line's end itself (an indexOf per line: most
 * of its ~0.15 s at 1M rows); the parser has already found them. So the lines between two
 * records' starts are counted when the second record arrives — one line (the usual case) from
 * its first non-ASCII byte only (MixedEncodingScan.line), several (blank lines, line breaks in
 * quotes) as feed counts them — and the same lines give the same counts and verdict.
 *
 * Buffer protocol (importStream.ts blockSteps): each block read goes to `read`, each record the
 * parse finds to `record`, and after a parse of buf[0, have) whose bytes from `next` on move to
 * the buffer's front, `parsed`. A record that starts inside a line (after a closing quote and a
 * lone CR) ends this: from there the bytes are fed as they are read, as before.
 */
export class MixedByRecord {
  readonly scan = new MixedEncodingScan();
  /** Bytes of the buffer before `from` are counted; `from` is the start of line `line`. */
  private from = 0;
  private line = 1;
  /** Fed by blocks (MixedEncodingScan.feed) from here on. */
  private byBlock = false;

  /** A block just read (only counted once fed by blocks). */
  read(block: Uint8Array): void {
    if (this.byBlock) this.scan.feed(block);
  }

  /** Record found by the parse of buffer `b`, starting on `line` (csvBytes.ts ByteRecordHandler). */
  record(b: Uint8Array, rec: ByteRecord, line: number): void {
    if (line === this.line || this.byBlock) return;
    // Where the record starts: its first field, or the quote before it. (After "" escapes the
    // field's start is past them: then the byte before is a quote, not a line feed, and the
    // lines go with the next record's.)
    const s0 = rec.start[0];
    const at = s0 > 0 && b[s0 - 1] === 0x22 ? s0 - 1 : s0;
    if (at === 0 || b[at - 1] !== 0x0a) return;
    // The parser counts every line feed: `line - this.line` of them in [from, at), the last at at - 1.
    if (line === this.line + 1) this.scan.line(b, this.from, at);
    else this.scan.count(b.subarray(this.from, at));
    this.from = at;
    this.line = line;
  }

  /**
   * After a parse of b[0, have): the lines before `next` are counted, and bytes [next, have),
   * which start on `line`, move to the front of the buffer. At the end of the file next = have.
   */
  parsed(b: Uint8Array, next: number, have: number, line: number): void {
    if (this.byBlock) return;
    if (next > 0 && next < have && b[next - 1] !== 0x0a) {
      // The open record starts inside a line: the rest goes by blocks, this line included.
      this.scan.feed(b.subarray(this.from, have));
      this.byBlock = true;
      return;
    }
    if (next > this.from) this.scan.count(b.subarray(this.from, next));
    this.from = 0;
    this.line = line;
  }
}
