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
import { decodeBytes } from '../encoding';
import { clip, ImportError } from '../issues';
import { headerKey, headerKeyNoUnit, normalizeCompanyName } from '../normalize';
import { openSource } from '../sources';
import { activityMessage, type ActivityIssue, type ActivityIssueCode } from './messages';
import { parseTimestamp } from './timestamp';
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

export function importActivityFile(
  bytes: Uint8Array,
  file: string,
  source: ActivitySource,
  accounts: { table: AccountTable; contract: FieldContract },
  opts: ActivityImportOptions,
): { table: ActivityTable; report: ActivityReport } {
  const zone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const maxIssues = opts.maxIssues ?? 500;
  const asOfDays = isoToDays(opts.asOf);
  const { src } = openActivity(bytes, file, source);
  const headers = src.headers;
  const report: ActivityReport = {
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
  const add = (
    code: ActivityIssueCode,
    severity: ActivityIssue['severity'],
    row: number,
    column: number,
    raw: string,
    params: Record<string, string | number> = {},
  ) => {
    report.issueCount++;
    if (report.issues.length >= maxIssues) return;
    const i = {
      code,
      severity,
      file,
      row,
      column: column + 1,
      header: headers[column],
      raw: clip(raw),
      params: { ...params, source: source.id },
    };
    report.issues.push({ ...i, message: activityMessage(i, 'en') });
  };

  const auto = autoMapping(headers, source);
  const pick = (role: string): number => {
    const c = opts.mapping?.[role];
    return c !== undefined && c >= 0 && c < headers.length ? c : (auto[role] ?? -1);
  };
  const accountCol = pick('account');
  const timeCol = pick('time');
  const missingCols: string[] = [];
  if (accountCol < 0) missingCols.push(source.account.column);
  if (timeCol < 0) missingCols.push(source.time.column);
  const attrCols = source.attributes.map((a) => {
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
  const keyCol = accounts.table.columns[accounts.contract.accountKey];
  const byKey = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const nameCol = accounts.contract.nameField
    ? accounts.table.columns[accounts.contract.nameField]
    : undefined;
  for (let r = 0; r < accounts.table.rowCount; r++) {
    if (source.account.match === 'key') {
      const k = keyCol ? cellValue(keyCol, r) : null;
      if (k !== null) byKey.set(String(k), r);
    } else if (nameCol) {
      const nm = cellValue(nameCol, r);
      const key = nm !== null ? normalizeCompanyName(String(nm)) : '';
      if (key) {
        const l = byName.get(key);
        if (l) l.push(r);
        else byName.set(key, [r]);
      }
    }
  }
  if (source.account.match === 'name' && !nameCol)
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

  const cap = Math.max(16, src.estimatedRows + 16);
  let account = new Int32Array(cap);
  let time = new Float64Array(cap);
  let line = new Int32Array(cap);
  const builders = source.attributes.map((a) => new AttrBuilder(a.type, a.values, cap));
  let n = 0;
  const text1 = (v: unknown): string =>
    v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);

  const every = 1 << 16;
  const nAttr = source.attributes.length;
  src.forEach((cells, _record, ln) => {
    report.rows++;
    if (opts.onProgress && report.rows % every === 0)
      opts.onProgress(Math.min(0.99, report.rows / src.estimatedRows));
    const rawAccount = text1(cells[accountCol]).trim();
    const rawTime = text1(cells[timeCol]);
    // Account.
    let acc = -1;
    if (source.account.match === 'key') {
      acc = rawAccount ? (byKey.get(rawAccount) ?? -1) : -1;
      if (acc < 0) {
        report.unknownAccount++;
        add('activity_unknown_account', 'warning', ln, accountCol, rawAccount);
        return;
      }
      report.byKey++;
    } else {
      const key = rawAccount ? normalizeCompanyName(rawAccount) : '';
      const hits = key ? byName.get(key) : undefined;
      if (!hits) {
        report.unknownAccount++;
        add('activity_unknown_account', 'warning', ln, accountCol, rawAccount);
        return;
      }
      if (hits.length > 1) {
        report.ambiguousAccount++;
        add('activity_ambiguous_account', 'warning', ln, accountCol, rawAccount, {
          count: hits.length,
        });
        return;
      }
      acc = hits[0];
      report.byName++;
      const baseName = nameCol ? String(cellValue(nameCol, acc) ?? '') : '';
      if (baseName !== rawAccount && report.review.length < 500)
        report.review.push({
          source: source.id,
          sourceRow: ln,
          sourceName: rawAccount,
          baseRow: acc,
          baseName,
          kind: 'normalised',
        });
    }
    // Time.
    const t = parseTimestamp(rawTime, zone);
    if (t === null || t === undefined) {
      report.badTime++;
      add('activity_bad_time', 'error', ln, timeCol, rawTime);
      return;
    }
    if (Math.floor(t / 86_400_000) > asOfDays) {
      report.future++;
      add('activity_future', 'warning', ln, timeCol, rawTime, { asOf: opts.asOf });
      return;
    }
    if (n === account.length) {
      account = grow(account);
      time = grow(time);
      line = grow(line);
      for (const b of builders) b.grow();
    }
    account[n] = acc;
    time[n] = t;
    line[n] = ln;
    for (let k = 0; k < nAttr; k++) {
      const raw = text1(cells[attrCols[k]]);
      if (!builders[k].set(n, raw)) {
        const a = source.attributes[k];
        report.badValues++;
        add('activity_bad_value', 'error', ln, attrCols[k], raw, {
          attribute: a.id,
          type: a.type,
        });
      }
    }
    n++;
  });
  report.kept = n;
  const columns: Record<string, Column> = {};
  source.attributes.forEach((a, k) => (columns[a.id] = builders[k].build(n)));
  const table = buildActivityTable(source.id, accounts.table.rowCount, {
    account: account.subarray(0, n),
    time: time.subarray(0, n),
    line: line.subarray(0, n),
    columns,
  });
  return { table, report };
}

function openActivity(bytes: Uint8Array, file: string, source: ActivitySource) {
  const { text, encoding } = decodeBytes(bytes, file);
  // A contract made of the source's own columns, so header detection knows what to look for.
  const pseudo: FieldContract = {
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
  const src = openSource(text, file, pseudo, { hasHeader: true });
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

function autoMapping(headers: readonly string[], source: ActivitySource): ActivityMapping {
  const m: ActivityMapping = {
    account: findColumn(headers, [source.account.column]),
    time: findColumn(headers, [source.time.column]),
  };
  for (const a of source.attributes)
    m[a.id] = findColumn(headers, a.column ? [a.column] : [a.id, a.label.ja, a.label.en]);
  return m;
}

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
  build(n: number): Column {
    if (this.num) return { type: 'number', values: this.num.slice(0, n) };
    if (this.bool) return { type: 'boolean', values: this.bool.slice(0, n) };
    const c = this.str!.build();
    return { type: 'string', codes: c.codes.slice(0, n), dict: c.dict };
  }
}
