/// <reference lib="webworker" />
import { textCollator } from './accountRows';
import { collationRanks } from './collationRanks';
import { place, type Piece } from '../../workers/pieces';

/**
 * Collation ranks of one list (company names or account ids), started by the row-query worker
 * as soon as it holds a run (collationClient.ts): the list arrives in slices, the ranks go back
 * transferred. A worker of its own, so the sort's heavy part runs on the other core while the
 * row-query worker answers searches.
 */
declare const self: DedicatedWorkerGlobalScope;
export type CollationRequest =
  { type: 'hold'; skeleton: unknown; pieces: number } | { type: 'piece'; piece: Piece };

let held: { skeleton: { values: string[] }; missing: number } | null = null;
self.onmessage = (ev: MessageEvent<CollationRequest>) => {
  const m = ev.data;
  if (m.type === 'hold') held = { skeleton: m.skeleton as { values: string[] }, missing: m.pieces };
  else if (held) {
    place(held.skeleton, m.piece);
    held.missing--;
  }
  if (!held || held.missing > 0) return;
  const rank = collationRanks(held.skeleton.values ?? [], textCollator());
  held = null;
  self.postMessage(rank, [rank.buffer]);
};
