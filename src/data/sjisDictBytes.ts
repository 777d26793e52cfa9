import type { PackedValues } from './sinks';
import { sjisTables } from './sjisBytes';
import { utf8Length } from './utf8Length';

/**
 * A Shift_JIS string column's packed values as the UTF-8 DictBytes that a part of a file read
 * in parts sends and merges (absorbPart.ts: its shape, not imported, as absorbPart calls this),
 * made from the bytes without a string per value: a
 * Shift_JIS part's ids and names are packed as the file's bytes (as the one pass keeps them),
 * and decoding them all to strings only to encode them again (dictBytesOfStrings) was ~0.3 s a
 * part of the 1M demo file. Each character goes through the tables the parser checked it with
 * (sjisBytes.ts: the platform decoder's own mapping), so the bytes are those of the decoded
 * string's UTF-8. A column whose packed bytes all stand for themselves (ASCII ids) is sent as
 * it is, as a UTF-8 one is. Values the sink decoded (pLen 0) are encoded after the others.
 */
export function sjisDictBytes(pv: PackedValues): {
  bytes: Uint8Array;
  off: Int32Array;
  len: Int32Array;
  units: Int32Array;
} {
  const { src, pOff, pLen, pUnits, size: n, dict } = pv;
  const { single, pair } = sjisTables();
  const len = new Int32Array(n);
  let total = 0;
  let same = true;
  for (let c = 0; c < n; c++) {
    const l = pLen[c];
    let w = 0;
    if (l === 0) {
      w = utf8Length(dict[c]);
      same = false;
    } else
      for (let i = pOff[c], e = i + l; i < e;) {
        const b = src[i];
        if (b < 0x80) {
          // (The platform's decoder maps a few ASCII bytes to other characters.)
          const u = single[b];
          if (u !== b) same = false;
          w += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
          i++;
          continue;
        }
        same = false;
        let u: number;
        if ((b >= 0x81 && b <= 0x9f) || b >= 0xe0) {
          u = pair[(b << 8) | src[i + 1]];
          i += 2;
        } else {
          u = single[b];
          i++;
        }
        w += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
      }
    len[c] = w;
    total += w;
  }
  if (same) return { bytes: src, off: pOff.subarray(0, n), len, units: pUnits.subarray(0, n) };
  const bytes = new Uint8Array(total);
  const off = new Int32Array(n);
  const units = pUnits.slice(0, n);
  let o = 0;
  for (let c = 0; c < n; c++) {
    off[c] = o;
    const l = pLen[c];
    if (l === 0) {
      o += (encoder ??= new TextEncoder()).encodeInto(dict[c], bytes.subarray(o)).written;
      units[c] = dict[c].length;
      continue;
    }
    for (let i = pOff[c], e = i + l; i < e;) {
      const b = src[i];
      let u: number;
      if ((b >= 0x81 && b <= 0x9f) || b >= 0xe0) {
        u = pair[(b << 8) | src[i + 1]];
        i += 2;
      } else {
        u = single[b];
        i++;
      }
      if (u < 0x80) bytes[o++] = u;
      else if (u < 0x800) {
        bytes[o++] = 0xc0 | (u >> 6);
        bytes[o++] = 0x80 | (u & 0x3f);
      } else {
        bytes[o++] = 0xe0 | (u >> 12);
        bytes[o++] = 0x80 | ((u >> 6) & 0x3f);
        bytes[o++] = 0x80 | (u & 0x3f);
      }
    }
  }
  return { bytes, off, len, units };
}

let encoder: TextEncoder | undefined;
