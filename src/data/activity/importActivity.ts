/**
 * Activity file (CSV/TSV/JSON/NDJSON, UTF-8 or Shift_JIS) → ActivityTable linked to the
 * account table, with every row that does not count reported by file, row and column:
 * unparseable timestamps, rows naming no account (by key, or by company name after 名寄せ
 * normalisation — several accounts with the name are not guessed), events after the as-of
 * date, attribute cells that are not of their type. Reuses the account import's decoder,
 * parsers and coercions.
 */
import type { ActivitySource, FieldContract } from '../../model';
import { DEFAULT_TIME_ZONE } from '../../model/activity';
import {
  MISSING_BOOL,
  StringColumnBuilder,
  cellValue,
  isoToDays,
  type AccountTable,
  type Column,
} from '../../table/columns';
import { buildActivityTable, type ActivityTable } from '../../table/activity';
import { categoryMatcher, parseBoolean, parseNumber } from '../coerce';
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
import { ABSENT, ByteMap, hashBytes } from './byteMap';
import { clip, ImportError } from '../issues';
import { headerKey, headerKeyNoUnit, normalizeCompanyName } from '../normalize';
import { openSource } from '../sources';
import { activityMessage, type ActivityIssue, type ActivityIssueCode } from './messages';
import { parseTimestamp, timestampFromBytes } from './timestamp';
import type { NameMatch } from '../join';

export interface ActivityImportOptions {
  /** The run's as-of date: later events are reported and left out. */
  asOf: string;
  timeZone?: string;
  /** Issues kept in the report (all are counted). Default 500. */
  maxIssues?: number;
  /** Column index per role (`account`, `time`, attribute ids), overriding the header match. */
  mapping?: ActivityMapping;
  /** Called every 64k rows with the share of the file read (estimated). */
  onProgress?: (fraction: number) => void;
}

/** Which column of the file holds each declared column: `account`, `time` and attribute ids. */
export type ActivityMapping = Record<string, number>;

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

export interface ActivityReport {
  source: string;
  file: string;
  /** Data rows read. */
  rows: number;
  /** Events that count (linked, dated, not after as-of). */
  kept: number;
  byKey: number;
  byName: number;
  unknownAccount: number;
  ambiguousAccount: number;
  future: number;
  badTime: number;
  badValues: number;
  /** Accounts joined by a name that differs as written (normalised), for review; first 500. */
  review: NameMatch[];
  issues: ActivityIssue[];
  issueCount: number;
}

/**
 * The file read whole: UTF-8 and Shift_JIS CSV/TSV through the byte reader (ActivityByteReader),
 * anything else (JSON, NDJSON, CR-only line ends) decoded and read row by row. `reader:
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
 * Shift_JIS CSV/TSV are read block by block (memory: one block, the longest record and the
 * typed columns); other files are gathered and read whole. `size` (bytes, if known) drives the
 * progress fraction. Throws Utf8Error for invalid UTF-8 (or Shift_JIS) past the first megabyte
 * and for a Shift_JIS file with a UTF-8 line: read the file again whole (importActivityFile) to
 * have it reported.
 */
export async function importActivityStream(
  blocks: AsyncIterable<Uint8Array>,
  size: number | undefined,
  file: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions,
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
  const reader = ActivityByteReader.open(first, file, source, accounts, opts, size ?? headLen);
  if (!reader) {
    const rest = [first];
    let len = headLen;
    for (let r = done ? null : await it.next(); r && !r.done; r = await it.next()) {
      rest.push(r.value);
      len += r.value.length;
    }
    return importActivityRows(concatAll(rest, len), file, source, accounts, opts);
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

export type ActivityAccounts = { table: AccountTable; contract: FieldContract };
export type ActivityResult = { table: ActivityTable; report: ActivityReport };

/**
 * What both readers share: the report and its issues, the column mapping, the account lookup
 * (by key or by normalised company name) and the typed event columns. The readers only differ
 * in how a cell reaches these functions (a string, or bytes memoised by their content).
 */
class Collector {
  readonly report: ActivityReport;
  readonly accountCol: number;
  readonly timeCol: number;
  readonly attrCols: number[];
  readonly zone: string;
  readonly asOfDays: number;
  readonly byName: boolean;
  private readonly maxIssues: number;
  private readonly keys = new Map<string, number>();
  private readonly names = new Map<string, number[]>();
  private readonly nameCol: Column | undefined;
  account: Int32Array;
  time: Float64Array;
  line: Int32Array;
  readonly attrs: AttrBuilder[];
  n = 0;

  constructor(
    private readonly file: string,
    private readonly headers: readonly string[],
    readonly source: ActivitySource,
    private readonly accounts: ActivityAccounts,
    readonly opts: ActivityImportOptions,
    estimatedRows: number,
  ) {
    this.zone = opts.timeZone ?? DEFAULT_TIME_ZONE;
    this.maxIssues = opts.maxIssues ?? 500;
    this.asOfDays = isoToDays(opts.asOf);
    this.byName = source.account.match !== 'key';
    this.report = {
      source: source.id,
      file,
      rows: 0,
      kept: 0,
      byKey: 0,
      byName: 0,
      unknownAccount: 0,
      ambiguousAccount: 0,
      future: 0,
      badTime: 0,
      badValues: 0,
      review: [],
      issues: [],
      issueCount: 0,
    };
    const auto = autoMapping(headers, source);
    const pick = (role: string): number => {
      const c = opts.mapping?.[role];
      return c !== undefined && c >= 0 && c < headers.length ? c : (auto[role] ?? -1);
    };
    this.accountCol = pick('account');
    this.timeCol = pick('time');
    const missingCols: string[] = [];
    if (this.accountCol < 0) missingCols.push(source.account.column);
    if (this.timeCol < 0) missingCols.push(source.time.column);
    this.attrCols = source.attributes.map((a) => {
      const c = pick(a.id);
      if (c < 0) missingCols.push(a.column ?? a.id);
      return c;
    });
    if (missingCols.length) {
      const params = {
        source: source.id,
        columns: missingCols.join(', '),
        headers: headers.join(', '),
      };
      const issue = {
        code: 'activity_missing_column' as const,
        severity: 'fatal' as const,
        file,
        params,
      };
      throw new ImportError({
        ...issue,
        // The data namespace's shape: keep the code an ImportIssueCode the UI can show.
        code: 'required_unmapped',
        message: activityMessage(issue, 'en'),
      });
    }
    // Account lookup: by key, or by normalised company name (unique names only).
    const { table, contract } = accounts;
    const keyCol = table.columns[contract.accountKey];
    this.nameCol = contract.nameField ? table.columns[contract.nameField] : undefined;
    for (let r = 0; r < table.rowCount; r++) {
      if (!this.byName) {
        const k = keyCol ? cellValue(keyCol, r) : null;
        if (k !== null) this.keys.set(String(k), r);
      } else if (this.nameCol) {
        const nm = cellValue(this.nameCol, r);
        const key = nm !== null ? normalizeCompanyName(String(nm)) : '';
        if (key) {
          const l = this.names.get(key);
          if (l) l.push(r);
          else this.names.set(key, [r]);
        }
      }
    }
    if (this.byName && !this.nameCol)
      throw new ImportError({
        code: 'key_unmapped',
        severity: 'fatal',
        file,
        params: { source: source.id },
        message: activityMessage(
          { code: 'activity_no_name_field', file, params: { source: source.id } },
          'en',
        ),
      });
    const cap = Math.max(16, estimatedRows + 16);
    this.account = new Int32Array(cap);
    this.time = new Float64Array(cap);
    this.line = new Int32Array(cap);
    this.attrs = source.attributes.map((a) => new AttrBuilder(a.type, a.values, cap));
  }

  /** Will the next issue be kept (so its raw text is worth decoding)? */
  keeps(): boolean {
    return this.report.issues.length < this.maxIssues;
  }

  add(
    code: ActivityIssueCode,
    severity: ActivityIssue['severity'],
    row: number,
    column: number,
    raw: string,
    params: Record<string, string | number> = {},
  ): void {
    this.report.issueCount++;
    if (this.report.issues.length >= this.maxIssues) return;
    const i = {
      code,
      severity,
      file: this.file,
      row,
      column: column + 1,
      header: this.headers[column],
      raw: clip(raw),
      params: { ...params, source: this.source.id },
    };
    this.report.issues.push({ ...i, message: activityMessage(i, 'en') });
  }

  /**
   * The account a (trimmed) cell names, as one number: row × 2 + 1 when it was joined by a name
   * written differently (for review), row × 2 otherwise; -1 no account; -count when several
   * accounts have the name. A pure function of the text: the byte reader memoises it.
   */
  resolve(rawAccount: string): number {
    if (!this.byName) {
      const r = rawAccount ? (this.keys.get(rawAccount) ?? -1) : -1;
      return r < 0 ? -1 : r * 2;
    }
    const key = rawAccount ? normalizeCompanyName(rawAccount) : '';
    const hits = key ? this.names.get(key) : undefined;
    if (!hits) return -1;
    if (hits.length > 1) return -hits.length;
    return hits[0] * 2 + (this.baseName(hits[0]) !== rawAccount ? 1 : 0);
  }

  private baseName(acc: number): string {
    return this.nameCol ? String(cellValue(this.nameCol, acc) ?? '') : '';
  }

  /** Count the resolved account; the row, or -1 when the event does not count (reported). */
  linked(code: number, ln: number, rawAccount: () => string): number {
    const report = this.report;
    if (code === -1) {
      report.unknownAccount++;
      this.add(
        'activity_unknown_account',
        'warning',
        ln,
        this.accountCol,
        this.keeps() ? rawAccount() : '',
      );
      return -1;
    }
    if (code < -1) {
      report.ambiguousAccount++;
      this.add(
        'activity_ambiguous_account',
        'warning',
        ln,
        this.accountCol,
        this.keeps() ? rawAccount() : '',
        {
          count: -code,
        },
      );
      return -1;
    }
    const acc = code >> 1;
    if (!this.byName) {
      report.byKey++;
      return acc;
    }
    report.byName++;
    if (code & 1 && report.review.length < 500)
      report.review.push({
        source: this.source.id,
        sourceRow: ln,
        sourceName: rawAccount(),
        baseRow: acc,
        baseName: this.baseName(acc),
        kind: 'normalised',
      });
    return acc;
  }

  /** The event's slot, or -1 when its time does not count (unreadable or after as-of; reported). */
  dated(acc: number, t: number | null | undefined, ln: number, rawTime: () => string): number {
    if (t === null || t === undefined) {
      this.report.badTime++;
      this.add('activity_bad_time', 'error', ln, this.timeCol, this.keeps() ? rawTime() : '');
      return -1;
    }
    if (Math.floor(t / 86_400_000) > this.asOfDays) {
      this.report.future++;
      this.add('activity_future', 'warning', ln, this.timeCol, this.keeps() ? rawTime() : '', {
        asOf: this.opts.asOf,
      });
      return -1;
    }
    const n = this.n;
    if (n === this.account.length) {
      this.account = grow(this.account);
      this.time = grow(this.time);
      this.line = grow(this.line);
      for (const b of this.attrs) b.grow();
    }
    this.account[n] = acc;
    this.time[n] = t;
    this.line[n] = ln;
    return n;
  }

  badValue(k: number, ln: number, raw: string): void {
    const a = this.source.attributes[k];
    this.report.badValues++;
    this.add('activity_bad_value', 'error', ln, this.attrCols[k], raw, {
      attribute: a.id,
      type: a.type,
    });
  }

  finish(): ActivityResult {
    const n = this.n;
    this.report.kept = n;
    const columns: Record<string, Column> = {};
    this.source.attributes.forEach((a, k) => (columns[a.id] = this.attrs[k].build(n)));
    const table = buildActivityTable(this.source.id, this.accounts.table.rowCount, {
      account: this.account.subarray(0, n),
      time: this.time.subarray(0, n),
      line: this.line.subarray(0, n),
      columns,
    });
    return { table, report: this.report };
  }
}

const text1 = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);

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
  const report = c.report;
  const every = 1 << 16;
  const nAttr = source.attributes.length;
  src.forEach((cells, _record, ln) => {
    report.rows++;
    if (opts.onProgress && report.rows % every === 0)
      opts.onProgress(Math.min(0.99, report.rows / src.estimatedRows));
    const rawAccount = text1(cells[c.accountCol]).trim();
    const acc = c.linked(c.resolve(rawAccount), ln, () => rawAccount);
    if (acc < 0) return;
    const rawTime = text1(cells[c.timeCol]);
    const i = c.dated(acc, parseTimestamp(rawTime, c.zone), ln, () => rawTime);
    if (i < 0) return;
    for (let k = 0; k < nAttr; k++) {
      const raw = text1(cells[c.attrCols[k]]);
      if (!c.attrs[k].set(i, raw)) c.badValue(k, ln, raw);
    }
    c.n++;
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
  private work = new Uint8Array(0);
  private start: number;
  private readonly state = { record: 0, line: 1, final: false };
  private readonly accMemo = new ByteMap();
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
   * The carried bytes then the block, in a buffer kept from block to block (a new 4 MiB array
   * per block cost page faults and garbage collections). Nothing keeps the bytes of a parsed
   * block: the memos copy their keys, the columns hold numbers and codes.
   */
  private join(block: Uint8Array): Uint8Array {
    const carry = this.carry;
    if (carry.length === 0) return block;
    const len = carry.length + block.length;
    let w = this.work;
    if (carry.buffer === w.buffer && w.length >= len)
      w.copyWithin(0, carry.byteOffset, carry.byteOffset + carry.length);
    else {
      if (w.length < len) w = this.work = new Uint8Array(Math.max(len, 2 * w.length));
      w.set(carry);
    }
    w.set(block, carry.length);
    return w.subarray(0, len);
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
    if (ac >= rec.count) code = c.resolve('');
    else if (rec.text[ac] !== undefined) code = c.resolve(rec.text[ac]!.trim());
    else {
      const s = rec.start[ac],
        e = rec.end[ac];
      const h = hashBytes(b, s, e);
      code = this.accMemo.get(b, s, e, h);
      if (code === ABSENT) {
        code = c.resolve(this.decode(b, s, e).trim());
        this.accMemo.set(b, s, e, h, code);
      }
    }
    // (Closures only on the rare paths: one per row would be garbage for 50M rows.)
    const acc =
      code >= 0 && !c.byName
        ? code >> 1
        : c.linked(code, ln, () =>
            ac < rec.count ? fieldText(b, rec, ac, this.decode).trim() : '',
          );
    if (acc < 0) return;
    if (code >= 0 && !c.byName) report.byKey++;
    // Time.
    const tc = c.timeCol;
    let t: number | null | undefined;
    if (tc >= rec.count) t = parseTimestamp('', c.zone);
    else if (rec.text[tc] !== undefined) t = parseTimestamp(rec.text[tc]!, c.zone);
    else {
      const s = rec.start[tc],
        e = rec.end[tc];
      // Shift_JIS: only ASCII cells (a 年 in Shift_JIS bytes could read as other UTF-8 bytes).
      t = this.mixed && !isAscii(b, s, e) ? undefined : timestampFromBytes(b, s, e, c.zone);
      if (t === undefined) t = parseTimestamp(this.decode(b, s, e), c.zone);
    }
    const counts = t !== null && t !== undefined && Math.floor(t / 86_400_000) <= c.asOfDays;
    const i = c.dated(
      acc,
      t,
      ln,
      counts ? noText : () => (tc < rec.count ? fieldText(b, rec, tc, this.decode) : ''),
    );
    if (i < 0) return;
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

/** A contract made of the source's own columns, so header detection knows what to look for. */
function pseudoContract(source: ActivitySource): FieldContract {
  return {
    accountKey: 'account',
    fields: [
      {
        id: 'account',
        label: { ja: source.account.column, en: source.account.column },
        type: 'string',
        required: true,
      },
      {
        id: 'time',
        label: { ja: source.time.column, en: source.time.column },
        type: 'string',
        required: true,
      },
      ...source.attributes.map((a) => ({
        id: a.id,
        label: a.label,
        type: 'string' as const,
        required: false,
      })),
    ],
  };
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

function autoMapping(headers: readonly string[], source: ActivitySource): ActivityMapping {
  const m: ActivityMapping = {
    account: findColumn(headers, [source.account.column]),
    time: findColumn(headers, [source.time.column]),
  };
  for (const a of source.attributes)
    m[a.id] = findColumn(headers, a.column ? [a.column] : [a.id, a.label.ja, a.label.en]);
  return m;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Header index matching one of the names exactly, then by headerKey (width, case, spacing, unit). */
function findColumn(headers: readonly string[], names: readonly string[]): number {
  for (const nm of names) {
    const i = headers.indexOf(nm);
    if (i >= 0) return i;
  }
  for (const norm of [headerKey, headerKeyNoUnit])
    for (const nm of names) {
      const k = norm(nm);
      const i = headers.findIndex((h) => norm(h) === k);
      if (i >= 0) return i;
    }
  return -1;
}

/** One attribute column being filled; `set` returns false for a value not of the type (kept missing). */
class AttrBuilder {
  private num: Float64Array | null = null;
  private bool: Uint8Array | null = null;
  private str: StringColumnBuilder | null = null;
  private readonly match: ReturnType<typeof categoryMatcher> | null;
  constructor(
    private readonly type: ActivitySource['attributes'][number]['type'],
    values: readonly string[] | undefined,
    cap: number,
  ) {
    this.match = type === 'category' ? categoryMatcher(values) : null;
    if (type === 'number') this.num = new Float64Array(cap);
    else if (type === 'boolean') this.bool = new Uint8Array(cap);
    else this.str = new StringColumnBuilder(cap);
  }
  grow(): void {
    if (this.num) this.num = grow(this.num);
    if (this.bool) {
      const b = new Uint8Array(this.bool.length * 2);
      b.set(this.bool);
      this.bool = b;
    }
    if (this.str) {
      const old = this.str.build();
      const nb = new StringColumnBuilder(old.codes.length * 2);
      for (let i = 0; i < old.codes.length; i++)
        nb.set(i, old.codes[i] < 0 ? null : old.dict[old.codes[i]]);
      this.str = nb;
    }
  }
  set(i: number, raw: string): boolean {
    if (this.num) {
      const v = parseNumber(raw);
      this.num[i] = v === null || v === undefined ? NaN : v;
      return v !== undefined;
    }
    if (this.bool) {
      const v = parseBoolean(raw);
      this.bool[i] = v === null || v === undefined ? MISSING_BOOL : v ? 1 : 0;
      return v !== undefined;
    }
    const s = this.str!;
    if (this.match) {
      const m = this.match(raw);
      s.set(i, m && m.known ? m.value : null);
      return !m || m.known;
    }
    const t = raw.trim();
    s.set(i, t === '' ? null : t);
    return true;
  }
  /** A plain decimal (`-12.5`, at most 15 digits) from its bytes; other forms as `set`. */
  setNumberBytes(
    i: number,
    b: Uint8Array,
    s: number,
    e: number,
    decode: (b: Uint8Array, s: number, e: number) => string,
  ): boolean {
    let k = s;
    const neg = b[k] === 45;
    if (neg) k++;
    let mant = 0,
      nd = 0,
      frac = -1;
    for (; k < e; k++) {
      const c = b[k];
      if (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        nd++;
        if (frac >= 0) frac++;
      } else if (c === 46 && frac < 0 && nd > 0) frac = 0;
      else break;
    }
    if (k !== e || nd === 0 || nd > 15 || frac === 0 || !this.num) {
      return this.set(i, decode(b, s, e));
    }
    // Both operands are exact: one correctly rounded division gives Number(text)'s double.
    const v = frac > 0 ? mant / POW10[frac] : mant;
    this.num[i] = neg ? -v : v;
    return true;
  }
  /** What set(i, raw) stored and answered, as one number (string codes, booleans). */
  memoOf(i: number, ok: boolean): number {
    const v = this.bool ? this.bool[i] : this.str!.codes[i] + 1;
    return v * 2 + (ok ? 0 : 1);
  }
  /** Store what memoOf recorded for the same cell text. */
  setMemo(i: number, m: number): boolean {
    if (this.bool) this.bool[i] = m >> 1;
    else this.str!.codes[i] = (m >> 1) - 1;
    return (m & 1) === 0;
  }
  build(n: number): Column {
    if (this.num) return { type: 'number', values: this.num.slice(0, n) };
    if (this.bool) return { type: 'boolean', values: this.bool.slice(0, n) };
    const c = this.str!.build();
    return { type: 'string', codes: c.codes.slice(0, n), dict: c.dict };
  }
}
