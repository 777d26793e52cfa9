import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  disposeLayoutWorker,
  layoutInWorker,
  LayoutCancelledError,
  LayoutTimeoutError,
  warmLayoutWorker,
  warmUpDiagram,
} from './layoutClient';
import { BIG_GRAPH } from './elkOptions';
import { diagram } from '../analysis/testing/build';
import { runElk } from './runElk';
import { fromElk } from './elkAdapter';
import type { LayoutRequest } from './elk.worker';

/** A stand-in for the layout worker: answers with real ELK, never, or with an error. */
class FakeWorker {
  terminated = false;
  posts = 0;
  private listeners = new Map<string, Set<(ev: unknown) => void>>();
  constructor(private mode: 'elk' | 'hang' | 'fail') {}
  addEventListener(type: string, l: (ev: unknown) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: (ev: unknown) => void) {
    this.listeners.get(type)?.delete(l);
  }
  postMessage(req: LayoutRequest) {
    this.posts++;
    if (this.mode === 'hang') return;
    const send = (data: unknown) =>
      !this.terminated && this.listeners.get('message')?.forEach((l) => l({ data }));
    if (this.mode === 'fail') setTimeout(() => send({ id: req.id, ok: false, error: 'boom' }), 1);
    else
      void runElk(req.graph).then((graph) =>
        send({ id: req.id, ok: true, result: fromElk(graph), ms: 1 }),
      );
  }
  terminate() {
    this.terminated = true;
  }
}

const d = diagram(['a', 'b', 'c'], ['a>c', 'b>c']);

describe('layout in a worker', () => {
  afterEach(() => disposeLayoutWorker());

  it('returns positions and routes from the worker', async () => {
    const w = new FakeWorker('elk');
    const r = await layoutInWorker(d, {}, { factory: () => w as unknown as Worker }).result;
    expect(Object.keys(r.positions).sort()).toEqual(['a', 'b', 'c']);
    expect(r.routes.e0.length).toBeGreaterThanOrEqual(2);
  });

  it('terminates the worker and rejects when the deadline passes', async () => {
    const w = new FakeWorker('hang');
    const run = layoutInWorker(d, {}, { deadlineMs: 30, factory: () => w as unknown as Worker });
    await expect(run.result).rejects.toBeInstanceOf(LayoutTimeoutError);
    expect(w.terminated).toBe(true);
  });

  it('cancel() terminates the worker and rejects; the next run starts a fresh worker', async () => {
    const w = new FakeWorker('hang');
    const run = layoutInWorker(d, {}, { factory: () => w as unknown as Worker });
    run.cancel();
    await expect(run.result).rejects.toBeInstanceOf(LayoutCancelledError);
    expect(w.terminated).toBe(true);
    const fresh = new FakeWorker('elk');
    await expect(
      layoutInWorker(d, {}, { factory: () => fresh as unknown as Worker }).result,
    ).resolves.toBeTruthy();
    expect(fresh.terminated).toBe(false);
  });

  it('passes the worker error on', async () => {
    const w = new FakeWorker('fail');
    await expect(
      layoutInWorker(d, {}, { factory: () => w as unknown as Worker }).result,
    ).rejects.toThrow('boom');
  });

  it('warms up on a graph that takes the big-graph options, in the worker, and the worker is reused', async () => {
    const w = warmUpDiagram();
    expect(w.nodes.length).toBeGreaterThan(BIG_GRAPH);
    const ids = new Set(w.nodes.map((n) => n.id));
    expect(
      w.edges.every((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target),
    ).toBe(true);
    const made: FakeWorker[] = [];
    const factory = () => {
      const fw = new FakeWorker('elk');
      made.push(fw);
      return fw as unknown as Worker;
    };
    warmLayoutWorker(factory);
    await expect(layoutInWorker(d, {}, { factory }).result).resolves.toBeTruthy();
    // Three warm-up runs, one after the other, plus the real one, all in the same worker.
    await vi.waitFor(() => expect(made[0].posts).toBe(4), { timeout: 10_000 });
    expect(made).toHaveLength(1);
  });
});
