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

/**
 * A file that ends inside a multi-byte character was cut off (an interrupted copy or export):
 * every byte before the last character reads, the last one is incomplete. Says so with the
 * byte offset where the file ends, instead of "invalid byte … save as UTF-8".
 */
export function truncatedError(file: string, bytes: Uint8Array): ImportError | null {
  const n = bytes.length;
  if (n === 0 || bytes[n - 1] < 0x80) return null;
  let encoding: Encoding | null = null;
  // UTF-8: the last lead byte announces more continuation bytes than follow it.
  let i = n - 1;
  while (i > 0 && i > n - 4 && (bytes[i] & 0xc0) === 0x80) i--;
  const lead = bytes[i];
  const need = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (need > n - i && firstInvalidUtf8(bytes, i) < 0)
    encoding = hasUtf8Bom(bytes) ? 'utf-8-bom' : 'utf-8';
  // Shift_JIS: a lead byte alone at the end, everything before it valid.
  const last = bytes[n - 1];
  if (
    !encoding &&
    ((last >= 0x81 && last <= 0x9f) || (last >= 0xe0 && last <= 0xfc)) &&
    !validShiftJis(bytes, n) &&
    validShiftJis(bytes, n - 1)
  )
    encoding = 'shift_jis';
  if (!encoding) return null;
  return new ImportError({
    code: 'truncated_file',
    severity: 'fatal',
    file,
    params: { offset: n, encoding },
    message: `${file}: the file ends in the middle of a character at byte ${n} (${encoding}): it was cut off, e.g. by an interrupted copy or export. Export or copy the whole file again and import that.`,
  });
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

/**
 * Per line: not UTF-8 at all, or UTF-8 with Japanese-width text (a 3-byte sequence; 2-byte
 * sequences happen by chance in Shift_JIS). ASCII-only lines are both and count as neither.
 */
export interface EncodingByLine {
  invalid: number[];
  invalidCount: number;
  /** UTF-8 lines: line number and byte range [start, end). */
  utf8Lines: number[];
  utf8Start: number[];
  utf8End: number[];
}

export function encodingByLine(b: Uint8Array, start = 0): EncodingByLine {
  const out: EncodingByLine = {
    invalid: [],
    invalidCount: 0,
    utf8Lines: [],
    utf8Start: [],
    utf8End: [],
  };
  const n = b.length;
  let line = 1;
  let lineStart = start;
  let multi = false;
  let bad = false;
  const endLine = (end: number) => {
    if (bad) {
      if (out.invalid.length < LINES_LISTED) out.invalid.push(line);
      out.invalidCount++;
    } else if (multi) {
      out.utf8Lines.push(line);
      out.utf8Start.push(lineStart);
      out.utf8End.push(end);
    }
    multi = bad = false;
    line++;
  };
  for (let i = start; i < n;) {
    const c = b[i];
    if (c < 0x80) {
      if (c === 10) {
        endLine(i);
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    const j = utf8Next(b, i, n);
    if (j < 0) {
      // The line is not UTF-8 whatever follows: go to its end (Shift_JIS files: every line).
      bad = true;
      const nl = b.indexOf(10, i + 1);
      i = nl < 0 ? n : nl;
    } else {
      if (j - i >= 3) multi = true;
      i = j;
    }
  }
  if (multi || bad) endLine(n);
  return out;
}

let sjis: TextDecoder | undefined;

/**
 * Is a line that is valid UTF-8 really UTF-8, in a file that is otherwise Shift_JIS? Shift_JIS
 * text can be valid UTF-8 by chance (about 2% of lines whose only Japanese is two kanji), but
 * then it also reads as Shift_JIS without half-width katakana; UTF-8 Japanese read as Shift_JIS
 * fails or turns into half-width katakana (its continuation bytes 0xA1–0xBF).
 */
function reallyUtf8(b: Uint8Array, s: number, e: number): boolean {
  let text: string;
  try {
    text = (sjis ??= new TextDecoder('shift_jis', { fatal: true })).decode(b.subarray(s, e));
  } catch {
    return true;
  }
  return /[\uff61-\uff9f]/.test(text);
}

/**
 * A file where some lines are UTF-8 and others are not (a Shift_JIS line pasted into a UTF-8
 * export, or the reverse): decoding it either way garbles some rows, so it is refused with the
 * lines that differ from the rest.
 */
export function mixedEncodingError(file: string, bytes: Uint8Array, start = 0): ImportError | null {
  const lines = encodingByLine(bytes, start);
  if (lines.invalidCount === 0 || lines.utf8Lines.length === 0) return null;
  let utf8 = lines.utf8Lines;
  if (utf8.length < lines.invalidCount) {
    // Mostly not UTF-8 (Shift_JIS): keep only lines that cannot be Shift_JIS.
    utf8 = utf8.filter((_, k) => reallyUtf8(bytes, lines.utf8Start[k], lines.utf8End[k]));
    if (utf8.length === 0) return null;
  }
  const mostlyUtf8 = utf8.length >= lines.invalidCount;
  const odd = mostlyUtf8 ? lines.invalid : utf8.slice(0, LINES_LISTED);
  const count = mostlyUtf8 ? lines.invalidCount : utf8.length;
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

/**
 * mixedEncodingError's verdict for a Shift_JIS file read in blocks (importStream.ts): each
 * block's whole lines go through encodingByLine, a line cut by the block end waits for the next.
 * Memory: one partial line.
 */
function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class MixedEncodingScan {
  private rest: Uint8Array = new Uint8Array(0);
  private invalid = 0;
  private utf8 = 0;
  /** UTF-8 lines that cannot be Shift_JIS (reallyUtf8). */
  private really = 0;
  feed(block: Uint8Array): void {
    // Lines are counted one by one, so the block is read where it is: only the line that
    // straddles the last block's end is joined (copying every block behind the carried bytes
    // was a copy and a fresh buffer per block).
    const first = block.indexOf(0x0a) + 1;
    if (first === 0) {
      this.rest = this.rest.length > 0 ? join(this.rest, block) : block.slice();
      return;
    }
    this.count(
      this.rest.length > 0 ? join(this.rest, block.subarray(0, first)) : block.subarray(0, first),
    );
    const cut = block.lastIndexOf(0x0a) + 1;
    if (cut > first) this.count(block.subarray(first, cut));
    this.rest = block.slice(cut);
  }
  /**
   * Whole lines, already split by the caller (`b` ends with a line feed, or at the end of the
   * file): counted as feed counts them. For readers that find the lines themselves (the block
   * import, importStream.ts: the bytes between two records' starts).
   */
  count(b: Uint8Array): void {
    const lines = encodingByLine(b);
    this.invalid += lines.invalidCount;
    this.utf8 += lines.utf8Lines.length;
    for (let k = 0; k < lines.utf8Lines.length; k++)
      if (reallyUtf8(b, lines.utf8Start[k], lines.utf8End[k])) this.really++;
  }
  /**
   * One line [s, e) of b that the caller found (e: after its line feed, or the end of the file),
   * as count(b.subarray(s, e)) counts it. A line whose first non-ASCII byte begins no UTF-8
   * sequence (a Shift_JIS line, nearly always) is not UTF-8 whatever follows: it is counted
   * there, without looking for its end — an indexOf per line was most of what the check cost
   * the Shift_JIS block import, whose parser knows where lines end (mixedByRecord.ts).
   */
  line(b: Uint8Array, s: number, e: number): void {
    let i = s;
    while (i < e && b[i] < 0x80) i++;
    if (i === e) return; // ASCII only: neither
    // A sequence ends before the line feed (continuation bytes are 0x80–0xBF): e bounds it.
    if (utf8Next(b, i, e) < 0) this.invalid++;
    else this.count(b.subarray(s, e));
  }
  /** The file is mixed whatever follows. */
  get certain(): boolean {
    return this.invalid > 0 && this.really > 0;
  }
  /**
   * After the last bytes: the lines counted (the line still open counted too). A file read in
   * ranges that end at line feeds adds them up to the whole file's (parallelImport.ts).
   */
  counts(): { invalid: number; utf8: number; real: number } {
    if (this.rest.length > 0) {
      this.count(this.rest);
      this.rest = new Uint8Array(0);
    }
    return { invalid: this.invalid, utf8: this.utf8, real: this.really };
  }
  /** After the last block: would mixedEncodingError refuse the whole file? */
  mixed(): boolean {
    if (this.rest.length > 0) {
      this.count(this.rest);
      this.rest = new Uint8Array(0);
    }
    return this.invalid > 0 && this.utf8 > 0 && (this.utf8 >= this.invalid || this.really > 0);
  }
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
    const mixed = mixedEncodingError(file, bytes);
    if (mixed) throw mixed;
  }
  if (!encoding) {
    const cut = truncatedError(file, bytes);
    if (cut) throw cut;
    const mixed = mixedEncodingError(file, bytes);
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
    const cut = truncatedError(file, bytes);
    if (cut) throw cut;
    if (encoding !== 'shift_jis') {
      // UTF-8 at the start, something else later: name the lines.
      const mixed = mixedEncodingError(file, bytes, encoding === 'utf-8-bom' ? 3 : 0);
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

/** Exported for parallelImport.ts, which checks for mixed encodings range by range. */
export { reallyUtf8 };
