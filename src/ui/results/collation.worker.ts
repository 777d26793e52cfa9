/// <reference lib="webworker" />
import { textCollator } from './accountRows';
import { SteppedRanking } from './collationRanks';
import { place, type Piece } from '../../workers/pieces';

/**
 * Collation ranks of one list (company names or account ids), started by the row-query worker
 * as soon as it holds a run (collationClient.ts): the list arrives in slices, the ranks go back
 * transferred. A worker of its own, so the sort's heavy part runs on the other core while the
 * row-query worker answers searches. It ranks a few milliseconds at a time (SteppedRanking) and
 * stops while told to pause: the row-query worker pauses it (and stops sending the list) from
 * the page's keystroke or click until a quiet time after the answer is shown.
 */
declare const self: DedicatedWorkerGlobalScope;
export type CollationRequest =
  | { type: 'hold'; skeleton: unknown; pieces: number }
  | { type: 'piece'; piece: Piece }
  | { type: 'pause' }
  | { type: 'resume' };
/** A piece placed (the sender's flow control: collationClient.ts PausableSend), then the ranks. */
export type CollationResponse = { type: 'placed' } | Int32Array;

// The next slice as a task of its own: a message, not setTimeout (clamped to 4 ms once nested).
const channel = new MessageChannel();
let next: (() => void) | null = null;
channel.port1.onmessage = () => next?.();
const later = (f: () => void) => {
  next = f;
  channel.port2.postMessage(null);
};

let held: { skeleton: { values: string[] }; missing: number } | null = null;
let paused = false;
let ranking: SteppedRanking | null = null;
self.onmessage = (ev: MessageEvent<CollationRequest>) => {
  const m = ev.data;
  if (m.type === 'pause' || m.type === 'resume') {
    paused = m.type === 'pause';
    if (paused) ranking?.pause();
    else ranking?.resume();
    return;
  }
  if (m.type === 'hold') held = { skeleton: m.skeleton as { values: string[] }, missing: m.pieces };
  else if (held) {
    place(held.skeleton, m.piece);
    held.missing--;
    self.postMessage({ type: 'placed' } satisfies CollationResponse);
  }
  if (!held || held.missing > 0) return;
  const values = held.skeleton.values ?? [];
  held = null;
  ranking = new SteppedRanking(values, textCollator(), later, (rank) =>
    self.postMessage(rank, [rank.buffer]),
  );
  if (paused) ranking.pause();
};
