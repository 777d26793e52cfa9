import type { Ranker } from './rowQuery';
import type { CollationRequest } from './collation.worker';
import { split } from '../../workers/pieces';

/** Strings per slice posted to a collation worker (cloning 20,000 short strings: a few ms). */
const SLICE = 20_000;

/**
 * The row-query worker's ranker: each list ranked in a collation worker of its own, sent in
 * slices with a task between them so queries are answered meanwhile. The worker ranks in short
 * slices and can be paused between them (pause / resume are sent only when the state changes);
 * it ends with its answer, or when cancelled (a newer run).
 */
export const workerRanker: Ranker = (values) => {
  const w = new Worker(new URL('./collation.worker.ts', import.meta.url), { type: 'module' });
  let over = false;
  let paused = false;
  const ranks = new Promise<Int32Array>((resolve, reject) => {
    w.onmessage = (ev: MessageEvent<Int32Array>) => {
      over = true;
      w.terminate();
      resolve(ev.data);
    };
    w.onerror = (ev) => {
      over = true;
      w.terminate();
      reject(new Error(ev.message || 'collation worker crashed'));
    };
    const { skeleton, pieces } = split({ values }, SLICE);
    w.postMessage({ type: 'hold', skeleton, pieces: pieces.length } satisfies CollationRequest);
    void (async () => {
      for (const piece of pieces) {
        await new Promise((r) => setTimeout(r, 0));
        if (over) return;
        w.postMessage({ type: 'piece', piece } satisfies CollationRequest);
      }
    })();
  });
  const to = (pause: boolean) => {
    if (over || paused === pause) return;
    paused = pause;
    w.postMessage({ type: pause ? 'pause' : 'resume' } satisfies CollationRequest);
  };
  return {
    ranks,
    pause: () => to(true),
    resume: () => to(false),
    cancel: () => {
      if (over) return;
      over = true;
      w.terminate();
    },
  };
};
