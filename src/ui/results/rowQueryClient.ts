import type { RowSource } from './accountRows';
import {
  joinPiece,
  RowQueryServer,
  splitRun,
  type RowQueryArgs,
  type RowQueryRequest,
  type RankedList,
  type RowQueryResponse,
} from './rowQuery';
import { sendInTasks, SpareBuffers } from '../../workers/pieces';

/**
 * The page's end of the row-query worker. One worker per run, kept while the run is shown
 * (switching tabs does not reload it); a new run terminates the old one. Without Worker (unit
 * tests) the same server runs in-process.
 */
export class RowQueryClient {
  private seq = 0;
  private waiting = new Map<number, (rows: Int32Array | null, err?: string) => void>();
  private send: (m: RowQueryRequest, transfer?: Transferable[]) => void;
  private worker: Worker | null = null;
  private disposed = false;
  private unlisten: (() => void) | null = null;
  /** Time the last answer took in the worker (ms), for the benchmark's marks. */
  lastMs = 0;
  /** Of the queries waiting, those that asked to hear of a sort waiting for its ranks. */
  private onRanking = new Map<number, (list: RankedList) => void>();
  /** Each answer's query id, for `drawn`. */
  private answerIds = new WeakMap<Int32Array, number>();

  /** A message from the worker (or the in-process server). */
  private readonly receive: (m: RowQueryResponse) => void;

  constructor(src: RowSource) {
    const receive = (this.receive = (m: RowQueryResponse) => {
      if (m.type === 'spare') return spares.give(m.buffer);
      // On the page's timeline, for the bench (a few per run).
      if (m.type === 'note')
        return void performance.mark(`waymark:${m.event}`, {
          startTime: m.at - performance.timeOrigin,
        });
      if (m.type === 'ranking') return void this.onRanking.get(m.id)?.(m.list);
      const w = this.waiting.get(m.id);
      this.onRanking.delete(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.type === 'rows') {
        this.lastMs = m.ms;
        this.answerIds.set(m.rows, m.id);
        w(m.rows);
      } else if (m.type === 'superseded') w(null);
      else w(null, m.message);
    });
    if (typeof Worker === 'undefined') {
      const server = new RowQueryServer(receive, (f) => queueMicrotask(f));
      this.send = (m) => server.handle(m);
    } else {
      const worker = new Worker(new URL('./rowQuery.worker.ts', import.meta.url), {
        type: 'module',
      });
      worker.onmessage = (ev: MessageEvent<RowQueryResponse>) => receive(ev.data);
      worker.onerror = (ev) => {
        for (const w of this.waiting.values()) w(null, ev.message || 'query worker crashed');
        this.waiting.clear();
      };
      this.worker = worker;
      this.send = (m, transfer = []) => worker.postMessage(m, transfer);
      // A key or a click pauses the worker's ranking ahead before the page renders the change
      // (the query it causes is sent after the render), so the page does not share the cores
      // with it while handling the input.
      if (typeof window !== 'undefined') {
        const input = () => worker.postMessage({ type: 'input' } satisfies RowQueryRequest);
        for (const t of INPUT_EVENTS) window.addEventListener(t, input, LISTEN);
        this.unlisten = () => {
          for (const t of INPUT_EVENTS) window.removeEventListener(t, input, LISTEN);
        };
      }
    }
    void this.load(src);
  }

  /**
   * Send the run in pieces, a few per task (`sendInTasks`; queries sent meanwhile wait in the
   * worker for the last one), the typed arrays copied into the pool's buffers the worker hands
   * back (`SpareBuffers`: no fresh buffer faulted in per MB). Marks the hand-over's longest
   * task on the page as `waymark:row-query-load`, read by `npm run bench -- ui`.
   */
  private async load(src: RowSource): Promise<void> {
    const t0 = performance.now();
    const { skeleton, pieces } = splitRun(src);
    this.send({ type: 'hold', skeleton, pieces: pieces.length });
    let longest = { start: t0, end: performance.now() };
    const sent = await sendInTasks(
      pieces,
      (p) => {
        const { piece, transfer } = spares.detach(joinPiece(p));
        this.send({ type: 'piece', piece }, transfer);
      },
      {
        live: () => !this.disposed,
        onTask: (start, end) => {
          if (end - start > longest.end - longest.start) longest = { start, end };
        },
      },
    );
    if (sent) performance.measure('waymark:row-query-load', longest);
  }

  get inWorker(): boolean {
    return this.worker !== null;
  }

  /**
   * Rows of the query, or null when a newer query replaced it before it was answered.
   * `ranking` hears if its sort waits for the collation ranks of a list (before the rows).
   */
  query(q: RowQueryArgs, ranking?: (list: RankedList) => void): Promise<Int32Array | null> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (rows, err) => (err ? reject(new Error(err)) : resolve(rows)));
      if (ranking) this.onRanking.set(id, ranking);
      this.send({ type: 'query', id, ...q });
    });
  }

  /**
   * The page has drawn these rows (an answer of this client): the worker's warm-up, held since
   * it answered, may go on. An older answer's rows (drawn again from the table's memory) say
   * nothing of the newest one's and are ignored there.
   */
  drawn(rows: Int32Array): void {
    const id = this.answerIds.get(rows);
    if (id !== undefined && !this.disposed) this.send({ type: 'drawn', id });
  }

  dispose(): void {
    this.disposed = true;
    this.unlisten?.();
    this.worker?.terminate();
    this.worker = null;
    for (const w of this.waiting.values()) w(null);
    this.waiting.clear();
    this.onRanking.clear();
  }
}

/** The pieces' buffers, handed back by the row-query worker once placed (one live client). */
const spares = new SpareBuffers();

const INPUT_EVENTS = ['keydown', 'pointerdown'] as const;
const LISTEN = { capture: true, passive: true } as const;

/** The one live client: a run's table reuses it across tab switches; another run replaces it. */
let current: { key: object; client: RowQueryClient } | null = null;

export function rowQueryFor(key: object, src: () => RowSource): RowQueryClient {
  if (current?.key === key) return current.client;
  current?.client.dispose();
  current = { key, client: new RowQueryClient(src()) };
  return current.client;
}
