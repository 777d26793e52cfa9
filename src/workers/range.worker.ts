/// <reference lib="webworker" />
import { packResult, parseRange } from '../data/parallelImport';
import { transferablesOf } from './protocol';
import type { RangeRequest, RangeResponse } from './rangeProtocol';

/**
 * Parses one byte range of an account file for the import worker (parallelImport.ts); the
 * import worker checks and merges the ranges. It reads its slice of the picked File itself
 * (the ranges read at once, and nothing is copied through the import worker); its columns
 * and packed dictionaries are transferred, not copied.
 */
declare const self: DedicatedWorkerGlobalScope;

const now = () => performance.timeOrigin + performance.now();

self.onmessage = async (ev: MessageEvent<RangeRequest>) => {
  const received = now();
  const { id, spec, job, base, packing } = ev.data;
  const post = (m: RangeResponse, transfer: Transferable[] = []) => self.postMessage(m, transfer);
  let bytes: Uint8Array;
  const src = ev.data.bytes;
  if (src instanceof Uint8Array) bytes = src;
  else
    try {
      bytes = new Uint8Array(await src.blob.slice(base, src.end).arrayBuffer());
      if (bytes.length !== src.end - base) throw new Error('short read');
    } catch (e) {
      post({ id, type: 'failed', message: String(e), unreadable: true });
      return;
    }
  const read = now();
  try {
    let last = 0;
    const result = parseRange(spec, bytes, base, job, (fraction) => {
      if (fraction - last < 0.05) return;
      last = fraction;
      post({ id, type: 'progress', fraction });
    });
    const parsed = now();
    packResult(result, packing);
    const timing = { received, read, parsed, sent: now() };
    post(
      { id, type: 'done', result, timing },
      transferablesOf({ t: result.table, h: result.hashes, p: result.packed }),
    );
  } catch (e) {
    post({ id, type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
