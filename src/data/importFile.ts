import type { FieldContract } from '../model';
import { newColumns, type AccountTable } from '../table/columns';
import {
  decodeBytes,
  detectEncoding,
  mixedEncodingError,
  sniffBinary,
  truncatedError,
  type Encoding,
} from './encoding';
import {
  cellDecoder,
  fieldText,
  parseDelimitedBytes,
  Utf8Error,
  type ByteEncoding,
  type ByteRecord,
  type DirectCells,
} from './csvBytes';
import { clip, ImportError, type ImportIssue, type ImportIssueCode } from './issues';
import { parseNumber } from './coerce';
import { autoMap, mappedColumn, unmappedColumns, type ColumnMapping } from './mapping';
import { BooleanSink, makeSink, NumberSink, StringSink, type Sink } from './sinks';
import { openSource, rowTooLong, type RowSource } from './sources';
import { detectFormat, type FileFormat } from './detect';
import { checkFileSize, limitsOf, type ImportLimits } from './limits';
import { looksLikeXlsx } from './xlsx';
import { xlsxSource } from './xlsxSource';
import { checkCut, cutQuoteError, fileEndOf } from './cutRecord';
import { columnCapacity, type ColumnMemory, type SinkPlan } from './columnMemory';
import { CategoryCells } from './categoryCells';

export type BadRowPolicy = 'skip' | 'blank';

export interface ImportOptions {
  /** Field id → column index; absent = automatic by id or label. */
  mapping?: ColumnMapping;
  format?: FileFormat;
  encoding?: Encoding;
  delimiter?: string;
  hasHeader?: boolean;
  /** skip (default): rows with an error are left out; blank: bad cells become missing and the row stays. */
  badRows?: BadRowPolicy;
  /** Called with 0..1 about every 20,000 rows. */
  onProgress?: (fraction: number) => void;
  /** For a secondary source joined by company name: the key column may be absent if the name field is mapped. */
  keyOptional?: boolean;
  /** How many issues to keep in the report (all are counted). */
  maxIssues?: number;
  /** UTF-8 CSV/TSV is read from the bytes unless 'string' (decode first; the reference the tests compare against). */
  csvPath?: 'bytes' | 'string';
  /** What is refused as too large or too deep (defaults in limits.ts; tests lower them). */
  limits?: Partial<ImportLimits>;
  /** .xlsx: the sheet to read (default: the first with data). */
  sheet?: string;
  /** Keep each imported row's spreadsheet row number (report.rowNumbers); whole-file imports. */
  rowNumbers?: boolean;
  /**
   * Memory for the columns faulted in elsewhere (the browser's one pass, columnMemory.ts):
   * the block import moves its columns there between blocks as buffers arrive.
   */
  memory?: ColumnMemory;
}

export interface ImportReport {
  file: string;
  format: FileFormat;
  encoding: Encoding;
  delimiter?: string;
  hasHeader: boolean;
  headers: string[];
  mapping: ColumnMapping;
  policy: BadRowPolicy;
  /** Data rows read from the file. */
  rowsRead: number;
  rowsImported: number;
  /** Rows with at least one error (left out under the skip policy). */
  badRows: number;
  errorCount: number;
  warningCount: number;
  /** The first issues (maxIssues), errors and warnings in file order; file-level ones first. */
  issues: ImportIssue[];
  errorsByField: Record<string, number>;
  duplicateKeys: number;
  unmappedColumns: string[];
  /** Contract fields this file has no column for. */
  missingFields: string[];
  /** How the cells were read: from UTF-8 bytes (CSV/TSV) or from decoded text. */
  reader?: 'bytes' | 'text';
  /** .xlsx: the sheet read, and every sheet of the workbook. */
  sheet?: string;
  sheets?: string[];
  /**
   * With the rowNumbers option: per row of the table, its row as a spreadsheet shows it (the
   * numbering of the issues: the header is row 1), so skipped bad rows do not shift it.
   */
  rowNumbers?: number[];
  /** Read in this many byte ranges in parallel (parallelImport.ts); absent = one pass. */
  parts?: number;
}

export interface FilePreview {
  file: string;
  format: FileFormat;
  encoding: Encoding;
  delimiter?: string;
  hasHeader: boolean;
  headers: string[];
  rows: unknown[][];
  mapping: ColumnMapping;
  estimatedRows: number;
  /** .xlsx: the sheet shown and every sheet of the workbook (to pick another). */
  sheet?: string;
  sheets?: string[];
}

/**
 * A file whose lines end with CR alone (classic Mac Excel's "CSV (Macintosh)") has no LF at all:
 * read as one line it would be "a header and no rows". Such a file gets LF line ends (a copy).
 */
function lineFeeds(bytes: Uint8Array): Uint8Array {
  if (bytes.indexOf(0x0a) >= 0 || bytes.indexOf(0x0d) < 0) return bytes;
  const out = bytes.slice();
  for (let i = out.indexOf(0x0d); i >= 0; i = out.indexOf(0x0d, i + 1)) out[i] = 0x0a;
  return out;
}

function open(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
): { source: RowSource & { sheet?: string; sheets?: string[] }; encoding: Encoding } {
  if (bytes.length === 0) {
    throw new ImportError({
      code: 'empty_file',
      severity: 'fatal',
      file,
      params: {},
      message: `${file}: the file is empty (0 bytes). Export the data again and choose the new file.`,
    });
  }
  // A workbook's XML is UTF-8 by definition.
  if (looksLikeXlsx(bytes, file))
    return { source: xlsxSource(bytes, file, contract, opts), encoding: 'utf-8' };
  const { text, encoding } = decodeBytes(bytes, file, opts.encoding);
  return { source: openSource(text, file, contract, opts), encoding };
}

/**
 * Rows in the whole file from the rows in its head: the data bytes (after the header line) of
 * the head stand for the data bytes of the file. Given the whole file, its count as it is.
 */
function scaleRows(source: RowSource, head: Uint8Array, totalBytes: number): number {
  if (totalBytes <= head.length) return source.estimatedRows;
  const headerBytes = source.hasHeader ? head.indexOf(0x0a) + 1 : 0;
  const data = Math.max(1, head.length - headerBytes);
  return Math.round(source.estimatedRows * ((totalBytes - headerBytes) / data));
}

/** Detect format, encoding, delimiter and header and map columns, for the import preview. */
export function inspectFile(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions = {},
  previewRows = 20,
  totalBytes = bytes.length,
): FilePreview {
  checkFileSize(file, totalBytes, opts.limits);
  bytes = lineFeeds(bytes);
  // Given only the start of a big file: cut at the last line break (0x0A is never part of a
  // multi-byte UTF-8 or Shift_JIS character) so decoding does not fail on a split character.
  let head = bytes;
  if (totalBytes > bytes.length && !looksLikeXlsx(bytes, file)) {
    const nl = bytes.lastIndexOf(0x0a);
    if (nl > 0) head = bytes.subarray(0, nl + 1);
  }
  const { source, encoding } = open(head, file, contract, opts);
  return {
    file,
    format: source.format,
    encoding,
    delimiter: source.delimiter,
    hasHeader: source.hasHeader,
    headers: source.headers,
    rows: source.preview(previewRows),
    mapping: opts.mapping ?? autoMap(source.headers, contract),
    estimatedRows: scaleRows(source, head, totalBytes),
    ...(source.sheets ? { sheet: source.sheet, sheets: source.sheets } : {}),
  };
}

const ISSUE_TEXT: Record<string, (i: ImportIssue) => string> = {
  ragged_row: (i) =>
    `this row has ${i.params.found} fields where the header has ${i.params.expected}. Check for an unquoted delimiter or a missing quote in this row.`,
  bad_number: (i) => `"${i.raw}" is not a number. Use digits such as 1234, 1,234 or 80%.`,
  bad_integer: (i) => `"${i.raw}" is not a whole number.`,
  bad_date: (i) => `"${i.raw}" is not a date. Use 2024-03-09, 2024/3/9 or 2024年3月9日.`,
  bad_boolean: (i) => `"${i.raw}" is not yes/no. Use TRUE/FALSE, yes/no, はい/いいえ or 1/0.`,
  bad_category: (i) =>
    `"${i.raw}" is not one of the allowed values (${i.params.allowed}); kept as written.`,
  missing_required: () => `empty, but the field is required.`,
  duplicate_key: (i) => `account id "${i.raw}" appears again (first in row ${i.params.firstRow}).`,
  number_out_of_range: (i) =>
    `"${i.raw}" is beyond the range of numbers (about ±1.8e308), so it cannot be stored. Check the value; a measure this large is usually a unit or export error.`,
  imprecise_number: (i) =>
    `the number ${i.raw} has more digits than a JSON number keeps exactly (about 15), so it was not stored. Write ids and codes as JSON strings ("…").`,
  formula_cell: (i) =>
    `"${i.raw}" starts like a spreadsheet formula; it is kept as text and neutralised on export.`,
};

/** A cell as text for a message; a JSON number beyond double range arrives as ±Infinity. */
function rawText(raw: unknown): string {
  if (raw === Infinity) return '> 1.8e308';
  if (raw === -Infinity) return '< -1.8e308';
  return String(raw);
}

function describe(i: ImportIssue): string {
  const loc = [
    i.file,
    i.row !== undefined ? `row ${i.row}` : '',
    i.column !== undefined ? `column ${i.column}${i.header ? ` (${i.header})` : ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${loc}${i.field ? ` → ${i.field}` : ''}: ${ISSUE_TEXT[i.code]?.(i) ?? i.code}`;
}

/**
 * Import one account file (CSV, TSV, JSON, NDJSON; UTF-8 with/without BOM or Shift_JIS) into
 * a column-wise AccountTable following the field contract. Throws ImportError for a file
 * that cannot be read at all; cell-level problems go to the report.
 */
export function importAccountFile(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions = {},
): { table: AccountTable; report: ImportReport } {
  checkFileSize(file, bytes.length, opts.limits);
  bytes = lineFeeds(bytes);
  // A file cut inside a record reads as a short last row or an open quote: say it was cut.
  const end = fileEndOf(bytes);
  const cutChecked = (read: () => { table: AccountTable; report: ImportReport }) => {
    try {
      const res = read();
      checkCut(file, res.report, end);
      return res;
    } catch (e) {
      if (e instanceof ImportError && e.issue.code === 'unterminated_quote')
        throw cutQuoteError(file, e.issue, end) ?? e;
      throw e;
    }
  };
  const fast = opts.csvPath === 'string' ? null : openBytes(bytes, file, contract, opts);
  if (fast) {
    // As decodeBytes: a file detected as Shift_JIS must have no UTF-8 line.
    if (fast.encoding === 'shift_jis' && !opts.encoding) {
      const mixed = mixedEncodingError(file, bytes);
      if (mixed) throw mixed;
    }
    try {
      return cutChecked(() => importRows(file, contract, opts, fast.source, fast.encoding, fast));
    } catch (e) {
      if (!(e instanceof Utf8Error)) throw e;
      // Shift_JIS the tables refuse: the string path decodes it, or reports where it fails.
      if (fast.encoding === 'shift_jis') return importText(bytes, file, contract, opts, cutChecked);
      // UTF-8 at the start, something else later: name the lines, else the string path's error.
      const cut = truncatedError(file, bytes);
      if (cut) throw cut;
      const mixed = mixedEncodingError(file, bytes, fast.start);
      if (mixed) throw mixed;
      decodeBytes(bytes, file, fast.encoding);
    }
  }
  return importText(bytes, file, contract, opts, cutChecked);
}

function importText(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  cutChecked: (read: () => { table: AccountTable; report: ImportReport }) => {
    table: AccountTable;
    report: ImportReport;
  },
): { table: AccountTable; report: ImportReport } {
  const { source, encoding } = open(bytes, file, contract, opts);
  return cutChecked(() => importRows(file, contract, opts, source, encoding, null));
}

/** UTF-8 or Shift_JIS CSV/TSV read from the bytes (csvBytes.ts); the source describes it from a decoded head. */
export interface ByteInput {
  source: RowSource;
  encoding: Encoding;
  bytes: Uint8Array;
  start: number;
  delimiter: number;
}

/** How much of a file is decoded to detect format, delimiter and header (as the string path sees them: its samples are ≤ 64K characters). */
const HEAD_BYTES = 256 * 1024;

/**
 * The byte path for UTF-8 and Shift_JIS CSV/TSV, or null where the string path must run (JSON,
 * binary or empty files, odd forced options): that path also produces every file-level error.
 * (A Shift_JIS file's mixed-encoding check is the caller's: importAccountFile, importStream.)
 */
export function openBytes(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  /** The file's size when `bytes` is its head (rows are estimated for the whole file). */
  totalBytes = bytes.length,
): ByteInput | null {
  // Offsets are Int32: larger buffers take the string path.
  if (
    bytes.length === 0 ||
    bytes.length >= 0x7fffffff ||
    looksLikeXlsx(bytes, file) ||
    (opts.format && opts.format !== 'csv' && opts.format !== 'tsv') ||
    sniffBinary(bytes)
  )
    return null;
  const encoding = opts.encoding ?? detectEncoding(bytes);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const sjis = encoding === 'shift_jis';
  if (encoding !== 'utf-8' && !(encoding === 'utf-8-bom' && bom) && !sjis) return null;
  const start = bom && !sjis ? 3 : 0;
  let headEnd = bytes.length;
  if (headEnd - start > HEAD_BYTES) {
    const nl = bytes.lastIndexOf(0x0a, start + HEAD_BYTES);
    if (nl < start) {
      // No line break in the head: a CSV whose first row is longer than the limit is refused
      // here, before the string path would decode it whole.
      const { maxRowBytes } = limitsOf(opts.limits);
      const first = bytes.indexOf(0x0a, start);
      const sniff = new TextDecoder('utf-8').decode(bytes.subarray(start, start + 4096));
      const format = opts.format ?? detectFormat(file, sniff);
      if (
        (format === 'csv' || format === 'tsv') &&
        (first < 0 ? bytes.length : first) - start > maxRowBytes
      )
        throw rowTooLong(file, 1, 1, maxRowBytes);
      return null;
    }
    headEnd = nl + 1;
  }
  let head: string;
  try {
    head = new TextDecoder(sjis ? 'shift_jis' : 'utf-8', { fatal: true }).decode(
      bytes.subarray(start, headEnd),
    );
  } catch {
    return null;
  }
  // The string path detects from the first 64K characters: the head must hold them (or be the file).
  if (head.trim() === '' || (headEnd < bytes.length && head.length < 64 * 1024)) return null;
  // JSON/NDJSON: not this path — and a head of a JSON document larger than HEAD_BYTES is not
  // a document (parsing it reported a large valid file as invalid JSON).
  const detected = opts.format ?? detectFormat(file, head);
  if (detected !== 'csv' && detected !== 'tsv') return null;
  const source = openSource(head, file, contract, opts);
  const d = source.delimiter;
  if ((source.format !== 'csv' && source.format !== 'tsv') || !d || d.length !== 1) return null;
  const D = d.charCodeAt(0);
  if (D >= 0x80 || D === 34 || D === 10 || D === 13) return null;
  // Rows ≈ line breaks per byte of the head × file size (sizes the columns once, no regrowth).
  let breaks = 0;
  for (let i = bytes.indexOf(0x0a, start); i >= 0 && i < headEnd; i = bytes.indexOf(0x0a, i + 1))
    breaks++;
  const estimatedRows = Math.max(
    1,
    Math.round((1.02 * Math.max(breaks, 1) * (totalBytes - start)) / (headEnd - start)),
  );
  return { source: { ...source, estimatedRows }, encoding, bytes, start, delimiter: D };
}

function importRows(
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  source: RowSource,
  encoding: Encoding,
  input: ByteInput | null,
): { table: AccountTable; report: ImportReport } {
  const imp = rowImporter(file, contract, opts, source, encoding, input ? 'bytes' : 'text', false);
  const hasHeader = source.hasHeader;
  const { maxRowBytes } = limitsOf(opts.limits);
  const result = input
    ? parseDelimitedBytes(
        input.bytes,
        input.delimiter,
        (rec, record) => {
          if (hasHeader && record === 1) return;
          imp.onRecord(input.bytes, rec, hasHeader ? record - 1 : record);
        },
        input.start,
        maxRowBytes,
        undefined,
        byteEncoding(input.encoding),
        imp.numeric,
        imp.direct,
      )
    : source.forEach(imp.onCells);
  return imp.finish(result);
}

/** How the byte parser reads a file of this encoding. */
export function byteEncoding(encoding: Encoding): ByteEncoding {
  return encoding === 'shift_jis' ? 'shift_jis' : 'utf-8';
}

/** What a parse ended with: a record too long, or a quote never closed (records count the header). */
export interface ParseEnd {
  unterminated?: { record: number; line: number };
  tooLong?: { record: number; line: number };
}

export interface RowImporter {
  /** A record of the byte parser (record: data row, 1-based, after the header). */
  onRecord(b: Uint8Array, rec: ByteRecord, record: number): void;
  onCells(cells: ArrayLike<unknown>, record: number): void;
  /** Rows kept since the last chunk. */
  readonly pending: number;
  /** Chunked importers only: the rows kept since the last chunk as a table, and fresh columns. */
  takeChunk(): AccountTable;
  /** Errors so far, and required fields without a column (what stops `waymark score`). */
  readonly fatalCount: number;
  /** After the last record: the file-level checks, the table of the rows left and the report. */
  finish(end: ParseEnd): { table: AccountTable; report: ImportReport };
  /** Per number field, the "80%" / 0.8 counts so far (a parallel import adds them up over ranges). */
  percentStats?(): PercentStat[];
  /**
   * Per file column, what parseDelimitedBytes reads while scanning (its `numeric`): numbers and
   * dates, and the yes/no and category cells it stores through `direct` (kinds 4 and 5).
   */
  readonly numeric: Uint8Array;
  /** Where parseDelimitedBytes stores those cells itself (its `direct`; optional: onRecord reads either). */
  readonly direct: DirectCells;
  /**
   * Between records (the block import, after each block): move columns into opts.memory's
   * buffers that have arrived, copying the rows so far. Whole-file importers only.
   */
  adopt(): void;
  /**
   * After some records (a file's head): what the string sinks have grown to at the column's
   * capacity, as buffers to fault in ahead for the whole file (importStream.ts blockSinkPlan).
   */
  sinkPlan(): SinkPlan;
}

export interface PercentStat {
  field: string;
  percent: number;
  bare: number;
  percentEx: string;
  bareEx: string;
}

/**
 * The percent_mixed warning of a "%" field whose column holds both "80%" and 0.8. The examples
 * stay as the user wrote them (params); the English text adds what each reads as, through the
 * importer's own number reading, so "１２％" reads as 12 (not parseFloat's NaN).
 */
export function percentMixedIssue(file: string, a: PercentStat): ImportIssue {
  const params = {
    field: a.field,
    percent: a.percent,
    bare: a.bare,
    percentExample: a.percentEx,
    bareExample: a.bareEx,
  };
  const asRead = (raw: string, times = 1): string => {
    const v = parseNumber(raw, { percentUnit: true });
    return typeof v === 'number' ? String(Number((v * times).toPrecision(12))) : raw;
  };
  return {
    code: 'percent_mixed',
    severity: 'warning',
    file,
    field: a.field,
    params,
    message: `${file} → ${a.field}: the field has unit "%" and the column mixes ${a.percent} cell(s) written with % (e.g. "${a.percentEx}" reads as ${asRead(a.percentEx)}) and ${a.bare} bare fraction(s) (e.g. "${a.bareEx}" reads as ${asRead(a.bareEx)} %, not ${asRead(a.bareEx, 100)} %). Write every cell one way (80% or 80) and import again.`,
  };
}

/**
 * Typed columns and the report from records, whole-file or in chunks. `chunked`: the columns
 * are handed out by takeChunk (each chunk has its own string dictionaries, so a chunk's
 * dictionaries never point into an earlier buffer), and duplicate keys are found by value
 * across chunks: the one thing kept for the whole file is each account key and its first row.
 */
export function rowImporter(
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  source: RowSource,
  encoding: Encoding,
  reader: 'bytes' | 'text',
  chunked: boolean,
  /** The bytes' encoding when it is not the file's (a Shift_JIS range decoded to UTF-8). */
  cellEncoding: ByteEncoding = byteEncoding(encoding),
  /** Records arrive in buffers that are reused (importAccountBlocks): string sinks copy what they keep. */
  reusedBuffers = false,
  /** Rows the number and yes/no columns keep room for in their buffers (parallelImport's first range). */
  room = 0,
): RowImporter {
  const mapping = opts.mapping ?? autoMap(source.headers, contract);
  const policy = opts.badRows ?? 'skip';
  const maxIssues = opts.maxIssues ?? 200;
  const fileIssues: ImportIssue[] = [];
  const issues: ImportIssue[] = [];
  let errorCount = 0;
  let warningCount = 0;
  const errorsByField: Record<string, number> = Object.create(null);

  const keyCol = mappedColumn(mapping, contract.accountKey);
  const byName =
    keyCol == null &&
    !!opts.keyOptional &&
    !!contract.nameField &&
    mappedColumn(mapping, contract.nameField) != null;
  if (keyCol == null && !byName) {
    throw new ImportError({
      code: 'key_unmapped',
      severity: 'fatal',
      file,
      field: contract.accountKey,
      params: { field: contract.accountKey, headers: source.headers.slice(0, 12).join(', ') },
      message: `${file}: no column is mapped to the account key "${contract.accountKey}". Map one of the columns (${source.headers.slice(0, 12).join(', ')}) to it.`,
    });
  }
  const missingFields = contract.fields
    .filter((f) => mappedColumn(mapping, f.id) == null)
    .map((f) => f.id);
  // A secondary source (joined onto a base) only adds columns: missing required ones are expected.
  for (const f of contract.fields) {
    if (f.required && mappedColumn(mapping, f.id) == null && !opts.keyOptional) {
      warningCount++;
      fileIssues.push({
        code: 'required_unmapped',
        severity: 'warning',
        file,
        field: f.id,
        params: { field: f.id },
        message: `${file}: the required field "${f.id}" (${f.label.en}) has no column; it will be missing for every account unless another source provides it.`,
      });
    }
  }

  const mapped = contract.fields.filter((f) => mappedColumn(mapping, f.id) != null);
  const cap = chunked ? 4096 : columnCapacity(source.estimatedRows, room);
  const byteEnc = cellEncoding;
  const decode = cellDecoder(byteEnc);
  const newSinks = (n: number): Sink[] => {
    const made = mapped.map((f) => makeSink(f, n, byteEnc));
    // Chunked: the key's values are read every row (duplicates across chunks), so not deferred.
    if (chunked && keySinkIdx >= 0) (made[keySinkIdx] as StringSink).eager = true;
    // The key's codes are read row by row (duplicates): no provisional codes.
    if (keySinkIdx >= 0) (made[keySinkIdx] as StringSink).codesRead = true;
    // A part of a parallel import (room for the merge): its string columns also say what the
    // merge would otherwise read their bytes again for (StringSink.mergeFacts).
    if (room > 0)
      for (const k of made)
        if (k instanceof NumberSink || k instanceof BooleanSink || k instanceof StringSink) {
          k.keepRoom = true;
          if (k instanceof StringSink) k.mergeFacts = true;
        }
    // One table from reused buffers (importAccountBlocks): values stay packed until read.
    if (reusedBuffers)
      for (const k of made)
        if (k instanceof StringSink) {
          k.ownBuffers();
          if (!chunked) k.packValues();
          // Their tables and bytes from memory faulted in elsewhere, as it arrives.
          if (!chunked && opts.memory?.takeSink) k.useMemory(opts.memory);
        }
    return made;
  };
  const keySinkIdx = mapped.findIndex((f) => f.id === contract.accountKey);
  let sinks: Sink[] = newSinks(cap);
  const cols = mapped.map((f) => mappedColumn(mapping, f.id) as number);
  const requiredFlags = mapped.map((f) => f.required);
  let keySink = keySinkIdx >= 0 ? (sinks[keySinkIdx] as StringSink) : null;
  // By key code (as written, before compaction) → spreadsheet row, 0 = none yet (rows start at
  // 1). Typed and grown by doubling: a JS array set at a new index per row cost ~0.1 s a million.
  let firstRowOfKey = new Int32Array(chunked ? 0 : 1024);
  // Chunked: codes restart with each chunk, so keys are compared by value.
  const firstRowOfValue = new Map<string, number>();
  // Keys in ascending order (most exports): a key above the last one kept is new, found
  // without the Map; kept keys are listed and go into the Map once the order breaks.
  let keysSorted = true;
  const sortedKeys: string[] = [];
  const sortedRows: number[] = [];
  const firstRowOf = (key: string): number | undefined => {
    if (keysSorted) {
      const n = sortedKeys.length;
      if (n === 0 || key > sortedKeys[n - 1]) return undefined;
      keysSorted = false;
      for (let i = 0; i < n; i++) firstRowOfValue.set(sortedKeys[i], sortedRows[i]);
      sortedKeys.length = 0;
      sortedRows.length = 0;
    }
    return firstRowOfValue.get(key);
  };
  const keepKey = (key: string, row: number): void => {
    if (keysSorted) {
      sortedKeys.push(key);
      sortedRows.push(row);
    } else firstRowOfValue.set(key, row);
  };
  const expected = source.headers.length;
  const rowOffset = source.hasHeader ? 1 : 0;
  const rowNumbers: number[] | null = opts.rowNumbers && !chunked ? [] : null;

  let out = 0;
  let rowsRead = 0;
  let badRows = 0;
  let duplicateKeys = 0;
  const progressEvery = 20_000;
  // Read once: a range's import (parseRangeStream) has none and tells its progress per block, so
  // the row loop's code never meets a progress call the warm-up did not (session 39: at row
  // 20,000 both workers threw finishRow's code away, "insufficient type feedback").
  const onProgress = opts.onProgress;

  const push = (i: ImportIssue) => {
    if (i.severity === 'error') errorCount++;
    else warningCount++;
    if (i.field)
      errorsByField[i.field] = (errorsByField[i.field] ?? 0) + (i.severity === 'error' ? 1 : 0);
    if (issues.length < maxIssues) {
      i.message = describe(i);
      issues.push(i);
    }
  };
  const cellIssue = (
    code: ImportIssueCode,
    severity: 'error' | 'warning',
    row: number,
    col: number,
    field: string,
    raw: unknown,
    params: Record<string, string | number> = {},
  ) =>
    push({
      code,
      severity,
      file,
      row,
      column: col + 1,
      header: source.headers[col],
      field,
      raw: raw == null ? '' : clip(rawText(raw)),
      params,
      message: '',
    });

  let capacity = cap;
  const numberIdx: number[] = [];
  const stringIdx: number[] = [];
  const boolIdx: number[] = [];
  sinks.forEach((sink, i) =>
    (sink instanceof NumberSink
      ? numberIdx
      : sink instanceof StringSink
        ? stringIdx
        : boolIdx
    ).push(i),
  );
  let numberSinks = numberIdx.map((i) => sinks[i] as NumberSink);
  const numberIsDate = numberSinks.map((k) => k.kind === 'date');
  let stringSinks = stringIdx.map((i) => sinks[i] as StringSink);
  let boolSinks = boolIdx.map((i) => sinks[i] as BooleanSink);
  /** Rows read since the last chunk (some may have been left out), and rows kept before it. */
  let chunkRead = 0;
  let keptBefore = 0;
  /** Record a cell's problem; true when it makes the row bad. */
  const onProblem = (
    s: number,
    problem: ReturnType<Sink['write']>,
    row: number,
    raw: unknown,
  ): boolean => {
    const sink = sinks[s];
    const c = cols[s];
    if (problem) {
      if (problem.warning) {
        cellIssue(problem.code, 'warning', row, c, sink.field.id, raw, {
          allowed: sink.field.values?.join(', ') ?? '',
        });
        return false;
      }
      cellIssue(problem.code, 'error', row, c, sink.field.id, raw);
      return true;
    }
    cellIssue('missing_required', 'error', row, c, sink.field.id, raw);
    return true;
  };

  const grow = (): void => {
    capacity *= 2;
    for (const sink of sinks) sink.reserve(capacity);
    retarget();
  };

  /** Ragged-row check and room for one more row; true when the row is bad. */
  const beginRow = (count: number, row: number): boolean => {
    rowsRead++;
    chunkRead++;
    if (out >= capacity) grow();
    if (count !== expected && source.format !== 'json' && source.format !== 'ndjson') {
      push({
        code: 'ragged_row',
        severity: 'error',
        file,
        row,
        params: { found: count, expected },
        message: '',
      });
      return true;
    }
    return false;
  };

  // Byte path: cells are offsets into the file (or decoded text where quotes were escaped).
  const onRecord = (b: Uint8Array, rec: ByteRecord, record: number): void => {
    const count = rec.count;
    const st = rec.start;
    const en = rec.end;
    const texts = rec.text;
    const row = record + rowOffset;
    let bad = beginRow(count, row);
    const numOk = rec.numOk;
    const ours = rec.direct === direct;
    // Every direct cell of the record stored by the scan (the usual record).
    const all = ours && rec.stored === directCount;
    if (ours) {
      // The scan stored the cells of the direct columns that it read whole at `out`: the rest
      // of them (missing, quoted, "1,234", "８０％", bad…) go the ordinary way.
      // (In field order, as the issues of one row are reported.)
      if (!all || notDirect)
        for (let g = 0; g < numberIdx.length; g++) {
          const c = cols[numberIdx[g]];
          if (isDirect[g] === 1 && c < count && numOk[c] !== 0) continue;
          bad = numberCell(g, b, rec, row) || bad;
        }
      // "%" columns count bare fractions (percent_mixed) of the cells the scan stored.
      for (let h = 0; h < percentDirect.length; h++) {
        const g = percentDirect[h];
        const c = cols[numberIdx[g]];
        if (c >= count || numOk[c] === 0) continue;
        const sink = numberSinks[g];
        const v = sink.values[out];
        // Only a non-integer of at most 1 is one (writeRead counts it and keeps the example).
        if (v <= 1 && v >= -1 && !Number.isInteger(v)) sink.writeRead(out, v, b, st[c], en[c]);
      }
    } else for (let g = 0; g < numberIdx.length; g++) bad = numberCell(g, b, rec, row) || bad;
    // Category and yes/no cells the scan stored are skipped (all of them: only the other
    // columns are visited); the others go to their sinks, and a category spelling its sink
    // stores cleanly is taught to the scan.
    if (all) catAllRows++;
    const sList = all ? stringRest : stringAll;
    for (let k = 0; k < sList.length; k++) {
      const g = sList[k];
      const s = stringIdx[g];
      const c = cols[s];
      const cat = catOf[g];
      const sink = stringSinks[g];
      if (cat !== null) {
        if (ours && c < count && numOk[c] !== 0) {
          catStored[g]++;
          continue;
        }
        catCount(g);
      }
      const problem =
        c >= count
          ? sink.write(out, null)
          : texts[c] === undefined
            ? sink.writeBytes(out, b, st[c], en[c])
            : sink.write(out, texts[c]);
      if (problem !== null || (requiredFlags[s] && sink.lastMissing))
        bad = onProblem(s, problem, row, c < count ? fieldText(b, rec, c, decode) : null) || bad;
      else if (cat !== null && ours && c < count && texts[c] === undefined && !sink.lastMissing)
        cat.learn(b, st[c], en[c], sink.codeAt(out));
    }
    const bList = all ? boolRest : boolAll;
    for (let k = 0; k < bList.length; k++) {
      const g = bList[k];
      const s = boolIdx[g];
      const c = cols[s];
      if (ours && boolDirect[g] === 1 && c < count && numOk[c] !== 0) continue;
      const sink = boolSinks[g];
      const problem =
        c >= count
          ? sink.write(out, null)
          : texts[c] === undefined
            ? sink.writeBytes(out, b, st[c], en[c])
            : sink.write(out, texts[c]);
      if (problem !== null || (requiredFlags[s] && sink.lastMissing))
        bad = onProblem(s, problem, row, c < count ? fieldText(b, rec, c, decode) : null) || bad;
    }
    finishRow(bad, row);
  };

  /** Number sink g's cell of a byte record, written at `out`; true when it makes the row bad. */
  const numberCell = (g: number, b: Uint8Array, rec: ByteRecord, row: number): boolean => {
    const count = rec.count;
    const numOk = rec.numOk;
    const s = numberIdx[g];
    const c = cols[s];
    const sink = numberSinks[g];
    const read = c < count && c < numOk.length ? numOk[c] : 0;
    if (read !== 0 && (read === 3) === numberIsDate[g]) {
      // Read by the parser: a plain number or ISO date, stored as is (never missing, never a
      // problem). (A column that is both a date and a number field is read for the number.)
      // (Never a direct column's cell the scan stored: onRecord skips those.)
      if (sink.percentUnit) sink.writeRead(out, rec.num[c], b, rec.start[c], rec.end[c]);
      else {
        sink.values[out] = rec.num[c];
        sink.lastMissing = false;
      }
      return false;
    }
    const texts = rec.text;
    const problem =
      c >= count
        ? sink.write(out, null)
        : texts[c] === undefined
          ? sink.writeBytes(out, b, rec.start[c], rec.end[c])
          : sink.write(out, texts[c]);
    if (problem !== null || (requiredFlags[s] && sink.lastMissing))
      return onProblem(s, problem, row, c < count ? fieldText(b, rec, c, decode) : null);
    return false;
  };

  const onCells = (cells: ArrayLike<unknown>, record: number): void => {
    const row = record + rowOffset;
    let bad = beginRow(cells.length, row);
    // One loop per sink class keeps each write() call site monomorphic (V8 inlines it).
    for (let g = 0; g < numberIdx.length; g++) {
      const s = numberIdx[g];
      const c = cols[s];
      const raw = c < cells.length ? cells[c] : null;
      const problem = numberSinks[g].write(out, raw);
      if (problem !== null || (requiredFlags[s] && numberSinks[g].lastMissing))
        bad = onProblem(s, problem, row, raw) || bad;
    }
    for (let g = 0; g < stringIdx.length; g++) {
      const s = stringIdx[g];
      const c = cols[s];
      const raw = c < cells.length ? cells[c] : null;
      const problem = stringSinks[g].write(out, raw);
      if (problem !== null || (requiredFlags[s] && stringSinks[g].lastMissing))
        bad = onProblem(s, problem, row, raw) || bad;
    }
    for (let g = 0; g < boolIdx.length; g++) {
      const s = boolIdx[g];
      const c = cols[s];
      const raw = c < cells.length ? cells[c] : null;
      const problem = boolSinks[g].write(out, raw);
      if (problem !== null || (requiredFlags[s] && boolSinks[g].lastMissing))
        bad = onProblem(s, problem, row, raw) || bad;
    }
    finishRow(bad, row);
  };

  /** Duplicate / missing key checks, then keep or drop the row. */
  const finishRow = (bad: boolean, row: number): void => {
    const code = keySink ? keySink.codeAt(out) : -2;
    if (code === -1 && !keySink!.field.required) {
      bad = true;
      cellIssue('missing_required', 'error', row, keyCol!, contract.accountKey, '');
    } else if (code >= 0) {
      const key = chunked ? keySink!.valueAt(code) : '';
      const first = chunked
        ? firstRowOf(key)
        : code < firstRowOfKey.length && firstRowOfKey[code] > 0
          ? firstRowOfKey[code]
          : undefined;
      if (first === undefined) {
        if (!bad || policy === 'blank') {
          if (chunked) keepKey(key, row);
          else {
            if (code >= firstRowOfKey.length) {
              const grown = new Int32Array(Math.max(code + 1, firstRowOfKey.length * 2));
              grown.set(firstRowOfKey);
              firstRowOfKey = grown;
            }
            firstRowOfKey[code] = row;
          }
        }
      } else {
        bad = true;
        duplicateKeys++;
        cellIssue(
          'duplicate_key',
          'error',
          row,
          keyCol!,
          contract.accountKey,
          keySink!.valueAt(code),
          { firstRow: first },
        );
      }
    }
    if (bad) badRows++;
    if (!bad || policy === 'blank') {
      rowNumbers?.push(row);
      out++;
      // The scan stores the next record's numbers at `out` before onRecord sees it: room now.
      if (out >= capacity) grow();
      direct.row = out;
    }
    if (onProgress !== undefined && rowsRead % progressEvery === 0)
      onProgress(Math.min(0.99, rowsRead / source.estimatedRows));
  };

  // "%" fields mixing "80%" and 0.8, counted over every chunk (each chunk has fresh sinks).
  const percentSeen = numberIdx.map(() => ({ percent: 0, bare: 0, percentEx: '', bareEx: '' }));
  const carryPercent = (): void => {
    for (let g = 0; g < numberSinks.length; g++) {
      const k = numberSinks[g];
      const a = percentSeen[g];
      if (!k.percentUnit) continue;
      if (k.percentCells && !a.percent) a.percentEx = k.percentExample;
      if (k.bareFractions && !a.bare) a.bareEx = k.bareExample;
      a.percent += k.percentCells;
      a.bare += k.bareFractions;
    }
  };

  const build = (): AccountTable => {
    const columns = newColumns();
    // Rows left out were overwritten: only then can string dictionaries hold unused values.
    for (let s = 0; s < sinks.length; s++)
      columns[mapped[s].id] = sinks[s].build(out, out !== chunkRead);
    return { rowCount: out, columns };
  };

  const takeChunk = (): AccountTable => {
    if (!chunked) throw new Error('takeChunk: not a chunked import');
    const table = build();
    carryPercent();
    // Blocks are alike: size the next chunk's columns for as many rows as this one read.
    const nextCap = Math.max(cap, chunkRead + 16);
    sinks = newSinks(nextCap);
    numberSinks = numberIdx.map((i) => sinks[i] as NumberSink);
    stringSinks = stringIdx.map((i) => sinks[i] as StringSink);
    boolSinks = boolIdx.map((i) => sinks[i] as BooleanSink);
    keySink = keySinkIdx >= 0 ? (sinks[keySinkIdx] as StringSink) : null;
    capacity = nextCap;
    keptBefore += out;
    out = 0;
    chunkRead = 0;
    // Fresh sinks number their values again: the spellings learnt are theirs no more.
    for (const cat of catOf) cat?.clear();
    catAllAt.fill(catAllRows);
    catStored.fill(0);
    retarget();
    return table;
  };

  const finish = (result: ParseEnd): { table: AccountTable; report: ImportReport } => {
    const maxRowBytes = limitsOf(opts.limits).maxRowBytes;
    return finishImport(result, maxRowBytes);
  };

  // Number fields: the parser reads plain decimals while scanning (integers take no fraction);
  // date fields: ISO dates.
  const numeric = new Uint8Array(Math.max(0, ...cols) + 1);
  const dateCol = new Uint8Array(numeric.length);
  for (let g = 0; g < numberIdx.length; g++) {
    const c = cols[numberIdx[g]];
    if (numberSinks[g].kind === 'date') {
      dateCol[c] = 1;
      continue;
    }
    const k = mapped[numberIdx[g]].type === 'integer' ? 1 : 2;
    // A column mapped to two fields: the stricter (integer) scan serves both.
    numeric[c] = numeric[c] === 0 ? k : Math.min(numeric[c], k);
  }
  // Dates (kind 3) only where no number field reads the same column.
  for (let c = 0; c < numeric.length; c++) if (dateCol[c] && numeric[c] === 0) numeric[c] = 3;

  // Number and date columns read by exactly one number sink: the scan stores their plain cells
  // straight into the sink's values at `out` (DirectCells), and onRecord skips the cells it
  // read whole. Reading each back from the record (per row and column: the sink, the column,
  // numOk, the value, a store) was most of onRecord's time. A column mapped to two fields keeps
  // ByteRecord.num: each of its sinks takes the value from there.
  const readers = new Uint8Array(numeric.length);
  for (let g = 0; g < numberIdx.length; g++) readers[cols[numberIdx[g]]]++;
  const isDirect = Uint8Array.from(numberIdx, (s) => (readers[cols[s]] === 1 ? 1 : 0));
  const numberDirect = isDirect.reduce((a, d) => a + d, 0);
  /** Some number column is not stored directly (mapped to two fields). */
  const notDirect = numberDirect < numberIdx.length;
  const percentDirect: number[] = [];
  for (let g = 0; g < numberIdx.length; g++)
    if (isDirect[g] && numberSinks[g].percentUnit) percentDirect.push(g);

  // Yes/no and small category columns read by that one field alone (no other field, no number
  // scan): the scan stores their usual cells too — yes/no words as BooleanSink.writeBytes reads
  // them, category spellings the sink has stored cleanly (CategoryCells), empty cells of fields
  // that are not required — so onRecord visits only the ids, names and the rare cells. (A
  // category with no list of values may take provisional codes, the key is read per row: not.)
  const fieldsOn = new Uint8Array(numeric.length);
  for (let s = 0; s < sinks.length; s++) fieldsOn[cols[s]]++;
  const alone = (s: number): boolean => fieldsOn[cols[s]] === 1 && numeric[cols[s]] === 0;
  const boolDirect = Uint8Array.from(boolIdx, (s) => (alone(s) ? 1 : 0));
  const catOf = stringIdx.map((s) => {
    const f = mapped[s];
    return f.type === 'category' && (f.values?.length ?? 0) > 0 && s !== keySinkIdx && alone(s)
      ? new CategoryCells(!f.required)
      : null;
  });
  const missingOk = new Uint8Array(numeric.length);
  for (let g = 0; g < boolIdx.length; g++)
    if (boolDirect[g]) {
      numeric[cols[boolIdx[g]]] = 4;
      missingOk[cols[boolIdx[g]]] = requiredFlags[boolIdx[g]] ? 0 : 1;
    }
  for (let g = 0; g < stringIdx.length; g++) if (catOf[g]) numeric[cols[stringIdx[g]]] = 5;
  const directCount =
    numberDirect +
    boolDirect.reduce((a, d) => a + d, 0) +
    catOf.reduce((a, t) => a + (t ? 1 : 0), 0);
  /** The string and yes/no sinks (by index) onRecord visits: all, or those the scan does not store. */
  const stringAll = stringIdx.map((_, g) => g);
  const stringRest = stringAll.filter((g) => catOf[g] === null);
  /**
   * Cells the scan stored per category column since they were last counted in its sink
   * (wroteDirect): records with every direct cell stored, and the others' stored cells.
   */
  let catAllRows = 0;
  const catAllAt = new Float64Array(stringIdx.length);
  const catStored = new Float64Array(stringIdx.length);
  /** Count them in sink g (before it reads a cell itself, or plans). */
  function catCount(g: number): void {
    const n = catAllRows - catAllAt[g] + catStored[g];
    catAllAt[g] = catAllRows;
    catStored[g] = 0;
    if (n > 0) stringSinks[g].wroteDirect(n, out);
  }
  const boolAll = boolIdx.map((_, g) => g);
  const boolRest = boolAll.filter((g) => boolDirect[g] === 0);
  const direct: DirectCells = {
    to: Array.from(numeric, () => null),
    row: 0,
    yesNo: Array.from(numeric, () => null),
    missing: missingOk,
    cats: Array.from(numeric, () => null),
  };
  for (let g = 0; g < stringIdx.length; g++)
    if (catOf[g]) direct.cats![cols[stringIdx[g]]] = catOf[g];
  /** Point the scan at the columns' current arrays (after they grew, moved or a chunk). */
  function retarget(): void {
    for (let g = 0; g < numberIdx.length; g++)
      if (isDirect[g]) direct.to[cols[numberIdx[g]]] = numberSinks[g].values;
    for (let g = 0; g < boolIdx.length; g++)
      if (boolDirect[g]) direct.yesNo![cols[boolIdx[g]]] = boolSinks[g].values;
    for (let g = 0; g < stringIdx.length; g++) {
      const cat = catOf[g];
      if (cat) cat.codes = stringSinks[g].codes;
    }
    direct.row = out;
  }
  retarget();

  // Columns still in the import's own memory while opts.memory may bring others (by sink).
  const memory = chunked ? undefined : opts.memory;
  const moved = new Uint8Array(sinks.length);
  let toMove = memory ? sinks.length : 0;
  const adopt = (): void => {
    if (toMove === 0) return;
    // Buffers are sized for the first capacity: once the columns grew, none will fit.
    if (capacity !== cap) {
      toMove = 0;
      return;
    }
    for (let s = 0; s < sinks.length; s++) {
      // Every write so far was at a row < out + 1 (a row left out is written at `out` too).
      if (moved[s] || !sinks[s].adopt?.(memory!, out + 1)) continue;
      moved[s] = 1;
      toMove--;
    }
    retarget();
  };

  const sinkPlan = (): SinkPlan => {
    for (let g = 0; g < catOf.length; g++) if (catOf[g]) catCount(g);
    const plan: SinkPlan = { sizes: [], keptBytes: {} };
    for (const k of sinks)
      if (k instanceof StringSink) {
        const p = k.sinkBuffers();
        plan.sizes.push(...p.sizes);
        if (p.keptBytes > 0) plan.keptBytes[k.field.id] = p.keptBytes;
      }
    return plan;
  };

  return {
    numeric,
    direct,
    onRecord,
    onCells,
    adopt,
    sinkPlan,
    takeChunk,
    finish,
    get pending() {
      return out;
    },
    get fatalCount() {
      return errorCount + fileIssues.filter((i) => i.code === 'required_unmapped').length;
    },
    percentStats: () => percentSeen.map((a, g) => ({ field: numberSinks[g].field.id, ...a })),
  };

  function finishImport(
    result: ParseEnd,
    maxRowBytes: number,
  ): { table: AccountTable; report: ImportReport } {
    // The parser's records count the header, so record n is row n as a spreadsheet shows it.
    if (result.tooLong)
      throw rowTooLong(file, result.tooLong.record, result.tooLong.line, maxRowBytes);
    if (result.unterminated) {
      const u = result.unterminated;
      errorCount++;
      const issue: ImportIssue = {
        code: 'unterminated_quote',
        severity: rowsRead === 0 ? 'fatal' : 'error',
        file,
        row: u.record,
        params: { line: u.line },
        message: `${file}, row ${u.record} (line ${u.line}): a quoted field is never closed, so the rest of the file was not read. Add the missing " or remove the stray one.`,
      };
      if (rowsRead === 0) throw new ImportError(issue);
      fileIssues.push(issue);
    }
    if (rowsRead === 0) {
      throw new ImportError({
        code: 'no_rows',
        severity: 'fatal',
        file,
        params: {},
        message: `${file}: the file has a header but no data rows.`,
      });
    }
    carryPercent();
    // A "%" field holding both "80%" and 0.8: the two read 80 and 0.8, which cannot both be meant.
    for (let g = 0; g < numberSinks.length; g++) {
      const field = numberSinks[g].field;
      const a = percentSeen[g];
      if (a.percent === 0 || a.bare === 0) continue;
      warningCount++;
      fileIssues.push(percentMixedIssue(file, { ...a, field: field.id }));
    }
    const table = build();
    opts.onProgress?.(1);
    return {
      table,
      report: {
        file,
        format: source.format,
        encoding,
        delimiter: source.delimiter,
        hasHeader: source.hasHeader,
        headers: source.headers,
        mapping,
        policy,
        rowsRead,
        rowsImported: keptBefore + out,
        badRows,
        errorCount,
        warningCount,
        issues: [...fileIssues, ...issues].slice(0, maxIssues + fileIssues.length),
        errorsByField,
        duplicateKeys,
        unmappedColumns: unmappedColumns(source.headers, mapping),
        missingFields,
        reader,
        ...(rowNumbers ? { rowNumbers } : {}),
        ...(source.format === 'xlsx'
          ? {
              sheet: (source as { sheet?: string }).sheet,
              sheets: (source as { sheets?: string[] }).sheets,
            }
          : {}),
      },
    };
  }
}

/** An issue's English message from its fields (a parallel import renumbers rows, then re-describes). */
export { describe as describeIssue };
