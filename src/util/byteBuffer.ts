/**
 * A growable buffer of UTF-8 bytes, for writers that would otherwise build text and encode it:
 * at a million rows, concatenating each row's string and encoding it was most of the CSV
 * writer's time. `take` hands out a copy, so the buffer is reused while a stream holds the copy.
 */
import { PAIRS, writeDouble } from './doubleBytes';

let encoder: TextEncoder | undefined;

export class ByteBuffer {
  buf: Uint8Array;
  n = 0;
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }
  /** Room for k more bytes. */
  room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
  byte(c: number): void {
    if (this.n === this.buf.length) this.room(1);
    this.buf[this.n++] = c;
  }
  bytes(b: Uint8Array): void {
    const len = b.length;
    this.room(len);
    const buf = this.buf;
    let n = this.n;
    if (len > 64) buf.set(b, n);
    else for (let i = 0; i < len; i++) buf[n + i] = b[i];
    n += len;
    this.n = n;
  }
  /** A string as UTF-8 (as TextEncoder: a lone surrogate becomes U+FFFD). */
  text(s: string): void {
    const len = s.length;
    this.room(len);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.n = n;
        this.room((len - i) * 3);
        const r = (encoder ??= new TextEncoder()).encodeInto(
          s.substring(i),
          this.buf.subarray(this.n),
        );
        this.n += r.written;
        return;
      }
      buf[n++] = c;
    }
    this.n = n;
  }
  /** A 32-bit integer in decimal, as String(k) prints it. */
  int(k: number): void {
    this.room(11);
    const buf = this.buf;
    let n = this.n;
    if (k < 0) {
      buf[n++] = 45;
      k = -k;
    }
    let d = 1;
    while (d * 10 <= k) d *= 10;
    for (; d >= 1; d = (d / 10) | 0) {
      const q = Math.floor(k / d);
      buf[n++] = 48 + q;
      k -= q * d;
      if (d === 1) break;
    }
    this.n = n;
  }
  /** A comma, then an int32 as String(k) prints it (digits stored directly below 10,000). */
  intCell(k: number): void {
    if (k < 0 || k >= 10000) {
      this.byte(44);
      return this.int(k);
    }
    this.room(5);
    const buf = this.buf;
    let n = this.n;
    buf[n++] = 44;
    if (k < 10) buf[n++] = 48 + k;
    else if (k < 100) {
      buf[n++] = PAIRS[2 * k];
      buf[n++] = PAIRS[2 * k + 1];
    } else {
      const a = (k * 5243) >>> 19; // k / 100, exact below 43,699
      const b = k - a * 100;
      if (a >= 10) buf[n++] = PAIRS[2 * a];
      buf[n++] = PAIRS[2 * a + 1];
      buf[n++] = PAIRS[2 * b];
      buf[n++] = PAIRS[2 * b + 1];
    }
    this.n = n;
  }
  /** A number as String(v) prints it (doubleBytes.ts: without making the string, where it can). */
  double(v: number): void {
    this.room(25);
    const end = writeDouble(v, this.buf, this.n);
    if (end < 0) this.text(String(v));
    else this.n = end;
  }
  /** The bytes written so far, as a new array; the buffer starts again. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.n);
    this.n = 0;
    return out;
  }
}

/** A string's UTF-8 bytes. */
export function utf8Bytes(s: string): Uint8Array {
  return (encoder ??= new TextEncoder()).encode(s);
}
