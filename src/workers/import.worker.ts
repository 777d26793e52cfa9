/// <reference lib="webworker" />
import { throttleProgress } from './progressThrottle';
import { compareDigests, digestTable, type StoredReplace } from '../data/datasetChange';
import {
  importAccountFile,
  inspectFile,
  ImportError,
  joinTables,
  type ImportReport,
  type JoinReport,
} from '../data';
import { latestDatasetMeta, loadDataset, saveDataset } from '../store/datasets';
import {
  appendActivityFiles,
  fileInfoOf,
  removeActivityFile,
  saveActivitySet,
} from '../store/activityStore';
import type { ActivityFileInfo } from '../store/db';
import { contentHash, blobBlocks } from '../data/activity/contentHash';
import { dateSpan, spansOverlap } from '../data/activity/union';
import { activityMessage } from '../data/activity/messages';
import { inspectActivityFile, type ActivityReport } from '../data/activity/importActivity';
import { accountKeys, concatStoredEvents, toStoredEvents } from '../data/activity/stored';
import { importActivityBlob } from '../data/activity/importBlob';
import { generateDemoTable } from '../data/demo/generate';
import { inferFieldsFromFile, type InferFileResult } from '../data/inferFile';
import type { AccountTable } from '../table/columns';
import {
  transferablesOf,
  type ImportRequest,
  type ImportResponse,
  type ImportSource,
} from './protocol';
import type { FieldContract } from '../model';
import type { ImportOptions } from '../data';
import type { ColumnMemory, SinkPlan } from '../data/columnMemory';
import {
  blobRangeRead,
  HEAD_READ,
  importInParts,
  importPhases,
  MAX_PARTS,
  MIN_PART_BYTES,
  parseRange,
  parseRangeStream,
  headSpec,
  headSource,
  rangeColumnBytes,
  rangeSinkPlans,
  type HeadSpec,
  streamSource,
  STREAM_STALL,
  tailBytes,
  releaseWarm,
  warmRange,
  type ByteSource,
  type RangeRun,
} from '../data/parallelImport';
import {
  blockColumnBytes,
  blockSinkPlan,
  importAccountBlocksAsync,
  PLAN_HEAD_BYTES,
  type AsyncByteSource,
} from '../data/importStream';
import {
  faultColumns,
  faultedMemory,
  faultSinks,
  faultingFor,
  faultStats,
  fileKey,
  MAX_FAULT_BYTES,
  releaseColumns,
  stopFaults,
  prestartFaultWorker,
} from './columnFaults';
import { prewarmRangeWorkers, rangePool, RangeWorkerError, warmRangeWorkers } from './rangePool';
import { packTable, sliceMessages } from './packedTable';

/**
 * Parses account files off the main thread. The imported table stays here until the page
 * commits it (after the user has seen the report), so a cancelled or failed import never
 * touches the stored dataset. Cancel = the page terminates the worker.
 */
declare const self: DedicatedWorkerGlobalScope;
let pending: {
  table: AccountTable;
  reports: ImportReport[];
  join: JoinReport | null;
  sources: unknown[];
} | null = null;

/** An activity import waiting for the user's "store" (a failed one leaves nothing stored). */
let pendingActivity: {
  source: string;
  /** The files imported together, in order (their events' file index = their place here). */
  parts: { events: AccountTable; report: ActivityReport; info: ActivityFileInfo }[];
} | null = null;

/** The picked File no longer reads as it did at the pick: the page sends its bytes instead. */
class Unreadable extends Error {}

/**
 * A CSV/TSV file read in byte ranges, one per core (at most MAX_PARTS; the first parsed here,
 * the others by range workers, each streaming its slice of a picked File), merged
 * into the serial import's exact table and report (parallelImport.ts); small files, JSON and
 * .xlsx are read here in one pass (a picked File's byte stream parsed as it arrives:
 * fileStream). `parts` overrides the core count (1 = serial). For parts, a picked File is read in slices: here only its head and a little at each cut, each range worker its
 * own range (so the ranges start parsing without waiting for the whole file to be read).
 */
async function importInParallel(
  f: ImportSource,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts?: number,
  blocks?: string,
): Promise<{ table: AccountTable; report: ImportReport }> {
  const size = 'bytes' in f ? f.bytes.length : f.size;
  const n = partsFor(size, parts);
  const whole = async () => {
    const bytes = await sourceBytes(f);
    if (!bytes) throw new Unreadable();
    return bytes;
  };
  if (n < 2) {
    const src = 'bytes' in f || blocks === 'whole' ? null : fileStream(f.blob, f.size);
    if (!src || 'bytes' in f) return importAccountFile(await whole(), file, contract, opts);
    // The columns' pages faulted in on the other core (columnFaults.ts): asked at the
    // preview, else now from the file's head; `blocks` 'nofault' (benchmark): not at all.
    if (blocks === 'nofault') releaseColumns();
    else if (!faultingFor(fileKey(file, f.size)))
      try {
        const head = new Uint8Array(await f.blob.slice(0, PLAN_HEAD_BYTES).arrayBuffer());
        faultColumns(
          fileKey(file, f.size),
          blockColumnBytes(head, f.size, file, contract, opts, MAX_FAULT_BYTES),
        );
      } catch {
        // unreadable: the import below says so
      }
    // The sinks' buffers not begun by now would come too late (those arrived are used).
    stopFaults();
    try {
      const memory = blocks === 'nofault' ? undefined : faultedMemory;
      return await importAccountBlocksAsync(src, file, contract, { ...opts, memory }, whole);
    } finally {
      releaseColumns();
    }
  }
  // (A big file's head comes from the page, which read it at the pick: the plan reads no more
  // than the cuts. Every range still reads the File, which fails if it changed since the pick.)
  const input: Uint8Array | ByteSource =
    'bytes' in f
      ? f.bytes
      : f.head
        ? headSource(blobSource(f.blob, f.size, whole), f.head)
        : blobSource(f.blob, f.size, whole);
  // By default this worker parses the first range itself (it is running: no start, no
  // transit) while n − 1 range workers parse the others, each a slice streamed as it parses.
  // `blocks` (benchmark): `whole` = every range in a range worker, its slice read whole first
  // (the build before); `remote` = every range in a range worker, streamed; `nofault` = the
  // default without the columns' memory faulted in ahead.
  const remote = blocks === 'whole' || blocks === 'remote';
  // The ranges' columns' pages faulted in on the other core (columnFaults.ts), as for one
  // pass: asked at the preview, else now from the file's head. The range workers' buffers go
  // with their jobs; the first range's columns (room for the whole file) move in between blocks.
  const faulting = !('bytes' in f) && !remote && blocks !== 'nofault';
  // The preview's buffers not begun by now would mostly come too late (those arrived are used;
  // the import worker reads its messages seldom while it parses), and faulting them would take
  // a core from the parts.
  stopFaults(true);
  if (!faulting) releaseColumns();
  else if (!faultingFor(fileKey(file, f.size)))
    try {
      const head = new Uint8Array(await f.blob.slice(0, HEAD_READ).arrayBuffer());
      const hs = headSpec(head, f.size, file, contract, opts, n);
      if (hs) faultColumns(fileKey(file, f.size), rangeFaultSizes(hs));
    } catch {
      // unreadable: the import below says so
    }
  const sent = { n: 0 };
  const poolMemory: ColumnMemory = {
    take: (len) => {
      const b = faultedMemory.take(len);
      if (b) sent.n++;
      return b;
    },
  };
  const local = remote ? undefined : localRange(f, faulting ? faultedMemory : undefined);
  const sinks = rangeSinks?.key === fileKey(file, size) ? rangeSinks.later : undefined;
  const pool = rangePool(
    'bytes' in f ? f.bytes : f.blob,
    local ? n - 1 : n,
    blocks !== 'whole',
    faulting ? poolMemory : undefined,
    faulting && local ? sinks : undefined,
  );
  lastTimings = pool.timings;
  try {
    const run = local ? timed(local, lastTimings) : undefined;
    return await importInParts(input, file, contract, opts, n, pool.run, undefined, run);
  } catch (e) {
    if (e instanceof RangeWorkerError) {
      if (e.unreadable) throw new Unreadable();
      // Range workers that cannot run (a browser without nested workers): read it here.
      return importAccountFile(await whole(), file, contract, opts);
    }
    throw e;
  } finally {
    pool.close();
    lastFaulted = [faultStats.taken - sent.n, pool.faulted.columns];
    lastSinkFaulted = [faultStats.sinkTaken, pool.faulted.sinks];
    releaseColumns();
  }
}

/** The last parallel import's columns moved into faulted memory: the first range's, the others'. */
let lastFaulted: number[] = [];
/** …and its string sinks' arrays taken from it: the first range's, the others'. */
let lastSinkFaulted: number[] = [];

/** A later range's string sinks' plan for the file previewed (rangeSinkPlans), sent with its job. */
let rangeSinks: { key: string; later: SinkPlan } | null = null;

/**
 * The byte lengths to fault in for a file read in streamed ranges (rangeColumnBytes): the range
 * workers' first (their buffers go with their jobs), then the first range's.
 */
function rangeFaultSizes(hs: HeadSpec): number[] {
  const per = rangeColumnBytes(hs, MAX_FAULT_BYTES);
  return [...per.slice(1), ...per.slice(0, 1)].flat();
}

/**
 * The first range parsed in this worker: a File's slice streamed and parsed as it arrives
 * (parseRangeStream; UTF-8 or Shift_JIS), else its bytes (parseRange). Throws Unreadable when
 * the File no longer reads.
 */
function localRange(f: ImportSource, memory?: ColumnMemory): RangeRun {
  return async (spec, job, onProgress) => {
    const end = Math.min(spec.size, job.to + tailBytes(spec));
    if ('bytes' in f)
      return parseRange(spec, f.bytes.subarray(job.from, end), job.from, job, onProgress);
    const stream = blobRangeRead(f.blob, job.from, end, () => new Unreadable());
    if (stream)
      try {
        return await parseRangeStream(spec, stream.read, job, onProgress, undefined, memory);
      } catch {
        throw new Unreadable(); // only a failed read is thrown
      } finally {
        stream.cancel();
      }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await f.blob.slice(job.from, end).arrayBuffer());
    } catch {
      throw new Unreadable();
    }
    if (bytes.length !== end - job.from) throw new Unreadable();
    return parseRange(spec, bytes, job.from, job, onProgress);
  };
}

/** A range run whose steps (epoch ms) are logged with the range workers' (the benchmark). */
function timed(run: RangeRun, timings: Record<string, number>[]): RangeRun {
  const now = () => performance.timeOrigin + performance.now();
  return async (spec, job, onProgress) => {
    const posted = now();
    const r = await run(spec, job, onProgress);
    const parsed = now();
    timings.unshift({ posted, parsed, arrived: parsed, unpacked: parsed });
    return r;
  };
}

/**
 * A picked File read by slices (`size`: its length at the pick). A File that no longer reads,
 * or reads to another length, throws Unreadable (the page then sends the bytes it read).
 */
function blobSource(blob: Blob, size: number, whole: () => Promise<Uint8Array>): ByteSource {
  if (blob.size !== size) throw new Unreadable();
  return {
    size,
    read: async (from, to) => {
      if (from === 0 && to === size) return whole();
      try {
        const b = new Uint8Array(await blob.slice(from, to).arrayBuffer());
        if (b.length !== to - from) throw new Error('short read');
        return b;
      } catch {
        throw new Unreadable();
      }
    },
  };
}

/**
 * One pass over a picked File: its byte stream read into one reused window while the browser
 * reads ahead, parsed by the block import that keeps ids and names packed
 * (importAccountBlocksAsync, as the CLI; docs/data-import.md). Null where the File has no
 * byte stream (then it is read whole). For the benchmark: the parse's waits for bytes.
 */
function fileStream(blob: Blob, size: number): AsyncByteSource | null {
  if (blob.size !== size) throw new Unreadable();
  let src: AsyncByteSource;
  try {
    src = streamSource(
      blob.stream(),
      size,
      () => new Unreadable(),
      undefined,
      (at) => blob.slice(at).stream(),
    );
  } catch {
    return null;
  }
  return {
    size,
    read: async (buf, offset, length, position) => {
      const t = performance.now();
      const n = await src.read(buf, offset, length, position);
      readWait += performance.now() - t;
      return n;
    },
  };
}
let readWait = 0;
/** How long the last preview's string sink plan took (blockSinkPlan; logged for the benchmark). */
let sinkPlanMs = 0;

/** How many parts a file of `size` bytes is read in (1 = one pass). */
function partsFor(size: number, parts?: number): number {
  const n = Math.min(MAX_PARTS, parts ?? defaultParts(navigator.hardwareConcurrency || 1));
  return n < 2 || size < 2 * MIN_PART_BYTES ? 1 : n;
}

/** The last parallel import's range jobs, epoch ms per step (logged for the benchmark). */
let lastTimings: Record<string, number>[] = [];

/**
 * Parts by default: one core stays for the page and the merge, so a 2-core machine reads in one
 * pass — measured there, two parts were slower (0.64–0.68× for UTF-8), and with both parts'
 * columns faulted in ahead (session 25) faster than the faulted one pass in only 2 of 5
 * interleaved runs at load 2–5 (docs/data-import.md).
 */
function defaultParts(cores: number): number {
  return cores >= 4 ? cores - 1 : 1;
}

const post = (m: ImportResponse, transfer: Transferable[] = []) => self.postMessage(m, transfer);

/**
 * What storing `table` would replace: the project's stored dataset (read here from IndexedDB,
 * the one `commit` replaces) compared with it. Here and not on the page: a million keys put in
 * a Set and looked up on the page froze it for 2–3 s when the report appeared.
 */
async function replaceOf(
  projectId: string | undefined,
  table: AccountTable,
  contract: FieldContract,
  /** Called as the stored dataset's chunks are read (a 1M dataset takes 10 s at load ≈9). */
  onChunk?: () => void,
): Promise<StoredReplace | null> {
  if (!projectId) return null;
  const meta = await latestDatasetMeta(projectId);
  const stored = meta && (await loadDataset(meta.id, onChunk));
  if (!stored) return null;
  const key = contract.accountKey;
  return {
    name: stored.meta.name,
    change: compareDigests(digestTable(stored.table, key), digestTable(table, key), contract),
  };
}

/**
 * The bytes of an import's file: sent, or read from the picked File. Null when the File no
 * longer reads (changed or moved on disk since the pick: Chromium refuses the read) or reads to
 * another length than the bytes the page previewed: the page then sends those bytes.
 */
async function sourceBytes(f: ImportSource): Promise<Uint8Array | null> {
  if ('bytes' in f) return f.bytes;
  try {
    const bytes = new Uint8Array(await f.blob.arrayBuffer());
    return bytes.length === f.size ? bytes : null;
  } catch {
    return null;
  }
}

function failure(id: number, e: unknown, file: string): ImportResponse {
  if (e instanceof ImportError) return { type: 'failed', id, issue: e.issue };
  const message = e instanceof Error ? e.message : String(e);
  return {
    type: 'failed',
    id,
    issue: {
      code: 'bad_json',
      severity: 'fatal',
      file,
      params: { detail: message },
      message: `${file}: ${message}`,
    },
  };
}

/** The preview's warm-up (warmRange) in progress; bumped to stop it. */
let warmGen = 0;
/** When the last preview began and its warm-up ended (performance.now()), for the benchmark. */
let previewAt = { inspect: 0, sinks: 0, warmed: 0 };

self.onmessage = async (ev: MessageEvent<ImportRequest>) => {
  const msg = ev.data;
  if (msg.type === 'prepare') {
    // Where a big file would be read in parts (the count for a small one is set at its
    // preview): its range workers and a fault worker. Not for the one pass (the default on 2
    // cores), whose faulting goes on through the import: there a fault worker started ahead
    // gained nothing measurable, and the report came no sooner (session 41).
    const parts = partsFor(Infinity, msg.parts);
    if (parts > 1) prewarmRangeWorkers(parts - 1);
    // (Told on the console: the e2e test picks its file once the helpers are ready.)
    void (parts > 1 ? prestartFaultWorker() : Promise.resolve()).then(() =>
      console.debug('waymark-import-prepared'),
    );
    return;
  }
  if (msg.type === 'inspect') {
    previewAt = { inspect: performance.now(), sinks: 0, warmed: 0 };
    const bytes = await sourceBytes(msg.file);
    if (!bytes) {
      post({ type: 'unreadable', id: msg.id, file: msg.file.name });
      return;
    }
    // A file to be read in parts: its range workers start now, while the user maps columns.
    const size = msg.totalBytes ?? bytes.length;
    const parts = partsFor(size, msg.parts);
    const inParts = parts > 1 && /\.(csv|tsv|txt)$/i.test(msg.file.name);
    // The head the range parses are compiled from (warmRange), here and in the range workers.
    const head = bytes.subarray(0, Math.min(bytes.length, HEAD_READ));
    // The plan the preview prepares for (columns and sinks to fault in), made once from the head.
    let hs: HeadSpec | null = null;
    if (inParts)
      try {
        hs = headSpec(bytes, size, msg.file.name, msg.contract, msg.file.options ?? {}, parts);
      } catch {
        // (only an aid)
      }
    // (This worker parses the first range itself.)
    if (inParts) {
      prewarmRangeWorkers(parts - 1);
      // …and their parser compiled from the head before the click (warmRange).
      try {
        warmRangeWorkers(head, size, msg.file.name, msg.contract, msg.file.options ?? {}, parts);
      } catch {
        // (only an aid)
      }
      // Their columns' memory (and the first range's, with room for the whole file) faulted
      // in on the other core while the user reads the preview, as for one pass.
      try {
        if (hs) faultColumns(fileKey(msg.file.name, size), rangeFaultSizes(hs));
      } catch {
        // (only an aid)
      }
    }
    // One pass: the columns' memory is faulted in on the other core while the user reads the
    // preview (columnFaults.ts; a new file releases the last one's).
    if (parts < 2)
      try {
        faultColumns(
          fileKey(msg.file.name, size),
          blockColumnBytes(
            bytes,
            size,
            msg.file.name,
            msg.contract,
            msg.file.options ?? {},
            MAX_FAULT_BYTES,
          ),
        );
      } catch {
        // (only an aid: the preview below reports what is wrong with the file)
      }
    try {
      post({
        type: 'preview',
        id: msg.id,
        preview: inspectFile(
          bytes,
          msg.file.name,
          msg.contract,
          msg.file.options ?? {},
          20,
          msg.totalBytes,
        ),
      });
    } catch (e) {
      post(failure(msg.id, e, msg.file.name));
    }
    // …then the string sinks' tables and bytes, planned from the same head once the preview is
    // on its way (a run of the head through the string sinks: importStream.ts blockSinkPlan).
    if (parts < 2 && faultingFor(fileKey(msg.file.name, size)))
      try {
        const t0 = performance.now();
        faultSinks(
          fileKey(msg.file.name, size),
          blockSinkPlan(
            bytes,
            size,
            msg.file.name,
            msg.contract,
            msg.file.options ?? {},
            MAX_FAULT_BYTES,
          ),
        );
        sinkPlanMs = performance.now() - t0;
      } catch {
        // (only an aid)
      }
    // Parts: the ranges' string sinks' tables and bytes too (the later ranges' first: they go
    // with their jobs at the click), planned from the head as for one pass (rangeSinkPlans).
    if (inParts && faultingFor(fileKey(msg.file.name, size)))
      try {
        const t0 = performance.now();
        const plans = hs && rangeSinkPlans(bytes, hs);
        if (plans) {
          rangeSinks = { key: fileKey(msg.file.name, size), later: plans.later };
          faultSinks(fileKey(msg.file.name, size), {
            sizes: [
              ...Array.from({ length: parts - 1 }, () => plans.later.sizes).flat(),
              ...plans.first.sizes,
            ],
            keptBytes: plans.first.keptBytes,
            touch: [
              ...Array.from({ length: parts - 1 }, () => plans.later.sizes).flat(),
              ...plans.first.touch!,
            ],
          });
        }
        sinkPlanMs = performance.now() - t0;
        previewAt.sinks = performance.now();
      } catch {
        // (only an aid)
      }
    // Parts: this worker parses the first range, so its parser is compiled from the head too.
    if (inParts)
      try {
        // Also the merge (this worker merges the ranges); both stop when the import comes.
        const gen = ++warmGen;
        await warmRange(head, size, msg.file.name, msg.contract, msg.file.options ?? {}, parts, {
          merge: true,
          stopped: () => gen !== warmGen,
        });
        previewAt.warmed = performance.now();
      } catch {
        // (only an aid)
      }
    return;
  }
  if (msg.type === 'import') {
    const arrived = performance.timeOrigin + performance.now();
    warmGen++; // a warm-up still running stops at its next block
    pending = null;
    lastTimings = [];
    lastFaulted = [0, 0];
    lastSinkFaulted = [0, 0];
    const results: { name: string; table: AccountTable }[] = [];
    const reports: ImportReport[] = [];
    for (const f of msg.files) {
      try {
        const t0 = performance.now();
        readWait = 0;
        STREAM_STALL.seen = 0;
        faultStats.taken = faultStats.bytes = 0;
        faultStats.sinkTaken = faultStats.sinkBytes = 0;
        const { table, report } = await importInParallel(
          f,
          f.name,
          msg.contract,
          {
            ...f.options,
            keyOptional: results.length > 0 || f.options?.keyOptional,
            onProgress: throttleProgress((fraction) =>
              post({ type: 'progress', id: msg.id, file: f.name, fraction }),
            ),
          },
          msg.parts,
          msg.blocks,
        );
        // Timing for `npm run bench -- data` (read from the console by the bench).
        console.debug(
          `waymark-import ${f.name} ${report.rowsRead} rows ${Math.round(performance.now() - t0)} ms ${report.parts ?? 1} parts`,
        );
        // Where the time went (epoch ms; the bench relates them to its click).
        const start = performance.timeOrigin + t0;
        const rel = (t: number) => Math.round(t - start);
        console.debug(
          `waymark-import-phases ${JSON.stringify({
            start: Math.round(start),
            arrived: rel(arrived),
            done: rel(performance.timeOrigin + performance.now()),
            readWait: Math.round(readWait),
            faulted: report.parts ? lastFaulted[0] + lastFaulted[1] : faultStats.taken,
            ...(report.parts ? { partFaulted: lastFaulted, partSinkFaulted: lastSinkFaulted } : {}),
            faultedMB: Math.round(faultStats.bytes / 1e6),
            sinkFaulted: faultStats.sinkTaken,
            sinkFaultedMB: Math.round(faultStats.sinkBytes / 1e6),
            sinkPlanMs: Math.round(sinkPlanMs),
            faultArrivals: faultStats.arrivals.map((t) => Math.round(t - t0)),
            inspectAt: Math.round(previewAt.inspect - t0),
            faultReady: faultStats.ready ? rel(faultStats.ready) : null,
            faultStarted: faultStats.started ? rel(faultStats.started) : null,
            sinksAt: Math.round(previewAt.sinks - t0),
            warmedAt: Math.round(previewAt.warmed - t0),
            stalls: STREAM_STALL.seen,
            ...(report.parts ? importPhases : {}),
            ranges: lastTimings.map((t) =>
              Object.fromEntries(Object.entries(t).map(([k, v]) => [k, rel(v)])),
            ),
          })}`,
        );
        results.push({ name: f.name, table });
        reports.push(report);
      } catch (e) {
        if (e instanceof Unreadable) post({ type: 'unreadable', id: msg.id, file: f.name });
        else post(failure(msg.id, e, f.name));
        return;
      }
    }
    releaseWarm(); // (kept through the parse, so its optimised code stayed)
    const joined =
      results.length > 1
        ? joinTables(results, msg.contract)
        : { table: results[0].table, report: null };
    const sources = reports.map((r) => ({
      file: r.file,
      format: r.format,
      encoding: r.encoding,
      delimiter: r.delimiter,
      mapping: r.mapping,
      rows: r.rowsImported,
      policy: r.policy,
    }));
    pending = { table: joined.table, reports, join: joined.report, sources };
    const d0 = performance.now();
    // The page's watchdog (importWatchdog.ts) hears from the compare too: a progress message
    // at most every 500 ms while the stored dataset is read (a read that stops, stops them).
    const last = msg.files[msg.files.length - 1].name;
    let told = performance.now();
    const replace = await replaceOf(msg.projectId, joined.table, msg.contract, () => {
      if (performance.now() - told < 500) return;
      told = performance.now();
      post({ type: 'progress', id: msg.id, file: last, fraction: 1 });
    });
    console.debug(`waymark-import-digest ${Math.round(performance.now() - d0)} ms`);
    post({
      type: 'imported',
      id: msg.id,
      reports,
      join: joined.report,
      rowCount: joined.table.rowCount,
      replace,
    });
    return;
  }
  if (msg.type === 'infer') {
    let result: InferFileResult | null = null;
    try {
      const bytes =
        msg.file instanceof Uint8Array ? msg.file : new Uint8Array(await msg.file.arrayBuffer());
      result = inferFieldsFromFile(bytes, msg.name, {
        ...(msg.encoding ? { encoding: msg.encoding } : {}),
        ...(msg.sheet ? { sheet: msg.sheet } : {}),
      });
    } catch {
      // an unreadable file proposes nothing (the import reports why)
    }
    post({ type: 'inferred', id: msg.id, result });
    return;
  }
  if (msg.type === 'activityInspect') {
    try {
      post({
        type: 'activityPreview',
        id: msg.id,
        preview: inspectActivityFile(msg.file.bytes, msg.file.name, msg.source),
      });
    } catch (e) {
      post(failure(msg.id, e, msg.file.name));
    }
    return;
  }
  if (msg.type === 'activity') {
    const index = msg.index ?? 0;
    if (index === 0) pendingActivity = null;
    const name = msg.file.name;
    try {
      // The same content as a stored file of the source, or as one imported with it: refused
      // (its events would count twice), whatever the file is called.
      const hash = await contentHash(blobBlocks(msg.file.blob));
      const held = pendingActivity?.source === msg.source.id ? pendingActivity.parts : [];
      const same = [...(msg.stored ?? []), ...held.map((p) => p.info)].find((f) => f.hash === hash);
      if (same) {
        const params = {
          source: msg.source.id,
          other: same.name,
          activityCode: 'activity_same_file',
        };
        post({
          type: 'failed',
          id: msg.id,
          issue: {
            code: 'duplicate_key',
            severity: 'fatal',
            file: name,
            params,
            message: activityMessage({ code: 'activity_same_file', file: name, params }, 'en'),
          },
        });
        return;
      }
      const { table, report } = await importActivityBlob(
        msg.file.blob,
        name,
        msg.source,
        { table: msg.accounts, contract: msg.contract },
        {
          asOf: msg.asOf,
          timeZone: msg.timeZone,
          mapping: msg.mapping,
          onProgress: throttleProgress((fraction) =>
            post({ type: 'progress', id: msg.id, file: name, fraction }),
          ),
        },
      );
      const span = dateSpan(table);
      const info = fileInfoOf(name, report, {
        size: msg.file.blob.size,
        hash,
        ...(span ?? {}),
        importedAt: new Date().toISOString(),
      });
      // Dates overlapping a stored or held file's: a warning in this file's report.
      for (const o of [...(msg.stored ?? []), ...held.map((p) => p.info)])
        if (spansOverlap(span, o)) {
          const params = {
            source: msg.source.id,
            from: span!.from,
            to: span!.to,
            other: o.name,
            otherFrom: o.from!,
            otherTo: o.to!,
          };
          report.issues.push({
            code: 'activity_overlap',
            severity: 'warning',
            file: name,
            params,
            message: activityMessage({ code: 'activity_overlap', file: name, params }, 'en'),
          });
          report.issueCount++;
        }
      const keys = accountKeys(msg.accounts, msg.contract.accountKey);
      const part = { events: toStoredEvents(table, keys, held.length), report, info };
      pendingActivity = { source: msg.source.id, parts: [...held, part] };
      post({ type: 'activityImported', id: msg.id, report });
    } catch (e) {
      post(failure(msg.id, e, name));
    }
    return;
  }
  if (msg.type === 'commitActivity') {
    const p = pendingActivity;
    if (!p) {
      post(failure(msg.id, new Error('Nothing imported to store.'), ''));
      return;
    }
    const names = p.parts.map((x) => x.info.name).join(', ');
    try {
      const events =
        p.parts.length === 1
          ? p.parts[0].events
          : concatStoredEvents(
              p.parts.map((x) => x.events),
              p.parts.map(() => 0),
            );
      const infos = p.parts.map((x) => x.info);
      const meta =
        msg.mode === 'add'
          ? await appendActivityFiles(msg.projectId, p.source, events, infos)
          : await saveActivitySet(msg.projectId, p.source, events, infos);
      pendingActivity = null;
      post({ type: 'activityCommitted', id: msg.id, meta });
    } catch (e) {
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      post({
        type: 'failed',
        id: msg.id,
        issue: {
          code: 'storage_failed',
          severity: 'fatal',
          file: names,
          params: { detail },
          message: `The activity could not be stored in this browser (${detail}). The stored activity is unchanged.`,
        },
      });
    }
    return;
  }
  if (msg.type === 'removeActivityFile') {
    try {
      post({
        type: 'activityFileRemoved',
        id: msg.id,
        meta: await removeActivityFile(msg.setId, msg.index),
      });
    } catch (e) {
      post(failure(msg.id, e, ''));
    }
    return;
  }
  if (msg.type === 'demo') {
    const table = generateDemoTable({ rows: msg.rows, seed: msg.seed });
    pending = {
      table,
      reports: [],
      join: null,
      sources: [{ kind: 'demo', rows: msg.rows, seed: msg.seed }],
    };
    post({
      type: 'imported',
      id: msg.id,
      reports: [],
      join: null,
      rowCount: table.rowCount,
      replace: msg.contract ? await replaceOf(msg.projectId, table, msg.contract) : null,
    });
    return;
  }
  if (msg.type === 'commit') {
    if (!pending) {
      post({
        type: 'failed',
        id: msg.id,
        issue: {
          code: 'no_rows',
          severity: 'fatal',
          file: msg.name,
          params: {},
          message: 'Nothing imported to store.',
        },
      });
      return;
    }
    const { table, sources } = pending;
    try {
      const meta = await saveDataset(msg.projectId, table, { name: msg.name, sources });
      pending = null;
      // The dictionaries packed here (saveDataset has read them), not strings for the page to make.
      const { batches, table: packed } = sliceMessages(packTable(table));
      for (const slices of batches) post({ type: 'committedSlices', id: msg.id, slices });
      post({ type: 'committed', id: msg.id, meta, table: packed }, transferablesOf(packed));
    } catch (e) {
      // IndexedDB reports a full disk as QuotaExceededError, sometimes wrapped in an AbortError.
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      post({
        type: 'failed',
        id: msg.id,
        issue: {
          code: 'storage_failed',
          severity: 'fatal',
          file: msg.name,
          params: { detail },
          message: `The dataset could not be stored in this browser (${detail}). Free space or import fewer rows; the stored dataset is unchanged.`,
        },
      });
    }
  }
};
