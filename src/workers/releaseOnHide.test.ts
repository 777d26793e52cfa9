import { describe, expect, it } from 'vitest';
import {
  bigBuffers,
  onPageHide,
  RELEASE_MIN_BYTES,
  releaseBuffers,
  releaseOnHide,
  type ReleaseSink,
} from './releaseOnHide';

const MB = 1 << 20;
/** A sink that transfers for real (Node detaches what a MessagePort's postMessage transfers). */
function portSink(): ReleaseSink & { sent: number; close(): void } {
  const ch = new MessageChannel();
  const s = {
    sent: 0,
    postMessage(m: unknown, transfer: Transferable[]) {
      ch.port1.postMessage(m, transfer);
      s.sent++;
    },
    close: () => ch.port1.close(),
  };
  return s;
}

describe('the big buffers a page holds', () => {
  it('are found through objects, arrays and maps, once each, without calling getters', () => {
    const shared = new ArrayBuffer(2 * MB);
    const small = new Float64Array(16);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const table = {
      rowCount: 3,
      columns: {
        score: { type: 'number', values: new Float64Array(MB / 8) },
        a: { values: new Int32Array(shared, 0, 1024) },
        b: { values: new Uint8Array(shared, 4096) },
        small: { values: small },
      },
      cycle,
    };
    Object.defineProperty(table.columns.a, 'dict', {
      enumerable: true,
      get() {
        throw new Error('a lazy column was decoded');
      },
    });
    const run = {
      result: [new DataView(new ArrayBuffer(RELEASE_MIN_BYTES))],
      byKey: new Map([['x', { arr: new Float32Array(MB / 4) }]]),
      long: Array.from({ length: 5000 }, () => new Uint8Array(0)).concat([new Uint8Array(MB)]),
      raw: new ArrayBuffer(RELEASE_MIN_BYTES - 1),
    };
    const found = bigBuffers([table, run, null, 'x']);
    expect(found).toHaveLength(4);
    expect(found).toContain(shared);
    expect(found).toContain(table.columns.score.values.buffer);
    expect(found).toContain(run.result[0].buffer);
    expect(found).toContain(run.byKey.get('x')!.arr.buffer);
    expect(found).not.toContain(small.buffer);
    expect(found).not.toContain(run.raw);
  });
});

describe('pagehide', () => {
  it('a page that is not kept hands its big buffers over (detached here); small ones stay', () => {
    const col = new Float64Array(MB / 8).fill(1);
    const small = new Int32Array([1, 2, 3]);
    let held: unknown = { columns: { x: { values: col }, y: { values: small } } };
    releaseOnHide(() => held);
    const sink = portSink();
    expect(onPageHide({ persisted: false }, sink)).toBe(MB);
    expect(col.buffer.byteLength).toBe(0);
    expect(small.buffer.byteLength).toBe(12);
    expect([...small]).toEqual([1, 2, 3]);
    held = null;
    sink.close();
  });

  it('a page kept in the back/forward cache keeps everything', () => {
    const col = new Float64Array(MB / 8).fill(2);
    let held: unknown = [col];
    releaseOnHide(() => held);
    const sink = portSink();
    expect(onPageHide({ persisted: true }, sink)).toBe(0);
    expect(sink.sent).toBe(0);
    expect(col.byteLength).toBe(MB);
    expect(col[MB / 8 - 1]).toBe(2);
    // No sink made yet (the data came too late): nothing happens either.
    expect(onPageHide({ persisted: false }, null)).toBe(0);
    expect(col.byteLength).toBe(MB);
    held = null;
    sink.close();
  });

  it('a buffer that cannot be transferred keeps the others going', () => {
    const a = new ArrayBuffer(MB);
    const b = new ArrayBuffer(MB);
    const c = new ArrayBuffer(MB);
    const inner = portSink();
    const sink: ReleaseSink = {
      postMessage(m, transfer) {
        if (transfer.includes(b)) throw new DOMException('not transferable', 'DataCloneError');
        inner.postMessage(m, transfer);
      },
    };
    expect(releaseBuffers(sink, [{ a, b, c }])).toBe(2 * MB);
    expect(a.byteLength).toBe(0);
    expect(b.byteLength).toBe(MB);
    expect(c.byteLength).toBe(0);
    inner.close();
  });
});
