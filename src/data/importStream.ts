/**
 * Importing a UTF-8 or Shift_JIS CSV/TSV file a block of bytes at a time (`waymark score`): any size, and
 * memory bounded by one block, the longest record and one chunk of typed columns — plus, for
 * the duplicate-key check, every account key seen (a Map of key → first row). Each block is
 * cut after its last line feed (no character is split: 0x0A is never part of a UTF-8
 * sequence nor a Shift_JIS trail byte); a record still open there (a quoted field with line breaks) is carried into the
 * next block. The rows, values, issues and report are those of importAccountFile on the whole
 * file (importStream.test.ts checks it over random block sizes); each chunk is a table of its
 * own, with its own string dictionaries.
 *
 * A Shift_JIS file is checked line by line for UTF-8 lines as it streams (MixedEncodingScan);
 * a mixed file throws Utf8Error, like invalid bytes: read it whole to report it.
 *
 * Files this path does not read (JSON/NDJSON, CR-only line ends, binary or empty
 * files, a first line longer than the sample) get null from planStream: read them whole.
 */
import { checkCut, type FileEnd } from './cutRecord';
import type { FieldContract } from '../model';
import type { AccountTable } from '../table/columns';
import { parseDelimitedBytes, Utf8Error, type BlockResult, type ByteEncoding } from './csvBytes';
import { MixedEncodingScan } from './encoding';
import { MixedByRecord } from './mixedByRecord';
import {
  byteEncoding,
  importAccountFile,
  openBytes,
  rowImporter,
  type ImportOptions,
  type ImportReport,
  type ParseEnd,
  type RowImporter,
} from './importFile';
import { ImportError } from './issues';
import { checkFileSize, limitsOf } from './limits';
import { autoMap, mappedColumn } from './mapping';
import { columnBuffers, columnCapacity, type SinkPlan } from './columnMemory';

/** Bytes read from the start of a file to plan a stream (more than the 256 KB sample). */
export const PLAN_HEAD_BYTES = 1 << 20;

export interface StreamPlan {
  file: string;
  hasHeader: boolean;
  delimiter: number;
  /** How the bytes are read (Shift_JIS: split as bytes too, see sjisBytes.ts). */
  encoding: ByteEncoding;
  /** Shift_JIS detected (not forced): check, as decodeBytes does, that no line is UTF-8. */
  checkMixed: boolean;
  /** 3 after a UTF-8 byte order mark. */
  start: number;
  importer: RowImporter;
  /** How the file ended, once streamChunks read every block (the cut check: cutRecord.ts). */
  end?: FileEnd;
}

/**
 * A plan for reading the file in blocks, from its first bytes (`head`: the first
 * PLAN_HEAD_BYTES, or the whole file if shorter), or null when it must be read whole.
 * Throws ImportError where importAccountFile would for the same start (e.g. no key column).
 */
export function planStream(
  head: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions = {},
): StreamPlan | null {
  // CR-only line ends are rewritten by the whole-file path; a head without LF may be one.
  if (head.indexOf(0x0a) < 0) return null;
  const input = openBytes(head, file, contract, opts);
  if (!input) return null;
  const importer = rowImporter(file, contract, opts, input.source, input.encoding, 'bytes', true);
  return {
    file,
    hasHeader: input.source.hasHeader,
    delimiter: input.delimiter,
    encoding: byteEncoding(input.encoding),
    checkMixed: input.encoding === 'shift_jis' && !opts.encoding,
    start: input.start,
    importer,
  };
}

/**
 * The carried bytes and the next block as one buffer, in a work buffer reused block after block
 * (a fresh 8 MB array per block cost more than the copy: new pages). The chunks built from a
 * parse hold no reference to its bytes, so the next block may overwrite them.
 */
function joiner(): (carry: Uint8Array, block: Uint8Array) => Uint8Array {
  let work = new Uint8Array(0);
  return (carry, block) => {
    if (carry.length === 0) return block;
    const need = carry.length + block.length;
    if (work.length < need) {
      const next = new Uint8Array(Math.max(need, work.length * 2));
      next.set(carry);
      work = next;
    } else if (carry.buffer === work.buffer) {
      const at = carry.byteOffset - work.byteOffset;
      work.copyWithin(0, at, at + carry.length);
    } else work.set(carry);
    work.set(block, carry.length);
    return work.subarray(0, need);
  };
}

/**
 * The table in chunks, one per block of input that held rows (blocks from the start of the
 * file, of any sizes). When the generator is done, `plan.importer.finish(endOf(...))` is not
 * needed: call streamResult(plan) for the report. Throws Utf8Error on invalid UTF-8 or
 * Shift_JIS, or a Shift_JIS file with UTF-8 lines (as the byte path of importAccountFile
 * does: read the file whole to report it).
 */
export async function* streamChunks(
  plan: StreamPlan,
  blocks: AsyncIterable<Uint8Array>,
  opts: ImportOptions = {},
): AsyncGenerator<AccountTable, ParseEnd> {
  const { maxRowBytes } = limitsOf(opts.limits);
  const imp = plan.importer;
  const hasHeader = plan.hasHeader;
  const state = { record: 0, line: 1, final: false };
  let carry: Uint8Array = new Uint8Array(0);
  let start = plan.start;
  // A record still open past maxRowBytes: its bytes are dropped; the next quote decides
  // between "too long" (the quote closes it or is an escape past the limit) and "never closed".
  let runaway: { record: number; line: number } | null = null;
  const onRecord = (b: Uint8Array) => (rec: Parameters<RowImporter['onRecord']>[1], r: number) => {
    if (hasHeader && r === 1) return;
    imp.onRecord(b, rec, hasHeader ? r - 1 : r);
  };

  /** Parse buf[start, end); returns what ended the parse, or null to go on (carry set). */
  const parse = (buf: Uint8Array, end: number, final: boolean): ParseEnd | null => {
    const view = end === buf.length ? buf : buf.subarray(0, end);
    state.final = final;
    const r: BlockResult = parseDelimitedBytes(
      view,
      plan.delimiter,
      onRecord(view),
      start,
      maxRowBytes,
      state,
      plan.encoding,
      imp.numeric,
      imp.direct,
    );
    start = 0;
    state.record = r.rows;
    if (r.tooLong || r.unterminated) return r;
    if (r.incomplete) {
      state.line = r.incomplete.line;
      carry = buf.subarray(r.incomplete.offset);
      if (carry.length > maxRowBytes + 1) {
        runaway = { record: r.rows + 1, line: r.incomplete.line };
        // The bytes already read may hold a quote after the limit (an escape): too long.
        if (carry.subarray(maxRowBytes).indexOf(0x22) >= 0) return { tooLong: runaway };
        carry = new Uint8Array(0);
      }
    } else {
      state.line = r.line ?? state.line;
      carry = buf.subarray(end);
    }
    return null;
  };

  const join = joiner();
  const mixed = plan.checkMixed ? new MixedEncodingScan() : null;
  // How the file ends, for the cut check (a short last row or an open quote with no final
  // line break): size, last byte and line count, as the whole-file import sees them.
  let size = 0;
  let lastByte = -1;
  let lines = 1;
  for await (const block of blocks) {
    if (mixed) {
      mixed.feed(block);
      // A UTF-8 line in a Shift_JIS file: refused as the whole-file path does (it names the lines).
      if (mixed.certain) throw new Utf8Error(-1);
    }
    size += block.length;
    if (block.length) lastByte = block[block.length - 1];
    for (let i = block.indexOf(0x0a); i >= 0; i = block.indexOf(0x0a, i + 1)) lines++;
    if (runaway) {
      if (block.indexOf(0x22) >= 0) return { tooLong: runaway };
      continue;
    }
    const buf = join(carry, block);
    const cut = buf.lastIndexOf(0x0a) + 1;
    if (cut === 0) {
      carry = buf;
      if (carry.length - start > maxRowBytes + 1) {
        // No line break in a whole row's worth of bytes: parsing what there is reports the row
        // as too long, or finds it inside a quoted field (a runaway).
        const end = parse(buf, buf.length, false);
        if (end) return end;
      }
      continue;
    }
    const end = parse(buf, cut, false);
    const chunk = imp.takeChunk();
    if (chunk.rowCount > 0) yield chunk;
    if (end) return end;
  }
  if (mixed?.mixed()) throw new Utf8Error(-1);
  plan.end = { size, lastByte, lastLine: () => lines };
  if (runaway) return { unterminated: runaway };
  if (carry.length > 0) {
    const end = parse(carry, carry.length, true);
    const chunk = imp.takeChunk();
    if (chunk.rowCount > 0) yield chunk;
    if (end) return end;
  }
  return {};
}

/** The report once streamChunks is done (with what ended it), and an empty last table. */
export function streamResult(
  plan: StreamPlan,
  end: ParseEnd,
): { table: AccountTable; report: ImportReport } {
  const res = plan.importer.finish(end);
  if (plan.end) checkCut(plan.file, res.report, plan.end);
  return res;
}

/** A file read by position (`read` as Node's fs.readSync: bytes read, 0 at the end). */
export interface ByteSource {
  size: number;
  read(buf: Uint8Array, offset: number, length: number, position: number): number;
}

/** A file read by position, asynchronously (a browser's File: `importAccountBlocksAsync`). */
export interface AsyncByteSource {
  size: number;
  read(buf: Uint8Array, offset: number, length: number, position: number): Promise<number>;
}

/** Bytes read per block by importAccountBlocks (parsed while they are still in the cache). */
const READ_BLOCK = 1 << 20;

/** A read the block import asks for: `length` bytes at `position` into buf at `offset`. */
interface ReadAsk {
  buf: Uint8Array;
  offset: number;
  length: number;
  position: number;
}

/** What the block import asks of its reader, and what it ends with (null: read the file whole). */
type BlockSteps = Generator<ReadAsk, { table: AccountTable; report: ImportReport } | null, number>;

/**
 * importAccountFile of a file read a block at a time into one reused buffer, into one table:
 * the same table and report (importStream.test.ts checks it over random block sizes), without
 * holding the whole file — reading a 185 MB file into a fresh buffer was 45k page faults,
 * ~0.5 s of system time, a third of the import's gap to DuckDB's read_csv. String columns
 * copy the bytes of the values they keep (StringSink.ownBuffers), and new plain values (ids,
 * names) stay those bytes until the column's `dict` is first read (StringSink.packValues).
 *
 * Only the plain case is read this way: a UTF-8 or Shift_JIS CSV/TSV that imports without a
 * file-level error. Anything else — other formats, a file under `minBytes`, invalid bytes,
 * mixed encodings, a row too long, a quote never closed, any ImportError — is read whole and
 * given to importAccountFile, which reports it as it always has.
 */
export function importAccountBlocks(
  src: ByteSource,
  file: string,
  contract: FieldContract,
  opts: ImportOptions = {},
  tune: { minBytes?: number; block?: number } = {},
): { table: AccountTable; report: ImportReport } {
  checkFileSize(file, src.size, opts.limits);
  const whole = () => {
    const bytes = new Uint8Array(src.size);
    let n = 0;
    while (n < bytes.length) {
      const r = src.read(bytes, n, bytes.length - n, n);
      if (r <= 0) break;
      n += r;
    }
    return importAccountFile(
      n === bytes.length ? bytes : bytes.subarray(0, n),
      file,
      contract,
      opts,
    );
  };
  if (src.size < (tune.minBytes ?? 4 * READ_BLOCK) || opts.csvPath === 'string') return whole();
  const steps = blockSteps(src.size, file, contract, opts, tune.block);
  for (let ask = steps.next(); ;) {
    if (ask.done) return ask.value ?? whole();
    const q = ask.value;
    ask = steps.next(src.read(q.buf, q.offset, q.length, q.position));
  }
}

/**
 * importAccountBlocks with reads that are promises (a browser's File, read by slices while the
 * blocks before are parsed: the source may read ahead). The same table and report; `whole`
 * gives the file's bytes when it must be read whole (its errors are importAccountFile's).
 */
export async function importAccountBlocksAsync(
  src: AsyncByteSource,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  whole: () => Promise<Uint8Array>,
  tune: { minBytes?: number; block?: number } = {},
): Promise<{ table: AccountTable; report: ImportReport }> {
  checkFileSize(file, src.size, opts.limits);
  const readWhole = async () => importAccountFile(await whole(), file, contract, opts);
  if (src.size < (tune.minBytes ?? 4 * READ_BLOCK) || opts.csvPath === 'string') return readWhole();
  const steps = blockSteps(src.size, file, contract, opts, tune.block);
  for (let ask = steps.next(); ;) {
    if (ask.done) return ask.value ?? readWhole();
    const q = ask.value;
    ask = steps.next(await src.read(q.buf, q.offset, q.length, q.position));
  }
}

/**
 * The head a plan is made from (blockColumnBytes, blockSinkPlan): its first PLAN_HEAD_BYTES
 * opened as the import would open the file, and the mapping used; null where the file would be
 * read whole, the head is too short, or it does not open (a plan is only an aid).
 */
function openPlanHead(
  head: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
) {
  const n = Math.min(PLAN_HEAD_BYTES, size);
  if (size < 4 * READ_BLOCK || head.length < n || opts.csvPath === 'string') return null;
  const bytes = head.subarray(0, n);
  try {
    const input = openBytes(bytes, file, contract, opts, size);
    if (!input) return null;
    return { bytes, input, mapping: opts.mapping ?? autoMap(input.source.headers, contract) };
  } catch {
    return null;
  }
}

/**
 * The byte lengths of the columns importAccountBlocks(Async) makes for a file of `size` bytes
 * from `head` (its first bytes, at least the first PLAN_HEAD_BYTES of a larger file), largest
 * first and at most `maxBytes` in all, for memory faulted in ahead (ImportOptions.memory); []
 * where the file would be read whole or its head does not suffice. (Columns that grow past the
 * estimate are no longer these lengths: the import then keeps its own.)
 */
export function blockColumnBytes(
  head: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  maxBytes: number,
): number[] {
  const planned = openPlanHead(head, size, file, contract, opts);
  if (!planned) return [];
  const { input, mapping } = planned;
  const types = contract.fields
    .filter((f) => mappedColumn(mapping, f.id) != null)
    .map((f) => f.type);
  return columnBuffers(types, columnCapacity(input.source.estimatedRows), maxBytes);
}

/**
 * What the string sinks of importAccountBlocks(Async) will grow to for a file of `size` bytes
 * (SinkPlan: buffers to fault in ahead, and each string field's kept bytes), found by importing
 * its head (`head`, as blockColumnBytes) with the same sinks and capacity the import will have:
 * a column that is mostly new values over the head (ids, names) is sized for the whole file at
 * once there, and so it will be in the import. Empty where blockColumnBytes is, or on any error
 * (only an aid). Buffers past `maxBytes` in all are left out.
 */
export function blockSinkPlan(
  head: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  maxBytes: number,
): SinkPlan {
  const none: SinkPlan = { sizes: [], keptBytes: {} };
  const planned = openPlanHead(head, size, file, contract, opts);
  if (!planned) return none;
  const { bytes, input, mapping } = planned;
  const n = bytes.length;
  try {
    // Only the string fields (the number columns would be allocated at capacity for nothing),
    // mapped as the whole contract maps them.
    const strings = contract.fields.filter(
      (f) =>
        f.type !== 'number' && f.type !== 'integer' && f.type !== 'date' && f.type !== 'boolean',
    );
    const imp = rowImporter(
      file,
      { ...contract, fields: strings },
      { ...opts, mapping, memory: undefined, onProgress: undefined },
      input.source,
      input.encoding,
      'bytes',
      false,
      byteEncoding(input.encoding),
      true,
    );
    const cut = n === size ? n : bytes.lastIndexOf(0x0a) + 1;
    if (cut <= input.start) return none;
    const view = bytes.subarray(0, cut);
    const hasHeader = input.source.hasHeader;
    parseDelimitedBytes(
      view,
      input.delimiter,
      (rec, r) => {
        if (hasHeader && r === 1) return;
        imp.onRecord(view, rec, hasHeader ? r - 1 : r);
      },
      input.start,
      limitsOf(opts.limits).maxRowBytes,
      { record: 0, line: 1, final: n === size },
      byteEncoding(input.encoding),
      imp.numeric,
      imp.direct,
    );
    const plan = imp.sinkPlan();
    let total = 0;
    plan.sizes = plan.sizes.filter((b) => (total + b <= maxBytes ? ((total += b), true) : false));
    return plan;
  } catch {
    return none;
  }
}

/** The block import of a file of `size` bytes, its reads asked of the caller (yield). */
function* blockSteps(
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  block: number | undefined,
): BlockSteps {
  const blockBytes = Math.max(1, block ?? READ_BLOCK);
  const { maxRowBytes } = limitsOf(opts.limits);
  let buf = new Uint8Array(Math.max(PLAN_HEAD_BYTES, blockBytes) + 1024);
  let got = 0;
  while (got < Math.min(PLAN_HEAD_BYTES, size)) {
    const r: number = yield {
      buf,
      offset: got,
      length: Math.min(PLAN_HEAD_BYTES, size) - got,
      position: got,
    };
    if (r <= 0) break;
    got += r;
  }
  const head = buf.subarray(0, got);
  // CR-only line ends are rewritten by the whole-file path; a head without LF may be one.
  if (head.indexOf(0x0a) < 0) return null;
  let input: ReturnType<typeof openBytes>;
  try {
    input = openBytes(head, file, contract, opts, size);
  } catch (e) {
    if (e instanceof ImportError) return null;
    throw e;
  }
  if (!input) return null;
  try {
    const imp = rowImporter(
      file,
      contract,
      opts,
      input.source,
      input.encoding,
      'bytes',
      false,
      byteEncoding(input.encoding),
      true,
    );
    const hasHeader = input.source.hasHeader;
    const encoding = byteEncoding(input.encoding);
    // A detected Shift_JIS file: no line may be UTF-8, checked on the lines the parse finds.
    const mixed = input.encoding === 'shift_jis' && !opts.encoding ? new MixedByRecord() : null;
    const state = { record: 0, line: 1, final: false };
    let start = input.start;
    let view = head;
    const onRecord = mixed
      ? (rec: Parameters<RowImporter['onRecord']>[1], r: number, line: number) => {
          mixed.record(buf, rec, line);
          if (hasHeader && r === 1) return;
          imp.onRecord(view, rec, hasHeader ? r - 1 : r);
        }
      : (rec: Parameters<RowImporter['onRecord']>[1], r: number) => {
          if (hasHeader && r === 1) return;
          imp.onRecord(view, rec, hasHeader ? r - 1 : r);
        };
    // buf[0, have): a carried record, then the bytes read; pos: file bytes read so far. The
    // head is read again as blocks (the plan only looked at it).
    let have = 0;
    let pos = 0;
    let lastByte = -1;
    for (;;) {
      if (buf.length - have < blockBytes) {
        const grown = new Uint8Array(have + blockBytes + 1024);
        grown.set(buf.subarray(0, have));
        buf = grown;
      }
      const n: number = yield {
        buf,
        offset: have,
        length: Math.min(blockBytes, size - pos),
        position: pos,
      };
      if (n <= 0) return null;
      mixed?.read(buf.subarray(have, have + n));
      have += n;
      pos += n;
      lastByte = buf[have - 1];
      const final = pos >= size;
      const cut = final ? have : buf.lastIndexOf(0x0a, have - 1) + 1;
      if (cut > 0) {
        view = buf.subarray(0, cut);
        state.final = final;
        const r = parseDelimitedBytes(
          view,
          input.delimiter,
          onRecord,
          start,
          maxRowBytes,
          state,
          encoding,
          imp.numeric,
          imp.direct,
        );
        start = 0;
        if (r.tooLong || r.unterminated) return null;
        state.record = r.rows;
        const next = r.incomplete ? r.incomplete.offset : cut;
        if (r.incomplete) state.line = r.incomplete.line;
        else state.line = r.line ?? state.line;
        if (mixed) {
          mixed.parsed(buf, next, have, state.line);
          // A UTF-8 line in a Shift_JIS file: read whole, which names the lines.
          if (mixed.scan.certain) return null;
        }
        // The record still open moves to the front of the buffer.
        buf.copyWithin(0, next, have);
        have -= next;
        // Columns move into pre-faulted memory that has arrived (opts.memory; none: nothing).
        imp.adopt();
      }
      if (final) break;
      if (have > maxRowBytes + 1) return null;
    }
    if (mixed?.scan.mixed() || have > 0) return null;
    const res = imp.finish({});
    // The parser counted every line break: the last line is the one it ended on.
    const lines = state.line;
    checkCut(file, res.report, { size, lastByte, lastLine: () => lines });
    return res;
  } catch (e) {
    if (e instanceof ImportError || e instanceof Utf8Error) return null;
    throw e;
  }
}
