/**
 * Numbers of a CSV column as csvNumber (util/csvCell.ts) prints them, memoised per column (the
 * CLI's score CSV, engine/resultWriter.ts, and the app's exports, engine/exportSheet.ts and
 * engine/ctaQueue.ts).
 */
import type { ByteBuffer } from './byteBuffer';

const SMALL_INTS = Array.from({ length: 1024 }, (_, i) => String(i));

/**
 * Numbers as csvNumber writes them, memoised per column. Printing a double (shortest round-trip
 * form) costs ~1 µs; most result columns hold few distinct values (points, dimension scores,
 * coverage), so a lookup is much cheaper. A column whose values rarely repeat (the total) stops
 * being memoised after its first 4,096 distinct values.
 */
export class NumberText {
  private readonly seen = new Map<number, string>();
  private hits = 0;
  private on = true;
  text(v: number): string {
    const k = v | 0;
    if (k === v && k >= 0 && k < 1024) return SMALL_INTS[k];
    if (v !== v) return '';
    if (!this.on) return String(v);
    const s = this.seen.get(v);
    if (s !== undefined) {
      this.hits++;
      return s;
    }
    const t = String(v);
    if (this.seen.size < 4096) this.seen.set(v, t);
    else if (this.hits < this.seen.size) this.on = false;
    return t;
  }
  // Bytes memo: an open-addressing table on the double's bits (a Map keyed by doubles hashed
  // each number slower than the table's few loads). Keys are never NaN or int32s. Each value's
  // cell (comma included) sits in one arena, so a hit is a copy between two byte arrays.
  private readonly memoKeys = new Float64Array(MEMO_SLOTS);
  /** Arena offset of the slot's cell + 1 (0: empty slot). */
  private readonly memoAt = new Int32Array(MEMO_SLOTS);
  private readonly memoLen = new Uint8Array(MEMO_SLOTS);
  private arena = new Uint8Array(0);
  private arenaN = 0;
  private memoSize = 0;
  private bytesHits = 0;
  private bytesOn = true;
  /** A comma, then text(v), written as bytes. */
  write(v: number, out: ByteBuffer): void {
    const k = v | 0;
    if (k === v) return out.intCell(k);
    if (v !== v) return out.byte(44);
    if (!this.bytesOn) {
      out.byte(44);
      return out.double(v);
    }
    BITS_F64[0] = v;
    let slot = Math.imul(BITS_I32[0] ^ Math.imul(BITS_I32[1], 0x9e3779b1), 0x85ebca6b) >>> 19;
    const keys = this.memoKeys;
    const memoAt = this.memoAt;
    for (;;) {
      const a = memoAt[slot];
      if (a === 0) break;
      if (keys[slot] === v) {
        this.bytesHits++;
        const len = this.memoLen[slot];
        out.room(len);
        const buf = out.buf;
        const arena = this.arena;
        const n = out.n;
        for (let i = 0; i < len; i++) buf[n + i] = arena[a - 1 + i];
        out.n = n + len;
        return;
      }
      slot = (slot + 1) & (MEMO_SLOTS - 1);
    }
    out.byte(44);
    const at = out.n - 1;
    out.double(v);
    if (this.memoSize < 4096) {
      const len = out.n - at;
      if (this.arenaN + len > this.arena.length) {
        const next = new Uint8Array(Math.max(1024, 2 * this.arena.length, this.arenaN + len));
        next.set(this.arena);
        this.arena = next;
      }
      this.arena.set(out.buf.subarray(at, out.n), this.arenaN);
      keys[slot] = v;
      memoAt[slot] = this.arenaN + 1;
      this.memoLen[slot] = len;
      this.arenaN += len;
      this.memoSize++;
    } else if (this.bytesHits < this.memoSize) this.bytesOn = false;
  }
}
/** 2^13 slots (the memo holds at most 4,096 values); hashes use their top 13 bits. */
const MEMO_SLOTS = 1 << 13;
const BITS_F64 = new Float64Array(1);
const BITS_I32 = new Int32Array(BITS_F64.buffer);
