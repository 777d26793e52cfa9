/**
 * `waymark score --threads N` (N ≥ 2; score.ts gives this writer N − 1 workers, the main thread
 * being the Nth): the tables handed to chunk() — one per 8 MB block of input — are scored and
 * formatted by the worker threads (scoreWorker.ts), and the main thread writes their replies in
 * the order the tables came, so the output is byte for byte the single-thread output. The main
 * thread keeps reading and parsing while the workers score: at most 4 × workers tables are in
 * flight (the memory bound: each a block's columns plus its formatted text).
 *
 * The import stays on the main thread on purpose: its report (row numbers, the duplicate-key
 * check across the file, the first 200 issues, the '%' check) is one pass in row order, and
 * keeping it whole is what makes warnings identical. Measured (docs/cli.md, "Threads"), the main
 * thread's read, import and write are ~45% of one thread's work, the workers' ~55%.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resultWriter } from '../engine';
import { newColumns, type AccountTable, type Column } from '../table/columns';
import { BOM, parquetGroups, type ChunkWriter } from './chunkWriter';
import type { Output } from './output';
import type { WorkerInit, WorkerReply } from './workerProtocol';

export interface ParallelChunkWriter extends ChunkWriter {
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A young generation as large as the main thread's (bin/waymark.mjs runs it with 64 MB
 * semi-spaces): with V8's default the workers spent over a third of their time collecting the
 * short-lived strings of the formatted rows.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 192 };

/** The worker: the bundle beside this one, or the TypeScript source through tsx. */
function startWorker(init: WorkerInit): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return new Worker(new URL('./scoreWorker.mjs', here), { workerData: init, resourceLimits });
  // require.resolve finds the package's CommonJS build; its ES module build sits beside it.
  const api = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const entry = new URL('./scoreWorker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: init, resourceLimits });
}

export function parallelChunkWriter(
  init: WorkerInit,
  threads: number,
  bom = false,
): ParallelChunkWriter {
  const format = init.format;
  const lead = bom && format === 'csv' ? BOM : '';
  const groups = format === 'parquet' ? parquetGroups() : null;
  let workers: Worker[] | null = null;
  const waiting = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: unknown) => void }
  >();
  let failure: unknown = null;
  let disposing = false;
  const fail = (e: unknown) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  let nextId = 0;
  let headWritten = false;
  let anyRow = false;
  /** Writes of the tables in flight, in order; each waits for the one before. */
  const inFlight: Promise<void>[] = [];
  let last: Promise<void> = Promise.resolve();

  const start = (): Worker[] =>
    Array.from({ length: threads }, () => {
      const w = startWorker(init);
      w.on('message', (r: WorkerReply) => {
        const p = waiting.get(r.id);
        waiting.delete(r.id);
        p?.resolve(r);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        // A worker never stops on its own: any exit before dispose() fails the run (no hang).
        if (!disposing) fail(new Error(`a scoring worker stopped (exit code ${code})`));
      });
      return w;
    });

  const write = async (r: WorkerReply, out: Output): Promise<void> => {
    if (groups) {
      for (const g of r.groups ?? []) await groups.write(out, g.rows, g.columnData, () => r.info!);
      return;
    }
    if (!headWritten) await out.write(lead + r.head);
    headWritten = true;
    const bytes = r.bytes!;
    // Every job's JSON rows start with ",\n  ": the document's first row opens the array.
    if (format === 'json' && !anyRow && r.rows > 0) bytes[0][0] = 0x5b; // '['
    anyRow ||= r.rows > 0;
    for (const b of bytes) await out.write(b);
  };

  const drainAll = async () => {
    while (inFlight.length > 0) await inFlight.shift();
  };

  // Started now: loading their bundle and compiling the playbook overlaps the first block's import.
  workers = start();

  const submit = async (table: AccountTable, out: Output, move: boolean): Promise<number> => {
    if (failure) throw failure;
    workers ??= start();
    const id = nextId++;
    const reply = new Promise<WorkerReply>((resolve, reject) =>
      waiting.set(id, { resolve, reject }),
    );
    reply.catch(() => undefined); // its failure is reported through `last`, below
    // A table handed over (a streamed block, a shard cut here) is not read again on this thread:
    // its typed arrays move to the worker instead of being copied (serialised here, rebuilt there).
    workers[id % threads].postMessage({ id, table }, move ? buffersOf(table) : []);
    last = last.then(() => reply).then((r) => write(r, out));
    last.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled
    inFlight.push(last);
    // 4 per worker, not 2: on a loaded machine either thread is descheduled now and then, and
    // with 2 the other then idled (profiled: 10–20% of the main thread's time at 1M).
    while (inFlight.length > 4 * threads) await inFlight.shift();
    return table.rowCount;
  };

  return {
    async chunk(table: AccountTable, out: Output, handOver = false) {
      // A whole table (a file read whole: Shift_JIS, JSON, .xlsx, --activity, --history) goes
      // out in shards of chunkRows; a streamed block, a table of its own, goes as it is.
      const n = table.rowCount;
      if (n <= init.chunkRows) return submit(table, out, handOver);
      for (let lo = 0; lo < n; lo += init.chunkRows)
        await submit(shardOf(table, lo, Math.min(n, lo + init.chunkRows)), out, true);
      return n;
    },
    async end(out) {
      await drainAll();
      if (groups) await groups.end(out);
      else await out.write(resultWriter(format === 'parquet' ? 'csv' : format, anyRow).tail());
    },
    flush: drainAll,
    async dispose() {
      disposing = true;
      const ws = workers ?? [];
      workers = null;
      await Promise.all(ws.map((w) => w.terminate()));
    },
  };
}

/**
 * The buffers under a table's typed arrays, each once (columns may share one). A
 * SharedArrayBuffer is left out: it is shared, not moved.
 */
export function buffersOf(table: AccountTable): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const id of Object.keys(table.columns)) {
    const col = table.columns[id];
    const a = col.type === 'string' ? col.codes : col.values;
    if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  }
  return [...seen];
}

/**
 * Rows lo..hi of a table as a table of its own: copied typed arrays and string dictionaries cut
 * to the values used, so a worker is sent its shard and not the whole table. Copies, not views:
 * the shard's buffers are moved to the worker, and a view would take the whole table's with it.
 */
export function shardOf(table: AccountTable, lo: number, hi: number): AccountTable {
  const columns = newColumns();
  for (const id of Object.keys(table.columns)) {
    const col = table.columns[id];
    if (col.type !== 'string') {
      columns[id] = { type: col.type, values: col.values.slice(lo, hi) } as Column;
      continue;
    }
    const codes = new Int32Array(hi - lo);
    const dict: string[] = [];
    const remap = new Map<number, number>();
    for (let i = lo; i < hi; i++) {
      const c = col.codes[i];
      if (c < 0) {
        codes[i - lo] = c;
        continue;
      }
      let k = remap.get(c);
      if (k === undefined) {
        k = dict.length;
        remap.set(c, k);
        dict.push(col.dict[c]);
      }
      codes[i - lo] = k;
    }
    columns[id] = { type: 'string', codes, dict };
  }
  return { rowCount: hi - lo, columns };
}
