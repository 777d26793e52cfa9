import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, ImportError, type ImportOptions } from './';
import { importAccountBlocksAsync } from './importStream';
import { STREAM_STALL, streamSource } from './parallelImport';
import { demoContract, sjis, utf8 } from './testing/helpers';
import { exact } from './testing/fuzz';

/**
 * The browser's one pass (import.worker.ts): a picked File's byte stream read into a reused
 * window (streamSource), parsed by the block import (importAccountBlocksAsync). It must give
 * exactly importAccountFile's table and report, wherever the stream's chunks and the blocks fall.
 */

/** A byte stream of `bytes` in chunks of the given sizes (cycled), each after a random delay. */
function chunked(bytes: Uint8Array, sizes: number[], delays: number[]) {
  let at = 0;
  let k = 0;
  const stats = { pulls: 0 };
  const stream = new ReadableStream({
    type: 'bytes',
    async pull(c: ReadableByteStreamController) {
      stats.pulls++;
      const wait = delays.length ? delays[k % delays.length] : 0;
      if (wait) await new Promise((r) => setTimeout(r, wait));
      if (at >= bytes.length) {
        c.close();
        c.byobRequest?.respond(0);
        return;
      }
      const n = Math.max(1, sizes.length ? sizes[k++ % sizes.length] : bytes.length);
      c.enqueue(bytes.slice(at, Math.min(bytes.length, at + n)) as Uint8Array<ArrayBuffer>);
      at += n;
    },
  });
  return { stream, stats };
}

async function exactAsync(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

/** The one pass as the worker runs it: stream chunks of `sizes`, a window of `win`, parse blocks of `block`. */
async function oneWay(
  bytes: Uint8Array,
  opts: ImportOptions,
  sizes: number[],
  win: number,
  block: number,
  delays: number[] = [],
) {
  const { stream } = chunked(bytes, sizes, delays);
  let wholeReads = 0;
  const out = await exactAsync(() =>
    importAccountBlocksAsync(
      streamSource(stream, bytes.length, () => new Error('unreadable'), win),
      'gen.csv',
      demoContract,
      opts,
      async () => {
        wholeReads++;
        return bytes;
      },
      { minBytes: 0, block },
    ),
  );
  return { out, wholeReads };
}

const serial = (bytes: Uint8Array, opts: ImportOptions) =>
  exact(() => importAccountFile(bytes, 'gen.csv', demoContract, opts));

describe('one pass over a File read as a byte stream = importAccountFile', () => {
  it('every chunk and block boundary: inside a quoted line break, a multi-byte character, a CRLF', async () => {
    const rows = [
      'account_id,company_name,mrr',
      'AC0000001,"株式会社アルファ\r\n本社",1200',
      'AC0000002,ｱﾙﾌｧ商事,80%',
      'AC0000003,"Quote ""Co""",0.8',
      'AC0000004,株式会社ベータ🍣,1,234',
      'AC0000005,"a\nb",',
    ];
    const csv = rows.join('\r\n') + '\r\n';
    for (const [enc, bytes] of [
      ['utf-8', utf8(csv)],
      ['shift_jis', sjis(csv.replace('🍣', ''))],
    ] as const) {
      const opts: ImportOptions = enc === 'shift_jis' ? { encoding: enc } : {};
      const want = serial(bytes, opts);
      for (let size = 1; size <= bytes.length + 1; size++) {
        const block = 1 + ((size * 7) % 23);
        const { out, wholeReads } = await oneWay(bytes, opts, [size], 1 + (size % 5) * 9, block);
        expect(wholeReads, `${enc}, chunks of ${size}`).toBe(0);
        expect(out, `${enc}, chunks of ${size}, blocks of ${block}`).toEqual(want);
      }
    }
  });

  it('agrees on random files, chunk sizes, windows and block sizes', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8, unit: 'grapheme' }),
      fc.constantFrom(
        '株式会社アルファ',
        'Acme, Inc.',
        'Quote "Co"',
        'a\nb',
        'x\r\ny',
        ' padded ',
        '=SUM(A1)',
        'ｱﾙﾌｧ',
      ),
    );
    const num = fc.constantFrom('1234', '1,234', '１２３', '80%', '0.8', '', 'abc');
    const quote = (s: string, force: boolean) =>
      force || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    const row = fc.tuple(fc.integer({ min: 0, max: 60 }), text, num, fc.boolean());
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 5 }),
        async (rows, crlf, distinct, enc, badRows, sizes, win, block, delays) => {
          const nl = crlf ? '\r\n' : '\n';
          const lines = ['account_id,company_name,mrr'];
          rows.forEach(([id, t, n, q], k) =>
            lines.push(
              [`AC${String(distinct ? k : id).padStart(7, '0')}`, t, n]
                .map((v) => quote(v, q))
                .join(','),
            ),
          );
          const csv = lines.join(nl) + (rows.length % 2 ? nl : '');
          const body = enc === 'shift_jis' ? sjis(csv) : utf8(csv);
          const bytes = enc === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const opts: ImportOptions = {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          };
          const { out } = await oneWay(bytes, opts, sizes, win, block, delays);
          expect(out).toEqual(serial(bytes, opts));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a Blob stream, and passes on a failed read (a File changed since the pick)', async () => {
    const csv =
      'account_id,company_name,mrr\n' +
      Array.from({ length: 400 }, (_, k) => `AC${String(k).padStart(7, '0')},名前${k},${k}`).join(
        '\n',
      ) +
      '\n';
    const bytes = utf8(csv);
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const got = await importAccountBlocksAsync(
      streamSource(blob.stream(), bytes.length, () => new Error('unreadable'), 1000),
      'gen.csv',
      demoContract,
      {},
      () => Promise.reject(new Error('whole read')),
      { minBytes: 0, block: 777 },
    );
    expect(got).toEqual(importAccountFile(bytes, 'gen.csv', demoContract, {}));

    class Gone extends Error {}
    let n = 0;
    const failing = new ReadableStream({
      type: 'bytes',
      pull(c: ReadableByteStreamController) {
        if (++n === 4) throw new Error('file changed');
        c.enqueue(bytes.slice((n - 1) * 1000, n * 1000) as Uint8Array<ArrayBuffer>);
      },
    });
    await expect(
      importAccountBlocksAsync(
        streamSource(failing, bytes.length, () => new Gone(), 1000),
        'gen.csv',
        demoContract,
        {},
        () => Promise.resolve(bytes),
        { minBytes: 0, block: 777 },
      ),
    ).rejects.toBeInstanceOf(Gone);
  });
});

describe('a File stream read that never settles (session 25 ihang)', () => {
  const csv =
    'account_id,company_name,mrr\n' +
    Array.from({ length: 600 }, (_, k) => `AC${String(k).padStart(7, '0')},名前${k},${k}`).join(
      '\n',
    ) +
    '\n';
  const bytes = utf8(csv);
  /** A byte stream of `bytes` from `from` in 1000-byte chunks whose `stallAt`-th pull never settles. */
  const stalling = (from: number, stallAt: number) => {
    let at = from;
    let n = 0;
    return new ReadableStream({
      type: 'bytes',
      pull(c: ReadableByteStreamController) {
        if (++n === stallAt) return new Promise<void>(() => {});
        if (at >= bytes.length) {
          c.close();
          c.byobRequest?.respond(0);
          return;
        }
        c.enqueue(bytes.slice(at, at + 1000) as Uint8Array<ArrayBuffer>);
        at += 1000;
      },
    });
  };
  const saved = { ...STREAM_STALL };
  beforeEach(() => {
    STREAM_STALL.ms = 30;
    STREAM_STALL.reopens = 2;
  });
  afterEach(() => Object.assign(STREAM_STALL, saved));
  const run = (src: ReturnType<typeof streamSource>) =>
    importAccountBlocksAsync(
      src,
      'gen.csv',
      demoContract,
      {},
      // (never read whole: every byte comes through the streams)
      () => Promise.reject(new Error('whole read')),
      {
        minBytes: 0,
        block: 777,
      },
    );

  it('opens a new stream from where the window starts, and the table is the same', async () => {
    const opened: number[] = [];
    const src = streamSource(
      stalling(0, 5),
      bytes.length,
      () => new Error('unreadable'),
      1000,
      (at) => {
        opened.push(at);
        // The first new stream stalls too, the second reads to the end.
        return stalling(at, opened.length === 1 ? 3 : 0);
      },
    );
    expect(await run(src)).toEqual(importAccountFile(bytes, 'gen.csv', demoContract, {}));
    expect(opened.length).toBe(2);
    expect(opened[1]).toBeGreaterThanOrEqual(opened[0]);
  });

  it('gives up as unreadable (the page then sends its bytes) when every new stream stalls', async () => {
    class Gone extends Error {}
    let opened = 0;
    const src = streamSource(
      stalling(0, 2),
      bytes.length,
      () => new Gone(),
      1000,
      (at) => {
        opened++;
        return stalling(at, 1);
      },
    );
    await expect(run(src)).rejects.toBeInstanceOf(Gone);
    expect(opened).toBe(2);
    // Without a way to reopen: unreadable at the first stall.
    await expect(
      run(streamSource(stalling(0, 2), bytes.length, () => new Gone(), 1000)),
    ).rejects.toBeInstanceOf(Gone);
  });
});
