/// <reference lib="webworker" />
import {
  blobRangeRead,
  packResult,
  parseRange,
  parseRangeStream,
  releaseWarm,
  warmRange,
  type RangeJob,
  type RangeResult,
  type RangeSpec,
} from '../data/parallelImport';
import { transferablesOf } from './protocol';
import { heldMemory, type ColumnMemory } from '../data/columnMemory';
import type { RangeJobRequest, RangeRequest, RangeResponse } from './rangeProtocol';

/**
 * Parses one byte range of an account file for the import worker (parallelImport.ts); the
 * import worker checks and merges the ranges. It reads its slice of the picked File itself
 * (the ranges read at once, and nothing is copied through the import worker): a slice as a
 * byte stream parsed as it arrives; its columns and packed dictionaries are transferred.
 */
declare const self: DedicatedWorkerGlobalScope;

const now = () => performance.timeOrigin + performance.now();

/** The warm-up in progress; bumped when a range comes, to stop it at its next block. */
let warmGen = 0;

self.onmessage = async (ev: MessageEvent<RangeRequest>) => {
  const received = now();
  if (ev.data.type === 'warm') {
    const { head, size, file, contract, opts, parts } = ev.data;
    const gen = ++warmGen;
    try {
      await warmRange(head, size, file, contract, opts, parts, {
        stopped: () => gen !== warmGen,
      });
    } catch {
      // (only an aid: the job reports what is wrong with the file)
    }
    return;
  }
  warmGen++;
  const { id, spec, job, base } = ev.data;
  const memory = heldMemory(ev.data.memory ?? [], ev.data.sinkKept);
  const post = (m: RangeResponse, transfer: Transferable[] = []) => self.postMessage(m, transfer);
  const src = ev.data.bytes;
  let last = 0;
  const onProgress = (fraction: number) => {
    if (fraction - last < 0.05) return;
    last = fraction;
    post({ id, type: 'progress', fraction });
  };
  let result: RangeResult;
  let read = received;
  try {
    const r = await rangeOf(src, spec, job, base, onProgress, ev.data.stream !== false, memory);
    result = r.result;
    read = r.read;
  } catch (e) {
    // The File no longer reads (changed or gone since the pick).
    post({ id, type: 'failed', message: String(e), unreadable: true });
    return;
  }
  try {
    const parsed = now();
    packResult(result);
    const timing = { received, read, parsed, sent: now() };
    post(
      { id, type: 'done', result, timing, faulted: memory.taken, sinkFaulted: memory.sinkTaken },
      transferablesOf({
        t: result.table,
        h: result.hashes,
        p: result.packed,
        d: result.dictBytes,
      }),
    );
  } catch (e) {
    post({ id, type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  releaseWarm(); // (kept through the parse, so its optimised code stayed)
};

/**
 * Parse the range: a slice of the File (UTF-8 or Shift_JIS) streamed and parsed as it arrives
 * (parseRangeStream); else its bytes read whole, then parsed (parseRange). `read`: when the
 * bytes were all read (the stream's: when the parse finished). Throws when the File no longer reads.
 */
async function rangeOf(
  src: RangeJobRequest['bytes'],
  spec: RangeSpec,
  job: RangeJob,
  base: number,
  onProgress: (f: number) => void,
  streamed: boolean,
  memory: ColumnMemory,
): Promise<{ result: RangeResult; read: number }> {
  if (src instanceof Uint8Array)
    return { result: parseRange(spec, src, base, job, onProgress), read: now() };
  const stream = streamed
    ? blobRangeRead(src.blob, base, src.end, () => new Error('unreadable'))
    : null;
  if (stream) {
    try {
      const result = await parseRangeStream(spec, stream.read, job, onProgress, undefined, memory);
      return { result, read: now() };
    } finally {
      stream.cancel();
    }
  }
  const bytes = new Uint8Array(await src.blob.slice(base, src.end).arrayBuffer());
  if (bytes.length !== src.end - base) throw new Error('short read');
  const read = now();
  return { result: parseRange(spec, bytes, base, job, onProgress), read };
}
