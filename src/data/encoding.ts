import { ImportError } from './issues';
import { utf8Next } from './csvBytes';
import { megabytes } from './limits';

/**
 * Encoding detection for account files. Excel on Japanese Windows writes CSV as Shift_JIS
 * (CP932); everything else is UTF-8, sometimes with a BOM. TextDecoder('shift_jis') decodes
 * CP932 in browsers and in Node (full ICU), so no encoding library is needed.
 */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'ZIP/XLSX', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'GZIP', bytes: [0x1f, 0x8b] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'XLS (OLE)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

/** Name of a known binary format the bytes start with, or a NUL byte found early, else null. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) if (s.bytes.every((b, i) => bytes[i] === b)) return s.name;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return 'binary';
  return null;
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** Length of a prefix of `b` (≤ max) that does not cut a UTF-8 sequence. */
function utf8SafeCut(b: Uint8Array, max: number): number {
  if (b.length <= max) return b.length;
  let i = max;
  while (i > max - 4 && (b[i] & 0xc0) === 0x80) i--;
  return i;
}

/** Offset of the first byte sequence that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array, end = b.length): number {
  let i = 0;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n = 0;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    if (i + n >= end + 1 && end < b.length) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

function validShiftJis(b: Uint8Array, end: number): boolean {
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Detect from a sample (the first 256 KB) so huge files are not scanned twice. */
export function detectEncoding(bytes: Uint8Array): Encoding | null {
  if (hasUtf8Bom(bytes)) return 'utf-8-bom';
  const end = utf8SafeCut(bytes, 256 * 1024);
  if (firstInvalidUtf8(bytes, end) < 0) return 'utf-8';
  // Cut the SJIS sample at a newline so a two-byte character is not split.
  let sEnd = end;
  if (sEnd < bytes.length) {
    const nl = bytes.lastIndexOf(0x0a, sEnd);
    if (nl > 0) sEnd = nl + 1;
  }
  if (validShiftJis(bytes, sEnd)) return 'shift_jis';
  return null;
}

/** Lines listed in a mixed-encoding message (all are counted). */
const LINES_LISTED = 10;

/** Per line: is it UTF-8 with non-ASCII text, or not UTF-8 at all? (ASCII-only lines are both.) */
export interface EncodingByLine {
  utf8: number[];
  utf8Count: number;
  invalid: number[];
  invalidCount: number;
}

export function encodingByLine(b: Uint8Array, start = 0): EncodingByLine {
  const out: EncodingByLine = { utf8: [], utf8Count: 0, invalid: [], invalidCount: 0 };
  const n = b.length;
  let line = 1;
  let multi = false;
  let bad = false;
  const endLine = () => {
    if (bad) {
      if (out.invalid.length < LINES_LISTED) out.invalid.push(line);
      out.invalidCount++;
    } else if (multi) {
      if (out.utf8.length < LINES_LISTED) out.utf8.push(line);
      out.utf8Count++;
    }
    multi = bad = false;
    line++;
  };
  for (let i = start; i < n;) {
    const c = b[i];
    if (c < 0x80) {
      if (c === 10) endLine();
      i++;
      continue;
    }
    const j = utf8Next(b, i, n);
    if (j < 0) {
      bad = true;
      i++;
    } else {
      // Two-byte sequences happen by chance in Shift_JIS text; Japanese in UTF-8 is 3 bytes.
      if (j - i >= 3) multi = true;
      i = j;
    }
  }
  if (multi || bad) endLine();
  return out;
}

/**
 * A file where some lines are UTF-8 and others are not (a Shift_JIS line pasted into a UTF-8
 * export, or the reverse): decoding it either way garbles some rows, so it is refused with the
 * lines that differ from the rest.
 */
export function mixedEncodingError(file: string, lines: EncodingByLine): ImportError | null {
  if (lines.utf8Count === 0 || lines.invalidCount === 0) return null;
  const mostlyUtf8 = lines.utf8Count >= lines.invalidCount;
  const odd = mostlyUtf8 ? lines.invalid : lines.utf8;
  const count = mostlyUtf8 ? lines.invalidCount : lines.utf8Count;
  const list = odd.join(', ') + (count > odd.length ? ', …' : '');
  const rest = mostlyUtf8 ? 'UTF-8' : 'Shift_JIS';
  const these = mostlyUtf8 ? 'are not UTF-8 (Shift_JIS, perhaps)' : 'are UTF-8';
  return new ImportError({
    code: 'mixed_encoding',
    severity: 'fatal',
    file,
    row: odd[0],
    params: { count, lines: list, rest, odd: mostlyUtf8 ? 'other' : 'UTF-8' },
    message: `${file}: the file mixes encodings — ${count} line(s) ${these} while the rest is ${rest} (line ${list}). Reading it either way would garble those rows. Save the whole file again in one encoding (UTF-8 recommended).`,
  });
}

/** Decoding a file into one string failed for its size (V8 strings hold about 512 M characters). */
function tooLargeForText(file: string, bytes: Uint8Array, encoding: Encoding): ImportError {
  return new ImportError({
    code: 'text_too_large',
    severity: 'fatal',
    file,
    params: { size: megabytes(bytes.length), encoding },
    message: `${file}: the file (${megabytes(bytes.length)}, ${encoding}) is too large to read as one text. Save it as UTF-8 CSV (read without decoding the whole file) or split it into smaller files.`,
  });
}

/** Decode the whole file; throws ImportError (binary_file / bad_encoding / mixed_encoding) with where. */
export function decodeBytes(
  bytes: Uint8Array,
  file: string,
  forced?: Encoding,
): { text: string; encoding: Encoding } {
  const bin = sniffBinary(bytes);
  if (bin) {
    throw new ImportError({
      code: 'binary_file',
      severity: 'fatal',
      file,
      params: { kind: bin },
      message: `${file}: this is a ${bin} file, not CSV, TSV, JSON or NDJSON text. Export the sheet as CSV (UTF-8 or Shift_JIS) and import that.`,
    });
  }
  const encoding = forced ?? detectEncoding(bytes);
  // Detected as Shift_JIS: make sure no line is UTF-8 (which Shift_JIS decoding would garble silently).
  if (encoding === 'shift_jis' && !forced) {
    const mixed = mixedEncodingError(file, encodingByLine(bytes));
    if (mixed) throw mixed;
  }
  if (!encoding) {
    const mixed = mixedEncodingError(file, encodingByLine(bytes));
    if (mixed) throw mixed;
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
    throw new ImportError({
      code: 'bad_encoding',
      severity: 'fatal',
      file,
      row: line,
      params: { offset: at, line },
      message: `${file}: the text is neither UTF-8 nor Shift_JIS (first invalid byte on line ${line}, at offset ${at}). Save the file again as UTF-8 CSV.`,
    });
  }
  try {
    if (encoding === 'shift_jis')
      return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding };
    const body = encoding === 'utf-8-bom' ? bytes.subarray(3) : bytes;
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding };
  } catch (e) {
    if (e instanceof RangeError) throw tooLargeForText(file, bytes, encoding);
    if (encoding !== 'shift_jis') {
      // UTF-8 at the start, something else later: name the lines.
      const mixed = mixedEncodingError(
        file,
        encodingByLine(bytes, encoding === 'utf-8-bom' ? 3 : 0),
      );
      if (mixed) throw mixed;
    }
    const at = encoding === 'shift_jis' ? -1 : firstInvalidUtf8(bytes);
    throw new ImportError({
      code: 'bad_encoding',
      severity: 'fatal',
      file,
      params: { offset: at, encoding },
      message: `${file}: the file starts as ${encoding} but has invalid bytes later${at >= 0 ? ` (offset ${at})` : ''}. Save the file again in one encoding (UTF-8 recommended).`,
    });
  }
}
