/**
 * Excel (.xlsx) workbooks as rows of cells, synchronously, so they go through the same import,
 * preview and field inference as CSV. The zip is read with fflate (chosen by measurement: see
 * the README's dependency table); the sheet XML is scanned here — an .xlsx sheet is a flat list
 * of <row><c r t s><v>…</v></c></row>, so no general XML parser is needed.
 *
 * Cells come out as the import's other readers give them: text as strings, numbers as numbers
 * (a "1,234" format is only display: the stored value is 1234), TRUE/FALSE as booleans, a date
 * format's serial as "2024-03-09" (or "2024-03-09 09:30:00"), a percent format's 0.8 as "80%"
 * (so a field with unit "%" reads 80, as it does for the CSV text "80%").
 */
import { unzipSync } from 'fflate';
import { ImportError } from './issues';
import { limitsOf, megabytes, type ImportLimits } from './limits';

export interface XlsxSheet {
  name: string;
  rows: unknown[][];
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

import { isZip } from './fileKind';
export { isZip, looksLikeXlsx } from './fileKind';

function fail(
  code: 'xlsx_not_zip' | 'xlsx_encrypted' | 'xlsx_damaged' | 'xlsx_empty_sheet' | 'xlsx_no_sheet',
  file: string,
  params: Record<string, string | number>,
  message: string,
): never {
  throw new ImportError({ code, severity: 'fatal', file, params, message: `${file}: ${message}` });
}

/** "<html>…" → `<html>` for a message; binary bytes as hex. */
function startText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 12);
  if (head.every((b) => b >= 0x20 && b < 0x7f)) return JSON.stringify(String.fromCharCode(...head));
  return [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** An OLE container holding "EncryptedPackage" (UTF-16) is a password-protected OOXML file. */
function isEncrypted(bytes: Uint8Array): boolean {
  const needle = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i < bytes.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : +e.slice(1),
          )
        : ENTITIES[e.toLowerCase()],
    )
    .replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

/** The text of a <si> or <is>: every <t> run joined; phonetic guides (<rPh>) left out. */
function richText(xml: string): string {
  let out = '';
  const clean = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  for (const m of clean.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) out += m[1] ?? '';
  return unescapeXml(out);
}

/** Excel's built-in date/time formats (ids 14–22, 27–36 and 45–47 in Japanese locales, 50–58). */
const BUILTIN_DATE = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_PERCENT = new Set([9, 10]);
const BUILTIN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);

type CellKind = 'date' | 'datetime' | 'time' | 'percent' | 'number';

/** A custom format code's kind: quoted text and [colour] parts removed before looking for y/m/d/h/s or %. */
function formatKind(code: string): CellKind {
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '')
    .toLowerCase()
    .replace(/general/g, '');
  if (/[ymdg]/.test(bare)) return /[hs]/.test(bare) ? 'datetime' : 'date';
  if (/[hs]/.test(bare)) return 'time';
  if (bare.includes('%')) return 'percent';
  return 'number';
}

/** Cell style index → what its number format makes of a number. */
function styleKinds(stylesXml: string | undefined): CellKind[] {
  if (!stylesXml) return [];
  const custom = new Map<number, CellKind>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode') ?? '';
    custom.set(id, formatKind(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    if (custom.has(id)) return custom.get(id)!;
    if (BUILTIN_PERCENT.has(id)) return 'percent';
    if (BUILTIN_TIME_ONLY.has(id)) return 'time';
    if (id === 22) return 'datetime';
    if (BUILTIN_DATE.has(id)) return 'date';
    return 'number';
  });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An Excel serial (days since 1899-12-30, the 1900 system; 1904 system when the workbook says so) as text. */
export function serialToText(
  serial: number,
  kind: 'date' | 'datetime' | 'time',
  date1904 = false,
): string {
  const days = serial + (date1904 ? 1462 : 0);
  const ms = Math.round((days - 25569) * 86400) * 1000;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (kind === 'time') return time;
  if (kind === 'datetime' && (d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()))
    return `${date} ${time}`;
  return date;
}

/** A percent cell as the text a CSV export would hold: 0.8 → "80%", 0.125 → "12.5%". */
function percentText(v: number): string {
  return `${Number((v * 100).toPrecision(12))}%`;
}

/** "AB12" → 27 (0-based column). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

interface Book {
  files: Record<string, Uint8Array>;
  sheets: { name: string; path: string }[];
  shared: string[];
  kinds: CellKind[];
  date1904: boolean;
}

const utf8 = new TextDecoder('utf-8');

function openBook(bytes: Uint8Array, file: string, limits?: Partial<ImportLimits>): Book {
  if (startsWith(bytes, OLE)) {
    if (isEncrypted(bytes))
      fail(
        'xlsx_encrypted',
        file,
        {},
        'this workbook is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password (File → Info → Protect Workbook) or save a copy as CSV, and import that.',
      );
    fail(
      'xlsx_not_zip',
      file,
      { start: 'OLE (.xls)' },
      'this is an old-style .xls workbook (Excel 97–2003), not .xlsx. Save it in Excel as .xlsx or CSV and import that.',
    );
  }
  if (!isZip(bytes))
    fail(
      'xlsx_not_zip',
      file,
      { start: startText(bytes) },
      `the name says .xlsx but the file is not an Excel workbook (it starts with ${startText(bytes)}). Save it from Excel as .xlsx or CSV and import that.`,
    );
  const { maxFileBytes } = limitsOf(limits);
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted =
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          f.name === 'xl/sharedStrings.xml' ||
          f.name === 'xl/styles.xml' ||
          /^xl\/worksheets\/[^/]+\.xml$/.test(f.name);
        if (wanted) total += f.originalSize;
        // A zip bomb is refused from the sizes its directory declares, before inflating.
        if (total > maxFileBytes)
          throw new RangeError(`expands to more than ${megabytes(maxFileBytes)}`);
        return wanted;
      },
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return fail(
      'xlsx_damaged',
      file,
      { reason, size: bytes.length },
      `the workbook cannot be unpacked (${reason}; ${bytes.length} bytes): it is truncated or damaged. Save it again from Excel (or export it again) and import the new file.`,
    );
  }
  const text = (p: string) => (files[p] ? utf8.decode(files[p]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook)
    fail(
      'xlsx_damaged',
      file,
      { reason: 'no xl/workbook.xml', size: bytes.length },
      'the zip holds no Excel workbook (no xl/workbook.xml): it is truncated, damaged or another kind of zip. Save it again from Excel as .xlsx and import the new file.',
    );
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], 'Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    rels.set(attr(m[0], 'Id') ?? '', path);
  }
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m, i) => ({
    name: attr(m[0], 'name') ?? `Sheet${i + 1}`,
    path: rels.get(attr(m[0], 'r:id') ?? '') ?? `xl/worksheets/sheet${i + 1}.xml`,
  }));
  const shared = [
    ...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\s*\/>/g),
  ].map((m) => richText(m[1] ?? ''));
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  return { files, sheets, shared, kinds: styleKinds(text('xl/styles.xml')), date1904 };
}

function sheetRows(book: Book, path: string): unknown[][] {
  const data = book.files[path];
  if (!data) return [];
  const xml = utf8.decode(data);
  const rows: unknown[][] = [];
  for (const rm of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b[^>]*\/>/g)) {
    const rAttr = rm[1] ? attr(rm[1], 'r') : undefined;
    const rowIndex = rAttr ? Number(rAttr) - 1 : rows.length;
    const cells: unknown[] = [];
    let next = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const head = cm[1];
      const body = cm[2] ?? '';
      const ref = attr(head, 'r');
      const col = ref ? columnOf(ref) : next;
      next = col + 1;
      const t = attr(head, 't') ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: unknown = null;
      if (t === 's') value = v === undefined ? null : (book.shared[Number(v)] ?? null);
      else if (t === 'inlineStr') value = richText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (t === 'str' || t === 'e') value = v === undefined ? null : unescapeXml(v);
      else if (t === 'b') value = v === undefined ? null : v === '1';
      else if (v !== undefined) {
        const num = Number(v);
        const kind = book.kinds[Number(attr(head, 's') ?? 0)] ?? 'number';
        value =
          kind === 'percent'
            ? percentText(num)
            : kind === 'number'
              ? num
              : serialToText(num, kind, book.date1904);
      }
      cells[col] = value;
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = cells;
  }
  // Trailing blank rows (formatted but empty) are not data.
  const blank = (r: unknown[]) => r.every((c) => c === null || c === '');
  while (rows.length && blank(rows[rows.length - 1])) rows.pop();
  return rows;
}

/** The sheet names of a workbook, in tab order. */
export function xlsxSheetNames(
  bytes: Uint8Array,
  file: string,
  limits?: Partial<ImportLimits>,
): string[] {
  return openBook(bytes, file, limits).sheets.map((s) => s.name);
}

/**
 * One sheet's rows (the named one, else the first with data). Throws ImportError for a file
 * that is not a workbook, a password-protected one, a damaged zip, an unknown sheet name or a
 * sheet with no cells.
 */
export function readXlsx(
  bytes: Uint8Array,
  file: string,
  sheet?: string,
  limits?: Partial<ImportLimits>,
): XlsxSheet & { sheets: string[] } {
  const book = openBook(bytes, file, limits);
  const names = book.sheets.map((s) => s.name);
  const list = names.join(', ');
  if (sheet !== undefined) {
    const s = book.sheets.find((x) => x.name === sheet);
    if (!s)
      fail(
        'xlsx_no_sheet',
        file,
        { sheet, sheets: list },
        `the workbook has no sheet "${sheet}" (its sheets: ${list}). Pick one of them.`,
      );
    const rows = sheetRows(book, s.path);
    if (rows.length === 0)
      fail(
        'xlsx_empty_sheet',
        file,
        { sheet, sheets: list },
        `sheet "${sheet}" is empty (its sheets: ${list}). Pick the sheet that holds the accounts.`,
      );
    return { name: s.name, rows, sheets: names };
  }
  for (const s of book.sheets) {
    const rows = sheetRows(book, s.path);
    if (rows.length) return { name: s.name, rows, sheets: names };
  }
  return fail(
    'xlsx_empty_sheet',
    file,
    { sheet: names[0] ?? '', sheets: list },
    `every sheet of the workbook is empty (its sheets: ${list}). Check that you saved the sheet that holds the accounts.`,
  );
}
