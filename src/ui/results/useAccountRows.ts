import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RowSource } from './accountRows';
import { queryRows, type RankedList, type RowQueryArgs } from './rowQuery';
import { rowQueryFor, type RowQueryClient } from './rowQueryClient';

/**
 * From this many accounts the table's queries run in the row-query worker: below it a query
 * takes a few milliseconds on the page, and answering at once keeps small lists instant.
 */
export const WORKER_MIN_ROWS = 20_000;

export interface AccountRows {
  rows: Int32Array;
  /** A query is being computed; `rows` is the previous answer until it arrives. */
  pending: boolean;
  /** The query pending changes the sort only (the filters and search are the shown answer's). */
  sorting: boolean;
  /**
   * The pending query's sort waits for the worker to put this list in collation order (once
   * per run: the names' ranking takes seconds at a million accounts on a loaded machine).
   */
  ranking?: RankedList;
  inWorker: boolean;
  error?: string;
  /**
   * Send the query of `args` now, from an input's handler, before React renders the input:
   * the worker starts on it while the page draws the key (the render's effect sends it
   * otherwise). Args the next render does not ask for are answered and never shown.
   */
  request: (args: RowQueryArgs) => void;
}

/**
 * The rows the account table shows. Large runs ask the worker; every change of filter, search
 * or sort sends a query, and only the newest one's answer is shown (older ones are dropped in
 * the worker before they run). Marks `waymark:rows` (query sent → rows drawn) for the benchmark.
 */
export function useAccountRows(src: RowSource, args: RowQueryArgs): AccountRows {
  const big = src.r.rowCount >= WORKER_MIN_ROWS;
  const key = JSON.stringify(args);
  const small = useMemo(
    () => (big ? null : queryRows(src, args)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- args by value (key)
    [big, src, key],
  );
  const client = useMemo(() => (big ? rowQueryFor(src.r, () => src) : null), [big, src]);
  // A table drawn again for the same run (back from an account page, another tab and back)
  // starts from the answer it last drew: with the same query it is shown at once and not asked
  // again (no pending state, no second draw); with another it is the previous answer meanwhile.
  const [got, setGot] = useState<{
    rows: Int32Array;
    key: string;
    client: object;
    error?: string;
  } | null>(() => (client && lastDrawn.get(client)) || null);
  const sent = useRef(0);
  // The newest query's word that its sort waits for a list's ranks (by its key).
  const [ranking, setRanking] = useState<{ key: string; list: RankedList } | null>(null);
  // The last query sent (by a handler or the effect) and to which client.
  const last = useRef<{ key: string; client: object } | null>(got);
  const send = (c: RowQueryClient, q: RowQueryArgs, k: string) => {
    if (last.current?.key === k && last.current.client === c) return;
    last.current = { key: k, client: c };
    const t0 = performance.now();
    const mine = ++sent.current;
    const waits = (list: RankedList) => {
      if (mine === sent.current) setRanking({ key: k, list });
    };
    c.query(q, waits).then(
      (rows) => {
        if (rows && mine === sent.current) {
          const answer = { rows, key: k, client: c };
          lastDrawn.set(c, answer);
          setGot(answer);
          // Measured once the rows are on screen (after React's commit and the next frame).
          requestAnimationFrame(() =>
            performance.measure('waymark:rows', { start: t0, end: performance.now() }),
          );
        }
      },
      (e: unknown) => {
        if (mine === sent.current)
          setGot((g) => ({
            rows: g?.client === c ? g.rows : EMPTY,
            key: k,
            client: c,
            error: e instanceof Error ? e.message : String(e),
          }));
      },
    );
  };
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (client) sendRef.current(client, args, key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- args by value (key)
  }, [client, key]);
  const request = useCallback(
    (q: RowQueryArgs) => {
      if (client) sendRef.current(client, q, JSON.stringify(q));
    },
    [client],
  );
  // Rows of another run index another table: never drawn, even while the new answer is pending.
  const ours = got && got.client === client ? got : null;
  const shown = ours?.rows;
  // Once the answer is on screen (its commit, then the frame after it), the worker is told: its
  // own work waits for that, so the page's draw does not share the cores with it.
  useEffect(() => {
    if (!client || !shown) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => client.drawn(shown), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [client, shown]);
  if (small) return { rows: small, pending: false, sorting: false, inWorker: false, request };
  const pending = ours?.key !== key;
  return {
    rows: ours?.rows ?? EMPTY,
    pending,
    sorting: pending && !!ours && sameButSort(ours.key, key),
    ranking: pending && ranking?.key === key ? ranking.list : undefined,
    inWorker: client?.inWorker ?? false,
    error: ours?.key === key ? ours.error : undefined,
    request,
  };
}

const EMPTY = new Int32Array(0);

/** Two queries' keys (JSON of RowQueryArgs) that differ in their sort only. */
export function sameButSort(a: string, b: string): boolean {
  const drop = (k: string) => {
    const { sort: _sort, ...rest } = JSON.parse(k) as RowQueryArgs;
    return JSON.stringify(rest);
  };
  return a !== b && drop(a) === drop(b);
}

/**
 * The newest answer each client's table got (a client is one run's: another run's table
 * never reads it). Its rows are the worker's answer to that key, so showing them again for the
 * same key shows what asking again would.
 */
const lastDrawn = new WeakMap<object, { rows: Int32Array; key: string; client: object }>();
