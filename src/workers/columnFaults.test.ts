import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the fault worker: records what it is sent; the test fires its events. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  posted: unknown[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
}

/** columnFaults with its module state fresh (the spare and the current file are module-wide). */
async function fresh() {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.resetModules();
  return import('./columnFaults');
}

afterEach(() => vi.unstubAllGlobals());

describe('the fault worker started ahead', () => {
  it('is the one the next preview asks, not a second worker', async () => {
    const cf = await fresh();
    const ready = cf.prestartFaultWorker();
    const spare = FakeWorker.made[0];
    spare.onmessage!({ data: { ready: 5 } } as MessageEvent);
    await ready;
    cf.faultColumns('a.csv:100', [4096, 8192]);
    expect(FakeWorker.made).toHaveLength(1);
    expect(spare.posted).toEqual([{ sizes: [4096, 8192], queue: false }]);
    expect(cf.faultStats.ready).toBe(5);
    cf.releaseColumns();
  });

  it('that failed to load is not handed to the next preview, which starts its own', async () => {
    const cf = await fresh();
    const ready = cf.prestartFaultWorker();
    const dead = FakeWorker.made[0];
    dead.onerror!(new Event('error'));
    await ready; // resolves: only an aid
    cf.faultColumns('a.csv:100', [4096]);
    expect(FakeWorker.made).toHaveLength(2);
    expect(dead.posted).toEqual([]);
    expect(FakeWorker.made[1].posted).toEqual([{ sizes: [4096], queue: false }]);
    cf.releaseColumns();
  });
});
