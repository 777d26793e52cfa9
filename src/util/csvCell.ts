/**
 * The one CSV cell writer of Waymark (CLI score output, the app's CTA queue, table exports and the
 * demo data), safe to open in a spreadsheet by OWASP's CSV-injection rules:
 *
 * - a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return, or with a full-width
 *   `＝ ＋ － ＠` (Japanese IMEs type those; Excel on Japanese Windows reads them as formula
 *   starts too), gets a leading `'` so the spreadsheet shows it as text — unless the whole cell
 *   is a plain number (`-12.5`, `+3`, `-1e-7`), which no spreadsheet runs;
 * - a cell holding the delimiter, a double quote, `;` (the list separator of European Excel),
 *   CR or LF is quoted, with quotes doubled (RFC 4180).
 *
 * Numbers and booleans are not text: they are written as JavaScript prints them, never prefixed.
 */

/** A plain decimal number: what neutralising must leave alone (negative numbers stay numbers). */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Characters that make a spreadsheet read a cell as a formula (and their full-width forms). */
function startsLikeFormula(s: string): boolean {
  switch (s.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true;
    default:
      return false;
  }
}

/** True for text a spreadsheet would run as a formula (what csvText prefixes with '). */
export function isFormulaLike(s: string): boolean {
  return startsLikeFormula(s) && !PLAIN_NUMBER.test(s);
}

/** Cells that must be quoted for a comma delimiter (the common case, one regex test). */
const NEEDS_QUOTES_COMMA = /[",;\r\n]/;

const NEEDS_QUOTES = /[";\r\n]/;

/** A text cell, neutralised and quoted as needed. `delimiter` is one character (`,` or tab). */
export function csvText(s: string, delimiter = ','): string {
  if (s.length === 0) return s;
  const v = isFormulaLike(s) ? "'" + s : s;
  const quote =
    delimiter === ',' ? NEEDS_QUOTES_COMMA.test(v) : NEEDS_QUOTES.test(v) || v.includes(delimiter);
  return quote ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A number as JavaScript prints it (shortest round-trip form); '' for NaN (missing). */
export function csvNumber(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

/** Any value: null/undefined → '', booleans → true/false, numbers as printed, text neutralised. */
export function csvValue(v: unknown, delimiter = ','): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return csvText(v, delimiter);
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return csvText(String(v), delimiter);
}

/** One line (no line break) of values through csvValue. */
export function csvLine(values: readonly unknown[], delimiter = ','): string {
  let s = '';
  for (let k = 0; k < values.length; k++)
    s += (k === 0 ? '' : delimiter) + csvValue(values[k], delimiter);
  return s;
}
