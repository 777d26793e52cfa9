/**
 * Activity file (CSV/TSV/JSON/NDJSON, UTF-8 or Shift_JIS) → ActivityTable linked to the
 * account table, with every row that does not count reported by file, row and column:
 * unparseable timestamps, rows naming no account (by key, or by company name after 名寄せ
 * normalisation — several accounts with the name are not guessed), events after the as-of
 * date, attribute cells that are not of their type. Reuses the account import's decoder,
 * parsers and coercions.
 */
import { CarryBuffer } from './carryBuffer';
import type { ActivitySource } from '../../model';
import { MixedEncodingScan, decodeBytes } from '../encoding';
import {
  Utf8Error,
  cellDecoder,
  fieldText,
  parseDelimitedBytes,
  utf8Next,
  type ByteEncoding,
  type ByteRecord,
} from '../csvBytes';
import { openBytes } from '../importFile';
import { PLAN_HEAD_BYTES } from '../importStream';
import { limitsOf } from '../limits';
import { ABSENT, ByteMap, DenseKeys, fmix, hashBytes } from './byteMap';
import { ImportError } from '../issues';
import { openSource } from '../sources';
import { sjisNextAny as sjisNext } from '../sjisBytes';
import {
  FIXED_OUT,
  fixedIsoBytes,
  parseTimestamp,
  timeFromBytes,
  timestampFromBytes,
} from './timestamp';
import {
  HEAD_OBJECTS,
  JsonActivityStream,
  JsonFallback,
  importActivityJson,
  jsonFormatOf,
} from './jsonReader';
import {
  Collector,
  POW10,
  autoMapping,
  pseudoContract,
  rowFromCells,
  type ActivityAccounts,
  type ActivityImportOptions,
  type ActivityMapping,
  type ActivityResult,
} from './collector';

export { ReadWhole } from './jsonReader';
export type {
  ActivityAccounts,
  ActivityImportOptions,
  ActivityMapping,
  ActivityReport,
  ActivityResult,
} from './collector';

export interface ActivityPreview {
  file: string;
  encoding: string;
  format: string;
  headers: string[];
  /** The mapping found from the headers (-1 = not found). */
  mapping: ActivityMapping;
  /** The first data rows, as text. */
  sample: string[][];
}

/**
 * The file read whole: UTF-8 and Shift_JIS CSV/TSV through the byte reader (ActivityByteReader),
 * UTF-8 JSON/NDJSON through the JSON byte reader (jsonReader.ts), anything else (Shift_JIS JSON,
 * CR-only line ends, what the byte readers hand back) decoded and read row by row. `reader:
 * 'rows'` forces the row reader: the reference the tests hold the byte reader to.
 */
export function importActivityFile(
  bytes: Uint8Array,
  file: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions & { reader?: 'rows' },
): ActivityResult {
  if (opts.reader !== 'rows') {
    const json = jsonFormatOf(bytes, file);
    if (json) {
      try {
        return importActivityJson(bytes, json, file, source, accounts, opts);
      } catch (e) {
        // Invalid JSON or UTF-8, another shape: the row reader reads or reports it exactly.
        if (!(e instanceof JsonFallback)) throw e;
      }
      return importActivityRows(bytes, file, source, accounts, opts);
    }
    const reader = ActivityByteReader.open(bytes, file, source, accounts, opts, bytes.length);
    if (reader) {
      try {
        reader.push(bytes);
        return reader.end();
      } catch (e) {
        // Invalid UTF-8 past the head, a UTF-8 line in Shift_JIS: the row reader says where.
        if (!(e instanceof Utf8Error)) throw e;
      }
    }
  }
  return importActivityRows(bytes, file, source, accounts, opts);
}

/**
 * A file that arrives in blocks (a browser File's stream, a Node read stream): UTF-8 and
 * Shift_JIS CSV/TSV and UTF-8 JSON/NDJSON are read block by block (memory: one block, the
 * longest record or object and the typed columns); other files are gathered and read whole
 * (importActivityFile). `size` (bytes, if known) drives the progress fraction. Throws Utf8Error
 * for invalid UTF-8 (or Shift_JIS) past the first megabyte and for a Shift_JIS file with a UTF-8
 * line, ReadWhole for a JSON file the stream cannot finish (invalid past the first megabyte, a
 * key seen late that changes the mapping): read the file again whole (importActivityFile) to
 * have it read or reported. `headObjects`: the JSON objects whose keys give the mapping (tests).
 */
export async function importActivityStream(
  blocks: AsyncIterable<Uint8Array>,
  size: number | undefined,
  file: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions,
  headObjects = HEAD_OBJECTS,
): Promise<ActivityResult> {
  const it = blocks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < PLAN_HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    headLen += r.value.length;
  }
  const first = concatAll(head, headLen);
  // As importActivityFile: a JSON file is told by its first bytes (format, binary, encoding).
  const json = jsonFormatOf(first, file);
  if (json) {
    const js = JsonActivityStream.open(
      first,
      json,
      done,
      file,
      source,
      accounts,
      opts,
      size ?? headLen,
      headObjects,
    );
    if (js) {
      for (const block of head) js.push(block);
      head.length = 0;
      if (!done) for (let r = await it.next(); !r.done; r = await it.next()) js.push(r.value);
      return js.end();
    }
  }
  const reader = json
    ? null
    : ActivityByteReader.open(first, file, source, accounts, opts, size ?? headLen);
  if (!reader) {
    const rest = [first];
    let len = headLen;
    for (let r = done ? null : await it.next(); r && !r.done; r = await it.next()) {
      rest.push(r.value);
      len += r.value.length;
    }
    return importActivityFile(concatAll(rest, len), file, source, accounts, opts);
  }
  for (const block of head) reader.push(block);
  if (!done) for (let r = await it.next(); !r.done; r = await it.next()) reader.push(r.value);
  return reader.end();
}

function concatAll(parts: Uint8Array[], len: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The row reader: the decoded file through openSource (every format and encoding). */
function importActivityRows(
  bytes: Uint8Array,
  file: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions,
): ActivityResult {
  const { src } = openActivity(bytes, file, source);
  const c = new Collector(file, src.headers, source, accounts, opts, src.estimatedRows);
  const every = 1 << 16;
  src.forEach((cells, _record, ln) => {
    if (opts.onProgress && (c.report.rows + 1) % every === 0)
      opts.onProgress(Math.min(0.99, (c.report.rows + 1) / src.estimatedRows));
    rowFromCells(c, cells, ln);
  });
  return c.finish();
}

/**
 * The byte reader: UTF-8 or Shift_JIS CSV/TSV parsed by csvBytes.ts a block at a time, no
 * string per cell (Shift_JIS cells that are kept are decoded by sjisBytes.ts). Account cells, categories, strings and booleans are looked up by their bytes in a
 * memo of what the row reader's functions answered for the same text (so both readers give
 * the same table and report); timestamps and plain decimals are read from the bytes, and any
 * other form is decoded and goes the row reader's way.
 */
export class ActivityByteReader {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly buffer = new CarryBuffer();
  private start: number;
  private readonly state = { record: 0, line: 1, final: false };
  private readonly accMemo: ByteMap;
  /** Keys of the form prefix + number, looked up by the number (UTF-8 only, as accMemo's keys). */
  private readonly dense: DenseKeys | null;
  /** Keys found by number (DenseKeys.num), the account column holding ~num until finish(). */
  private readonly numbered: boolean;
  private readonly attrMemo: (ByteMap | null)[];
  private readonly maxRow: number;
  private pushed = 0;
  private ended = false;
  private readonly decode: (b: Uint8Array, s: number, e: number) => string;
  /** A Shift_JIS file's lines checked for UTF-8 as they stream (as decodeBytes checks a whole file). */
  private readonly mixed: MixedEncodingScan | null;
  /**
   * The one-pass row reader's role of each column up to the last one read (fastRow), or null
   * when rows go through the CSV parser then row(): accounts not found by number, a column
   * with two roles, a delimiter that can be part of a cell fastRow reads.
   */
  private readonly roles: Uint8Array | null;
  /** Per column: its attribute's index (role MEMO or NUMBER). */
  private readonly attrOf: Int32Array;
  /** fastRow's cells per attribute: start, end, hash (MEMO), the number (NUMBER, numOk 1). */
  private readonly cellStart: Int32Array;
  private readonly cellEnd: Int32Array;
  private readonly cellHash: Int32Array;
  private readonly cellNum: Float64Array;
  private readonly cellNumOk: Uint8Array;
  /** The parser's records since fastRow last handed over, and where the last one ended. */
  private budget = 0;
  private stopAt = -1;
  private stopLine = 0;
  private view: Uint8Array = new Uint8Array(0);
  /** Rows fastRow read, and rows it handed to the parser: many of those hand over several. */
  private fastRows = 0;
  private slowRuns = 0;

  private constructor(
    private readonly c: Collector,
    private readonly delimiter: number,
    bom: number,
    private readonly size: number,
    private readonly encoding: ByteEncoding,
  ) {
    this.start = bom;
    this.decode = cellDecoder(encoding);
    this.mixed = encoding === 'shift_jis' ? new MixedEncodingScan() : null;
    this.maxRow = limitsOf(undefined).maxRowBytes;
    this.attrMemo = c.source.attributes.map((a) => (a.type === 'number' ? null : new ByteMap()));
    // Shift_JIS cells are not UTF-8 bytes: that memo fills as the file is read.
    // (With DenseKeys the memo fills as the file is read: only cells of another form reach it.)
    // DenseKeys' prefix is printable ASCII and digits follow it, bytes Shift_JIS spells alike
    // (a cell starts at a character, and a trail byte is never a digit), so it reads both.
    this.dense = c.accountDense();
    this.numbered = this.dense !== null && this.dense.numbered;
    if (this.numbered) c.numbers = this.dense;
    this.accMemo = encoding === 'utf-8' && !this.dense ? c.accountMemo() : new ByteMap();
    const cols = [c.accountCol, c.timeCol, ...c.attrCols];
    const last = Math.max(...cols);
    const roles = new Uint8Array(last + 1);
    this.attrOf = new Int32Array(last + 1);
    let fast = this.numbered && (delimiter === 44 || delimiter === 9 || delimiter === 59);
    cols.forEach((col, k) => {
      if (roles[col] !== SKIP) fast = false;
      roles[col] = k === 0 ? ACCOUNT : k === 1 ? TIME : c.attrs[k - 2].numeric ? NUMBER : MEMO;
      if (k >= 2) this.attrOf[col] = k - 2;
    });
    this.roles = fast ? roles : null;
    const na = c.attrs.length;
    this.cellStart = new Int32Array(na);
    this.cellEnd = new Int32Array(na);
    this.cellHash = new Int32Array(na);
    this.cellNum = new Float64Array(na);
    this.cellNumOk = new Uint8Array(na);
  }

  /**
   * A reader for a file whose first bytes are `head` (the first PLAN_HEAD_BYTES or the whole
   * file), or null when it is not UTF-8 CSV/TSV with line feeds (read it with the row reader).
   * Throws ImportError as the row reader does for missing columns.
   */
  static open(
    head: Uint8Array,
    file: string,
    source: ActivitySource,
    accounts: ActivityAccounts,
    opts: ActivityImportOptions,
    size: number,
  ): ActivityByteReader | null {
    if (head.indexOf(0x0a) < 0) return null;
    let input: ReturnType<typeof openBytes>;
    try {
      input = openBytes(head, file, pseudoContract(source), { hasHeader: true });
    } catch {
      return null; // a first row longer than the limit: the row reader says so
    }
    if (!input || !input.source.hasHeader) return null;
    const estimated = Math.round((input.source.estimatedRows * size) / Math.max(1, head.length));
    const c = new Collector(file, input.source.headers, source, accounts, opts, estimated);
    const enc = input.encoding === 'shift_jis' ? 'shift_jis' : 'utf-8';
    return new ActivityByteReader(c, input.delimiter, input.start, size, enc);
  }

  get sjis(): boolean {
    return this.encoding === 'shift_jis';
  }

  /** Rows read in one pass over their bytes (fastRow) so far: the tests check who read what. */
  get oneRows(): number {
    return this.fastRows;
  }

  /** The next block of the file (blocks in order, of any sizes). */
  push(block: Uint8Array): void {
    if (this.ended) return;
    this.pushed += block.length;
    if (this.mixed) {
      this.mixed.feed(block);
      if (this.mixed.certain) throw new Utf8Error(-1);
    }
    if (this.carry.length > 0) {
      // The carried record and the block's first line first (a small copy), then the rest of
      // the block where it lies: copying every 4 MiB block behind its carry cost a pass.
      const f = block.indexOf(0x0a) + 1;
      if (f > 0 && f < block.length) {
        const head = this.join(block.subarray(0, f));
        this.parse(head, head.length, false);
        if (this.ended) return;
        block = block.subarray(f);
      }
    }
    const buf = this.join(block);
    const cut = buf.lastIndexOf(0x0a) + 1;
    if (cut === 0) {
      this.carry = buf;
      if (buf.length > this.maxRow) this.tooLong();
      return;
    }
    this.parse(buf, cut, false);
  }

  /**
   * The carried bytes then the block (CarryBuffer). Nothing keeps the bytes of a parsed block:
   * the memos copy their keys, the columns hold numbers and codes.
   */
  private join(block: Uint8Array): Uint8Array {
    return this.buffer.join(this.carry, block);
  }

  /** The table and report once every block was pushed. */
  end(): ActivityResult {
    if (this.mixed?.mixed()) throw new Utf8Error(-1);
    if (!this.ended && this.carry.length > 0) this.parse(this.carry, this.carry.length, true);
    this.carry = new Uint8Array(0);
    return this.c.finish();
  }

  private tooLong(): never {
    const line = this.state.line;
    throw new ImportError({
      code: 'row_too_long',
      severity: 'fatal',
      file: this.c.report.file,
      row: line,
      params: { line, limit: this.maxRow },
      message: `${this.c.report.file}: the record starting at line ${line} is longer than ${this.maxRow} bytes (an unclosed quote?).`,
    });
  }

  private parse(buf: Uint8Array, end: number, final: boolean): void {
    const view = end === buf.length ? buf : buf.subarray(0, end);
    let pos = this.start;
    this.start = 0;
    if (this.roles === null) {
      this.general(buf, view, end, pos, final);
      return;
    }
    // Rows fastRow reads in one pass over their bytes; from a row it cannot read, the parser
    // reads one record (or more when that keeps happening), then fastRow goes on.
    const state = this.state;
    while (pos < end) {
      if (state.record > 0) {
        const q = this.fastRow(view, pos, end);
        if (q >= 0) {
          pos = q;
          continue;
        }
      }
      pos = this.general(buf, view, end, pos, final);
      if (pos < 0) return;
    }
    this.carry = buf.subarray(end);
  }

  /**
   * The CSV parser and row() from pos: to the end of the view (then the carry is set and the
   * answer is -1), or, with fastRow, for `budget` records (the answer is where the next starts).
   */
  private general(buf: Uint8Array, view: Uint8Array, end: number, pos: number, final: boolean) {
    const state = this.state;
    state.final = final;
    this.view = view;
    this.stopAt = -1;
    this.budget = this.slowRuns * 8 > this.fastRows ? 64 : 1;
    this.slowRuns++;
    const r = parseDelimitedBytes(
      view,
      this.delimiter,
      this.onRecord,
      pos,
      Infinity,
      state,
      this.encoding,
    );
    state.record = r.rows;
    if (this.stopAt >= 0) {
      state.line = this.stopLine;
      return this.stopAt;
    }
    // An unclosed quote runs to the end of the file: the rows before it count, as in the row reader.
    if (r.unterminated || r.tooLong) this.ended = true;
    if (r.incomplete) {
      state.line = r.incomplete.line;
      this.carry = buf.subarray(r.incomplete.offset);
      if (this.carry.length > this.maxRow) this.tooLong();
    } else {
      state.line = r.line ?? state.line;
      this.carry = buf.subarray(end);
    }
    return -1;
  }

  /** The parser's record handler: row(), and with fastRow a stop after `budget` records. */
  private readonly onRecord = (rec: ByteRecord, record: number, ln: number): boolean | void => {
    const b = this.view;
    if (record !== 1) this.row(b, rec, ln); // record 1: the header
    if (this.roles === null || --this.budget > 0) return;
    // The record ends at the first line feed after its last cell (a quoted cell ends at its
    // closing quote): fastRow goes on from the next line.
    const nl = b.indexOf(0x0a, rec.end[rec.count - 1]);
    if (nl < 0) return;
    let line = ln + 1;
    for (let k = rec.start[0]; k < nl; k++) if (b[k] === 0x0a) line++;
    this.stopAt = nl + 1;
    this.stopLine = line;
    return false;
  };

  /**
   * The row at pos read in one pass over its bytes, with what row() does for it, when it is
   * the common case: no quote, valid UTF-8, an account found by number, a YYYY-MM-DD[ hh:mm[:ss]]
   * time not after as-of, attribute cells that are of their type. The next row's start, or -1
   * (nothing recorded: the parser and row() read the row). A blank line is skipped, as the
   * parser skips it.
   */
  private fastRow(b: Uint8Array, pos: number, n: number): number {
    const c = this.c;
    const state = this.state;
    const c0 = b[pos];
    if (c0 === 0x0a || (c0 === 0x0d && pos + 1 < n && b[pos + 1] === 0x0a)) {
      state.line++;
      return c0 === 0x0a ? pos + 1 : pos + 2;
    }
    const i = c.n;
    if (i >= c.account.length) return -1;
    const roles = this.roles!;
    const last = roles.length - 1;
    const D = this.delimiter;
    const dense = this.dense!;
    let p = pos;
    let num = -1;
    let t = 0;
    let e = p;
    const sjis = this.mixed !== null;
    for (let col = 0; ; col++) {
      const role = roles[col];
      // A quoted cell is read in the same pass, from after its quote: its content is what the
      // parser gives row() when there is no "" or line break inside and nothing after the
      // closing quote (else -1: the parser's). qt: 1 when quoted; e then ends past the quote.
      const qt = b[p] === 0x22 ? 1 : 0;
      const s0 = p + qt;
      if (role === ACCOUNT) {
        num = dense.scan(b, s0, n);
        e = dense.end;
        if (qt === 1) {
          if (b[e] !== 0x22) return -1;
          e++;
        }
        if (num < 0 || e >= n || !isEnd(b, e, D)) return -1;
      } else if (role === TIME) {
        e = fixedTimeEnd(b, s0, n, D, qt);
        if (e >= 0) t = FIXED_OUT[0];
        else {
          // Other forms timestampFromBytes reads (slashes, T, offsets, 年月日 in UTF-8).
          const q = qt === 1 ? quotedEnd(b, p, n, D, sjis) : cellEnd(b, p, n, D, sjis);
          if (q < 0 || (sjis && !isAscii(b, s0, q)) || !timeFromBytes(b, s0, q, c.zone)) return -1;
          t = FIXED_OUT[0];
          e = q + qt;
        }
        if (Math.floor(t / 86_400_000) > c.asOfDays) return -1;
      } else if (role === NUMBER) {
        const k = this.attrOf[col];
        let j = s0;
        const neg = j < n && b[j] === 45;
        if (neg) j++;
        let mant = 0,
          nd = 0,
          frac = -1;
        for (; j < n; j++) {
          const d = b[j];
          if (d >= 48 && d <= 57) {
            mant = mant * 10 + (d - 48);
            nd++;
            if (frac >= 0) frac++;
          } else if (d === 46 && frac < 0 && nd > 0) frac = 0;
          else break;
        }
        const je = j + qt;
        if (
          je < n &&
          (qt === 0 || b[j] === 0x22) &&
          isEnd(b, je, D) &&
          nd > 0 &&
          nd <= 15 &&
          frac !== 0
        ) {
          // As AttrBuilder.setNumberBytes: one correctly rounded division of exact operands.
          const v = frac > 0 ? mant / POW10[frac] : mant;
          this.cellNum[k] = neg ? -v : v;
          this.cellNumOk[k] = 1;
          this.cellEnd[k] = j;
          e = je;
        } else {
          const q = qt === 1 ? quotedEnd(b, p, n, D, sjis) : cellEnd(b, j, n, D, sjis);
          if (q < 0) return -1;
          this.cellNumOk[k] = 0;
          this.cellEnd[k] = q;
          e = q + qt;
        }
        this.cellStart[k] = s0;
      } else if (role === MEMO) {
        const k = this.attrOf[col];
        // FNV-1a as hashBytes, while the cell is scanned.
        let h = 0x811c9dc5;
        let j = s0;
        for (; j < n; j++) {
          const d = b[j];
          if (d === D || d === 0x0a || d === 0x0d || d === 0x22 || d >= 0x80) break;
          h = Math.imul(h ^ d, 0x01000193);
        }
        if (j >= n) return -1;
        if (qt === 1 ? b[j] !== 0x22 || !isEnd(b, j + 1, D) : !isEnd(b, j, D)) {
          // Unquoted: a quote or a CR not before a line feed is the parser's; other bytes: on,
          // hashed. Quoted: a delimiter or other bytes inside, on to the closing quote.
          const q = qt === 1 ? quotedEnd(b, p, n, D, sjis) : cellEnd(b, j, n, D, sjis);
          if (q < 0) return -1;
          for (; j < q; j++) h = Math.imul(h ^ b[j], 0x01000193);
        }
        e = j + qt;
        this.cellStart[k] = s0;
        this.cellEnd[k] = j;
        this.cellHash[k] = fmix(h);
      } else {
        const q = qt === 1 ? quotedEnd(b, p, n, D, sjis) : cellEnd(b, p, n, D, sjis);
        if (q < 0) return -1;
        e = q + qt;
      }
      // e: the cell's end, at a delimiter, a line feed or a CR before one.
      const d = b[e];
      if (col === last) {
        // The columns after the last one read: skipped (quoted ones too), to the line's end.
        p = e;
        while (b[p] === D) {
          p++;
          p = p < n && b[p] === 0x22 ? quotedEnd(b, p, n, D, sjis) : cellEnd(b, p, n, D, sjis);
          if (p < 0) return -1;
          if (b[p] === 0x22) p++;
        }
        p += b[p] === 0x0d ? 2 : 1;
        break;
      }
      if (d !== D) return -1; // fewer cells than the columns read
      p = e + 1;
    }
    // What row() does with the cells, in its order (attribute k's issue after k - 1's).
    const attrs = c.attrs;
    for (let k = 0; k < attrs.length; k++) {
      const a = attrs[k];
      const s = this.cellStart[k],
        e2 = this.cellEnd[k];
      const memo = this.attrMemo[k];
      if (memo === null) {
        if (this.cellNumOk[k] === 1) a.setNumber(i, this.cellNum[k]);
        else if (!a.setNumberBytes(i, b, s, e2, this.decode)) return -1;
      } else {
        const h = this.cellHash[k];
        const m = memo.get(b, s, e2, h);
        if (m !== ABSENT) {
          if (!a.setMemo(i, m)) return -1;
        } else {
          const ok = a.set(i, this.decode(b, s, e2));
          memo.set(b, s, e2, h, a.memoOf(i, ok));
          if (!ok) return -1;
        }
      }
    }
    const report = c.report;
    report.rows++;
    if (c.opts.onProgress && (report.rows & 0xffff) === 0)
      c.opts.onProgress(Math.min(0.99, this.pushed / Math.max(1, this.size)));
    report.byKey++;
    c.account[i] = ~num;
    c.time[i] = t;
    c.line[i] = state.line;
    c.n++;
    state.record++;
    state.line++;
    this.fastRows++;
    return p;
  }

  private row(b: Uint8Array, rec: ByteRecord, ln: number): void {
    const c = this.c;
    const report = c.report;
    report.rows++;
    if (c.opts.onProgress && (report.rows & 0xffff) === 0)
      c.opts.onProgress(Math.min(0.99, this.pushed / Math.max(1, this.size)));
    // Account: the memo, else the row reader's lookup on the trimmed text.
    const ac = c.accountCol;
    let code: number;
    // A key DenseKeys.num found: its number, stored as ~num and made the row in Collector.finish.
    let num = -1;
    if (ac >= rec.count) code = c.resolve('');
    else if (rec.text[ac] !== undefined) code = c.resolve(rec.text[ac]!.trim());
    else {
      const s = rec.start[ac],
        e = rec.end[ac];
      const dense = this.dense;
      if (dense === null) code = ABSENT;
      else if (this.numbered) {
        code = dense.num(b, s, e);
        if (code >= 0) {
          num = code;
          code = 0;
        }
      } else code = dense.get(b, s, e);
      if (code === ABSENT) {
        const h = hashBytes(b, s, e);
        code = this.accMemo.get(b, s, e, h);
        if (code === ABSENT) {
          code = c.resolve(this.decode(b, s, e).trim());
          this.accMemo.set(b, s, e, h, code);
        }
      }
    }
    // (No closure in this function, even on a rare path: V8 would allocate the context the
    // closure captures at every call, ~70 bytes of garbage a row. The rare paths are methods.)
    let acc = code >= 0 && !c.byName ? code >> 1 : this.linkRare(code, b, rec, ln);
    if (acc < 0) return;
    if (code >= 0 && !c.byName) report.byKey++;
    if (num >= 0) acc = ~num;
    // Time. The common form (fixedIsoBytes: ASCII only, so Shift_JIS too) is kept as a double
    // in this function and stored here when it counts: passing it on would box it per row.
    const tc = c.timeCol;
    let i: number;
    const fast =
      tc < rec.count && rec.text[tc] === undefined && fixedIsoBytes(b, rec.start[tc], rec.end[tc]);
    if (fast && Math.floor(FIXED_OUT[0] / 86_400_000) <= c.asOfDays && c.n < c.account.length) {
      i = c.n;
      c.account[i] = acc;
      c.time[i] = FIXED_OUT[0];
      c.line[i] = ln;
    } else {
      i = this.datedRare(acc, fast, b, rec, ln);
      if (i < 0) return;
    }
    const attrs = c.attrs;
    for (let k = 0; k < attrs.length; k++) {
      const col = c.attrCols[k];
      const a = attrs[k];
      let ok: boolean;
      if (col >= rec.count) ok = a.set(i, '');
      else if (rec.text[col] !== undefined) ok = a.set(i, rec.text[col]!);
      else {
        const s = rec.start[col],
          e = rec.end[col];
        const memo = this.attrMemo[k];
        if (memo === null) ok = a.setNumberBytes(i, b, s, e, this.decode);
        else {
          const h = hashBytes(b, s, e);
          const m = memo.get(b, s, e, h);
          if (m !== ABSENT) ok = a.setMemo(i, m);
          else {
            ok = a.set(i, this.decode(b, s, e));
            memo.set(b, s, e, h, a.memoOf(i, ok));
          }
        }
      }
      if (!ok) c.badValue(k, ln, col < rec.count ? fieldText(b, rec, col, this.decode) : '');
    }
    c.n++;
  }

  /** The account of a cell that is not a key found as written (unknown, ambiguous, by name). */
  private linkRare(code: number, b: Uint8Array, rec: ByteRecord, ln: number): number {
    const ac = this.c.accountCol;
    return this.c.linked(code, ln, () =>
      ac < rec.count ? fieldText(b, rec, ac, this.decode).trim() : '',
    );
  }

  /**
   * The event's slot for a time that is not the common form, or is (`fast`: in FIXED_OUT[0]) but
   * lies after as-of or needs the columns grown (row()).
   */
  private datedRare(
    acc: number,
    fast: boolean,
    b: Uint8Array,
    rec: ByteRecord,
    ln: number,
  ): number {
    const c = this.c;
    const tc = c.timeCol;
    let t: number | null | undefined;
    if (fast) t = FIXED_OUT[0];
    else if (tc >= rec.count) t = parseTimestamp('', c.zone);
    else if (rec.text[tc] !== undefined) t = parseTimestamp(rec.text[tc]!, c.zone);
    else {
      const s = rec.start[tc],
        e = rec.end[tc];
      // Shift_JIS: only ASCII cells (a 年 in Shift_JIS bytes could read as other UTF-8 bytes).
      t = this.mixed && !isAscii(b, s, e) ? undefined : timestampFromBytes(b, s, e, c.zone);
      if (t === undefined) t = parseTimestamp(this.decode(b, s, e), c.zone);
    }
    const counts = t !== null && t !== undefined && Math.floor(t / 86_400_000) <= c.asOfDays;
    return c.dated(
      acc,
      t,
      ln,
      counts ? noText : () => (tc < rec.count ? fieldText(b, rec, tc, this.decode) : ''),
    );
  }
}

const noText = () => '';

/**
 * From j in a cell (or, with stop = 0x0a, in the row's rest), the cell's end: a delimiter (not
 * with stop = 0x0a), a line feed, or a CR before one; -1 at a quote, invalid UTF-8, a CR not
 * before a line feed or the view's end (the parser's cases).
 */
function cellEnd(b: Uint8Array, j: number, n: number, D: number, sjis: boolean): number {
  for (; j < n;) {
    const d = b[j];
    if (d === D || d === 0x0a) return j;
    if (d === 0x22) return -1;
    if (d === 0x0d) {
      if (j + 1 < n && b[j + 1] === 0x0a) return j;
      return -1;
    }
    if (d >= 0x80) {
      j = sjis ? sjisNext(b, j, n) : utf8Next(b, j, n);
      if (j < 0) return -1;
    } else j++;
  }
  return -1;
}

/**
 * A quoted cell at p (b[p] is a quote): where its closing quote is, when the cell is what the
 * parser reads as a plain slice — no "" and no CR or LF inside, valid characters, and the
 * closing quote followed by the delimiter, a line feed or a CR before one; else -1.
 */
function quotedEnd(b: Uint8Array, p: number, n: number, D: number, sjis: boolean): number {
  for (let j = p + 1; j < n;) {
    const d = b[j];
    if (d === 0x22) return j + 1 < n && isEnd(b, j + 1, D) ? j : -1;
    if (d === 0x0a || d === 0x0d) return -1;
    if (d >= 0x80) {
      j = sjis ? sjisNext(b, j, n) : utf8Next(b, j, n);
      if (j < 0) return -1;
    } else j++;
  }
  return -1;
}

/** Column roles of the one-pass row reader (ActivityByteReader.fastRow). */
const SKIP = 0,
  ACCOUNT = 1,
  TIME = 2,
  MEMO = 3,
  NUMBER = 4;

/** A cell's end at j: the delimiter, a line feed, or a CR before one (j < b.length). */
function isEnd(b: Uint8Array, j: number, D: number): boolean {
  const d = b[j];
  return d === D || d === 0x0a || (d === 0x0d && j + 1 < b.length && b[j + 1] === 0x0a);
}

/**
 * The end of a time cell's content at p of the form fixedIsoBytes reads (19, 16 or 10 bytes,
 * then the cell's end; with qt = 1 a closing quote, then the cell's end, and the answer is past
 * the quote), its time in FIXED_OUT[0]; -1 when it is not of that form.
 */
function fixedTimeEnd(b: Uint8Array, p: number, n: number, D: number, qt: number): number {
  for (const len of FIXED_LENGTHS) {
    const e = p + len;
    if (e + qt < n && (qt === 0 || b[e] === 0x22) && isEnd(b, e + qt, D) && fixedIsoBytes(b, p, e))
      return e + qt;
  }
  return -1;
}
const FIXED_LENGTHS = [19, 16, 10];

function isAscii(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return false;
  return true;
}

function openActivity(bytes: Uint8Array, file: string, source: ActivitySource) {
  const { text, encoding } = decodeBytes(bytes, file);
  const src = openSource(text, file, pseudoContract(source), { hasHeader: true });
  return { src, encoding };
}

/** Headers, the column each declared column was found in, and a few rows: the mapping step. */
export function inspectActivityFile(
  bytes: Uint8Array,
  file: string,
  source: ActivitySource,
): ActivityPreview {
  const { src, encoding } = openActivity(bytes, file, source);
  return {
    file,
    encoding,
    format: src.format,
    headers: src.headers,
    mapping: autoMapping(src.headers, source),
    sample: src
      .preview(5)
      .map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))),
  };
}
