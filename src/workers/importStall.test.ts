import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importAccountFile } from '../data';
import { demoContract, utf8 } from '../data/testing/helpers';
import { generateDemoTable } from '../data/demo/generate';
import { tableToCsv } from '../data/tableCsv';
import { STREAM_STALL } from '../data/parallelImport';
import type { ImportRequest, ImportResponse } from './protocol';

/**
 * The browser's one pass (import.worker.ts, driven through a stand-in `self`) over a picked File
 * whose byte stream stops answering a read — as Chromium's did now and then on the 1M demo file
 * with Import clicked at once (session 25 ihang): the import used to wait forever ("Parsing…
 * 27%"). It must end: with the same table (a new stream from where the window starts), or
 * `unreadable` (the page then sends the bytes it read at the pick) — never no answer.
 */
describe('import.worker.ts: a File stream that stalls', () => {
  const csv = tableToCsv(generateDemoTable({ rows: 25_000, seed: 5 }), demoContract, {});
  const bytes = utf8(csv);
  const want = importAccountFile(bytes.slice(), 'stall.csv', demoContract, {});
  const posted: ImportResponse[] = [];
  let send: (m: ImportRequest) => Promise<void>;
  const saved = { ...STREAM_STALL };
  beforeAll(async () => {
    const fake = {
      postMessage: (m: ImportResponse) => posted.push(m),
      onmessage: null as null | ((ev: { data: ImportRequest }) => Promise<void>),
    };
    (globalThis as { self?: unknown }).self = fake;
    await import('./import.worker');
    send = (m) => fake.onmessage!({ data: m });
  });
  afterAll(() => {
    delete (globalThis as { self?: unknown }).self;
  });
  afterEach(() => Object.assign(STREAM_STALL, saved));

  /**
   * A File of `bytes`: its streams (of the whole or of a slice) give 64 KB chunks, and a
   * stream opened as the `n`-th (from 1) whose `stalls(n)` is k never answers its k-th pull.
   */
  function stallingFile(stalls: (n: number) => number) {
    const opened: number[] = [];
    const blobOf = (from: number, to: number): Blob =>
      ({
        size: to - from,
        slice: (a = 0, b = to - from) =>
          blobOf(from + a, Math.min(to, from + Math.min(b, to - from))),
        // (never read whole: a table from a whole read would hide bytes lost between streams)
        arrayBuffer: async () => {
          if (to - from === bytes.length) throw new Error('whole read');
          return bytes.slice(from, to).buffer;
        },
        stream: () => {
          opened.push(from);
          const stallAt = stalls(opened.length);
          let at = from;
          let pulls = 0;
          return new ReadableStream({
            type: 'bytes',
            pull(c: ReadableByteStreamController) {
              if (++pulls === stallAt) return new Promise<void>(() => {});
              if (at >= to) {
                c.close();
                c.byobRequest?.respond(0);
                return;
              }
              const n = Math.min(64 << 10, to - at);
              c.enqueue(bytes.slice(at, at + n) as Uint8Array<ArrayBuffer>);
              at += n;
            },
          });
        },
      }) as unknown as Blob;
    return { blob: blobOf(0, bytes.length), opened };
  }

  async function importOf(blob: Blob) {
    posted.length = 0;
    await send({
      type: 'import',
      id: 1,
      files: [{ name: 'stall.csv', blob, size: bytes.length }],
      contract: demoContract,
      parts: 1, // one pass (Node 20 has no navigator to count cores)
    });
    return posted.filter((m) => m.type !== 'progress');
  }

  it('a stalled read: the file read again from the window in a new stream, the same table', async () => {
    STREAM_STALL.ms = 40;
    expect(bytes.length).toBeGreaterThan(4 << 20); // the block import's streamed path
    // The whole file's stream stalls at its 30th pull (~1.9 MB in), the first new one at its 5th.
    const { blob, opened } = stallingFile((n) => (n === 1 ? 30 : n === 2 ? 5 : 0));
    const got = await importOf(blob);
    expect(got.map((m) => m.type)).toEqual(['imported']);
    expect((got[0] as { rowCount: number }).rowCount).toBe(want.table.rowCount);
    expect((got[0] as { reports: unknown[] }).reports[0]).toEqual(want.report);
    expect(opened.length).toBe(3);
    expect(opened[1]).toBeGreaterThan(0);
    expect(opened[2]).toBeGreaterThanOrEqual(opened[1]);
  });

  it('every stream stalling: `unreadable` (the page sends its bytes), not a wait forever', async () => {
    STREAM_STALL.ms = 40;
    const { blob, opened } = stallingFile(() => 10);
    const got = await importOf(blob);
    expect(got.map((m) => m.type)).toEqual(['unreadable']);
    expect(opened.length).toBe(1 + STREAM_STALL.reopens);
  });
});
