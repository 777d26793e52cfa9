/**
 * Typed arrays of one scoring run, carved out of a few large ArrayBuffers. Every new
 * ArrayBuffer counts as external memory for V8, and growing external memory triggers full
 * garbage collections that mark the whole heap (a million account-id strings included):
 * ~100 separate 8 MB arrays per run cost more in GC than the scoring itself. Views of a few
 * big buffers cost one trigger each. Arrays come zero-filled; structured clone copies each
 * underlying buffer once.
 */
export class Arena {
  /**
   * Bytes left between consecutive arrays. A million-row column is a multiple of 4 KB, so without
   * a gap every column would start at the same offset within a page and a kernel streaming ten
   * of them at once would have all ten contend for the same cache sets (and 4K-alias its loads
   * against its stores). Five cache lines staggers 64 columns apart.
   */
  static readonly GAP = 320;
  private buf: ArrayBuffer = new ArrayBuffer(0);
  private at = 0;
  constructor(private readonly chunkBytes: number) {}

  /**
   * One chunk of exactly `bytes` when that is at most 1 GB (a run's whole result: one external
   * allocation), else 1 GB chunks.
   */
  static forBytes(bytes: number): Arena {
    return new Arena(Math.min(1 << 30, Math.max(64 << 10, bytes)));
  }

  private take(bytes: number): [ArrayBuffer, number] {
    const start = (this.at + 7) & ~7; // 8-byte alignment for Float64Array views
    if (start + bytes > this.buf.byteLength) {
      this.buf = new ArrayBuffer(Math.max(this.chunkBytes, bytes));
      this.at = bytes;
      return [this.buf, 0];
    }
    this.at = start + bytes + Arena.GAP;
    return [this.buf, start];
  }

  f64(n: number): Float64Array {
    const [b, o] = this.take(n * 8);
    return new Float64Array(b, o, n);
  }
  i32(n: number): Int32Array {
    const [b, o] = this.take(n * 4);
    return new Int32Array(b, o, n);
  }
  u16(n: number): Uint16Array {
    const [b, o] = this.take(n * 2);
    return new Uint16Array(b, o, n);
  }
  i16(n: number): Int16Array {
    const [b, o] = this.take(n * 2);
    return new Int16Array(b, o, n);
  }
  u8(n: number): Uint8Array {
    const [b, o] = this.take(n);
    return new Uint8Array(b, o, n);
  }
  i8(n: number): Int8Array {
    const [b, o] = this.take(n);
    return new Int8Array(b, o, n);
  }
}
