/// <reference lib="webworker" />
import { RowQueryServer, type RowQueryRequest, type RowQueryResponse } from './rowQuery';
import { workerRanker } from './collationClient';

/**
 * Answers the account table's filter / search / sort queries for a large run off the main
 * thread (rowQuery.ts holds the logic). It lives in the ui layer because the queries are the
 * table's own pure functions (accountRows.ts); it imports nothing of React or the DOM.
 */
declare const self: DedicatedWorkerGlobalScope;
const server = new RowQueryServer(
  (m, transfer = []) => self.postMessage(m, transfer),
  (f) => setTimeout(f, 0),
  workerRanker,
);
server.note = (event) =>
  self.postMessage({
    type: 'note',
    id: 0,
    event,
    at: performance.timeOrigin + performance.now(),
  } satisfies RowQueryResponse);
self.onmessage = (ev: MessageEvent<RowQueryRequest>) => server.handle(ev.data);
