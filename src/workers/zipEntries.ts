import { inflateSync } from 'fflate';

/** A file inside a zip: its path and how to read its bytes (one entry at a time). */
export interface ZipEntry {
  path: string;
  read: () => Promise<Uint8Array>;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

async function bytesAt(blob: Blob, from: number, to: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(from, to).arrayBuffer());
}

/**
 * A zip's entries from its central directory, read through `Blob.slice`, so a zip of many runs
 * is never in memory whole (fflate's `unzipSync` takes the whole archive and unpacks every
 * entry at once). Stored and deflated entries are read; null when this is not a zip this can
 * read (no end record, ZIP64, encrypted or another method): the caller then tries `unzipSync`.
 */
export async function zipEntries(blob: Blob): Promise<ZipEntry[] | null> {
  const tailFrom = Math.max(0, blob.size - (22 + 0xffff));
  const tail = await bytesAt(blob, tailFrom, blob.size);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let e = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tv.getUint32(i, true) === EOCD) {
      e = i;
      break;
    }
  if (e < 0) return null;
  const count = tv.getUint16(e + 10, true);
  const cdSize = tv.getUint32(e + 12, true);
  const cdAt = tv.getUint32(e + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdAt === 0xffffffff) return null;
  if (cdAt + cdSize > blob.size) return null;
  const cd = await bytesAt(blob, cdAt, cdAt + cdSize);
  const v = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const out: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || v.getUint32(p, true) !== CEN) return null;
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const packed = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const raw = cd.subarray(p + 46, p + 46 + nameLen);
    // Bit 11: the name is UTF-8; else code page 437, read as Latin-1 as fflate does.
    const path = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(raw);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1 || (method !== 0 && method !== 8)) return null;
    if (packed === 0xffffffff || size === 0xffffffff) return null;
    if (path.endsWith('/')) continue;
    out.push({
      path,
      read: async () => {
        const h = await bytesAt(blob, local, local + 30);
        const hv = new DataView(h.buffer, h.byteOffset, h.byteLength);
        if (h.length < 30 || hv.getUint32(0, true) !== LOC)
          throw new Error(`zip entry ${path}: no local header at ${local}`);
        const at = local + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
        const data = await bytesAt(blob, at, at + packed);
        if (data.length < packed) throw new Error(`zip entry ${path}: cut short`);
        return method === 0 ? data : inflateSync(data, { out: new Uint8Array(size) });
      },
    });
  }
  return out;
}
