/**
 * `waymark score` over a file read in blocks (data/importStream.ts): import a block's rows,
 * score them, write them, drop them. Memory is one block (8 MB), the longest record, one
 * chunk of columns and its result, and every account key (for the duplicate check) — not the
 * file. UTF-8 and Shift_JIS CSV/TSV stream in one pass; JSON (an array of objects) and NDJSON
 * in two (data/importJsonStream.ts: the first finds every key). Files the stream does not read
 * (CR-only line ends, {"rows": …} documents, and anything the whole-file path reports as
 * invalid) return 'whole' before anything is written, and score.ts reads them whole as before.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ImportError, type BadRowPolicy, type ImportReport } from '../data';
import {
  planStream,
  PLAN_HEAD_BYTES,
  streamChunks,
  streamResult,
  type StreamPlan,
} from '../data/importStream';
import { Utf8Error } from '../data/csvBytes';
import { jsonChunks, planJsonStream, type JsonStreamPlan } from '../data/importJsonStream';
import type { ParseEnd } from '../data/importFile';
import type { AccountTable } from '../table/columns';
import type { Playbook } from '../model';
import type { CompiledPlaybook } from '../engine';
import { formatImportIssue } from './importIssue';
import { importLimits, MAX_PRINTED, reportImport } from './load';
import { OutputError, type Output } from './output';
import type { ChunkWriter } from './chunkWriter';
import { t } from './messages';
import type { CliIO } from './types';

/** Bytes per read: big enough that per-block work is noise, small next to a chunk's columns. */
export const BLOCK_BYTES = 8 << 20;
/** JSON / NDJSON rows per chunk (about a block of CSV). */
const JSON_CHUNK_ROWS = 50_000;

export interface StreamScoreArgs {
  pb: Playbook;
  compiled: CompiledPlaybook;
  dataFile: string;
  badRows: BadRowPolicy | undefined;
  /** Opens the output once the data is known to be readable. */
  openOutput: () => Promise<Output | null>;
  writer: ChunkWriter;
  /** Bytes per read (tests use small blocks). */
  blockBytes?: number;
}

/** Rows written and the output, 'whole' (read the file whole instead), or null: failed (reported). */
export async function streamScore(
  io: CliIO,
  a: StreamScoreArgs,
): Promise<{ rows: number; out: Output } | 'whole' | null> {
  const path = resolve(io.cwd, a.dataFile);
  const file = basename(a.dataFile);
  const limits = importLimits();
  const importOpts = { badRows: a.badRows ?? 'skip', maxIssues: MAX_PRINTED, limits } as const;
  let head: Uint8Array;
  try {
    // No size limit here, unless an operator set one (WAYMARK_IMPORT_LIMITS): the whole-file
    // path then refuses the file as before.
    if (limits?.maxFileBytes !== undefined && (await stat(path)).size > limits.maxFileBytes)
      return 'whole';
    head = await readHead(path);
  } catch {
    return 'whole'; // the whole-file path reports why it cannot be read
  }
  const read = () => createReadStream(path, { highWaterMark: a.blockBytes ?? BLOCK_BYTES });
  let plan: StreamPlan | null;
  let json: JsonStreamPlan | null = null;
  try {
    // A JSON head is not a document by itself: planStream refuses it (or throws bad_json).
    plan = planStream(head, file, a.pb.fields, importOpts);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    plan = null;
  }
  try {
    // JSON / NDJSON: a first pass over the file for its keys (and what would be refused).
    if (!plan) json = await planJsonStream(head, read, file, a.pb.fields, importOpts);
  } catch (e) {
    if (e instanceof ImportError) return 'whole'; // reported by the whole-file path, as before
    throw e;
  }
  if (!plan && !json) return 'whole';
  const importer = plan ? plan.importer : json!.importer;
  const out = await a.openOutput();
  if (!out) return null;
  const blocks = read();
  let rows = 0;
  let end: ParseEnd;
  try {
    const it = plan
      ? streamChunks(plan, blocks, importOpts)
      : jsonChunks(json!, blocks, importOpts, JSON_CHUNK_ROWS);
    for (let r = await it.next(); ; r = await it.next()) {
      if (r.done) {
        end = r.value;
        break;
      }
      // After an error that stops the run nothing more is written; the import goes on to
      // count and report every problem, as the whole-file path does.
      if (a.badRows === undefined && importer.fatalCount > 0) continue;
      rows += await a.writer.chunk(r.value, out, true); // a block's table, never read again
    }
    // Tables still being scored in worker threads reach the output before anything is reported,
    // as they would have with one thread.
    await a.writer.flush?.();
  } catch (e) {
    blocks.destroy();
    if (!(e instanceof OutputError)) await a.writer.flush?.().catch(() => undefined);
    await out.abort();
    if (e instanceof Utf8Error) {
      // Invalid UTF-8 past the sample: the whole-file path names the lines.
      partial(io, rows, out);
      return 'whole';
    }
    if (e instanceof OutputError) return null;
    throw e;
  }
  let last: { table: AccountTable; report: ImportReport };
  try {
    last = plan ? streamResult(plan, end) : importer.finish(end);
  } catch (e) {
    await out.abort();
    if (e instanceof ImportError) {
      io.stderr(formatImportIssue(e.issue) + '\n');
      partial(io, rows, out);
      return null;
    }
    throw e;
  }
  if (!reportImport(io, a.dataFile, a.pb, last.report, a.badRows)) {
    await out.abort();
    partial(io, rows, out);
    return null;
  }
  try {
    rows += await a.writer.chunk(last.table, out);
    await a.writer.end(out);
  } catch (e) {
    await out.abort();
    if (e instanceof OutputError) return null;
    throw e;
  }
  return { rows, out };
}

/** Rows already on standard output when the run stopped: say the output is incomplete. */
function partial(io: CliIO, rows: number, out: Output): void {
  if (rows > 0 && out.isStdout) io.stderr(t('error.partialOutput', { rows }) + '\n');
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(PLAN_HEAD_BYTES);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}
