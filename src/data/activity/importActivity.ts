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
  type ByteEncoding,
  type ByteRecord,
} from '../csvBytes';
import { openBytes } from '../importFile';
import { PLAN_HEAD_BYTES } from '../importStream';
import { limitsOf } from '../limits';
import { ABSENT, ByteMap, DenseKeys, hashBytes } from './byteMap';
import { ImportError } from '../issues';
import { openSource } from '../sources';
import { FIXED_OUT, fixedIsoBytes, parseTimestamp, timestampFromBytes } from './timestamp';
import {
  HEAD_OBJECTS,
  JsonActivityStream,
  JsonFallback,
  importActivityJson,
  jsonFormatOf,
} from './jsonReader';
import {
  Collector,
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
    this.dense = encoding === 'utf-8' ? c.accountDense() : null;
    this.numbered = this.dense !== null && this.dense.numbered;
    if (this.numbered) c.numbers = this.dense;
    this.accMemo = encoding === 'utf-8' && !this.dense ? c.accountMemo() : new ByteMap();
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
    const state = this.state;
    state.final = final;
    const r = parseDelimitedBytes(
      view,
      this.delimiter,
      (rec, record, ln) => {
        if (record === 1) return; // the header
        this.row(view, rec, ln);
      },
      this.start,
      Infinity,
      state,
      this.encoding,
    );
    this.start = 0;
    state.record = r.rows;
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
