/**
 * What the activity readers share: the report and its issues, the column mapping, the account
 * lookup and the typed event columns (Collector), and the row reader's per-row logic on cells
 * that are already values (rowFromCells), which the byte readers fall back to.
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
import { clip, ImportError } from '../issues';
import { headerKey, headerKeyNoUnit, normalizeCompanyName } from '../normalize';
import { activityMessage, type ActivityIssue, type ActivityIssueCode } from './messages';
import { parseTimestamp } from './timestamp';
import { ByteMap, DenseKeys, hashBytes } from './byteMap';
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

export type ActivityAccounts = { table: AccountTable; contract: FieldContract };
export type ActivityResult = { table: ActivityTable; report: ActivityReport };

/**
 * What both readers share: the report and its issues, the column mapping, the account lookup
 * (by key or by normalised company name) and the typed event columns. The readers only differ
 * in how a cell reaches these functions (a string, or bytes memoised by their content).
 */
export class Collector {
  readonly report: ActivityReport;
  readonly accountCol: number;
  readonly timeCol: number;
  readonly attrCols: number[];
  readonly zone: string;
  readonly asOfDays: number;
  readonly byName: boolean;
  private readonly maxIssues: number;
  /** Account key → row, built when first needed (a file whose keys DenseKeys reads never needs it). */
  private keyMap: Map<string, number> | null = null;
  private readonly keyCol: Column | undefined;
  private readonly names = new Map<string, number[]>();
  private readonly nameCol: Column | undefined;
  account: Int32Array;
  time: Float64Array;
  line: Int32Array;
  readonly attrs: AttrBuilder[];
  n = 0;
  /**
   * Set by a reader that stores accounts found by DenseKeys.num as ~number (negative) in
   * `account`: finish() makes them rows (one pass) before the sort.
   */
  numbers: DenseKeys | null = null;

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
    const cols = mapColumns(headers, source, opts);
    this.accountCol = cols[0];
    this.timeCol = cols[1];
    this.attrCols = cols.slice(2);
    const missingCols: string[] = [];
    if (this.accountCol < 0) missingCols.push(source.account.column);
    if (this.timeCol < 0) missingCols.push(source.time.column);
    source.attributes.forEach((a, k) => {
      if (this.attrCols[k] < 0) missingCols.push(a.column ?? a.id);
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
    this.keyCol = table.columns[contract.accountKey];
    this.nameCol = contract.nameField ? table.columns[contract.nameField] : undefined;
    if (this.byName && this.nameCol)
      for (let r = 0; r < table.rowCount; r++) {
        const nm = cellValue(this.nameCol, r);
        const key = nm !== null ? normalizeCompanyName(String(nm)) : '';
        if (key) {
          const l = this.names.get(key);
          if (l) l.push(r);
          else this.names.set(key, [r]);
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

  /**
   * A memo of account cells by their UTF-8 bytes (as the byte readers keep) filled up front with
   * every account key and what resolve() answers for it, so a known key never needs decoding
   * and the table is sized once. Only keys that resolve() can find as written: not empty, no
   * space to trim, no lone surrogate (its bytes would decode to another text).
   */
  accountMemo(): ByteMap {
    if (this.byName) return new ByteMap();
    const memo = new ByteMap(this.keys.size);
    const enc = new TextEncoder();
    let buf = new Uint8Array(256);
    for (const [k, r] of this.keys) {
      const n = k.length;
      if (n === 0) continue;
      if (buf.length < n * 3) buf = new Uint8Array(n * 3);
      // ASCII keys (most ids) are their own bytes: no encoder, no regex.
      let len = 0;
      for (; len < n; len++) {
        const ch = k.charCodeAt(len);
        if (ch >= 0x80) break;
        buf[len] = ch;
      }
      if (len < n) {
        if (k !== k.trim() || /[\uD800-\uDFFF]/.test(k)) continue;
        len = enc.encodeInto(k, buf).written;
      } else if (isSpace(buf[0]) || isSpace(buf[n - 1])) continue;
      memo.set(buf, 0, len, hashBytes(buf, 0, len), r * 2);
    }
    return memo;
  }

  /** The account keys of the form prefix + number, for DenseKeys' lookup (null: not so, or by name). */
  accountDense(): DenseKeys | null {
    if (this.byName) return null;
    const keyAt = this.keyText();
    const n = this.accounts.table.rowCount;
    let count = 0;
    for (let r = 0; r < n; r++) if (keyAt(r) !== null) count++;
    // A key on two rows is one number twice: DenseKeys refuses it, and the map keeps the last row.
    return DenseKeys.fromKeys(n, keyAt, (r) => r * 2, count);
  }

  /** The account key of a row as text (null: none), as the key map holds it. */
  private keyText(): (r: number) => string | null {
    const col = this.keyCol;
    if (!col) return () => null;
    if (col.type === 'string') {
      const { codes, dict } = col;
      return (r) => (codes[r] < 0 ? null : dict[codes[r]]);
    }
    return (r) => {
      const k = cellValue(col, r);
      return k === null ? null : String(k);
    };
  }

  /** Account key → row (the last row when a key repeats), built on first use. */
  private get keys(): Map<string, number> {
    if (this.keyMap) return this.keyMap;
    const m = new Map<string, number>();
    const keyAt = this.keyText();
    for (let r = 0, n = this.accounts.table.rowCount; r < n; r++) {
      const k = keyAt(r);
      if (k !== null) m.set(k, r);
    }
    return (this.keyMap = m);
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
    // Values are row × 2 (accountDense).
    if (this.numbers) this.numbers.values(this.account, n, 1);
    const columns: Record<string, Column> = {};
    this.source.attributes.forEach((a, k) => (columns[a.id] = this.attrs[k].build(n)));
    const table = buildActivityTable(
      this.source.id,
      this.accounts.table.rowCount,
      {
        account: this.account.subarray(0, n),
        time: this.time.subarray(0, n),
        line: this.line.subarray(0, n),
        columns,
      },
      true,
    );
    // Given up to the sort (which may write over them or keep them as the table's columns).
    this.account = new Int32Array(0);
    this.time = new Float64Array(0);
    this.line = new Int32Array(0);
    return { table, report: this.report };
  }
}

/** An ASCII character that String.prototype.trim removes (TAB, LF, VT, FF, CR, space). */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

export const text1 = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);

/** One row of cells that are values (strings, numbers, …): the row reader's way, shared. */
export function rowFromCells(c: Collector, cells: ArrayLike<unknown>, ln: number): void {
  c.report.rows++;
  const rawAccount = text1(cells[c.accountCol]).trim();
  const acc = c.linked(c.resolve(rawAccount), ln, () => rawAccount);
  if (acc < 0) return;
  const rawTime = text1(cells[c.timeCol]);
  const i = c.dated(acc, parseTimestamp(rawTime, c.zone), ln, () => rawTime);
  if (i < 0) return;
  for (let k = 0; k < c.attrs.length; k++) {
    const raw = text1(cells[c.attrCols[k]]);
    if (!c.attrs[k].set(i, raw)) c.badValue(k, ln, raw);
  }
  c.n++;
}

/** A contract made of the source's own columns, so header detection knows what to look for. */
export function pseudoContract(source: ActivitySource): FieldContract {
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

/**
 * The column of each declared column (account, time, then the attributes; -1 = not found): the
 * mapping the user chose where it names a column of the file, else the headers' match.
 */
export function mapColumns(
  headers: readonly string[],
  source: ActivitySource,
  opts: ActivityImportOptions,
): number[] {
  const auto = autoMapping(headers, source);
  const pick = (role: string): number => {
    const c = opts.mapping?.[role];
    return c !== undefined && c >= 0 && c < headers.length ? c : (auto[role] ?? -1);
  };
  return [pick('account'), pick('time'), ...source.attributes.map((a) => pick(a.id))];
}

export function autoMapping(headers: readonly string[], source: ActivitySource): ActivityMapping {
  const m: ActivityMapping = {
    account: findColumn(headers, [source.account.column]),
    time: findColumn(headers, [source.time.column]),
  };
  for (const a of source.attributes)
    m[a.id] = findColumn(headers, a.column ? [a.column] : [a.id, a.label.ja, a.label.en]);
  return m;
}

export const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

export function grow<T extends Int32Array | Float64Array>(a: T): T {
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
export class AttrBuilder {
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
    // Every event slot is set before it counts (rows past n are never read): no fill of the codes.
    else this.str = new StringColumnBuilder(cap, false);
  }
  /** A number column (setNumberBytes reads its cells from bytes). */
  get numeric(): boolean {
    return this.num !== null;
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
      const nb = new StringColumnBuilder(old.codes.length * 2, false);
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
  /** A number column's value read from its cell's bytes as setNumberBytes reads it. */
  setNumber(i: number, v: number): void {
    this.num![i] = v;
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
  /**
   * The first n values: a view of the builder's array when it is at most 1/16 longer than n (the
   * estimate of a streamed file's rows is close; a copy of 50M values cost a second), else a copy.
   */
  build(n: number): Column {
    if (this.num) return { type: 'number', values: fit(this.num, n) };
    if (this.bool) return { type: 'boolean', values: fit(this.bool, n) };
    const c = this.str!.build();
    return { type: 'string', codes: fit(c.codes, n), dict: c.dict };
  }
}

function fit<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  return (a.length - n) * 16 <= n ? (a.subarray(0, n) as T) : (a.slice(0, n) as T);
}
