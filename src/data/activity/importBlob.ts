/**
 * An activity file given as a Blob (a browser File, in the import worker): read in 4 MiB slices
 * by the streaming reader, so a large log never sits in the worker's memory whole; a file with
 * invalid UTF-8 past its first megabyte (or a JSON file the stream hands back: ReadWhole) is read
 * again whole, which reports where.
 */
import { Utf8Error } from '../csvBytes';
import {
  ReadWhole,
  importActivityFile,
  importActivityStream,
  type ActivityAccounts,
  type ActivityImportOptions,
  type ActivityResult,
} from './importActivity';
import type { ActivitySource } from '../../model';

export const BLOB_BLOCK_BYTES = 4 << 20;

export async function importActivityBlob(
  blob: Blob,
  file: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions,
  blockBytes = BLOB_BLOCK_BYTES,
): Promise<ActivityResult> {
  try {
    return await importActivityStream(
      slices(blob, blockBytes),
      blob.size,
      file,
      source,
      accounts,
      opts,
    );
  } catch (e) {
    if (!(e instanceof Utf8Error || e instanceof ReadWhole)) throw e;
  }
  return importActivityFile(new Uint8Array(await blob.arrayBuffer()), file, source, accounts, opts);
}

async function* slices(blob: Blob, size: number): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < blob.size; o += size)
    yield new Uint8Array(await blob.slice(o, o + size).arrayBuffer());
}
