/**
 * Importing one CSV/TSV file in N byte ranges at once (the browser gives each range its own
 * worker), merged into exactly the table and report of importAccountFile on the whole file.
 *
 * Where a range may start: after a line feed that is not inside a quoted field. Quote state is
 * not locally decidable (and this parser is lenient: a `"` inside an unquoted field is text, so
 * counting quotes would be wrong), so the split is speculative, then checked:
 * - the file is cut at the first line feed after each 1/N of its bytes;
 * - each range is parsed as if its start were a record start, with the real parser, and reads
 *   on past its nominal end until a record ends (a quoted field straddling the cut); its `end`
 *   is the first record boundary at or after the nominal end;
 * - ranges are then accepted in file order: range 0 starts at a true record start; range k+1's
 *   guess was right exactly when range k (itself right) ends where k+1 starts — the parser
 *   from a true record start meets every true record start. A wrong guess (the cut fell inside
 *   a quoted line break) is parsed again from where range k ended: the result is always exact,
 *   only slower in that case.
 * Every error a range meets (invalid UTF-8 or Shift_JIS, a quote never closed, a row too long,
 * a file mixing encodings) makes the whole file import serially, so the message, its row and
 * line are those of the serial import.
 *
 * Each range is imported with every row kept (policy "blank") and every issue listed; the
 * merge then does what depends on the rows before: row numbers (offset by the records of the
 * ranges before), duplicate keys (from the key values, in file order, with the policy's rule of
 * which first row counts), which rows are kept, the string dictionaries (distinct values in the
 * order of their first kept row, as the serial import's compaction gives), the "%" columns
 * mixing 80% and 0.8 (counts added up), the counts and the first maxIssues issues.
 *
 * Shift_JIS: `"`, the delimiters, CR and LF are never the second byte of a character, so the
 * same cuts hold; each range's bytes are parsed as Shift_JIS, as the serial import parses the
 * whole file, and its lines counted for the mixed-encoding check (the counts add up across
 * ranges: they end at line feeds). JSON, NDJSON and .xlsx are read serially.
 */
import type { FieldContract } from '../model';
import { newColumns, type AccountTable, type Column } from '../table/columns';
import { parseDelimitedBytes, Utf8Error, type BlockState, type ByteRecord } from './csvBytes';
import { detect, detectMemo, reallyUtf8Lines } from './parallelDetect';
import type { AsyncByteSource } from './importStream';
import {
  byteEncoding,
  describeIssue,
  importAccountFile,
  percentMixedIssue,
  rowImporter,
  type ImportOptions,
  type ImportReport,
  type PercentStat,
  type RowImporter,
} from './importFile';
import { clip, type ImportIssue } from './issues';
import { checkFileSize, limitsOf } from './limits';
import { macrotask } from '../util/macrotask';
import { mappedColumn } from './mapping';
import { hashBytes, packedDictColumn } from './sinks';
import { MixedByRecord } from './mixedByRecord';
import { columnBuffers, columnCapacity, type ColumnMemory, type SinkPlan } from './columnMemory';
import {
  dictHashes,
  dictBytesOf,
  dictOfBytes,
  absorbTimes,
  mergeDictParts,
  mergedStrings,
  touchRoom,
  type DictBytes,
  type DictPart,
} from './absorbPart';
import type { Encoding } from './encoding';

/** Below this many bytes per part a file is read in one pass (workers cost more than they save). */
export const MIN_PART_BYTES = 2 << 20;
/** Parts at most: the merge is serial, and memory grows with each part's copy. */
export const MAX_PARTS = 4;

/** What every range needs (structured-cloneable: sent to the range workers). */
export interface RangeSpec {
  file: string;
  contract: FieldContract;
  /** The import options, with the mapping resolved (no onProgress). */
  opts: Omit<ImportOptions, 'onProgress'>;
  encoding: Encoding;
  format: 'csv' | 'tsv';
  delimiter: string;
  hasHeader: boolean;
  headers: string[];
  /** File size, and where the first record starts (3 after a UTF-8 byte order mark). */
  size: number;
  start: number;
  /** Data rows per byte in the head (sizes each range's columns). */
  rowsPerByte: number;
  /** Ranges the file was cut into (sizes a later range's columns: roomOf). */
  parts: number;
  /** Shift_JIS detected (not forced): check the ranges for UTF-8 lines as the serial import does. */
  checkMixed: boolean;
}

/** A byte range [from, to) of the file; `to` is just after a line feed, or the file size. */
export interface RangeJob {
  from: number;
  to: number;
}

export interface RangeResult {
  from: number;
  to: number;
  /** Where the last record read ends (≥ to), when no failure. */
  end: number;
  /** Why this range cannot be merged (if its start was right, the file is read serially). */
  failure?: string;
  /** Data records read (the header excluded). */
  records: number;
  /** Every record as a row (policy "blank"); null when there were none. */
  table: AccountTable | null;
  /** A report with the file-level fields (headers, mapping…), from a range with rows. */
  report: ImportReport | null;
  /** Row issues in file order, rows counted from this range's start; no duplicate_key. */
  issues: ImportIssue[];
  percent: PercentStat[];
  /** Per string column, the hash of each dictionary value's UTF-8 bytes (valueHashes), for the merge. */
  hashes?: Record<string, Int32Array>;
  /** Per string column, its dictionary as UTF-8 bytes (made from the packed values: no string per value). */
  dictBytes?: Record<string, DictBytes>;
  /** Shift_JIS detected: lines that are not UTF-8, UTF-8 lines, and those really UTF-8. */
  mixed?: { invalid: number; utf8: number; real: number };
  /** ms from the last record parsed to the result made (the importer's finish, the dictionaries as bytes). */
  finishMs?: number;
  /** In transit only (packResult): the string columns' values are in dictBytes only. */
  packed?: boolean;
}

export interface ParallelPlan {
  spec: RangeSpec;
  jobs: RangeJob[];
}

/**
 * How to read the file in `parts` ranges, or null to read it serially (one part, too small,
 * not CSV/TSV, not UTF-8 or Shift_JIS, or anything odd the serial import reports better).
 */
export function planParallel(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
  minPartBytes = MIN_PART_BYTES,
): ParallelPlan | null {
  const s = planSpec(bytes, bytes.length, file, contract, opts, parts, minPartBytes);
  if (!s) return null;
  const jobs = cutJobs(bytes, s.spec.start, s.targets);
  return jobs.length < 2 ? null : { spec: s.spec, jobs };
}

/**
 * The spec and the cut targets of a file of `size` bytes, from `bytes`: the whole file, or its
 * head (at least HEAD_READ bytes of it). Null: read it serially (see planParallel).
 */
function planSpec(
  bytes: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
  minPartBytes: number,
): { spec: RangeSpec; targets: number[] } | null {
  parts = Math.min(parts, Math.floor(size / Math.max(1, minPartBytes)));
  if (parts < 2 || opts.csvPath === 'string') return null;
  let found: ReturnType<typeof detect>;
  try {
    found = detect(bytes, file, contract, opts, size);
  } catch {
    return null;
  }
  if (!found) return null;
  const { onProgress: _, ...rest } = opts;
  void _;
  const spec: RangeSpec = {
    ...found,
    file,
    contract,
    opts: { ...rest, mapping: found.mapping },
    size,
    parts,
  };
  // The first range a little shorter (FIRST_WEIGHT), the others alike.
  const later = laterShare(parts);
  const targets = Array.from({ length: parts - 1 }, (_, k) =>
    Math.round(spec.start + (1 - (parts - 1 - k) * later) * (size - spec.start)),
  );
  return { spec, targets };
}

/**
 * The first range's bytes against a later range's. The first is parsed where the import runs
 * (the import worker), which also relays the others' progress and then merges; with an even
 * split it ended last in 11 of 12 rounds (median 120 ms after the other part of ~2.2 s, session
 * 37), so it gets ~1.4 % of the file less. (An even split again, tried in session 40 once the
 * page was told less often: the parts' ends moved closer, the import was no faster in 4 sets.)
 */
export const FIRST_WEIGHT = 0.97;

/** A later range's share of the bytes after the header, with `parts` ranges. */
export function laterShare(parts: number): number {
  return 1 / (FIRST_WEIGHT + parts - 1);
}

/** A file read in slices (a picked File in the browser), or bytes in memory. */
export interface ByteSource {
  size: number;
  /** Bytes [from, to) (to ≤ size). */
  read(from: number, to: number): Promise<Uint8Array>;
}

/** The head a plan is made from (detection reads 256 KB; the Shift_JIS check more than 64K characters). */
export const HEAD_READ = 1 << 20;

/**
 * planParallel for a file read in slices: its head, then a little at each cut target until a
 * line feed, so the ranges can start before the rest of the file is read (each range worker
 * reads its own slice). The same plan as planParallel on the whole file.
 */
export async function planFromSource(
  src: ByteSource,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
  minPartBytes = MIN_PART_BYTES,
): Promise<ParallelPlan | null> {
  Object.assign(planTimes, { headRead: 0, spec: 0, cutRead: 0, specKnown: 0 });
  const n = src.size;
  if (Math.min(parts, Math.floor(n / Math.max(1, minPartBytes))) < 2) return null;
  const t0 = performance.now();
  const head = await src.read(0, Math.min(n, HEAD_READ));
  const t1 = performance.now();
  const hits = detectMemo.stats.hits;
  const s = planSpec(head, n, file, contract, opts, parts, minPartBytes);
  planTimes.specKnown = detectMemo.stats.hits - hits;
  // The plan's steps (the benchmark's phases): the head read, the spec made from it.
  planTimes.headRead = t1 - t0;
  planTimes.spec = performance.now() - t1;
  if (!s) return null;
  const jobs: RangeJob[] = [];
  let from = s.spec.start;
  for (const target of s.targets) {
    // The first line feed at or after max(target, from), as cutJobs finds it.
    let at = Math.max(target, from);
    let cut = -1;
    for (let step = 64 << 10; at < n; at += step, step *= 2) {
      const w = await src.read(at, Math.min(n, at + step));
      const i = w.indexOf(0x0a);
      if (i >= 0) {
        cut = at + i + 1;
        break;
      }
    }
    if (cut <= from || cut >= n) continue;
    jobs.push({ from, to: cut });
    from = cut;
  }
  jobs.push({ from, to: n });
  planTimes.cutRead = performance.now() - t1 - planTimes.spec;
  return jobs.length < 2 ? null : { spec: s.spec, jobs };
}

/**
 * ms planFromSource's last call spent reading the head, making the spec and reading at the
 * cuts; specKnown 1 where the head's detection was the preview's (parallelDetect.ts detectMemo).
 */
export const planTimes = { headRead: 0, spec: 0, cutRead: 0, specKnown: 0 };

/** Ranges cut at the first line feed at or after each target offset (ascending). */
export function cutJobs(bytes: Uint8Array, start: number, targets: number[]): RangeJob[] {
  const n = bytes.length;
  const jobs: RangeJob[] = [];
  let from = start;
  for (const target of targets) {
    const cut = bytes.indexOf(0x0a, Math.max(target, from)) + 1;
    if (cut <= from || cut >= n) continue;
    jobs.push({ from, to: cut });
    from = cut;
  }
  jobs.push({ from, to: n });
  return jobs;
}

/** Bytes past a range's end a worker is given, to finish a record straddling the cut. */
export function tailBytes(spec: RangeSpec): number {
  return limitsOf(spec.opts.limits).maxRowBytes + 2;
}

const failed = (job: RangeJob, failure: string): RangeResult => ({
  from: job.from,
  to: job.to,
  end: -1,
  failure,
  records: 0,
  table: null,
  report: null,
  issues: [],
  percent: [],
});

/**
 * The row importer of one range: every row kept and every issue listed, rows counted from the
 * range's start (the merge applies the bad-row policy and the offsets); cells read as the file's
 * bytes (UTF-8 or Shift_JIS, as the one pass reads them).
 */
function rangeImporter(
  spec: RangeSpec,
  job: RangeJob,
  onProgress: ((fraction: number) => void) | undefined,
  reusedBuffers: boolean,
  room: number,
  memory?: ColumnMemory,
): RowImporter {
  const source = {
    format: spec.format,
    delimiter: spec.delimiter,
    hasHeader: spec.hasHeader,
    headers: spec.headers,
    estimatedRows: Math.max(1, Math.round((job.to - job.from) * spec.rowsPerByte)),
    preview: () => [],
    forEach: () => ({}),
  };
  const opts: ImportOptions = {
    ...spec.opts,
    badRows: 'blank',
    maxIssues: Infinity,
    rowNumbers: false,
    onProgress,
    memory,
  };
  return rowImporter(
    spec.file,
    spec.contract,
    opts,
    source,
    spec.encoding,
    'bytes',
    false,
    byteEncoding(spec.encoding),
    reusedBuffers,
    room,
  );
}

/**
 * Import one range. `buf` holds the file's bytes from offset `base` on (at least to
 * job.to + tailBytes, or to the end of the file). Pure: runs in a worker or, in tests, inline.
 * A Shift_JIS range is parsed from its own bytes, as the one pass parses the whole file.
 */
export function parseRange(
  spec: RangeSpec,
  buf: Uint8Array,
  base: number,
  job: RangeJob,
  onProgress?: (fraction: number) => void,
): RangeResult {
  const bufEnd = base + buf.length;
  const covered = bufEnd === spec.size;
  const isLast = job.to === spec.size;
  const big = buf.subarray(job.from - base);
  const firstLen = job.to - job.from;
  const encoding = byteEncoding(spec.encoding);

  const skipHeader = spec.hasHeader && job.from === spec.start;
  let imp: RowImporter;
  try {
    imp = rangeImporter(spec, job, onProgress, false, 0);
  } catch (e) {
    return failed(job, e instanceof Error ? e.message : String(e));
  }
  const D = spec.delimiter.charCodeAt(0);
  const { maxRowBytes } = limitsOf(spec.opts.limits);
  // Every view below starts at big[0], so record offsets are offsets into `big`: the string
  // columns key their tables by one buffer.
  const onRec = (rec: ByteRecord, record: number) => {
    if (skipHeader && record === 1) return;
    imp.onRecord(big, rec, skipHeader ? record - 1 : record);
  };
  const state: BlockState = { record: 0, line: 1, final: isLast };
  let endLocal = firstLen;
  try {
    let r = parseDelimitedBytes(
      big.subarray(0, firstLen),
      D,
      onRec,
      0,
      maxRowBytes,
      state,
      encoding,
      imp.numeric,
      imp.direct,
    );
    // First the next line feed, then ever further (a record with many line breaks is parsed
    // O(log) times, not once per line).
    let step = 0;
    while (r.incomplete) {
      // A quoted field runs past the cut: parse from its record's start to ever later line
      // feeds until the record closes (the first cut where it does is a record boundary).
      const o = r.incomplete.offset;
      state.record = r.rows;
      state.line = r.incomplete.line;
      const nl = big.indexOf(0x0a, endLocal + step);
      step = step * 2 || 1;
      const cut = nl < 0 ? big.length : nl + 1;
      // Bytes run out before the record ends: it is longer than a row may be (the serial
      // import says which error).
      if (cut === big.length && !covered) return failed(job, 'long');
      state.final = cut === big.length && covered;
      r = parseDelimitedBytes(
        big.subarray(0, cut),
        D,
        onRec,
        o,
        maxRowBytes,
        state,
        encoding,
        imp.numeric,
        imp.direct,
      );
      endLocal = cut;
    }
    if (r.tooLong) return failed(job, 'long');
    if (r.unterminated) return failed(job, 'unterminated');
    const records = r.rows - (skipHeader && r.rows > 0 ? 1 : 0);
    const end = job.from + endLocal;
    const mixed = spec.checkMixed ? reallyUtf8Lines(big.subarray(0, endLocal)) : undefined;
    return rangeOutcome(imp, job, end, records, mixed);
  } catch (e) {
    if (e instanceof Utf8Error) return failed(job, 'utf8');
    return failed(job, e instanceof Error ? e.message : String(e));
  }
}

/** A range's result once its records are parsed (up to `end`, `records` data records). */
function rangeOutcome(
  imp: ReturnType<typeof rowImporter>,
  job: RangeJob,
  end: number,
  records: number,
  mixed: RangeResult['mixed'],
): RangeResult {
  if (imp.pending === 0) {
    // Only blank lines (or the header): nothing to merge, but the range is read.
    const { failure: _, ...empty } = failed(job, '');
    void _;
    return { ...empty, end, records, mixed };
  }
  const t = performance.now();
  const { table, report } = imp.finish({});
  const issues = report.issues.filter((i) => i.row !== undefined && i.code !== 'duplicate_key');
  return {
    from: job.from,
    to: job.to,
    end,
    records,
    table,
    // Keep only the file-level issues that do not depend on the rows (unmapped required fields).
    report: { ...report, issues: report.issues.filter((i) => i.code === 'required_unmapped') },
    issues,
    percent: imp.percentStats?.() ?? [],
    ...stringBytes(table),
    mixed,
    finishMs: performance.now() - t,
  };
}

/**
 * Each string column's dictionary as bytes (the sink's packed values where it has them: no
 * string read) and the hashes of its values — none for a column whose values are in ascending
 * byte order (sorted ids), which the merge needs no lookup for (absorbPart.ts).
 */
function stringBytes(table: AccountTable): {
  hashes: Record<string, Int32Array>;
  dictBytes: Record<string, DictBytes>;
} {
  const hashes: Record<string, Int32Array> = {};
  const dictBytes: Record<string, DictBytes> = {};
  for (const [id, c] of Object.entries(table.columns))
    if (c.type === 'string') {
      const db = dictBytesOf(c);
      dictBytes[id] = db;
      const h = dictHashes(c, db);
      if (h) hashes[id] = h;
    }
  return { hashes, dictBytes };
}

/** Rows the whole file is expected to hold (from the head's rows per byte), with 5% to spare. */
function roomFor(spec: RangeSpec): number {
  return Math.ceil((spec.size - spec.start) * spec.rowsPerByte * 1.05) + 16;
}

/**
 * Rows a streamed range's number, yes/no and code columns are sized for: the first range (not
 * the only one) the whole file's (roomFor: the merge appends the others there); a later range
 * its share of the bytes, with 5% to spare. Both come from the spec alone, not from where the
 * cuts fell, so the preview can have their memory faulted in ahead (rangeColumnBytes).
 */
function roomOf(spec: RangeSpec, job: RangeJob): number {
  if (job.from === spec.start) return job.to === spec.size ? 0 : roomFor(spec);
  return (
    Math.ceil((spec.size - spec.start) * laterShare(spec.parts) * spec.rowsPerByte * 1.05) + 16
  );
}

/**
 * The byte lengths of the columns a streamed range's importer makes (parseRangeStream), largest
 * first: the memory a ColumnMemory must hold for the range's columns to move into it.
 */
export function rangeColumnSizes(spec: RangeSpec, job: RangeJob): number[] {
  const types = spec.contract.fields
    .filter((f) => mappedColumn(spec.opts.mapping ?? {}, f.id) != null)
    .map((f) => f.type);
  const rows = Math.max(1, Math.round((job.to - job.from) * spec.rowsPerByte));
  return columnBuffers(types, columnCapacity(rows, roomOf(spec, job)), Infinity);
}

/** A file's plan made from its head alone (the preview's): the spec and the cut targets. */
export interface HeadSpec {
  spec: RangeSpec;
  targets: number[];
}

/**
 * The plan of a file of `size` bytes whose first bytes are `head` (the preview's, at least
 * HEAD_READ of a larger file), for what the preview prepares (rangeColumnBytes,
 * rangeSinkPlans); null when the file would not be read in streamed ranges.
 */
export function headSpec(
  head: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
): HeadSpec | null {
  if (head.length < Math.min(size, HEAD_READ)) return null;
  return planSpec(head, size, file, contract, opts, parts, MIN_PART_BYTES);
}

/**
 * Per range of the file planned from its head (headSpec): the byte lengths of its columns
 * (rangeColumnSizes, with the cuts at their targets: the lengths do not depend on where the
 * cuts fall), the ranges after the first listed first (a range worker gets its memory when its
 * range is posted; the first range takes its own between blocks), at most `maxBytes` in all.
 */
export function rangeColumnBytes(s: HeadSpec, maxBytes: number): number[][] {
  const size = s.spec.size;
  const cuts = [s.spec.start, ...s.targets, size];
  const per = cuts
    .slice(1)
    .map((to, k) => rangeColumnSizes(s.spec, { from: cuts[k], to }))
    .map((sizes, k) => ({ sizes, k }));
  const out: number[][] = per.map(() => []);
  let total = 0;
  for (const { sizes, k } of [...per.slice(1), per[0]])
    for (const n of sizes)
      if (total + n <= maxBytes) {
        out[k].push(n);
        total += n;
      }
  return out;
}

/**
 * What the string sinks of a file's ranges will allocate at their capacity (a SinkPlan for the
 * first range, one for every later range: their room is alike), from the rows of its `head`
 * run through a range's string sinks with that range's room, as blockSinkPlan does for one
 * pass (importStream.ts): the buffers to fault in ahead and each field's kept bytes. Null where
 * the head is the whole file or has no whole row. Only an aid: a sink whose arrays end up at
 * other lengths allocates its own (the table is the same).
 */
export function rangeSinkPlans(
  head: Uint8Array,
  s: HeadSpec,
): { first: SinkPlan; later: SinkPlan } | null {
  const { spec } = s;
  const size = spec.size;
  if (head.length >= size) return null;
  const cut = head.lastIndexOf(0x0a) + 1;
  if (cut <= spec.start) return null;
  // Only the string fields: the number columns would be allocated at capacity for nothing.
  const strings: RangeSpec = {
    ...spec,
    contract: {
      ...spec.contract,
      fields: spec.contract.fields.filter(
        (f) =>
          f.type !== 'number' && f.type !== 'integer' && f.type !== 'date' && f.type !== 'boolean',
      ),
    },
  };
  const view = head.subarray(0, cut);
  const D = spec.delimiter.charCodeAt(0);
  // (spec.start is where the header begins, as for the first range's parse.)
  const skip = spec.hasHeader ? 1 : 0;
  const plan = (job: RangeJob): SinkPlan => {
    const imp = rangeImporter(strings, job, undefined, true, roomOf(spec, job));
    parseDelimitedBytes(
      view,
      D,
      (rec, r) => {
        if (r > skip) imp.onRecord(view, rec, r - skip);
      },
      spec.start,
      limitsOf(spec.opts.limits).maxRowBytes,
      { record: 0, line: 1, final: false },
      byteEncoding(spec.encoding),
      imp.numeric,
      imp.direct,
    );
    return imp.sinkPlan();
  };
  try {
    const at = s.targets[0];
    const first = plan({ from: spec.start, to: at });
    // The first range's sinks are sized for the whole file's rows (its room) but hold only its
    // own: the pages past those (10% to spare) are never written, so not faulted in either.
    const share = Math.min(1, ((at - spec.start) / (size - spec.start)) * 1.1);
    first.touch = first.sizes.map((n) => Math.min(n, Math.ceil((n * share) / 4096) * 4096));
    return { first, later: plan({ from: at, to: s.targets[1] ?? size }) };
  } catch {
    return null;
  }
}

/**
 * The head of a file to be read in `parts` streamed ranges run through a range's parse and
 * finish as if it were the whole file (the result dropped): a range worker started at the
 * preview, a fresh V8 isolate, then has the parser's hot code compiled before the click on
 * Import, not while it parses its range beside the other part (docs/data-import.md, session 35
 * browser2). No room kept, nothing faulted. Does nothing where the file would not be streamed.
 *
 * The head is read as a range reads its slice of the File: a byte stream (blobRangeRead over a
 * Blob of it). That read matters: V8 compiles typed-array code on the promise that no
 * ArrayBuffer in the isolate was ever detached, and a byte stream's second read (into the buffer
 * its first one returned, as streamSource reads) breaks that promise, throwing away every
 * function compiled on it. Warmed from the bytes alone, the parser was compiled, then thrown
 * away at the range's first reads and compiled again while both parts parsed (session 36
 * trace3: ≈0.4–1 s of compiler CPU on the renderer's threads, on a 2-core machine). Read as a
 * stream first, what the warm-up compiles stays. Where Blob has no byte stream, from the bytes.
 */
export async function warmRange(
  head: Uint8Array,
  size: number,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
  how: WarmHow = {},
): Promise<void> {
  const { readsOf = warmReads, stopped = () => false } = how;
  const kept: unknown[] = [];
  warmKept = kept;
  const s = planSpec(head, size, file, contract, opts, parts, MIN_PART_BYTES);
  if (!s) return;
  const cut = head.lastIndexOf(0x0a) + 1;
  if (cut <= s.spec.start) return;
  // A range worker's runs parse a later range (from the head's second record), as its job is:
  // its columns keep room and its string sinks say their values' facts for the merge
  // (mergeFacts). Warmed as the whole file (no room, no facts), its finish was compiled again at
  // the import — packedFacts' paths never run, dictBytesOf's objects of another shape (session
  // 39). The import worker's runs parse the head as the whole file; its own kind of range (the
  // first, with room) is what warmMerge parses first.
  const from = how.merge ? s.spec.start : head.indexOf(0x0a, s.spec.start) + 1;
  if (from <= (how.merge ? -1 : s.spec.start) || from >= cut) return;
  const job = { from, to: cut };
  /** A warm-up parse, a block at a time, stopped at a read once `stopped`; its objects kept. */
  const parse = (spec: RangeSpec, read: RangeRead, j: RangeJob) =>
    parseRangeStream(
      spec,
      (buf, offset, length, position) =>
        stopped() ? Promise.reject(new Error('stopped')) : read(buf, offset, length, position),
      j,
      undefined,
      WARM_BLOCK,
      undefined,
      kept,
    );
  for (let run = 0; run < WARM_RUNS && !stopped(); run++) {
    // After the first run, sinks sized for a fraction of the head's rows, so that their growth
    // is compiled too (a range's estimate is the head's rows per byte: its sinks may grow).
    const spec: RangeSpec = {
      ...s.spec,
      size: cut,
      rowsPerByte: run === 0 ? s.spec.rowsPerByte : s.spec.rowsPerByte / 16,
    };
    const src = readsOf(head, cut);
    try {
      kept.push(await parse(spec, src.read, job));
    } catch {
      if (stopped()) return;
      // A stream that fails: the head's bytes (the parse's code compiled all the same).
      await parse(spec, warmBytes(head, cut), job);
    } finally {
      src.cancel();
    }
  }
  if (how.merge)
    for (let run = 0; run < WARM_MERGES && !stopped(); run++)
      kept.push(await warmMerge(head, cut, s.spec, parse));
}

/** What warmRange reads, when it stops, and whether it merges too. */
export interface WarmHow {
  /** Tests: the reads the warm-up parses (warmReads). */
  readsOf?: (head: Uint8Array, cut: number) => WarmReads;
  /** True once the import has come: the warm-up stops at its next block. */
  stopped?: () => boolean;
  /**
   * The worker that merges the ranges (the import worker): the head also cut in two ranges,
   * the second packed as a range worker posts it, and merged — so the merge's code is compiled
   * at the preview, not on the import's critical path (session 37: ≈0.25 s of compiler CPU at
   * the merge, the merge itself run unoptimised meanwhile).
   */
  merge?: boolean;
}

/** The head cut in two ranges at a line feed, parsed and merged as an import's (null: not cut). */
async function warmMerge(
  head: Uint8Array,
  cut: number,
  spec: RangeSpec,
  parse: (spec: RangeSpec, read: RangeRead, job: RangeJob) => Promise<RangeResult>,
): Promise<unknown> {
  const mid = head.subarray(0, cut).indexOf(0x0a, spec.start + ((cut - spec.start) >> 1)) + 1;
  if (mid <= spec.start || mid >= cut) return null;
  const whole: RangeSpec = { ...spec, size: cut, parts: 2 };
  const results: RangeResult[] = [];
  for (const job of [
    { from: spec.start, to: mid },
    { from: mid, to: cut },
  ]) {
    const r = await parse(whole, warmBytes(head, cut), job);
    // (A quoted line break at the cut: the ranges do not meet, nothing to merge.)
    if (r.failure !== undefined || r.end !== job.to) return null;
    // The second as the import worker gets a range worker's: packed, then unpacked.
    results.push(results.length === 0 ? r : unpackResult(packResult(r)));
  }
  return [results, mergeRanges(whole, results)];
}

/**
 * What the last warm-up parsed and merged with (importers, callbacks, results), kept until the
 * next: V8's optimised code holds weak references to objects it was compiled against, and when
 * they die a garbage collection throws the code away ("embedded weak objects cleared"); in a
 * flagged trace the import worker's scan was thrown away between the warm-up and the click, and compiled again
 * at the import (session 37). A few MB for the 1 MB head.
 */
let warmKept: unknown[] = [];
/** Tests: what the last warm-up keeps alive. */
export const warmKeptNow = (): readonly unknown[] => warmKept;
/** After the import: what the warm-up kept is let go. */
export function releaseWarm(): void {
  warmKept = [];
}

/**
 * The warm-up's blocks: many, so that the parser is called once per block as in a range, and
 * compiled for that call with feedback for its return, not only for its loop (a single 1 MB
 * block left the parser's end without feedback: its code, compiled in the loop, was left and
 * compiled again at the import's first blocks).
 */
export const WARM_BLOCK = 64 << 10;
/**
 * Runs over the head: enough for the parser's and the sinks' code to reach TurboFan and stay
 * (with two, the second run's new callbacks deoptimised the scan — "wrong call target" — and its
 * code was compiled again after the click; session 37).
 */
export const WARM_RUNS = 5;
/** Merges of the head's two halves (warmMerge). */
const WARM_MERGES = 3;

export interface WarmReads {
  read: RangeRead;
  cancel: () => void;
}

/**
 * The head's first `cut` bytes read as a range reads its File: a byte stream over a Blob of
 * them (streamSource, as blobRangeRead; why, see warmRange), its window one block, so that its
 * second read — the one V8's protector falls to — comes at the first blocks, before the parser
 * is hot (a 12 MB window took the whole head in one read: the second came at its end, after
 * the parser was compiled). Its bytes where Blob has no byte stream.
 */
export function warmReads(head: Uint8Array, cut: number): WarmReads {
  if (typeof Blob === 'undefined') return { read: warmBytes(head, cut), cancel: () => {} };
  try {
    const stream = new Blob([head.slice(0, cut)]).stream();
    return streamSource(stream, cut, () => new Error('unreadable'), WARM_BLOCK);
  } catch {
    return { read: warmBytes(head, cut), cancel: () => {} };
  }
}

/** The head's first `cut` bytes, read from memory. */
function warmBytes(head: Uint8Array, cut: number): RangeRead {
  return async (buf, offset, length, position) => {
    const n = Math.max(0, Math.min(length, cut - position));
    buf.set(head.subarray(position, position + n), offset);
    return n;
  };
}

/** Reads file bytes at file positions into buf (as AsyncByteSource.read: bytes read, 0 at the end). */
export type RangeRead = (
  buf: Uint8Array,
  offset: number,
  length: number,
  position: number,
) => Promise<number>;

/** Bytes a streamed range reads per block (parseRangeStream). */
const RANGE_BLOCK = 1 << 20;

/**
 * parseRange for a range read as it arrives (a range worker's slice of the picked File,
 * streamed): blocks of `block` bytes read into one reused buffer and parsed as they come, by
 * the importer that keeps ids and names packed as bytes (`reusedBuffers`, as the one pass's
 * block import), so reading overlaps parsing and no string is made per id or name. Past the
 * cut it reads only while a record straddles it (at most tailBytes more), and then finds the
 * record's end as parseRange does. The same result as parseRange (parallelImport.test.ts).
 * UTF-8 or Shift_JIS, parsed from the file's bytes as the one pass's block import parses them
 * (a cut after a line feed never splits a Shift_JIS character: no trail byte is 0x0A); a
 * detected Shift_JIS range counts its lines for the mixed-encoding check as that import does
 * (MixedByRecord), over [from, end) exactly, so the ranges' counts add up to the file's. A
 * failed or short read throws what `read` threw (the File changed since the pick).
 */
export async function parseRangeStream(
  spec: RangeSpec,
  read: RangeRead,
  job: RangeJob,
  onProgress?: (fraction: number) => void,
  block = RANGE_BLOCK,
  /** Memory faulted in elsewhere: the columns move into it as it arrives (columnMemory.ts). */
  memory?: ColumnMemory,
  /** The warm-up: the parse's importer and callbacks, kept alive after it (see warmKept). */
  keep?: unknown[],
): Promise<RangeResult> {
  const isLast = job.to === spec.size;
  const skipHeader = spec.hasHeader && job.from === spec.start;
  let imp: RowImporter;
  try {
    // The first range's number columns keep room for the whole file's rows: the merge
    // appends the other ranges' values there instead of copying all into new arrays (roomOf).
    // (Its progress told here per block, by bytes, not by the row loop: see importFile's onProgress.)
    imp = rangeImporter(spec, job, undefined, true, roomOf(spec, job), memory);
  } catch (e) {
    return failed(job, e instanceof Error ? e.message : String(e));
  }
  const D = spec.delimiter.charCodeAt(0);
  const { maxRowBytes } = limitsOf(spec.opts.limits);
  const blockBytes = Math.max(1, block);
  const rangeBytes = Math.max(1, job.to - job.from);
  const encoding = byteEncoding(spec.encoding);
  // A detected Shift_JIS file: no line may be UTF-8, its lines counted by the records found.
  const mixed = spec.checkMixed ? new MixedByRecord() : null;
  let view = new Uint8Array(0);
  const onRec = mixed
    ? (rec: ByteRecord, record: number, line: number) => {
        mixed.record(buf, rec, line);
        if (skipHeader && record === 1) return;
        imp.onRecord(view, rec, skipHeader ? record - 1 : record);
      }
    : (rec: ByteRecord, record: number) => {
        if (skipHeader && record === 1) return;
        imp.onRecord(view, rec, skipHeader ? record - 1 : record);
      };
  const state: BlockState = { record: 0, line: 1, final: false };
  keep?.push(imp, onRec, state);
  // buf[0, have): the file's bytes [bufBase, bufBase + have) (a carried record, then those read).
  let buf = new Uint8Array(blockBytes + 1024);
  let have = 0;
  let bufBase = job.from;
  let pos = job.from;
  let rows = 0;
  /** What a failed read threw (passed on: the File no longer reads, or reads short). */
  let readError: unknown = null;
  /**
   * Read file bytes [pos, pos + n) to buf[have…) (grown). `range`: bytes of the range itself,
   * given to the mixed-encoding check (the tail past the cut is given only up to the end found).
   */
  const readMore = async (n: number, range: boolean): Promise<void> => {
    const from = have;
    if (buf.length - have < n) {
      const grown = new Uint8Array(Math.max(have + n, buf.length * 2));
      grown.set(buf.subarray(0, have));
      buf = grown;
    }
    for (let got = 0; got < n;) {
      let r: number;
      try {
        r = await read(buf, have, n - got, pos);
        if (r <= 0) throw new Error('short read');
      } catch (e) {
        throw (readError = e);
      }
      got += r;
      have += r;
      pos += r;
    }
    if (range) mixed?.read(buf.subarray(from, have));
  };
  const parse = (cut: number, start: number, final: boolean) => {
    view = buf.subarray(0, cut);
    state.final = final;
    const r = parseDelimitedBytes(
      view,
      D,
      onRec,
      start,
      maxRowBytes,
      state,
      encoding,
      imp.numeric,
      imp.direct,
    );
    rows = r.rows;
    return r;
  };
  try {
    // Columns move into faulted memory that has arrived (a range worker's: with its job).
    imp.adopt();
    // The range itself, a block at a time (cut after each block's last line feed; the record
    // still open there moves to the front of the buffer and is parsed with the next block).
    while (pos < job.to) {
      await readMore(Math.min(blockBytes, job.to - pos), true);
      const atTo = pos === job.to;
      const cut = atTo ? have : buf.lastIndexOf(0x0a, have - 1) + 1;
      if (cut > 0) {
        const r = parse(cut, 0, atTo && isLast);
        if (r.tooLong) return failed(job, 'long');
        if (r.unterminated) return failed(job, 'unterminated');
        state.record = r.rows;
        const next = r.incomplete ? r.incomplete.offset : cut;
        state.line = r.incomplete ? r.incomplete.line : (r.line ?? state.line);
        if (mixed) {
          mixed.parsed(buf, next, have, state.line);
          // A UTF-8 line in a Shift_JIS file: the one pass refuses it (read serially, which names the lines).
          if (mixed.scan.certain) return failed(job, 'mixed');
        }
        buf.copyWithin(0, next, have);
        have -= next;
        bufBase += next;
        imp.adopt();
      }
      onProgress?.(Math.min(0.99, (pos - job.from) / rangeBytes));
      if (!atTo && have > maxRowBytes + 1) return failed(job, 'long');
    }
    let end = job.to;
    if (have > 0) {
      // A quoted field runs past the cut: read the tail a record may need, then parse from the
      // record's start to ever later line feeds until it closes (as parseRange).
      const tailEnd = Math.min(spec.size, job.to + tailBytes(spec));
      const toLocal = have;
      await readMore(tailEnd - pos, false);
      const covered = tailEnd === spec.size;
      let endLocal = toLocal;
      let step = 0;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, endLocal + step);
        step = step * 2 || 1;
        const cut = nl < 0 || nl >= have ? have : nl + 1;
        if (cut === have && !covered) return failed(job, 'long');
        const r = parse(cut, start, cut === have && covered);
        endLocal = cut;
        if (r.tooLong) return failed(job, 'long');
        if (r.unterminated) return failed(job, 'unterminated');
        if (!r.incomplete) break;
        start = r.incomplete.offset;
        state.record = r.rows;
        state.line = r.incomplete.line;
      }
      end = bufBase + endLocal;
      // The check's lines end where the range does: the tail's bytes up to there (fed only
      // where the check reads by blocks), then the lines since the last record's start.
      mixed?.read(buf.subarray(toLocal, endLocal));
      mixed?.parsed(buf, endLocal, endLocal, state.line);
    }
    const records = rows - (skipHeader && rows > 0 ? 1 : 0);
    return rangeOutcome(imp, job, end, records, mixed?.scan.counts());
  } catch (e) {
    if (e === readError) throw e;
    if (e instanceof Utf8Error) return failed(job, 'utf8');
    return failed(job, e instanceof Error ? e.message : String(e));
  }
}

/**
 * The ranges whose results are valid, in file order: a range whose start was guessed wrong is
 * parsed again (by `rerun`) from where the one before ended. Null when the file must be read
 * serially (a range failed, or none).
 */
export async function chainRanges(
  results: RangeResult[],
  start: number,
  rerun: (job: RangeJob) => Promise<RangeResult>,
): Promise<RangeResult[] | null> {
  const out: RangeResult[] = [];
  let pos = start;
  for (const res of results) {
    if (pos >= res.to) continue; // read by the range before, which ran past this one
    const r = res.from === pos ? res : await rerun({ from: pos, to: res.to });
    if (r.failure !== undefined) return null;
    out.push(r);
    pos = r.end;
  }
  return out;
}

let textEncoder: TextEncoder | undefined;

/**
 * A range's result ready to post: its string columns' `dict` left empty (their values travel
 * as its dictBytes, transferred with the typed arrays: no string per value). In place.
 */
export function packResult(r: RangeResult): RangeResult {
  if (!r.table) return r;
  for (const [id, c] of Object.entries(r.table.columns))
    if (c.type === 'string') r.table.columns[id] = { type: 'string', codes: c.codes, dict: [] };
  r.packed = true;
  return r;
}

/** The result packResult packed, its string columns decoded from its dictBytes when first read. In place. */
export function unpackResult(r: RangeResult): RangeResult {
  if (!r.packed || !r.table) return r;
  for (const [id, c] of Object.entries(r.table.columns))
    if (c.type === 'string') {
      const db = r.dictBytes![id];
      r.table.columns[id] = packedDictColumn(c.codes, () => dictOfBytes(db));
    }
  delete r.packed;
  return r;
}

/** The percent_mixed warning: importFile's own wording, examples read by its number reader. */
const percentIssue = (file: string, a: PercentStat): ImportIssue => percentMixedIssue(file, a);

export { dictBytesOfStrings, dictOfBytes, type DictBytes } from './absorbPart';

/** The hash of a value: of its UTF-8 bytes, as the ranges compute them (bytesHashes). */
function stringHash(t: string): number {
  const b = (textEncoder ??= new TextEncoder()).encode(t);
  return hashBytes(b, 0, b.length);
}

/**
 * Distinct string values across ranges (value → id, in order of first sight). An open-addressing
 * table over the ranges' precomputed hashes: a value new to the table (ids, names: most of
 * them) costs one probe of a typed array, no string hashing or Map insert on the merge's thread.
 */
class Interner {
  readonly values: string[] = [];
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(4096); // value id + 1, 0 = empty
  private inTable = 0;
  /** Per value id: its code in the merged column, or -1 until a kept row uses it. */
  readonly outCode: number[] = [];
  readonly dict: string[] = [];
  remap(dict: readonly string[]): Int32Array {
    return new Int32Array(dict.length).fill(-1);
  }
  private find(s: string, h: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[i] - 1;
      if (v < 0) return -1;
      if (this.hashes[v] === h && this.values[v] === s) return v;
    }
  }
  private place(slots: Int32Array, v: number): void {
    const mask = slots.length - 1;
    let i = this.hashes[v] & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = v + 1;
  }
  /** A new value id; `insert`: findable by later ranges. */
  private add(s: string, h: number, insert: boolean): number {
    const v = this.values.length;
    if (v >= this.hashes.length) {
      const g = new Int32Array(this.hashes.length * 2);
      g.set(this.hashes);
      this.hashes = g;
    }
    this.hashes[v] = h;
    this.values.push(s);
    this.outCode.push(-1);
    if (insert) {
      if ((this.inTable + 1) * 2 > this.slots.length) {
        const slots = new Int32Array(this.slots.length * 2);
        for (let k = 0; k < this.slots.length; k++)
          if (this.slots[k] !== 0) this.place(slots, this.slots[k] - 1);
        this.slots = slots;
      }
      this.place(this.slots, v);
      this.inTable++;
    }
    return v;
  }
  /** `last`: no later range will look this value up, so a new one is not put in the table. */
  id(
    remap: Int32Array,
    dict: readonly string[],
    c: number,
    last: boolean,
    hashes: Int32Array | undefined,
  ): number {
    let v = remap[c];
    if (v < 0) {
      const s = dict[c];
      const h = hashes ? hashes[c] : stringHash(s);
      v = this.find(s, h);
      if (v < 0) v = this.add(s, h, !last);
      remap[c] = v;
    }
    return v;
  }
  /** A first range with every row kept: its dictionary is in order of first use, as is. */
  adopt(dict: readonly string[], last: boolean, hashes: Int32Array | undefined): void {
    for (let c = 0; c < dict.length; c++) {
      const v = this.add(dict[c], hashes ? hashes[c] : stringHash(dict[c]), !last);
      this.outCode[v] = this.dict.length;
      this.dict.push(dict[c]);
    }
  }
  code(v: number): number {
    let o = this.outCode[v];
    if (o < 0) {
      o = this.outCode[v] = this.dict.length;
      this.dict.push(this.values[v]);
    }
    return o;
  }
}

/** How many merges went by dictionary (fastRows) and row by row (the tests check both run). */
export const mergeWays = { byDictionary: 0, byRow: 0, inPlace: 0 };

/** What the merge of the rows gives the report: columns, issues in file order and counts. */
interface MergedRows {
  columns: AccountTable['columns'];
  all: ImportIssue[];
  badRows: number;
  duplicateKeys: number;
  kept: number;
  rowNumbers: number[] | null;
}

/**
 * The common case merged by dictionary rather than by row: every row is kept (no error in any
 * range, or the "blank" policy) and every account id is distinct (in each range its codes are
 * 0, 1, 2…, and no range's id is in another's). Then each range's dictionary, in order of its
 * first use, maps onto the merged one (a value new to it appended at its first row: the serial
 * import's order of first kept row), codes go through that map, and the other columns are
 * concatenated. Null when the case does not hold (the row-by-row merge decides).
 */
function fastRows(
  spec: RangeSpec,
  ranges: RangeResult[],
  ids: string[],
  policy: string,
  rowOffset: number,
): MergedRows | null {
  const keyId = spec.contract.accountKey;
  let total = 0;
  for (const r of ranges) {
    if (!r.table) {
      if (r.records !== 0) return null;
      continue;
    }
    if (r.table.rowCount !== r.records) return null;
    if (policy !== 'blank' && r.issues.some((i) => i.severity === 'error')) return null;
    total += r.records;
  }
  const withRows = ranges.filter((r) => r.table) as (RangeResult & { table: AccountTable })[];
  /**
   * A string column merged by dictionary (absorbPart.ts): the ranges' values as bytes, with the
   * hashes each range computed (none for a column in ascending order), decoded when first read.
   */
  const mergeDicts = (id: string, key: boolean): Column | null => {
    const parts: DictPart[] = [];
    for (const r of withRows) {
      const bytes = r.dictBytes?.[id];
      if (!bytes) return null;
      const { codes } = r.table.columns[id] as Extract<Column, { type: 'string' }>;
      parts.push({ codes, rows: r.records, hashes: r.hashes?.[id], bytes });
    }
    const m = mergeDictParts(parts, total, key);
    return m && packedDictColumn(m.codes, () => mergedStrings(m.dict, dictOfBytes));
  };
  let keyColumn: Column | null = null;
  if (ids.includes(keyId)) {
    // Distinct ids, checked by hash across ranges (a string compared only on a hash match):
    // then the id column's dictionary is theirs end to end, and its codes 0, 1, 2…
    const t = performance.now();
    keyColumn = mergeDicts(keyId, true);
    importPhases.mergeKey = performance.now() - t;
    if (!keyColumn) return null;
  }
  const all: ImportIssue[] = [];
  let badRows = 0;
  let before = 0;
  for (const r of ranges) {
    let lastBad = -1;
    for (const i of r.issues) {
      const issue = { ...i, row: i.row! + before };
      if (issue.severity === 'error' && issue.row !== lastBad) {
        badRows++;
        lastBad = issue.row;
      }
      all.push(issue);
    }
    before += r.records;
  }
  const columns = newColumns();
  for (const id of ids) {
    if (id === keyId && keyColumn) {
      columns[id] = keyColumn;
      continue;
    }
    const first = withRows[0].table.columns[id];
    const t = performance.now();
    if (first.type === 'string') {
      const merged = mergeDicts(id, false);
      importPhases.mergeStrings = (importPhases.mergeStrings ?? 0) + performance.now() - t;
      if (!merged) return null;
      columns[id] = merged;
    } else {
      const values =
        appendable(first, total) ??
        (first.type === 'boolean' ? new Uint8Array(total) : new Float64Array(total));
      let o = 0;
      for (const r of withRows) {
        if (
          o === 0 &&
          values.buffer ===
            (r.table.columns[id] as { values: Float64Array | Uint8Array }).values.buffer
        ) {
          // The first range's values are where they stay (it kept room: roomFor).
          mergeWays.inPlace++;
          o += r.records;
          continue;
        }
        const src = (r.table.columns[id] as { values: Float64Array | Uint8Array }).values;
        values.set(src.subarray(0, r.records), o);
        o += r.records;
      }
      columns[id] = { ...first, values } as Column;
      importPhases.mergeNumbers = (importPhases.mergeNumbers ?? 0) + performance.now() - t;
    }
  }
  let rowNumbers: number[] | null = null;
  if (spec.opts.rowNumbers) {
    rowNumbers = new Array<number>(total);
    for (let i = 0; i < total; i++) rowNumbers[i] = i + 1 + rowOffset;
  }
  return { columns, all, badRows, duplicateKeys: 0, kept: total, rowNumbers };
}

/**
 * The first range's number or yes/no column grown to `total` rows in place, when its buffer
 * has room (it starts the buffer: roomFor), else null.
 */
function appendable(first: Column, total: number): Float64Array | Uint8Array | null {
  if (first.type === 'string') return null;
  const v = first.values;
  if (v.byteOffset !== 0 || v.buffer.byteLength < total * v.BYTES_PER_ELEMENT) return null;
  return v instanceof Float64Array
    ? new Float64Array(v.buffer, 0, total)
    : new Uint8Array(v.buffer, 0, total);
}

/**
 * The table and report of the whole file from its ranges (valid, in order; see chainRanges),
 * or null when the serial import must decide (no rows at all, or mixed encodings).
 */
export function mergeRanges(
  spec: RangeSpec,
  ranges: RangeResult[],
): { table: AccountTable; report: ImportReport } | null {
  const withRows = ranges.filter((r) => r.table);
  if (withRows.length === 0) return null;
  if (spec.checkMixed) {
    let invalid = 0,
      utf8 = 0,
      real = 0;
    for (const r of ranges) {
      invalid += r.mixed?.invalid ?? 0;
      utf8 += r.mixed?.utf8 ?? 0;
      real += r.mixed?.real ?? 0;
    }
    // As mixedEncodingError: UTF-8 lines in a Shift_JIS file are refused (serially, with their lines).
    if (invalid > 0 && utf8 > 0 && (utf8 >= invalid || real > 0)) return null;
  }
  const template = withRows[0].report!;
  const file = spec.file;
  const policy = spec.opts.badRows ?? 'skip';
  const maxIssues = spec.opts.maxIssues ?? 200;
  const rowOffset = spec.hasHeader ? 1 : 0;
  const keyId = spec.contract.accountKey;
  const keyCol = mappedColumn(template.mapping, keyId);
  const ids = Object.keys(withRows[0].table!.columns);
  const total = ranges.reduce((s, r) => s + r.records, 0);
  if (ids.includes(keyId) && withRows[0].table!.columns[keyId].type !== 'string') return null;
  let rows = fastRows(spec, ranges, ids, policy, rowOffset);
  if (rows) mergeWays.byDictionary++;
  else {
    mergeWays.byRow++;
    rows = slowRows();
  }

  function slowRows(): MergedRows {
    const keep = new Uint8Array(total);
    const all: ImportIssue[] = [];
    let badRows = 0;
    let duplicateKeys = 0;
    let kept = 0;
    /** Rows kept per range (all of them: its columns are copied whole). */
    const keptIn: number[] = [];
    const rowNumbers: number[] | null = spec.opts.rowNumbers ? [] : null;

    // Key values in file order: the first row of each (by value id), as finishRow keeps it.
    const keys = ids.includes(keyId) ? new Interner() : null;
    const firstRow: number[] = [];
    const keyIds = new Int32Array(keys ? total : 0).fill(-1);

    let g = 0;
    let before = 0;
    for (const r of ranges) {
      const iss = r.issues;
      let ii = 0;
      const keptBefore = kept;
      const col =
        keys && r.table ? (r.table.columns[keyId] as Extract<Column, { type: 'string' }>) : null;
      const remap = col ? keys!.remap(col.dict) : null;
      for (let i = 0; i < r.records; i++, g++) {
        const local = i + 1 + rowOffset;
        const row = local + before;
        let bad = false;
        while (ii < iss.length && iss[ii].row === local) {
          const issue = { ...iss[ii++], row };
          if (issue.severity === 'error') bad = true;
          all.push(issue);
        }
        const c = col ? col.codes[i] : -1;
        if (c >= 0) {
          const v = keys!.id(
            remap!,
            col!.dict,
            c,
            r === ranges[ranges.length - 1],
            r.hashes?.[keyId],
          );
          keyIds[g] = v;
          const first = firstRow[v];
          if (first === undefined) {
            if (!bad || policy === 'blank') firstRow[v] = row;
          } else {
            bad = true;
            duplicateKeys++;
            all.push({
              code: 'duplicate_key',
              severity: 'error',
              file,
              row,
              column: keyCol! + 1,
              header: spec.headers[keyCol!],
              field: keyId,
              raw: clip(col!.dict[c]),
              params: { firstRow: first },
              message: '',
            });
          }
        }
        if (bad) badRows++;
        if (!bad || policy === 'blank') {
          keep[g] = 1;
          kept++;
          rowNumbers?.push(row);
        }
      }
      before += r.records;
      keptIn.push(kept - keptBefore);
    }

    const columns = newColumns();
    for (const id of ids)
      columns[id] = mergeColumn(id, ranges, keep, keptIn, kept, id === keyId ? keys : null, keyIds);
    return { columns, all, badRows, duplicateKeys, kept, rowNumbers };
  }
  const { columns, all, badRows, duplicateKeys, kept, rowNumbers } = rows;

  // Counts over every issue, in file order (errorsByField gets a key at a field's first issue).
  let errorCount = 0;
  let warningCount = 0;
  const errorsByField: Record<string, number> = Object.create(null);
  for (const i of all) {
    if (i.severity === 'error') errorCount++;
    else warningCount++;
    if (i.field)
      errorsByField[i.field] = (errorsByField[i.field] ?? 0) + (i.severity === 'error' ? 1 : 0);
  }
  // File-level warnings: the unmapped required fields (alike in every range), then "%" mixes.
  const fileIssues = template.issues;
  // "%" columns: counts over all ranges, the examples from the first range that had one.
  const stats = withRows[0].percent.map((p) => ({
    ...p,
    percent: 0,
    bare: 0,
    percentEx: '',
    bareEx: '',
  }));
  for (const r of ranges)
    r.percent.forEach((p, k) => {
      const a = stats[k];
      if (p.percent && !a.percent) a.percentEx = p.percentEx;
      if (p.bare && !a.bare) a.bareEx = p.bareEx;
      a.percent += p.percent;
      a.bare += p.bare;
    });
  const fileLevel: ImportIssue[] = [...fileIssues];
  for (const a of stats) if (a.percent > 0 && a.bare > 0) fileLevel.push(percentIssue(file, a));
  warningCount += fileLevel.length;
  const shown = all.slice(0, maxIssues);
  for (const i of shown) i.message = describeIssue(i);
  const report: ImportReport = {
    ...template,
    policy,
    rowsRead: total,
    rowsImported: kept,
    badRows,
    errorCount,
    warningCount,
    issues: [...fileLevel, ...shown],
    errorsByField,
    duplicateKeys,
    ...(rowNumbers ? { rowNumbers } : {}),
  };
  return { table: { rowCount: kept, columns }, report };
}

function mergeColumn(
  id: string,
  ranges: RangeResult[],
  keep: Uint8Array,
  keptIn: number[],
  kept: number,
  keys: Interner | null,
  keyIds: Int32Array,
): Column {
  const first = ranges.find((r) => r.table)!.table!.columns[id];
  if (first.type === 'string') {
    const strings = keys ?? new Interner();
    const codes = new Int32Array(kept);
    let g = 0;
    let o = 0;
    ranges.forEach((r, k) => {
      const col = r.table?.columns[id] as Extract<Column, { type: 'string' }> | undefined;
      const last = k === ranges.length - 1;
      if (col && !keys && strings.values.length === 0 && keptIn[k] === r.records) {
        // Nothing before it and nothing left out: its codes and dictionary stand as they are.
        strings.adopt(col.dict, last, r.hashes?.[id]);
        codes.set(col.codes.subarray(0, r.records), o);
        o += r.records;
        g += r.records;
        return;
      }
      const remap = col && !keys ? strings.remap(col.dict) : null;
      for (let i = 0; i < r.records; i++, g++) {
        if (!keep[g]) continue;
        const c = col!.codes[i];
        if (c < 0) codes[o++] = -1;
        else
          codes[o++] = strings.code(
            keys ? keyIds[g] : strings.id(remap!, col!.dict, c, last, r.hashes?.[id]),
          );
      }
    });
    return { type: 'string', codes, dict: strings.dict };
  }
  const values = first.type === 'boolean' ? new Uint8Array(kept) : new Float64Array(kept);
  let g = 0;
  let o = 0;
  ranges.forEach((r, k) => {
    const src = (r.table?.columns[id] as { values: Float64Array | Uint8Array } | undefined)?.values;
    if (src && keptIn[k] === r.records) {
      values.set(src.subarray(0, r.records), o);
      o += r.records;
      g += r.records;
      return;
    }
    for (let i = 0; i < r.records; i++, g++) if (keep[g]) values[o++] = src![i];
  });
  return { ...first, values } as Column;
}

/** Parses one range (in a range worker, or where the caller is). */
export type RangeRun = (
  spec: RangeSpec,
  job: RangeJob,
  onProgress: (f: number) => void,
) => Promise<RangeResult>;

/**
 * When the last importInParts reached each phase, in ms from its start (for the benchmark);
 * mergeKey / mergeStrings / mergeNumbers: ms the by-dictionary merge spent on the id column, the
 * other string columns and the number and yes/no columns.
 */
export const importPhases: Record<string, number> = {};

/** The whole of `bytes` as a ByteSource. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (from, to) => Promise.resolve(bytes.subarray(from, to)) };
}

/**
 * `src` with its first bytes already known (`head`, e.g. the page's copy of a picked file's
 * start, which the preview was made from): a read within them is answered from them. Saves the
 * plan's read of the head at the click (25–160 ms of a File read on the 2-core host).
 */
export function headSource(src: ByteSource, head: Uint8Array): ByteSource {
  const known = Math.min(head.length, src.size);
  return {
    size: src.size,
    read: (from, to) =>
      from >= 0 && from <= to && to <= known
        ? Promise.resolve(head.subarray(from, to))
        : src.read(from, to),
  };
}

/**
 * Import a file in up to `parts` ranges (run by `run`, e.g. in workers), falling back to
 * importAccountFile where the plan or a range says so. `report.parts` tells how many ranges.
 * `input`: the bytes, or a source read in slices (only the head and a little at each cut are
 * read here; the whole only if the file is read serially after all).
 */
export async function importInParts(
  input: Uint8Array | ByteSource,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  parts: number,
  run: RangeRun,
  minPartBytes = MIN_PART_BYTES,
  /** Runs the first range where the caller is (the import worker parses it while waiting). */
  local?: RangeRun,
): Promise<{ table: AccountTable; report: ImportReport }> {
  const src = input instanceof Uint8Array ? bytesSource(input) : input;
  checkFileSize(file, src.size, opts.limits);
  const t0 = performance.now();
  const mark = (phase: string) => (importPhases[phase] = Math.round(performance.now() - t0));
  for (const k of Object.keys(importPhases)) delete importPhases[k];
  Object.assign(absorbTimes, { match: 0, number: 0, map: 0 });
  const serial = async () => importAccountFile(await src.read(0, src.size), file, contract, opts);
  const plan =
    input instanceof Uint8Array
      ? planParallel(input, file, contract, opts, parts, minPartBytes)
      : await planFromSource(src, file, contract, opts, parts, minPartBytes);
  mark('planned');
  if (!(input instanceof Uint8Array))
    for (const [k, v] of Object.entries(planTimes)) importPhases[k] = Math.round(v * 10) / 10;
  if (!plan) return serial();
  const done = plan.jobs.map(() => 0);
  const progress = (k: number) => (f: number) => {
    done[k] = f;
    opts.onProgress?.(Math.min(0.99, done.reduce((a, b) => a + b, 0) / done.length));
  };
  // The other ranges are posted first, then the first one parsed here (if `local`).
  const later = plan.jobs.map((j, k) => (k > 0 || !local ? run(plan.spec, j, progress(k)) : null));
  const { size, start } = plan.spec;
  const others = later.filter((r) => r !== null);
  let othersDone = false;
  void Promise.all(others).then(() => (othersDone = true));
  const results = await Promise.all(
    later.map(
      (r, k) =>
        r ??
        local!(plan.spec, plan.jobs[k], progress(k)).then(async (res) => {
          mark('local');
          // While the others are parsed: the room for their rows (as this part's rows per byte),
          // a column at a time, until they arrive (the merge's copy faults in the rest).
          if (res.table && others.length > 0) {
            const rows = (res.records * (size - start) * 1.01) / (res.end - start);
            for (const c of Object.values(res.table.columns)) {
              await macrotask();
              if (othersDone) break;
              touchRoom(c, rows);
            }
          }
          mark('touched');
          return res;
        }),
    ),
  );
  mark('parsed');
  results.forEach((r, k) => {
    if (r.finishMs !== undefined) importPhases[`finish${k}`] = Math.round(r.finishMs);
  });
  const ranges = await chainRanges(results, plan.spec.start, (job) =>
    run(plan.spec, job, () => {}),
  );
  mark('chained');
  const merged = ranges && mergeRanges(plan.spec, ranges);
  mark('merged');
  importPhases.mergeMatch = absorbTimes.match;
  importPhases.mergeNumber = absorbTimes.number;
  importPhases.mergeMap = absorbTimes.map;
  for (const k of [
    'mergeKey',
    'mergeStrings',
    'mergeNumbers',
    'mergeMatch',
    'mergeNumber',
    'mergeMap',
  ])
    if (k in importPhases) importPhases[k] = Math.round(importPhases[k]);
  if (!merged) return serial();
  opts.onProgress?.(1);
  merged.report.parts = plan.jobs.length;
  return merged;
}

/**
 * A picked File's byte stream (`blob.stream()`) as the block import's reader
 * (importAccountBlocksAsync), read with a BYOB reader into one reused window: the browser pipes
 * the file ahead on its own threads while this thread parses, and no fresh buffer is made per
 * block (slices read as `blob.slice().arrayBuffer()`, each a new ArrayBuffer, took more CPU).
 * Reads go forward (the block import reads the head, then from 0 again: the window keeps it).
 * A failed stream read (a File changed since the pick) throws `unreadable()`; so does a read
 * that never settles (STREAM_STALL), unless `reopen` gives a new stream from a file position,
 * read from there. Throws TypeError
 * at once where the stream is not a byte stream (no BYOB reader).
 */
export function streamSource(
  stream: ReadableStream<Uint8Array>,
  size: number,
  unreadable: () => Error,
  window = 12 << 20,
  reopen?: (from: number) => ReadableStream<Uint8Array>,
): AsyncByteSource & { cancel: () => void } {
  let reader = stream.getReader({ mode: 'byob' });
  let win = new Uint8Array(window);
  // win[0, len) holds the file's bytes [at, at + len).
  let at = 0;
  let len = 0;
  let ended = false;
  let reopened = 0;
  return {
    size,
    /** Stop reading (a range that needs no more of its slice). */
    cancel: () => void reader.cancel().catch(() => {}),
    read: async (buf, offset, length, position) => {
      if (position < at) throw new Error('streamSource: reads go forward');
      const end = Math.min(size, position + length);
      const drop = Math.min(len, position - at);
      if (drop > 0) {
        win.copyWithin(0, drop, len);
        len -= drop;
        at += drop;
      }
      if (end - at > win.length) {
        const grown = new Uint8Array(end - at);
        grown.set(win.subarray(0, len));
        win = grown;
      }
      while (at + len < end && !ended) {
        let r: ReadableStreamReadResult<Uint8Array> | null;
        try {
          // The view's buffer is transferred to the stream and comes back filled.
          r = await unlessStalled(reader.read(new Uint8Array(win.buffer, len, win.length - len)));
        } catch {
          throw unreadable();
        }
        if (!r) {
          // A read that never came back (Chromium's File stream, now and then at load; session
          // 25 ihang): the window's buffer went with it, so the file is read again from `at`
          // in a new stream — or, past STREAM_STALL.reopens, the caller is told it does not read.
          void reader.cancel().catch(() => {});
          STREAM_STALL.seen++;
          if (!reopen || reopened >= STREAM_STALL.reopens) throw unreadable();
          reopened++;
          try {
            reader = reopen(at).getReader({ mode: 'byob' });
          } catch {
            throw unreadable();
          }
          win = new Uint8Array(Math.max(window, end - at));
          len = 0;
          continue;
        }
        if (r.done) ended = true;
        if (r.value) {
          win = new Uint8Array(r.value.buffer as ArrayBuffer);
          len += r.value.length;
        }
      }
      const n = Math.max(0, Math.min(end, at + len) - position);
      buf.set(win.subarray(position - at, position - at + n), offset);
      return n;
    },
  };
}

/**
 * How long a File stream's read may take before it counts as stalled (ms), and how many times
 * streamSource then opens a new stream before giving up (tests lower them).
 */
export const STREAM_STALL = { ms: 8000, reopens: 2, seen: 0 };

/** `read`'s result, or null when it has not settled within STREAM_STALL.ms. */
async function unlessStalled<T>(read: Promise<T>): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), STREAM_STALL.ms);
  });
  try {
    return await Promise.race([read, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A range's reader over the picked File: the slice [from, end) (the range and the tail a
 * straddling record may need) as a byte stream (streamSource), read at file positions; null
 * where the Blob has no byte stream. `cancel` when the range is done (the tail is rarely read).
 */
export function blobRangeRead(
  blob: Blob,
  from: number,
  end: number,
  unreadable: () => Error,
): { read: RangeRead; cancel: () => void } | null {
  let src: ReturnType<typeof streamSource>;
  try {
    src = streamSource(blob.slice(from, end).stream(), end - from, unreadable, undefined, (at) =>
      blob.slice(from + at, end).stream(),
    );
  } catch {
    return null;
  }
  return {
    read: (buf, offset, length, position) => src.read(buf, offset, length, position - from),
    cancel: src.cancel,
  };
}
