/** A request without its id (the asker numbers it), kept a union of the request kinds. */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * One worker started on the first question, answering requests by id (historyClient,
 * previewClient). A crash rejects every waiting question and the next question starts a new
 * worker; `close` stops it (what it read goes with it). `onAnswer` runs after each answer.
 */
export function workerAsker<Req extends { id: number }, Rep extends { id: number }>(
  name: string,
  factory: () => Worker,
  onAnswer: () => void = () => undefined,
) {
  let worker: Worker | null = null;
  let seq = 0;
  const waiting = new Map<number, { resolve: (r: Rep) => void; reject: (e: Error) => void }>();

  function close(): void {
    worker?.terminate();
    worker = null;
    for (const w of waiting.values()) w.reject(new Error(`${name} worker closed`));
    waiting.clear();
  }

  function ask(req: WithoutId<Req>): Promise<Rep> {
    if (!worker) {
      worker = factory();
      worker.onmessage = (ev: MessageEvent<Rep>) => {
        waiting.get(ev.data.id)?.resolve(ev.data);
        waiting.delete(ev.data.id);
        onAnswer();
      };
      worker.onerror = (ev) => {
        const e = new Error(ev.message || `${name} worker crashed`);
        for (const w of waiting.values()) w.reject(e);
        waiting.clear();
        worker?.terminate();
        worker = null;
      };
    }
    const id = ++seq;
    const w = worker;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ ...req, id });
    });
  }

  return { ask, close, waiting: () => waiting.size };
}
