/// <reference lib="webworker" />
import { parseRange } from '../data/parallelImport';
import { transferablesOf } from './protocol';
import type { RangeRequest, RangeResponse } from './rangeProtocol';

/**
 * Parses one byte range of an account file for the import worker (parallelImport.ts); the
 * import worker checks and merges the ranges. Its columns are transferred, not copied.
 */
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (ev: MessageEvent<RangeRequest>) => {
  const received = performance.timeOrigin + performance.now();
  const { id, spec, job, bytes, base } = ev.data;
  const post = (m: RangeResponse, transfer: Transferable[] = []) => self.postMessage(m, transfer);
  try {
    let last = 0;
    const result = parseRange(spec, bytes, base, job, (fraction) => {
      if (fraction - last < 0.05) return;
      last = fraction;
      post({ id, type: 'progress', fraction });
    });
    const parsed = performance.timeOrigin + performance.now();
    const timing = { received, parsed, sent: performance.timeOrigin + performance.now() };
    post(
      { id, type: 'done', result, timing },
      transferablesOf({ t: result.table, h: result.hashes }),
    );
  } catch (e) {
    post({ id, type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
