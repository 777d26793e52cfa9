/**
 * The content hash by which the same file given twice to one activity source is recognised
 * (whatever its name): SHA-256 of the SHA-256 digests of the file's 4 MiB blocks, then its size
 * in bytes, as hex. Streamed (a block at a time, WebCrypto in the browser worker and in Node),
 * so a large log is never held whole; the same value from the app and the CLI.
 */
export const HASH_BLOCK_BYTES = 4 << 20;

export async function contentHash(blocks: AsyncIterable<Uint8Array>): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const digests: Uint8Array[] = [];
  const buf = new Uint8Array(HASH_BLOCK_BYTES);
  let fill = 0;
  let size = 0;
  const flush = async () => {
    digests.push(new Uint8Array(await subtle.digest('SHA-256', buf.subarray(0, fill))));
    fill = 0;
  };
  for await (const b of blocks) {
    size += b.length;
    let o = 0;
    while (o < b.length) {
      const n = Math.min(b.length - o, HASH_BLOCK_BYTES - fill);
      buf.set(b.subarray(o, o + n), fill);
      fill += n;
      o += n;
      if (fill === HASH_BLOCK_BYTES) await flush();
    }
  }
  if (fill > 0 || digests.length === 0) await flush();
  const all = new Uint8Array(digests.length * 32);
  digests.forEach((d, k) => all.set(d, k * 32));
  const top = new Uint8Array(await subtle.digest('SHA-256', all));
  let hex = '';
  for (const x of top) hex += x.toString(16).padStart(2, '0');
  return `${hex}-${size}`;
}

/** A Blob (a picked File) in 4 MiB slices. */
export async function* blobBlocks(blob: Blob): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < blob.size; o += HASH_BLOCK_BYTES)
    yield new Uint8Array(await blob.slice(o, o + HASH_BLOCK_BYTES).arrayBuffer());
}
