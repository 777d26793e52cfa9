import type { Ranker } from './rowQuery';
import type { CollationRequest } from './collation.worker';
import { split } from '../../workers/pieces';

/** Strings per slice posted to a collation worker (cloning 20,000 short strings: a few ms). */
const SLICE = 20_000;

/**
 * The row-query worker's ranker: each list ranked in a collation worker of its own (so the
 * names and the ids are ranked side by side on two cores), sent in slices with a task between
 * them so queries are answered meanwhile; the worker ends with its answer.
 */
export const workerRanker: Ranker = (values) =>
  new Promise<Int32Array>((resolve, reject) => {
    const w = new Worker(new URL('./collation.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<Int32Array>) => {
      w.terminate();
      resolve(ev.data);
    };
    w.onerror = (ev) => {
      w.terminate();
      reject(new Error(ev.message || 'collation worker crashed'));
    };
    const { skeleton, pieces } = split({ values }, SLICE);
    w.postMessage({ type: 'hold', skeleton, pieces: pieces.length } satisfies CollationRequest);
    void (async () => {
      for (const piece of pieces) {
        await new Promise((r) => setTimeout(r, 0));
        w.postMessage({ type: 'piece', piece } satisfies CollationRequest);
      }
    })();
  });
