import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  mergeWays,
  releaseWarm,
  WARM_BLOCK,
  WARM_RUNS,
  warmRange,
  warmKeptNow,
  warmReads,
  type RangeResult,
  type WarmReads,
} from './parallelImport';
import { demoContract, utf8 } from './testing/helpers';
import { generateDemoTable } from './demo/generate';
import { tableToCsv } from './tableCsv';
import type { PackedValues } from './sinks';

describe('warmRange', () => {
  const csv = tableToCsv(generateDemoTable({ rows: 8_000, seed: 3 }), demoContract, {
    headers: 'ja',
  });
  const head = utf8(csv).slice(0, 1 << 20);

  it('runs a head through a range parse without the room for the whole file', async () => {
    // The head of a 185 MB file: a first range's room would be ≈1M rows per column (>100 MB).
    const before = process.memoryUsage().arrayBuffers;
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 << 20);
  });

  it('does nothing, and throws nothing, for what would not be read in streamed ranges', async () => {
    await expect(warmRange(head, 185_000_000, 'big.json', demoContract, {}, 2)).resolves.toBe(
      undefined,
    );
    await expect(warmRange(head, head.length, 'small.csv', demoContract, {}, 2)).resolves.toBe(
      undefined,
    );
    await expect(
      warmRange(new Uint8Array([0x61, 0x2c]), 185_000_000, 'x.csv', demoContract, {}, 2),
    ).resolves.toBe(undefined);
  });

  describe('reads the head as a range reads its File', () => {
    afterEach(() => vi.restoreAllMocks());
    const cut = head.lastIndexOf(0x0a) + 1;

    /** Byte-equal (toEqual walks a 1 MB array element by element: seconds). */
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    /** What a read source gives for [from, to) read in steps of `step` bytes. */
    const readAll = async (src: WarmReads, from: number, to: number, step: number) => {
      const out = new Uint8Array(to - from);
      for (let at = from; at < to;) {
        const n = await src.read(out, at - from, Math.min(step, to - at), at);
        expect(n).toBeGreaterThan(0);
        at += n;
      }
      return out;
    };

    it('through a byte stream over a Blob of the head (V8 then compiles the parser for streamed reads)', async () => {
      const stream = vi.spyOn(Blob.prototype, 'stream');
      const src = warmReads(head, cut);
      expect(stream).toHaveBeenCalledTimes(1);
      // Forward reads of any length give the head's bytes, as a range's File reads do.
      expect(same(await readAll(src, 0, cut, 70_001), head.subarray(0, cut))).toBe(true);
      src.cancel();
      const again = warmReads(head, cut);
      expect(same(await readAll(again, 1000, cut, 4096), head.subarray(1000, cut))).toBe(true);
      again.cancel();
      // …and warmRange reads through it, once per run over the head.
      stream.mockClear();
      await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2);
      expect(stream).toHaveBeenCalledTimes(WARM_RUNS);
    });

    it('asks its stream for a block at a time, so its second read comes at the first blocks', async () => {
      // The second read of a byte stream is what breaks V8's protector: it must come before the
      // parser is hot, not after a 12 MB window took the whole head in one read.
      const asked: number[] = [];
      const stream = Blob.prototype.stream;
      vi.spyOn(Blob.prototype, 'stream').mockImplementation(function (this: Blob) {
        const s = stream.call(this);
        const getReader = s.getReader.bind(s) as (o: { mode: 'byob' }) => ReadableStreamBYOBReader;
        Object.assign(s, {
          getReader: (o: { mode: 'byob' }) => {
            const r = getReader(o);
            const read = r.read.bind(r);
            return Object.assign(r, {
              read: (v: Uint8Array) => {
                asked.push(v.byteLength);
                return read(v);
              },
            });
          },
        });
        return s;
      });
      const src = warmReads(head, cut);
      const two = new Uint8Array(2 * WARM_BLOCK);
      await readAll(src, 0, two.length, WARM_BLOCK);
      src.cancel();
      expect(asked.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...asked)).toBeLessThanOrEqual(WARM_BLOCK);
    });

    it("from the head's bytes where Blob has no byte stream", async () => {
      // A stream without a BYOB reader (as some platforms' Blob streams).
      vi.spyOn(Blob.prototype, 'stream').mockImplementation(
        () => new ReadableStream({ pull: (c) => c.close() }) as ReturnType<Blob['stream']>,
      );
      const src = warmReads(head, cut);
      expect(same(await readAll(src, 0, cut, 65_536), head.subarray(0, cut))).toBe(true);
    });

    it('in blocks of WARM_BLOCK, so the parser is called (and compiled) as in a range', async () => {
      const lengths: number[] = [];
      const counted = (h: Uint8Array, c: number): WarmReads => {
        const src = warmReads(h, c);
        return {
          read: (buf, offset, length, position) => {
            lengths.push(length);
            return src.read(buf, offset, length, position);
          },
          cancel: src.cancel,
        };
      };
      await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2, { readsOf: counted });
      // WARM_RUNS times over the head (at least 3: with two, the second run's new callbacks
      // deoptimised the scan and it was compiled again after the click), a block at a time:
      // blocks of at most 64 KB, at least 8 each time.
      expect(WARM_RUNS).toBeGreaterThanOrEqual(3);
      expect(WARM_BLOCK).toBeLessThanOrEqual(64 << 10);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(WARM_BLOCK);
      expect(lengths.length).toBeGreaterThanOrEqual(WARM_RUNS * 8);
    });

    it('still runs the parse when the stream fails (from the bytes), and throws nothing', async () => {
      let reads = 0;
      const failing = (h: Uint8Array, c: number): WarmReads => {
        const src = warmReads(h, c);
        return {
          read: async (buf, offset, length, position) => {
            if (position > WARM_BLOCK) throw new Error('unreadable');
            reads++;
            return src.read(buf, offset, length, position);
          },
          cancel: src.cancel,
        };
      };
      const seen: number[] = [];
      await expect(
        warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2, {
          readsOf: (h, c) => {
            seen.push(c);
            return failing(h, c);
          },
        }),
      ).resolves.toBe(undefined);
      expect(seen.length).toBe(WARM_RUNS);
      expect(reads).toBeGreaterThan(0);
    });
  });
  it('stops at its next block once the import has come, and throws nothing', async () => {
    const cut = head.lastIndexOf(0x0a) + 1;
    let reads = 0;
    let stop = false;
    const counted = (h: Uint8Array, c: number): WarmReads => {
      const src = warmReads(h, c);
      return {
        read: (buf, offset, length, position) => {
          reads++;
          // The import comes in the middle of the first run.
          if (reads === 4) stop = true;
          return src.read(buf, offset, length, position);
        },
        cancel: src.cancel,
      };
    };
    const merges = mergeWays.byDictionary + mergeWays.byRow + mergeWays.inPlace;
    await expect(
      warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2, {
        readsOf: counted,
        stopped: () => stop,
        merge: true,
      }),
    ).resolves.toBe(undefined);
    // No block read after the stop (nor the rest of the head, nor another run), and no merge.
    expect(reads).toBe(4);
    expect(cut / WARM_BLOCK).toBeGreaterThan(8);
    expect(mergeWays.byDictionary + mergeWays.byRow + mergeWays.inPlace).toBe(merges);
  });

  it('merges the head cut in two where asked (the import worker), as an import merges its ranges', async () => {
    const before = { ...mergeWays };
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2, { merge: true });
    const merged = mergeWays.byDictionary - before.byDictionary + (mergeWays.byRow - before.byRow);
    expect(merged).toBeGreaterThanOrEqual(1);
    // …and not where not asked (a range worker: it never merges).
    const after = { ...mergeWays };
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2);
    expect(mergeWays).toEqual(after);
  });
  it("parses its worker's own kind of range, with room kept and its strings' facts for the merge", async () => {
    const facts = (r: RangeResult) =>
      Object.values(r.table?.columns ?? {})
        .map((c) => (c as { packedValues?: PackedValues }).packedValues)
        .filter((p): p is PackedValues => p !== undefined && (!!p.ascending || !!p.hashes));
    const results = () =>
      warmKeptNow().filter((k): k is RangeResult => !!k && typeof k === 'object' && 'end' in k);
    // A range worker: a later range (its job never starts at the header), as at the import —
    // warmed as the whole file, its finish met the import's facts for the first time there.
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2);
    expect(results().length).toBe(WARM_RUNS);
    for (const r of results()) {
      expect(r.from).toBeGreaterThan(0);
      expect(r.records).toBeGreaterThan(1000);
      expect(facts(r).length).toBeGreaterThan(0);
    }
    // The import worker: the head as the whole file, then its own kind of range — the first,
    // with room, so facts as well — in each merge of the head's two halves.
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2, { merge: true });
    const whole = results();
    expect(whole.length).toBe(WARM_RUNS);
    for (const r of whole) expect(r.from).toBe(0);
    const merges = warmKeptNow().filter(Array.isArray) as [RangeResult[], unknown][];
    expect(merges.length).toBeGreaterThanOrEqual(1);
    for (const [ranges] of merges) {
      expect(ranges[0].from).toBe(0);
      expect(facts(ranges[0]).length).toBeGreaterThan(0);
    }
    releaseWarm();
  });

  it('runs every run when the head ends inside a quoted field with line breaks, and throws nothing', async () => {
    // The head's last line feed inside quotes: its last record is cut off, as at the real
    // range's end only where the file is (the warm-up's ranges end at the head's end).
    const lines = csv.split('\n');
    const k = lines.findIndex((_, i) => lines.slice(0, i).join('\n').length > 900_000);
    const cells = lines[k].split(',');
    cells[1] = `"${'note line,\n'.repeat(20_000)}"`;
    lines[k] = cells.join(',');
    const quoted = utf8(lines.join('\n')).slice(0, 1 << 20);
    const text = new TextDecoder().decode(quoted);
    expect(text.lastIndexOf('"')).toBeLessThan(text.lastIndexOf('\n'));
    for (const merge of [false, true]) {
      await expect(
        warmRange(quoted, 185_000_000, 'big.csv', demoContract, {}, 2, { merge }),
      ).resolves.toBe(undefined);
      const runs = warmKeptNow().filter(
        (x): x is RangeResult => !!x && typeof x === 'object' && 'end' in x,
      );
      expect(runs.length).toBe(WARM_RUNS);
    }
    releaseWarm();
  });

  it('keeps what it parsed with alive until the import is done (V8 keeps the code compiled against it)', async () => {
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2, { merge: true });
    const kept = warmKeptNow();
    // Every run's result (and its importer and callbacks), and the merges' ranges.
    const results = kept.filter(
      (k): k is RangeResult => !!k && typeof k === 'object' && 'end' in k,
    );
    expect(results.length).toBe(WARM_RUNS);
    expect(kept.filter((k) => typeof k === 'function').length).toBeGreaterThanOrEqual(WARM_RUNS);
    expect(kept.filter(Array.isArray).length).toBeGreaterThanOrEqual(1);
    // A new warm-up keeps its own; after the import, nothing.
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2);
    expect(warmKeptNow()).not.toBe(kept);
    releaseWarm();
    expect(warmKeptNow().length).toBe(0);
  });
});
