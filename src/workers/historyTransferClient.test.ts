import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransferReply, TransferRequest } from './historyTransfer.worker';
import type { TransferProgress } from './historyTransferOps';

/**
 * The page's side of a history import against a stand-in worker: a cancel before the runs are
 * stored terminates the worker and rejects; once the worker says `save` the page sends the
 * go-ahead and a cancel is refused (the import stores all its runs or none).
 */
let last: FakeWorker | null = null;

// What the page discards after it stops a worker (the runs the import staged, unseen).
const discarded: string[] = [];
vi.mock('../store/stagedImport', () => ({
  stagingId: (p: string) => `staging:1:${p}`,
  discardStagedImport: async (s: string) => void discarded.push(s),
}));

class FakeWorker {
  onmessage: ((ev: MessageEvent<TransferReply>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  got: TransferRequest[] = [];
  terminated = false;
  postMessage(m: TransferRequest) {
    this.got.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  say(m: TransferReply) {
    this.onmessage?.({ data: m } as MessageEvent<TransferReply>);
  }
}

async function start() {
  vi.stubGlobal('Worker', FakeWorker);
  const { importInWorker, setTransferWorkerFactory } = await import('./historyTransferClient');
  setTransferWorkerFactory(() => {
    last = new FakeWorker();
    return last as unknown as Worker;
  });
  const seen: TransferProgress[] = [];
  const target = { playbookName: 'p', fingerprint: 'f', stored: [] };
  const job = importInWorker('proj', target, [], (p) => seen.push(p));
  return { job, w: last!, seen };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  last = null;
  discarded.length = 0;
});

describe('importInWorker', () => {
  it('a cancel while runs are read stops the worker and rejects; nothing is sent to save', async () => {
    const { job, w, seen } = await start();
    w.say({
      type: 'progress',
      progress: { phase: 'check', done: 0, total: 3, asOf: '2026-01-01' },
    });
    expect(seen).toHaveLength(1);
    expect(job.cancel()).toBe(true);
    expect(w.terminated).toBe(true);
    await expect(job.done).rejects.toThrow('cancelled');
    expect(w.got.map((m) => m.type)).toEqual(['import']);
    // What it staged so far is discarded by the page (the worker is gone).
    expect(w.got[0]).toMatchObject({ staging: 'staging:1:proj' });
    expect(discarded).toEqual(['staging:1:proj']);
    // And once more later, for a write the worker sent before it was stopped.
    await vi.advanceTimersByTimeAsync(5000);
    expect(discarded).toEqual(['staging:1:proj', 'staging:1:proj']);
  });

  it('once the worker stores the runs, the go-ahead is sent and a cancel is refused', async () => {
    const { job, w } = await start();
    w.say({ type: 'progress', progress: { phase: 'save', done: 0, total: 2 } });
    expect(w.got.map((m) => m.type)).toEqual(['import', 'save']);
    expect(job.cancel()).toBe(false);
    expect(w.terminated).toBe(false);
    const report = { ok: true as const, file: 'manifest.json', imported: ['a', 'b'], skipped: [] };
    w.say({ type: 'imported', report });
    await expect(job.done).resolves.toEqual(report);
    expect(w.terminated).toBe(true);
    expect(discarded).toEqual([]);
  });

  it('a worker that fails rejects with its message, and a crash with the error’s', async () => {
    const a = await start();
    a.w.say({ type: 'failed', message: 'out of memory' });
    await expect(a.job.done).rejects.toThrow('out of memory');
    expect(a.job.cancel()).toBe(false);
    const b = await start();
    b.w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(b.job.done).rejects.toThrow('boom');
    // A failure the worker reports, it cleaned up itself; after a crash the page does.
    expect(discarded).toEqual(['staging:1:proj']);
  });
});
