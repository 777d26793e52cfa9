/// <reference lib="webworker" />
import {
  accountPoints,
  type AccountPointsRequest,
  type AccountPointsResponse,
} from './accountPoints';

/** Reads one account's history from the stored runs (IndexedDB) off the main thread. */
declare const self: DedicatedWorkerGlobalScope;
self.onmessage = async (ev: MessageEvent<AccountPointsRequest>) => {
  const { id, runIds, accountId } = ev.data;
  try {
    const points = await accountPoints(runIds, accountId);
    self.postMessage({ id, points } satisfies AccountPointsResponse);
  } catch (e) {
    self.postMessage({
      id,
      error: e instanceof Error ? e.message : String(e),
    } satisfies AccountPointsResponse);
  }
};
