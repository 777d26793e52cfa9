import {
  lazyListColumn,
  packedCount,
  packedPartsOf,
  packedValues,
  type PackedDict,
} from '../table/packedDict';

/**
 * Sending a big value to a worker without one long task on the page. postMessage clones the
 * whole value in one task, and a typed array that is a view of a bigger buffer (the scoring
 * arena) clones all of that buffer: a million-account run took seconds. Instead the value is
 * split into a skeleton (small) and pieces: each typed array copied into its own buffer and
 * transferred, each long string list in slices. The page sends one piece per task; the worker
 * puts them back at their paths. A string column whose dictionary is still packed on the page
 * (table/packedDict.ts: a reloaded dataset's) is sent as its packed slices, not decoded: the
 * worker makes the strings; so is a list that is such a dictionary and not read yet (a run's
 * account ids: `lazyDictList`).
 */
export type Path = (string | number)[];
export type Piece =
  | { path: Path; array: ArrayBufferView; from?: number; total?: number; spare?: boolean }
  | { path: Path; strings: string[]; from: number; total: number }
  | { path: Path; packed: PackedDict; from: number; total: number }
  /**
   * The same list as the one sent earlier at `same` (the run worker's value holds the run's
   * ids twice — `result.accountIds` is the key column's dictionary — so they went twice).
   */
  | { path: Path; same: Path };

const STRING_SLICE = 50_000;
const BIG_LIST = 10_000;
/**
 * Bytes of a typed array per piece: copying a whole million-row column (8 MB) into a buffer of
 * its own took one task of 50–100 ms on a loaded laptop; 1 MB slices keep each under a few ms.
 */
export const ARRAY_SLICE_BYTES = 1 << 20;

type Typed = ArrayBufferView & {
  length: number;
  subarray(from: number, to: number): ArrayBufferView;
  set(a: ArrayBufferView, at: number): void;
};
const isTyped = (v: ArrayBufferView): v is Typed => !(v instanceof DataView);

/** The skeleton (typed arrays and long string lists as null) and the pieces to send. */
export function split(
  value: unknown,
  stringSlice = STRING_SLICE,
  arraySliceBytes = ARRAY_SLICE_BYTES,
  /** String lists longer than this go as slices (tests pass less to slice short lists). */
  bigList = BIG_LIST,
): { skeleton: unknown; pieces: Piece[] } {
  const pieces: Piece[] = [];
  // Long lists (and still-packed columns) already split, by identity: the path they went to.
  const sent = new Map<object, Path>();
  const again = (list: object, path: Path): boolean => {
    const same = sent.get(list);
    if (same) pieces.push({ path, same });
    else sent.set(list, path);
    return same !== undefined;
  };
  const walk = (v: unknown, path: Path): unknown => {
    if (ArrayBuffer.isView(v)) {
      if (isTyped(v) && v.byteLength > arraySliceBytes) {
        const step = Math.max(1, Math.floor(arraySliceBytes / (v.byteLength / v.length)));
        for (let from = 0; from < v.length; from += step)
          pieces.push({
            path,
            array: v.subarray(from, Math.min(v.length, from + step)),
            from,
            total: v.length,
          });
      } else pieces.push({ path, array: v });
      return null;
    }
    if (Array.isArray(v)) {
      if (v.length > bigList && typeof v[0] === 'string') {
        if (again(v, path)) return null;
        for (let from = 0; from < v.length; from += stringSlice)
          pieces.push({
            path,
            strings: v.slice(from, from + stringSlice) as string[],
            from,
            total: v.length,
          });
        return null;
      }
      return v.map((x, i) => walk(x, [...path, i]));
    }
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      const parts = packedPartsOf(v);
      const total = parts ? parts.reduce((n, p) => n + packedCount(p), 0) : 0;
      if (parts && !again(v, [...path, 'dict'])) {
        let from = 0;
        for (const p of parts) {
          pieces.push({ path: [...path, 'dict'], packed: p, from, total });
          from += packedCount(p);
        }
      }
      for (const k of Object.keys(v))
        Object.defineProperty(o, k, {
          value: parts && k === 'dict' ? (total ? null : []) : listOrWalk(v, k, [...path, k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return o;
    }
    return v;
  };
  /**
   * `v[k]`'s skeleton; a list that is a still-packed dictionary (lazyDictList) as its slices
   * (a column's dict is sent so too), not read.
   */
  const listOrWalk = (v: object, k: string, at: Path): unknown => {
    const col = lazyListColumn(v, k);
    const parts = col && packedPartsOf(col);
    if (!parts) return walk((v as Record<string, unknown>)[k], at);
    let from = 0;
    const total = parts.reduce((n, p) => n + packedCount(p), 0);
    if (again(col, at)) return total ? null : [];
    for (const p of parts) {
      pieces.push({ path: at, packed: p, from, total });
      from += packedCount(p);
    }
    return total ? null : [];
  };
  return { skeleton: walk(value, []), pieces };
}

/** A piece ready to post: typed arrays copied into a buffer of their own, to transfer. */
export function detach(p: Piece): { piece: Piece; transfer: Transferable[] } {
  if ('array' in p) {
    const a = p.array as unknown as { slice(): ArrayBufferView };
    const copy = a.slice();
    const piece: Piece =
      p.total === undefined
        ? { path: p.path, array: copy }
        : { path: p.path, array: copy, from: p.from, total: p.total };
    return { piece, transfer: [copy.buffer as ArrayBuffer] };
  }
  return { piece: p, transfer: [] };
}

/**
 * Buffers handed back by the receiving worker, reused for the next pieces' copies. A fresh
 * buffer per piece cost the page its page faults (~3–6 ms a MB under load: a million-account run
 * is some hundreds of MB, over a second of the page's time); a reused one is only copied into.
 */
export class SpareBuffers {
  private readonly free: ArrayBuffer[] = [];
  constructor(
    private readonly bytes = ARRAY_SLICE_BYTES,
    private readonly keep = 8,
  ) {}
  /** A buffer handed back (kept when it has the pool's size and the pool is not full). */
  give(b: ArrayBuffer): void {
    if (b.byteLength === this.bytes && this.free.length < this.keep) this.free.push(b);
  }
  get size(): number {
    return this.free.length;
  }
  /**
   * Like `detach`, but a typed array piece that fits is copied into a pool buffer (a spare one
   * when there is, else a new one of the pool's size) marked `spare` for the worker to return.
   */
  detach(p: Piece): { piece: Piece; transfer: Transferable[] } {
    if (!('array' in p) || !isTyped(p.array) || p.array.byteLength > this.bytes) return detach(p);
    const src = p.array;
    const Ctor = src.constructor as new (b: ArrayBuffer, at: number, n: number) => Typed;
    const buf = this.free.pop() ?? new ArrayBuffer(this.bytes);
    const copy = new Ctor(buf, 0, src.length);
    copy.set(src, 0);
    const piece: Piece =
      p.total === undefined
        ? { path: p.path, array: copy, spare: true }
        : { path: p.path, array: copy, from: p.from, total: p.total, spare: true };
    return { piece, transfer: [buf] };
  }
}

/**
 * The receiving side of `SpareBuffers`: place the piece, and return the buffer to hand back
 * when it was a spare one (a whole array that arrived in one is copied out first: the buffer
 * goes back and would leave the placed array empty).
 */
export function placeSpare(skeleton: unknown, piece: Piece): ArrayBuffer | null {
  if (!('array' in piece) || !piece.spare) {
    place(skeleton, piece);
    return null;
  }
  const a = piece.array as Typed & { slice(): ArrayBufferView };
  place(skeleton, piece.total === undefined ? { path: piece.path, array: a.slice() } : piece);
  return a.buffer as ArrayBuffer;
}

/** The spare buffer of a piece that is not placed (a run no longer held): still handed back. */
export function spareOf(piece: Piece): ArrayBuffer | null {
  return 'array' in piece && piece.spare ? (piece.array.buffer as ArrayBuffer) : null;
}

/**
 * Wait for the next task (not a microtask): the page draws and handles input between two
 * pieces. scheduler.postTask where there is one — setTimeout(0) is clamped to 4 ms once nested,
 * which would add seconds over hundreds of pieces.
 */
export function nextTask(): Promise<void> {
  const s = (globalThis as { scheduler?: { postTask?: (f: () => void) => Promise<void> } })
    .scheduler;
  if (s?.postTask) return s.postTask(() => undefined);
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * Wall time per task of a hand-over: pieces are sent until it is spent (then the next task).
 * One piece per task made ~260 tasks of well under a millisecond each for the row-query
 * worker's million-account run (a spare-buffer copy of 1 MB ~0.2 ms, a slice of 10,000
 * strings ~0.2–1.5 ms to clone), each paying a task's and a message's overhead and, on a
 * loaded machine, a wait for the CPU.
 */
export const SEND_BUDGET_MS = 4;
/** Pieces per task at most: no more typed-array pieces than the spare pool keeps. */
export const SEND_MAX_PIECES = 8;

/** How `sendInTasks` paces a hand-over; every field has a default. */
export interface SendOptions {
  /** False once the hand-over is no longer wanted: checked before each task. */
  live?: () => boolean;
  /** Each task's span (start, end), after its pieces were sent. */
  onTask?: (start: number, end: number) => void;
  /** Wall time per task, ms (`SEND_BUDGET_MS`). */
  budgetMs?: number;
  /** Pieces per task at most (`SEND_MAX_PIECES`). */
  maxPieces?: number;
  /** Awaited before each task: a receiver's flow control (see `SendWindow`). */
  ready?: () => Promise<void>;
}

/**
 * Send `pieces` in order, a few per task (each task from `nextTask`, so the page draws and
 * handles input between two): as many as fit in `budgetMs` of wall time, at most `maxPieces`.
 * Stops before a task when `live()` is false (false returned).
 */
export async function sendInTasks(
  pieces: readonly Piece[],
  send: (p: Piece) => void,
  opts: SendOptions = {},
): Promise<boolean> {
  const { live, onTask, ready } = opts;
  const budgetMs = opts.budgetMs ?? SEND_BUDGET_MS;
  const maxPieces = opts.maxPieces ?? SEND_MAX_PIECES;
  let i = 0;
  while (i < pieces.length) {
    if (ready) await ready();
    await nextTask();
    if (live && !live()) return false;
    const t0 = performance.now();
    const end = Math.min(pieces.length, i + maxPieces);
    do send(pieces[i++]);
    while (i < end && performance.now() - t0 < budgetMs);
    onTask?.(t0, performance.now());
  }
  return true;
}

/**
 * Flow control of a hand-over: the sender counts the tasks of pieces it sent (`sent()`, with a
 * `sync` message to the receiver after each) and the receiver answers each `sync` once it has
 * placed what came before it (`synced(n)`); `ready()` resolves while at most `window` tasks'
 * pieces are not yet answered. Without it the page posts faster than a loaded worker places,
 * and the worker's queue of pieces outlives the page: after a reload the old page's run worker
 * went on placing its backlog for ~2 s (Chrome stops a dedicated worker of a closed page only
 * between its tasks or after ~2 s), on the new page's cores. `close()` releases every waiter.
 * `key` names the hand-over: an answer carrying another key (one still in flight for an earlier
 * hand-over, which counted its tasks from 1 too) is not this window's and is ignored.
 */
export class SendWindow {
  private n = 0;
  private done = 0;
  private closed = false;
  private waiters: (() => void)[] = [];
  constructor(
    private readonly window = 2,
    readonly key = 0,
  ) {}
  /** One more task's pieces sent; its number, for the receiver's answer. */
  sent(): number {
    return ++this.n;
  }
  /** The receiver placed everything up to task `n` of hand-over `key`. */
  synced(n: number, key = this.key): void {
    if (key !== this.key) return;
    if (n > this.done) this.done = n;
    this.wake();
  }
  /** Tasks sent and not yet answered. */
  get pending(): number {
    return this.n - this.done;
  }
  ready(): Promise<void> {
    if (this.closed || this.n - this.done < this.window) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }
  close(): void {
    this.closed = true;
    this.wake();
  }
  private wake(): void {
    if (!this.closed && this.n - this.done >= this.window) return;
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}

/** A packed piece as the strings piece it stands for (decoded here, in the worker); others as they are. */
export function unpackPiece(p: Piece): Exclude<Piece, { packed: PackedDict }> {
  if (!('packed' in p)) return p;
  return { path: p.path, strings: packedValues(p.packed), from: p.from, total: p.total };
}

/** Put a received piece into the skeleton. */
export function place(skeleton: unknown, piece: Piece): void {
  const p = unpackPiece(piece);
  const walkTo = (path: Path) => {
    let at = skeleton as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) at = at[path[i]] as Record<string | number, unknown>;
    return at;
  };
  const at = walkTo(p.path);
  const last = p.path[p.path.length - 1];
  if ('same' in p) {
    // Sent in full before this piece (split orders them so): the one list, as on the page.
    const list = walkTo(p.same)[p.same[p.same.length - 1]];
    if (!Array.isArray(list))
      throw new Error(`piece ${p.path.join('.')}: ${p.same.join('.')} not received`);
    at[last] = list;
    return;
  }
  if ('array' in p) {
    if (p.total === undefined) at[last] = p.array;
    else {
      // A slice of a big typed array: the first to arrive makes the whole one, of its type.
      let whole = at[last] as Typed | null;
      if (!whole) {
        const Ctor = p.array.constructor as new (n: number) => Typed;
        at[last] = whole = new Ctor(p.total);
      }
      whole.set(p.array, p.from ?? 0);
    }
    return;
  }
  let list = at[last] as string[] | null;
  if (!list) at[last] = list = new Array<string>(p.total);
  for (let i = 0; i < p.strings.length; i++) list[p.from + i] = p.strings[i];
}
