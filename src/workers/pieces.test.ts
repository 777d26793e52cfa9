import { describe, expect, it } from 'vitest';
import {
  detach,
  place,
  placeSpare,
  sendInTasks,
  SendWindow,
  SpareBuffers,
  split,
  spareOf,
  type Piece,
} from './pieces';
import { lazyDictList, packedPartsColumn } from '../table/packedDict';
import { packStrings } from '../store/datasets';
import { slicePacked } from './datasetLoad';

describe('a value sent in pieces', () => {
  it('comes back equal: views of a shared buffer, long string lists, nested objects', () => {
    const buf = new ArrayBuffer(64);
    const ids = Array.from({ length: 120_001 }, (_, i) => `A${i}`);
    const value = {
      a: new Float64Array(buf, 8, 3).fill(1.5),
      b: new Int8Array(buf, 40, 4).fill(-1),
      ids,
      short: ['x', 'y'],
      nested: [{ codes: new Int32Array([1, 2, 3]), dict: ['p', 'q'] }],
      n: 7,
      s: 'asOf',
      none: null,
      ['__proto__' as string]: 'field named __proto__',
    };
    Object.defineProperty(value, '__proto__', { value: 'own', enumerable: true });
    const { skeleton, pieces } = split(value);
    // The string list goes in slices; the views go alone, each in a buffer of its own.
    expect(pieces.filter((p) => 'strings' in p).length).toBe(3);
    const rebuilt = structuredClone(skeleton);
    for (const p of pieces) {
      const { piece, transfer } = detach(p);
      if ('array' in piece)
        expect((piece.array.buffer as ArrayBuffer).byteLength).toBe(piece.array.byteLength);
      place(rebuilt, structuredClone(piece, { transfer }));
    }
    expect(rebuilt).toEqual(value);
    expect(Object.getOwnPropertyDescriptor(rebuilt, '__proto__')?.value).toBe('own');
  });

  it('sends a big typed array in slices that rebuild it, of its own type', () => {
    const arena = new ArrayBuffer(8 * 1000 + 16);
    const value = {
      f: new Float64Array(arena, 16, 1000).map((_, i) => i * 1.5 - 7),
      i: Int32Array.from({ length: 777 }, (_, k) => (k * 7919) % 1013),
      u: Uint8Array.from({ length: 301 }, (_, k) => k % 256),
      small: new Int16Array([3, -4]),
    };
    // 100-byte slices: 12.5 doubles → 12 per piece, 25 int32s, 100 bytes.
    const { skeleton, pieces } = split(value, 50_000, 100);
    const sliced = (path: string) => pieces.filter((p) => p.path[0] === path).length;
    expect([sliced('f'), sliced('i'), sliced('u'), sliced('small')]).toEqual([84, 32, 4, 1]);
    const rebuilt = structuredClone(skeleton) as typeof value;
    // Slices may arrive in any order after the first: place each at its offset.
    const sent = pieces.map((p) => detach(p));
    for (const k of [...sent.keys()].reverse()) {
      const { piece, transfer } = sent[k];
      if ('array' in piece) expect(piece.array.byteLength).toBeLessThanOrEqual(100);
      place(rebuilt, structuredClone(piece, { transfer }));
    }
    expect(rebuilt.f).toBeInstanceOf(Float64Array);
    expect(rebuilt.i).toBeInstanceOf(Int32Array);
    expect(rebuilt).toEqual(value);
  });

  it('rebuilds the value through spare buffers handed back and reused (whole arrays copied out)', () => {
    const value = {
      f: Float64Array.from({ length: 1000 }, (_, i) => i * 1.5 - 7),
      i: Int32Array.from({ length: 777 }, (_, k) => (k * 7919) % 1013),
      small: new Int16Array([3, -4]),
      u: Uint8Array.from({ length: 90 }, (_, k) => 255 - k),
      ids: Array.from({ length: 12_345 }, (_, k) => `id${k}`),
    };
    // 100-byte slices and 100-byte spare buffers; at most 2 kept.
    const { skeleton, pieces } = split(value, 5_000, 100);
    const spares = new SpareBuffers(100, 2);
    const rebuilt = structuredClone(skeleton) as typeof value;
    let made = 0;
    let returned = 0;
    for (const p of pieces) {
      if ('array' in p && spares.size === 0) made++;
      const { piece, transfer } = spares.detach(p);
      if ('array' in piece) expect(piece.spare).toBe(true);
      // The worker's side: placed, and the buffer handed back (a transfer each way).
      const back = placeSpare(rebuilt, structuredClone(piece, { transfer }));
      if (back) {
        returned++;
        spares.give(structuredClone(back, { transfer: [back] }));
      }
    }
    expect(returned).toBe(pieces.filter((p) => 'array' in p).length);
    // Every typed array piece went through the pool's buffers: one, reused, not one per piece.
    expect(made).toBe(1);
    expect(spares.size).toBe(1);
    expect(rebuilt.small).toBeInstanceOf(Int16Array);
    expect(rebuilt).toEqual(value);
  });

  it('hands back the spare buffer of a piece for a run no longer held; larger pieces as before', () => {
    const spares = new SpareBuffers(16, 2);
    const big = spares.detach({ path: ['a'], array: new Float64Array(4).fill(2) });
    expect('array' in big.piece && big.piece.spare).toBeFalsy();
    const small = spares.detach({ path: ['b'], array: new Uint8Array([1, 2, 3]) });
    expect(spareOf(small.piece)?.byteLength).toBe(16);
    spares.give(new ArrayBuffer(8));
    expect(spares.size).toBe(0);
    // A piece placed without the spare path keeps its view (not handed back).
    const rebuilt: Record<string, unknown> = { c: null };
    expect(placeSpare(rebuilt, detach({ path: ['c'], array: new Int8Array([5]) }).piece)).toBe(
      null,
    );
    expect(rebuilt.c).toEqual(new Int8Array([5]));
  });

  /** Rebuild as the worker does (each piece cloned on the way), in the order given. */
  const rebuild = (skeleton: unknown, pieces: Piece[]) => {
    const out = structuredClone(skeleton);
    for (const p of pieces) {
      const { piece, transfer } = detach(p);
      place(out, structuredClone(piece, { transfer }));
    }
    return out;
  };

  it("sends a list held at two paths once (the run's ids and its key column): one list again on the far side", () => {
    const ids = Array.from({ length: 25_000 }, (_, i) => `K${(i * 7919) % 100_003}`);
    const other = ids.map((x) => `${x}!`);
    const value = {
      result: { accountIds: ids, total: new Float64Array([1, 2]) },
      table: { columns: { key: { type: 'string', codes: new Int32Array([0, 1]), dict: ids } } },
      names: other,
    };
    const { skeleton, pieces } = split(value, 10_000);
    expect(pieces.filter((p) => 'strings' in p).length).toBe(6);
    expect(pieces.filter((p) => 'same' in p)).toEqual([
      { path: ['table', 'columns', 'key', 'dict'], same: ['result', 'accountIds'] },
    ]);
    const got = rebuild(skeleton, pieces) as typeof value;
    expect(got).toEqual(value);
    expect(got.table.columns.key.dict).toBe(got.result.accountIds);
    expect(got.names).not.toBe(got.result.accountIds);
  });

  it("a run's ids still packed in its key column (a reloaded dataset) go once too, as the column's slices", () => {
    const ids = Array.from({ length: 3_000 }, (_, i) => `A-${i}`);
    const col = packedPartsColumn(
      Int32Array.from(ids, (_, i) => i),
      slicePacked(packStrings(ids), 700),
    );
    const result = { total: new Float64Array(3) } as Record<string, unknown>;
    lazyDictList(result, 'accountIds', col);
    const value = { result, table: { columns: { key: col } } };
    const { skeleton, pieces } = split(value, 10_000);
    expect(pieces.filter((p) => 'packed' in p).length).toBe(5);
    expect(pieces.filter((p) => 'same' in p).map((p) => p.path)).toEqual([
      ['table', 'columns', 'key', 'dict'],
    ]);
    const got = rebuild(skeleton, pieces) as {
      result: { accountIds: string[] };
      table: { columns: { key: { codes: Int32Array; dict: string[] } } };
    };
    expect(got.result.accountIds).toEqual(ids);
    expect(got.table.columns.key.dict).toBe(got.result.accountIds);
    expect([...got.table.columns.key.codes]).toEqual(ids.map((_, i) => i));
  });

  it('a piece lost or placed before the list it repeats fails; slices in another order are placed at their offsets', () => {
    const ids = Array.from({ length: 25_000 }, (_, i) => `K${i}`);
    const value = { a: ids, b: { dict: ids } };
    const { skeleton, pieces } = split(value, 10_000);
    const same = pieces.findIndex((p) => 'same' in p);
    // The repeat before the list it refers to: nothing to refer to.
    const early = [pieces[same], ...pieces.filter((_, k) => k !== same)];
    expect(() => rebuild(skeleton, early)).toThrow(/not received/);
    // A slice lost: holes where its values were.
    const lost = rebuild(
      skeleton,
      pieces.filter((_, k) => k !== 1),
    ) as typeof value;
    expect(lost).not.toEqual(value);
    // Slices are placed at their own offsets whatever the order.
    const swapped = [pieces[1], pieces[0], ...pieces.slice(2)];
    expect(rebuild(skeleton, swapped)).toEqual(value);
  });
});

describe('sendInTasks (a hand-over a few pieces per task)', () => {
  const pieces: Piece[] = Array.from({ length: 23 }, (_, k) => ({
    path: ['v'],
    strings: [`s${k}`],
    from: k,
    total: 23,
  }));

  it('sends every piece once, in order, at most maxPieces per task', async () => {
    const sent: number[] = [];
    const tasks: number[] = [];
    let inTask = 0;
    const done = await sendInTasks(
      pieces,
      (p) => {
        inTask++;
        sent.push('strings' in p ? p.from : -1);
      },
      {
        live: () => true,
        onTask: () => {
          tasks.push(inTask);
          inTask = 0;
        },
        budgetMs: 1e9,
        maxPieces: 5,
      },
    );
    expect(done).toBe(true);
    expect(sent).toEqual(pieces.map((_, k) => k));
    expect(tasks).toEqual([5, 5, 5, 5, 3]);
  });

  it('a spent budget sends one piece per task; a hand-over no longer live stops before its next task', async () => {
    const tasks: number[] = [];
    let inTask = 0;
    let live = true;
    const done = await sendInTasks(
      pieces,
      () => {
        inTask++;
        if (tasks.length === 3) live = false;
      },
      {
        live: () => live,
        onTask: () => {
          tasks.push(inTask);
          inTask = 0;
        },
        budgetMs: -1,
      },
    );
    expect(done).toBe(false);
    expect(tasks).toEqual([1, 1, 1, 1]);
  });

  it('with a SendWindow, waits for the receiver: never more than two tasks of pieces unplaced, all sent in order', async () => {
    const win = new SendWindow(2);
    const sent: number[] = [];
    // The receiver: places what arrived and answers a sync only when the test lets it.
    const syncs: number[] = [];
    let maxPending = 0;
    const sending = sendInTasks(pieces, (p) => sent.push('strings' in p ? p.from : -1), {
      live: () => true,
      onTask: () => {
        syncs.push(win.sent());
        maxPending = Math.max(maxPending, win.pending);
      },
      budgetMs: 1e9,
      maxPieces: 5,
      ready: () => win.ready(),
    });
    let finished = false;
    void sending.then(() => (finished = true));
    const settle = async () => {
      for (let k = 0; k < 20; k++) await new Promise((r) => setTimeout(r, 0));
    };
    await settle();
    // Two tasks sent (10 pieces), then the sender waits: the receiver answered none.
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(finished).toBe(false);
    win.synced(1);
    await settle();
    expect(sent.length).toBe(15);
    expect(finished).toBe(false);
    win.synced(3);
    await settle();
    expect(sent).toEqual(pieces.map((_, k) => k));
    expect(await sending).toBe(true);
    expect(syncs).toEqual([1, 2, 3, 4, 5]);
    expect(maxPending).toBe(2);
  });

  it('a closed SendWindow lets a waiting sender go on at once (to find the hand-over no longer live)', async () => {
    const win = new SendWindow(1);
    let live = true;
    const sent: number[] = [];
    const sending = sendInTasks(pieces, (p) => sent.push('strings' in p ? p.from : -1), {
      live: () => live,
      onTask: () => win.sent(),
      budgetMs: 1e9,
      maxPieces: 5,
      ready: () => win.ready(),
    });
    for (let k = 0; k < 20; k++) await new Promise((r) => setTimeout(r, 0));
    expect(sent.length).toBe(5);
    live = false;
    win.close();
    expect(await sending).toBe(false);
    expect(sent.length).toBe(5);
    // An answer for an older task never lowers what was answered.
    const w2 = new SendWindow(2);
    w2.sent();
    w2.sent();
    w2.synced(2);
    w2.synced(1);
    expect(w2.pending).toBe(0);
  });

  it("an answer for another hand-over's key is not counted: the window still waits for its own", async () => {
    // Hold 7 answered up to task 2 while hold 8 had sent 2 tasks: hold 8's window stays full.
    const win = new SendWindow(2, 8);
    win.sent();
    win.sent();
    win.synced(2, 7);
    expect(win.pending).toBe(2);
    let go = false;
    void win.ready().then(() => (go = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(go).toBe(false);
    win.synced(1, 8);
    await new Promise((r) => setTimeout(r, 0));
    expect(go).toBe(true);
    expect(win.pending).toBe(1);
  });
});
