/**
 * Value coercion for what CRM exports and spreadsheets write. Each parser returns the value
 * or `undefined` when the text cannot be read as that type (the caller reports it); `null`
 * means the cell is empty / explicitly missing.
 */
import { isFormulaLike } from '../util/csvCell';

const MISSING_WORDS = new Set([
  '',
  'null',
  'na',
  'n/a',
  '#n/a',
  '-',
  '—',
  '－',
  'none',
  'nan',
  '(blank)',
  '#null!',
]);

/** Full-width ASCII (Ｆｕｌｌ-width digits, ，．％￥) and the ideographic space to ASCII. Cheaper than NFKC per cell. */
export function halfWidth(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else if (c === 0xffe5) {
      out += '¥';
      changed = true;
    } else if (c === 0x2212) {
      out += '-'; // minus sign
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

export function isMissingText(s: string): boolean {
  return s.length <= 8 && MISSING_WORDS.has(halfWidth(s).trim().toLowerCase());
}

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const MULTIPLIERS: Record<string, number> = { 千: 1e3, 万: 1e4, 億: 1e8, k: 1e3, K: 1e3, M: 1e6 };

export interface NumberOptions {
  /** The field's unit is '%': "80%" reads as 80 (otherwise as 0.8). */
  percentUnit?: boolean;
}

/**
 * "1,234", "１２３", "80%", "¥1,000", "$1,000", "1,000円", "(1,234)", "▲1,234", "1.2万".
 */
export function parseNumber(raw: string, opts: NumberOptions = {}): number | null | undefined {
  // Fast path for plain decimals (the bulk of any export): Number() accepts them exactly;
  // hex/binary/octal prefixes and Infinity are excluded by the first-characters check.
  const c0 = raw.charCodeAt(0);
  if ((c0 >= 48 && c0 <= 57) || (c0 === 45 && raw.length > 1)) {
    const c1 = raw.charCodeAt(1);
    if (!(
      c0 === 48 &&
      (c1 === 120 || c1 === 88 || c1 === 98 || c1 === 66 || c1 === 111 || c1 === 79)
    )) {
      const v = Number(raw);
      if (v === v && raw.charCodeAt(raw.length - 1) !== 32) return v;
    }
  }
  let s = halfWidth(raw).trim();
  if (s === '' || isMissingText(s)) return null;
  if (PLAIN_NUMBER.test(s)) return Number(s);
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('▲') || s.startsWith('△')) {
    sign = -1;
    s = s.slice(1).trim();
  }
  if (s.startsWith('-')) {
    sign = -sign;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  // Currency signs and codes before or after.
  s = s
    .replace(/^(¥|\\|\$|€|£|JPY|USD|EUR)\s*/i, '')
    .replace(/\s*(円|¥|JPY|USD|EUR|ドル|人|件|名|社|回)$/i, '');
  if (s.startsWith('-')) {
    sign = -sign;
    s = s.slice(1).trim();
  }
  let scale = 1;
  if (s.endsWith('%')) {
    s = s.slice(0, -1).trim();
    scale = opts.percentUnit ? 1 : 0.01;
  } else {
    const last = s[s.length - 1];
    if (last in MULTIPLIERS && s.length > 1) {
      scale = MULTIPLIERS[last];
      s = s.slice(0, -1).trim();
    }
  }
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(/\s+/g, '');
  if (!PLAIN_NUMBER.test(s)) return undefined;
  const v = sign * Number(s) * scale;
  // Keep 0.1*3-style noise out of percentages read as fractions.
  return scale === 0.01 ? Math.round(v * 1e12) / 1e12 : v;
}

/** Japanese eras: first day of each (Gregorian year the era's year 1 falls in). */
const ERAS: Record<string, number> = {
  R: 2018,
  令和: 2018,
  H: 1988,
  平成: 1988,
  S: 1925,
  昭和: 1925,
};

function ymd(y: number, m: number, d: number): number | undefined {
  const days = civilDays(y, m, d);
  return Number.isNaN(days) ? undefined : days;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), no Date objects. */
export function civilDays(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > dim) return NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Per month of years 0–9999 (the d4 range): [days of its 1st, days in it], 0 days = not filled. */
let months: Int32Array | null = null;
/** civilDays for a 4-digit year, memoised per month (date columns repeat months). */
export function isoDays(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1) return NaN;
  const t = (months ??= new Int32Array(2 * 12 * 10000));
  const k = 2 * (y * 12 + m - 1);
  let dim = t[k + 1];
  if (dim === 0) {
    t[k] = civilDays(y, m, 1);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    t[k + 1] = dim =
      m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  }
  return d <= dim ? t[k] + d - 1 : NaN;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** YYYY-MM-DD or YYYY/MM/DD exactly, read without regex or allocation. */
function fastIsoDays(s: string): number | undefined {
  if (s.length !== 10) return undefined;
  const sep = s.charCodeAt(4);
  if ((sep !== 45 && sep !== 47) || s.charCodeAt(7) !== sep) return undefined;
  let y = 0,
    m = 0,
    d = 0;
  for (let i = 0; i < 4; i++) {
    const k = digit(s, i);
    if (k < 0 || k > 9) return undefined;
    y = y * 10 + k;
  }
  const m1 = digit(s, 5),
    m2 = digit(s, 6),
    d1 = digit(s, 8),
    d2 = digit(s, 9);
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9)
    return undefined;
  m = m1 * 10 + m2;
  d = d1 * 10 + d2;
  const v = civilDays(y, m, d);
  return v === v ? v : undefined;
}

const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/;
const KANJI = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日(?:.*)?$/;
const ERA = /^(R|H|S|令和|平成|昭和)\s*(\d{1,2}|元)[.年/-]\s*(\d{1,2})[.月/-]\s*(\d{1,2})日?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Dates → whole days since 1970-01-01: 2024-03-09, 2024/3/9, 2024.03.09, 20240309,
 * 2024年3月9日, R6.3.9 / 令和6年3月9日 / H31.4.30, ISO with a time part, and Excel serial
 * numbers (a bare 5-digit number, Excel's 1900 date system).
 */
export function parseDate(raw: string): number | null | undefined {
  const fast = fastIsoDays(raw);
  if (fast !== undefined) return fast;
  let s = raw.trim();
  let m = ISO_LIKE.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  s = halfWidth(s).trim();
  if (s === '' || isMissingText(s)) return null;
  m = ISO_LIKE.exec(s) ?? KANJI.exec(s) ?? COMPACT.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = ERA.exec(s);
  if (m) {
    const base = ERAS[m[1].toUpperCase()] ?? ERAS[m[1]];
    const y = m[2] === '元' ? 1 : +m[2];
    return ymd(base + y, +m[3], +m[4]);
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    // Excel day 25569 = 1970-01-01; accept 1982..2119.
    if (serial >= 30000 && serial <= 80000) return serial - 25569;
  }
  return undefined;
}

const TRUE_WORDS = new Set([
  'true',
  't',
  'yes',
  'y',
  '1',
  'on',
  'はい',
  '○',
  '◯',
  '〇',
  '有',
  'あり',
  '有り',
  '済',
  '済み',
  '完了',
  '✓',
  '✔',
  'x',
]);
const FALSE_WORDS = new Set([
  'false',
  'f',
  'no',
  'n',
  '0',
  'off',
  'いいえ',
  '×',
  '✕',
  '無',
  'なし',
  '無し',
  '未',
  '未完了',
]);

/** TRUE/yes/はい/1/○/済 → true; FALSE/no/いいえ/0/×/未 → false. */
const EXACT_BOOL = new Map<string, boolean>([
  ['true', true],
  ['TRUE', true],
  ['True', true],
  ['1', true],
  ['yes', true],
  ['false', false],
  ['FALSE', false],
  ['False', false],
  ['0', false],
  ['no', false],
]);

export function parseBoolean(raw: string): boolean | null | undefined {
  const exact = EXACT_BOOL.get(raw);
  if (exact !== undefined) return exact;
  const s = halfWidth(raw).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  if (s === '' || isMissingText(s)) return null;
  return undefined;
}

/** Category values match the allowed list case- and width-insensitively, returning the list's spelling. */
export function categoryMatcher(
  values: readonly string[] | undefined,
): (raw: string) => { value: string; known: boolean } | null {
  const canon = new Map<string, string>();
  for (const v of values ?? []) canon.set(halfWidth(v).trim().toLowerCase(), v);
  return (raw) => {
    const t = raw.trim();
    if (t === '' || (t.length <= 8 && isMissingText(t))) return null;
    if (!values || values.length === 0) return { value: t, known: true };
    const hit = canon.get(halfWidth(t).toLowerCase());
    return hit !== undefined ? { value: hit, known: true } : { value: t, known: false };
  };
}

/**
 * A text cell a spreadsheet would run as a formula: the same rule the CSV writer neutralises
 * (src/util/csvCell.ts), so the import warns about exactly what an export will change.
 */
export function looksLikeFormula(s: string): boolean {
  return isFormulaLike(s);
}
