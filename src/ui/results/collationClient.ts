import type { Ranker } from './rowQuery';
import type { CollationRequest, CollationResponse } from './collation.worker';
import { nextTask, type Piece } from '../../workers/pieces';
import { SlicedWork } from './slicedWork';
import { joinedParts, partCount } from './joinedList';

/** Strings per slice posted to a collation worker (cloning 20,000 short strings: a few ms). */
const SLICE = 20_000;

/**
 * Pieces posted but not yet placed by the collation worker, at most: the worker deserialises
 * each piece when its message is handled, so pieces already posted go on costing the core
 * after a pause — with no limit, a keystroke's query shared the core with 44–48 ms of
 * unpacking (session 31, keywarm's traces). Two keep the hand-over pipelined.
 */
export const SEND_WINDOW = 2;

/**
 * Posts pieces one per task (`later` schedules the next), stoppable between any two: while
 * paused nothing is posted, and at most `window` pieces are posted and not yet placed by the
 * receiver (`placed()`, once per piece). Handing a list to a collation worker clones a million
 * strings here and deserialises them there; not paused, it ran while the first keystrokes after
 * the tab opened were answered (search key 1: 302–324 ms against 188–192 ms without the ranker,
 * a quiet A/B in session 23).
 */
export class PausableSend extends SlicedWork {
  private at = 0;
  private placedCount = 0;

  constructor(
    /** The pieces: `count`, and piece k made when it is posted. */
    private readonly pieces: { count: number; piece: (k: number) => Piece },
    private readonly post: (p: Piece) => void,
    later: (f: () => void) => void,
    private readonly window = Infinity,
  ) {
    super(later);
    this.kick();
  }

  /** The receiver placed one more piece: the next may go. */
  placed(): void {
    this.placedCount++;
    this.kick();
  }

  /** Posted and not yet placed. */
  get inFlight(): number {
    return this.at - this.placedCount;
  }

  protected override ready(): boolean {
    return this.inFlight < this.window;
  }

  /** Every piece was posted. */
  get done(): boolean {
    return this.at >= this.pieces.count;
  }

  protected finished(): boolean {
    return this.done;
  }

  protected slice(): void {
    this.post(this.pieces.piece(this.at++));
    this.kick();
  }
}

/**
 * A list as pieces of `size` strings (the format of workers/pieces.ts, at the path ['values']),
 * each sliced when it is posted: sliced all at once, the copies (8 MB of references at a million
 * strings) lived until the last was sent and were left to a major GC of the row-query worker.
 */
export function slices(
  values: readonly string[],
  size: number,
): { count: number; piece: (k: number) => Piece } {
  // A joined list (joinedList.ts) goes as its parts, one string each, as the page sent them:
  // the collation worker makes the strings (its heap lives only for the ranking).
  const parts = joinedParts(values);
  if (parts)
    return {
      count: parts.length,
      piece: (k) => {
        const p = parts[k];
        return {
          path: ['values'],
          packed: 'values' in p ? p.values.slice() : { joined: p.text, count: partCount(p) },
          from: p.from,
          total: values.length,
        };
      },
    };
  return {
    count: Math.ceil(values.length / size),
    piece: (k) => ({
      path: ['values'],
      strings: values.slice(k * size, (k + 1) * size),
      from: k * size,
      total: values.length,
    }),
  };
}

/**
 * The row-query worker's ranker: each list ranked in a collation worker of its own, sent in
 * slices with a task between them so queries are answered meanwhile. Both the sending and the
 * worker's ranking (short slices) stop while paused (pause / resume go to the worker only when
 * the state changes); it ends with its answer, or when cancelled (a newer run).
 */
export const workerRanker: Ranker = (values) => {
  const w = new Worker(new URL('./collation.worker.ts', import.meta.url), { type: 'module' });
  let over = false;
  let paused = false;
  let send: PausableSend | null = null;
  let allPlaced = () => {};
  const sent = new Promise<void>((ok) => (allPlaced = ok));
  const ranks = new Promise<Int32Array>((resolve, reject) => {
    w.onmessage = (ev: MessageEvent<CollationResponse>) => {
      if (!(ev.data instanceof Int32Array)) {
        send?.placed();
        if (send?.done && !send.inFlight) allPlaced();
        return;
      }
      over = true;
      w.terminate();
      resolve(ev.data);
    };
    w.onerror = (ev) => {
      over = true;
      send?.cancel();
      w.terminate();
      reject(new Error(ev.message || 'collation worker crashed'));
    };
    const pieces = slices(values, SLICE);
    w.postMessage({
      type: 'hold',
      skeleton: { values: null },
      pieces: pieces.count,
    } satisfies CollationRequest);
    send = new PausableSend(
      pieces,
      (piece) => w.postMessage({ type: 'piece', piece } satisfies CollationRequest),
      (f) => void nextTask().then(f),
      SEND_WINDOW,
    );
  });
  const to = (pause: boolean) => {
    if (over || paused === pause) return;
    paused = pause;
    if (pause) send?.pause();
    else send?.resume();
    w.postMessage({ type: pause ? 'pause' : 'resume' } satisfies CollationRequest);
  };
  return {
    ranks,
    sent,
    pause: () => to(true),
    resume: () => to(false),
    cancel: () => {
      if (over) return;
      over = true;
      send?.cancel();
      w.terminate();
    },
  };
};
