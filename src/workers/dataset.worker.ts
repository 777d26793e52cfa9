/// <reference lib="webworker" />
/**
 * Reads the stored dataset for the page (datasetLoad.ts): one request, then the worker is done.
 */
import { readDataset, type DatasetLoadMessage, type DatasetLoadRequest } from './datasetLoad';

declare const self: DedicatedWorkerGlobalScope;
const post = (m: DatasetLoadMessage, transfer: Transferable[] = []) =>
  self.postMessage(m, transfer);

self.onmessage = (ev: MessageEvent<DatasetLoadRequest>) => {
  readDataset(ev.data.datasetId, post).catch((e: unknown) =>
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
};
