import { describe, expect, it } from 'vitest';
import { workerAsker } from './workerAsk';

type Req = { id: number; n: number };
type Rep = { id: number; twice: number };

/** A worker stand-in: answers each question after `delay` ms (later questions may answer first). */
class FakeWorker {
  static made = 0;
  onmessage: ((ev: MessageEvent<Rep>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.made++;
  }
  postMessage(m: Req) {
    setTimeout(() => {
      if (!this.terminated)
        this.onmessage?.({ data: { id: m.id, twice: m.n * 2 } } as MessageEvent<Rep>);
    }, 10 - m.n);
  }
  crash() {
    this.onerror?.({ message: 'boom' } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('workerAsker', () => {
  it('gives each question its own answer, whatever order they come back in', async () => {
    let w: FakeWorker | null = null;
    const a = workerAsker<Req, Rep>('t', () => (w = new FakeWorker()) as unknown as Worker);
    const got = await Promise.all([1, 2, 3, 4].map((n) => a.ask({ n })));
    expect(got.map((r) => r.twice)).toEqual([2, 4, 6, 8]);
    expect(w).not.toBeNull();
    expect(a.waiting()).toBe(0);
  });

  it('rejects what waits when the worker crashes or is closed, and starts a new one after', async () => {
    const made: FakeWorker[] = [];
    let answers = 0;
    const a = workerAsker<Req, Rep>(
      't',
      () => {
        const w = new FakeWorker();
        made.push(w);
        return w as unknown as Worker;
      },
      () => answers++,
    );
    const p = a.ask({ n: 1 });
    made[0].crash();
    await expect(p).rejects.toThrow('boom');
    expect(made[0].terminated).toBe(true);
    expect((await a.ask({ n: 5 })).twice).toBe(10);
    expect(made).toHaveLength(2);
    const q = a.ask({ n: 2 });
    a.close();
    await expect(q).rejects.toThrow('t worker closed');
    expect(made[1].terminated).toBe(true);
    expect(answers).toBe(1);
  });
});
