import { describe, expect, it } from 'vitest';
import { Zip, ZipDeflate, ZipPassThrough, unzipSync, zipSync } from 'fflate';
import { zipEntries } from './zipEntries';

// A zip read entry by entry through Blob.slice must give exactly what unpacking it whole gives.
const content = (n: number, seed: number) => {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = (i * 31 + seed * 7 + (i >> 5)) & 0xff;
  return a;
};
const files: Record<string, Uint8Array> = {
  'manifest.json': new TextEncoder().encode('{"format":"waymark-history"}\n'),
  'runs/2025-01-01.parquet': content(70_000, 1),
  'playbooks/名前.json': new TextEncoder().encode('{"name":"日本語"}'),
  'empty.txt': new Uint8Array(0),
};

async function readAll(blob: Blob) {
  const entries = await zipEntries(blob);
  if (!entries) return null;
  const out: Record<string, Uint8Array> = {};
  for (const e of entries) out[e.path] = await e.read();
  return out;
}

describe('zipEntries', () => {
  it('reads stored and deflated entries as unzipSync does, names in UTF-8, folders left out', async () => {
    for (const level of [0, 6] as const) {
      const bytes = zipSync({ ...files, 'runs/': new Uint8Array(0) }, { level });
      const want = Object.fromEntries(
        Object.entries(unzipSync(bytes)).filter(([p]) => !p.endsWith('/')),
      );
      expect(await readAll(new Blob([bytes]))).toEqual(want);
      expect(Object.keys(want).sort()).toEqual(Object.keys(files).sort());
    }
  });

  it('reads the streamed zip the export writes (sizes after the data), with a comment', async () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      parts.push(chunk);
    });
    for (const [p, b] of Object.entries(files)) {
      const f = p.endsWith('.parquet') ? new ZipPassThrough(p) : new ZipDeflate(p);
      zip.add(f);
      f.push(b, true);
    }
    zip.end();
    expect(await readAll(new Blob(parts as BlobPart[]))).toEqual(files);
    const commented = zipSync(files, { level: 0 });
    // An archive comment: the end record is no longer the last 22 bytes.
    const c = new Uint8Array(commented.length + 5);
    c.set(commented);
    c.set(new TextEncoder().encode('hello'), commented.length);
    c[commented.length - 2] = 5;
    expect(await readAll(new Blob([c]))).toEqual(files);
  });

  it('is null for what it cannot read, so the caller falls back', async () => {
    expect(await zipEntries(new Blob([new Uint8Array([1, 2, 3])]))).toBeNull();
    const bytes = zipSync(files, { level: 0 });
    // The central directory's offset pointing past the end.
    const cut = bytes.slice();
    new DataView(cut.buffer).setUint32(cut.length - 6, cut.length + 10, true);
    expect(await zipEntries(new Blob([cut]))).toBeNull();
    // An encrypted entry (flag bit 0).
    const enc = bytes.slice();
    const v = new DataView(enc.buffer);
    const cd = v.getUint32(enc.length - 6, true);
    v.setUint16(cd + 8, v.getUint16(cd + 8, true) | 1, true);
    expect(await zipEntries(new Blob([enc]))).toBeNull();
  });

  it('names an entry whose data is cut short when it is read', async () => {
    const bytes = zipSync(files, { level: 0 });
    const entries = (await zipEntries(new Blob([bytes])))!;
    const run = entries.find((e) => e.path.endsWith('.parquet'))!;
    // The same directory over a file whose run data is gone: the directory is at the end.
    const v = new DataView(bytes.buffer);
    const cdAt = v.getUint32(bytes.length - 6, true);
    const short = new Blob([bytes.subarray(0, 200), bytes.subarray(cdAt)]);
    const fixed = new Uint8Array(await short.arrayBuffer());
    new DataView(fixed.buffer).setUint32(fixed.length - 6, 200, true);
    const again = (await zipEntries(new Blob([fixed])))!;
    const r = again.find((e) => e.path === run.path)!;
    await expect(r.read()).rejects.toThrow(/runs\/2025-01-01.parquet/);
  });
});
