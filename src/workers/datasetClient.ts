import type { DatasetRow } from '../store/db';
import { loadDataset } from '../store/datasets';
import type { AccountTable } from '../table/columns';
import { receiveDataset, type DatasetLoadMessage, type DatasetLoadRequest } from './datasetLoad';

/**
 * The stored dataset `id`, read in dataset.worker.ts (the page receives the typed arrays
 * transferred and the strings in one task per stored chunk). Where there is no Worker (unit
 * tests in jsdom) it is read here, as before. `cancel()` stops the worker and rejects the
 * promise with "cancelled".
 */
export function loadDatasetInWorker(id: string): {
  promise: Promise<{ meta: DatasetRow; table: AccountTable } | null>;
  cancel: () => void;
} {
  if (typeof Worker === 'undefined') return { promise: loadDataset(id), cancel: () => {} };
  const worker = new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module' });
  const receive = receiveDataset();
  let stop: (e: Error) => void = () => {};
  const promise = new Promise<{ meta: DatasetRow; table: AccountTable } | null>(
    (resolve, reject) => {
      stop = reject;
      worker.onmessage = (ev: MessageEvent<DatasetLoadMessage>) => {
        try {
          const done = receive(ev.data);
          if (done === undefined) return;
          worker.terminate();
          resolve(done);
        } catch (e) {
          worker.terminate();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      worker.onerror = (ev) => {
        worker.terminate();
        reject(new Error(ev.message || 'dataset worker crashed'));
      };
    },
  );
  worker.postMessage({ type: 'load', datasetId: id } satisfies DatasetLoadRequest);
  return {
    promise,
    cancel: () => {
      worker.terminate();
      stop(new Error('cancelled'));
    },
  };
}
