import { CATEGORY_MASK, CATEGORY_SHIFT, type CategoryCells } from './categoryCells';
import { isoDays } from './coerce';
import type { ParseResult } from './csv';
import { decodeSjis, sjisNext, sjisRespelled } from './sjisBytes';

/**
 * The CSV/TSV parser of csv.ts, over UTF-8 bytes instead of a decoded string. Creating a
 * string per cell is what made the string parser slow, and the importer does not need most of
 * them: numbers, dates and booleans are read from the bytes (sinks.ts), string cells are
 * interned by their bytes, and unmapped columns are never decoded. Each record arrives as field
 * offsets into the buffer; a field is a plain byte slice unless it needs unescaping (`""` inside
 * quotes, or text after the closing quote), in which case its decoded text is given.
 *
 * It follows parseDelimited exactly (the tests check both on the same inputs): RFC 4180 quotes,
 * CRLF or LF, newlines inside quotes, blank records skipped, lenient text after a closing quote,
 * and the same record / line numbers. Invalid UTF-8 (strict, as TextDecoder's fatal mode) throws
 * Utf8Error with the offset, so the caller can report it as decodeBytes does.
 */
export interface ByteRecord {
  /** Fields in this record. */
  count: number;
  /** Byte offsets [start, end) of field k's content (quotes excluded). Valid for k < count. */
  start: Int32Array;
  end: Int32Array;
  /** Decoded text of field k when it is not a plain slice (escaped quotes), else undefined. */
  text: (string | undefined)[];
  /**
   * With `numeric` kinds (parseDelimitedBytes): field k's number when its whole unquoted
   * content is a plain decimal of at most 15 digits, read while scanning it (exactly as Number of
   * its text), or its date as days (kind 3); `numOk[k]` is 1 (no fraction digits), 2 (fraction
   * digits), 3 (a date) or 0 (not read: the cell goes the ordinary way). Only for k < numOk.length.
   * With `direct`, also 4 (a yes/no cell stored) or 5 (a category cell stored).
   */
  num: Float64Array;
  numOk: Uint8Array;
  /**
   * The `direct` the parser was given (or undefined): field k's number went to
   * `direct.to[k][direct.row]` instead of num[k] wherever `direct.to[k]` is set.
   */
  direct: DirectCells | undefined;
  /** Fields of this record read whole by the scan and stored through `direct` (numOk set). */
  stored: number;
}

/**
 * Where the scan stores plain number and date cells itself (the block import: rowImporter's
 * number columns), so the importer does not read each back from the record: per file column,
 * the column's values (or null: the value goes to ByteRecord.num), written at `row`. The
 * importer keeps `row` (its next output row, always below the arrays' lengths) and the arrays
 * current; a cell the scan cannot read whole is stored there too but then written again by the
 * importer, which always writes every number column of a record at its row.
 */
export interface DirectCells {
  to: (Float64Array | null)[];
  row: number;
  /**
   * Columns of kind 4 (yes/no): the column's values (BooleanSink.values). The scan stores
   * true/TRUE/false/FALSE/1/0 (1 or 0) as BooleanSink.writeBytes reads them, and an empty cell
   * as missing where `missing[k]` is 1; any other cell goes the ordinary way.
   */
  yesNo?: (Uint8Array | null)[];
  /** Per column, 1: an empty yes/no cell is stored as missing (the field is not required). */
  missing?: Uint8Array;
  /**
   * Columns of kind 5 (category): the spellings the column's sink has stored cleanly and the
   * column's codes. A cell spelled as one of them is stored as its code, an empty one as missing
   * (-1) where the table allows it; any other cell goes the ordinary way.
   */
  cats?: (CategoryCells | null)[];
}

/** `onRecord(rec, record, line)`: as RowHandler in csv.ts; `rec` is reused, read it before returning. */
export type ByteRecordHandler = (rec: ByteRecord, record: number, line: number) => boolean | void;

export class Utf8Error extends Error {
  constructor(readonly offset: number) {
    super(`invalid UTF-8 at byte ${offset}`);
    this.name = 'Utf8Error';
  }
}

/** Index after the valid UTF-8 sequence starting at i (b[i] >= 0x80), or -1 (WHATWG-strict: no overlongs, surrogates or > U+10FFFF). */
export function utf8Next(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (c < 0xc2) return -1;
  if (c < 0xe0) return i + 1 < n && (b[i + 1] & 0xc0) === 0x80 ? i + 2 : -1;
  if (c < 0xf0) {
    if (i + 2 >= n) return -1;
    const c1 = b[i + 1];
    if (
      c1 < (c === 0xe0 ? 0xa0 : 0x80) ||
      c1 > (c === 0xed ? 0x9f : 0xbf) ||
      (b[i + 2] & 0xc0) !== 0x80
    )
      return -1;
    return i + 3;
  }
  if (c < 0xf5) {
    if (i + 3 >= n) return -1;
    const c1 = b[i + 1];
    if (
      c1 < (c === 0xf0 ? 0x90 : 0x80) ||
      c1 > (c === 0xf4 ? 0x8f : 0xbf) ||
      (b[i + 2] & 0xc0) !== 0x80 ||
      (b[i + 3] & 0xc0) !== 0x80
    )
      return -1;
    return i + 4;
  }
  return -1;
}

const units: number[] = [];
let longDecoder: TextDecoder | undefined;

/** Decode already-validated UTF-8 bytes [s, e). Short cells (the usual case) skip TextDecoder's per-call cost. */
export function decodeUtf8(b: Uint8Array, s: number, e: number): string {
  if (e - s > 256) return (longDecoder ??= new TextDecoder()).decode(b.subarray(s, e));
  units.length = 0;
  for (let i = s; i < e;) {
    const c = b[i];
    if (c < 0x80) {
      units.push(c);
      i++;
    } else if (c < 0xe0) {
      units.push(((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
      i += 2;
    } else if (c < 0xf0) {
      units.push(((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
      i += 3;
    } else {
      const cp =
        (((c & 0x07) << 18) |
          ((b[i + 1] & 0x3f) << 12) |
          ((b[i + 2] & 0x3f) << 6) |
          (b[i + 3] & 0x3f)) -
        0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      i += 4;
    }
  }
  return String.fromCharCode.apply(null, units);
}

/** Four / two ASCII digits at i as a number, or -1. */
function d4(b: Uint8Array, i: number): number {
  const a = b[i] - 48,
    c = b[i + 1] - 48,
    d = b[i + 2] - 48,
    e = b[i + 3] - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 && d >= 0 && d <= 9 && e >= 0 && e <= 9
    ? a * 1000 + c * 100 + d * 10 + e
    : -1;
}
function d2(b: Uint8Array, i: number): number {
  const a = b[i] - 48,
    c = b[i + 1] - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

/** "true", "TRUE", "fals", "FALS" as four bytes read little-endian. */
const TRUE_LC = 0x65757274;
const TRUE_UC = 0x45555254;
const FALS_LC = 0x736c6166;
const FALS_UC = 0x534c4146;
/** table/columns.ts MISSING_BOOL (not imported: the parser knows nothing of tables). */
const MISSING_YES_NO = 255;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export type ByteEncoding = 'utf-8' | 'shift_jis';
/** The cell decoder for validated bytes of an encoding. */
export function cellDecoder(
  encoding: ByteEncoding,
): (b: Uint8Array, s: number, e: number) => string {
  return encoding === 'shift_jis' ? decodeSjis : decodeUtf8;
}

/** Text of field k of a record (for issue messages and the rows view). */
export function fieldText(
  b: Uint8Array,
  rec: ByteRecord,
  k: number,
  decode: (b: Uint8Array, s: number, e: number) => string = decodeUtf8,
): string {
  const t = rec.text[k];
  return t !== undefined ? t : decode(b, rec.start[k], rec.end[k]);
}

function longRow(record: number, line: number): ParseResult {
  return { rows: record, tooLong: { record: record + 1, line } };
}

/**
 * Where a block of a file read in pieces (importStream.ts) continues: the records and lines
 * before it, and whether more bytes follow. A block that is not the last must end with a line
 * feed (so no character is split); a record still open at its end is not read but reported as
 * `incomplete`, to be read again with the next block appended.
 */
export interface BlockState {
  record: number;
  line: number;
  final: boolean;
}

export interface BlockResult extends ParseResult {
  /** Offset and line where the open record starts (non-final blocks only). */
  incomplete?: { offset: number; line: number };
  /** The line after the last record read (where the next block starts). */
  line?: number;
}

/**
 * Where the parser's `next` refused the character at i: a Shift_JIS pair that respells a
 * character another pair spells is read (sjisRespelled counts it); anything else is invalid.
 * Out of the parser's body: it is never reached in a file Windows wrote.
 */
function notNext(b: Uint8Array, i: number, n: number, sjis: boolean): number {
  const j = sjis ? sjisRespelled(b, i, n) : -1;
  if (j < 0) throw new Utf8Error(i);
  return j;
}

export function parseDelimitedBytes(
  b: Uint8Array,
  delimiter: number,
  onRecord: ByteRecordHandler,
  start = 0,
  /** Longest record (bytes) read; a longer one stops the parse, as in parseDelimited. */
  maxRow = Infinity,
  block?: BlockState,
  /** Shift_JIS: characters are checked by sjisNext (a trail byte is never , " TAB CR or LF). */
  encoding: ByteEncoding = 'utf-8',
  /**
   * Per column, numbers to read during the scan (ByteRecord.num): 1 -?digits, 2 -?digits(.digits)?
   * (number fields; integer fields take no fraction), 3 YYYY-MM-DD or YYYY/MM/DD as days since
   * 1970-01-01 (date fields), 0 none. Saves the sinks a second pass. 4 (yes/no) and 5
   * (category) are stored through `direct` (its yesNo / cats), and read only with it.
   */
  numeric?: Uint8Array,
  /** Columns whose read numbers are stored straight into the importer's arrays (DirectCells). */
  direct?: DirectCells,
): BlockResult {
  const sjis = encoding === 'shift_jis';
  const next = sjis ? sjisNext : utf8Next;
  const decode = sjis ? decodeSjis : decodeUtf8;
  const n = b.length;
  const D = delimiter;
  let pos = start;
  let line = block ? block.line : 1;
  let record = block ? block.record : 0;
  const final = block ? block.final : true;
  // A delimiter that can be part of a number or date would end the scan wrongly: no scan.
  if (D === 45 || D === 46 || D === 47 || (D >= 48 && D <= 57)) numeric = undefined;
  let kinds = numeric ?? new Uint8Array(0);
  const numCols = kinds.length;
  if (numeric === undefined || (direct && direct.to.length !== numCols)) direct = undefined;
  // Per column, the array a read number is stored into (null: ByteRecord.num).
  const to: (Float64Array | null)[] = direct ? direct.to : [];
  const yesNo = direct?.yesNo ?? [];
  const cats = direct?.cats ?? [];
  const missing = direct?.missing ?? new Uint8Array(numCols);
  // Yes/no and category cells are only stored through `direct`, in the arrays it has for them;
  // and yes/no words are stepped over as letters: not with a letter as the delimiter.
  const letterD = (D | 32) >= 97 && (D | 32) <= 122;
  for (let c = 0; c < numCols; c++) {
    const k = kinds[c];
    if ((k === 4 && (letterD || !yesNo[c])) || (k === 5 && !cats[c]) || (k >= 4 && !direct)) {
      if (kinds === numeric) kinds = numeric.slice();
      kinds[c] = 0;
    }
  }
  const rec: ByteRecord = {
    count: 0,
    start: new Int32Array(64),
    end: new Int32Array(64),
    text: [],
    num: new Float64Array(numCols),
    numOk: new Uint8Array(numCols),
    direct,
    stored: 0,
  };
  const nums = rec.num;
  const numOk = rec.numOk;
  // Four-byte loads for yes/no words and category spellings.
  const bv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let starts = rec.start;
  let ends = rec.end;
  const texts = rec.text;
  let textSet = false;

  while (pos < n) {
    const rowLine = line;
    const rowStart = pos;
    let count = 0;
    let stored = 0;
    // The importer's output row: where this record's numbers go (direct only).
    const row = direct ? direct.row : 0;
    for (;;) {
      if (pos - rowStart > maxRow) return longRow(record, rowLine);
      if (count === starts.length) {
        const s2 = new Int32Array(count * 2);
        s2.set(starts);
        const e2 = new Int32Array(count * 2);
        e2.set(ends);
        rec.start = starts = s2;
        rec.end = ends = e2;
      }
      if (pos < n && b[pos] === 34) {
        if (count < numCols) numOk[count] = 0;
        // Quoted field: find the closing quote, unescaping "" only when present.
        let seg = pos + 1;
        let i = seg;
        let text: string | undefined;
        for (;;) {
          if (i >= n)
            return final
              ? { rows: record, unterminated: { record: record + 1, line: rowLine } }
              : { rows: record, incomplete: { offset: rowStart, line: rowLine } };
          const c = b[i];
          if (c === 34) {
            if (i + 1 < n && b[i + 1] === 34) {
              if (i - rowStart > maxRow) return longRow(record, rowLine);
              text = (text ?? '') + decode(b, seg, i + 1);
              i += 2;
              seg = i;
              continue;
            }
            break;
          }
          if (c >= 0x80) {
            let j = next(b, i, n);
            if (j < 0) j = notNext(b, i, n, sjis);
            i = j;
            continue;
          }
          if (c === 10) line++;
          i++;
        }
        const segEnd = i;
        if (segEnd - rowStart > maxRow) return longRow(record, rowLine);
        pos = i + 1;
        let c = pos < n ? b[pos] : -1;
        if (c !== D && c !== 10 && c !== 13 && c !== -1) {
          // Text after the closing quote up to the next separator is kept (lenient, like Excel).
          let j = pos;
          while (j < n) {
            const d = b[j];
            if (d === D || d === 10) break;
            if (d >= 0x80) {
              let k = next(b, j, n);
              if (k < 0) k = notNext(b, j, n, sjis);
              j = k;
            } else j++;
          }
          let end = j;
          if ((j >= n || b[j] === 10) && end > pos && b[end - 1] === 13) end--;
          text = (text ?? '') + decode(b, seg, segEnd) + decode(b, pos, end);
          pos = end;
          c = pos < n ? b[pos] : -1;
        } else if (text !== undefined) text += decode(b, seg, segEnd);
        if (text !== undefined) {
          texts[count] = text;
          textSet = true;
        }
        starts[count] = seg;
        ends[count] = segEnd;
        count++;
        if (c === D) {
          pos++;
          continue;
        }
        if (c === 13) pos++;
        if (pos < n && b[pos] === 10) {
          pos++;
          line++;
        }
        break;
      }
      // Unquoted field: up to the delimiter or the end of the line.
      let i = pos;
      let c = -1;
      // A number field: read -?digits(.digits)? first; numEnd is where that stopped (≤ 15 digits:
      // the integer is exact and one division by an exact power of ten rounds once, so the value
      // equals Number(text)); the field is that number if it ends there.
      let numEnd = -1;
      let kind = 0;
      // This column's array when the number is stored straight there.
      let t: Float64Array | null = null;
      if (count < numCols && (kind = kinds[count]) !== 0 && direct) t = to[count];
      if (kind !== 0) {
        // (By how many columns of the kind a row usually has: numbers, dates, yes/no, categories.)
        if (kind <= 2) {
          let j = pos;
          const neg = j < n && b[j] === 45;
          if (neg) j++;
          let v = 0;
          let digits = 0;
          let d = 0;
          while (j < n && (d = b[j] - 48) >= 0 && d <= 9) {
            v = v * 10 + d;
            digits++;
            j++;
          }
          let frac = 0;
          if (digits > 0 && kind === 2 && j < n && b[j] === 46) {
            j++;
            while (j < n && (d = b[j] - 48) >= 0 && d <= 9) {
              v = v * 10 + d;
              frac++;
              j++;
            }
          }
          if (digits > 0 && digits + frac <= 15) {
            if (frac > 0) v /= POW10[frac];
            if (t !== null) t[row] = neg ? -v : v;
            else nums[count] = neg ? -v : v;
            numEnd = j;
            kind = frac > 0 ? 2 : 1;
          }
          // Bytes [pos, j) are ASCII digits, - and . (never the delimiter): scan on from j.
          i = j;
        } else if (kind === 3) {
          // YYYY-MM-DD or YYYY/MM/DD (as NumberSink.writeBytes): days since 1970-01-01.
          const sep = pos + 10 <= n ? b[pos + 4] : 0;
          if ((sep === 45 || sep === 47) && b[pos + 7] === sep) {
            const y = d4(b, pos);
            const m = d2(b, pos + 5);
            const d = d2(b, pos + 8);
            if (y >= 0 && m >= 0 && d >= 0) {
              const v = isoDays(y, m, d);
              if (v === v) {
                if (t !== null) t[row] = v;
                else nums[count] = v;
                numEnd = i = pos + 10;
              }
            }
          }
        } else if (kind === 4) {
          // true/TRUE/false/FALSE/1/0 as BooleanSink.writeBytes reads them; empty as missing.
          let v = -1;
          let len = 0;
          if (pos + 4 <= n) {
            const w = bv.getInt32(pos, true);
            if (w === TRUE_LC || w === TRUE_UC) {
              v = 1;
              len = 4;
            } else if (
              pos + 5 <= n &&
              ((w === FALS_LC && b[pos + 4] === 101) || (w === FALS_UC && b[pos + 4] === 69))
            ) {
              v = 0;
              len = 5;
            }
          }
          if (v < 0) {
            const c0 = pos < n ? b[pos] : -1;
            if (c0 === 49 || c0 === 48) {
              v = c0 - 48;
              len = 1;
            } else if ((c0 === D || c0 === 10 || c0 === 13 || c0 === -1) && missing[count] === 1)
              v = MISSING_YES_NO;
          }
          if (v >= 0) {
            yesNo[count]![row] = v;
            numEnd = pos + len;
          }
          // Bytes [pos, pos + len) are ASCII letters or digits (never the delimiter): scan on.
          i = pos + len;
        } else {
          // A spelling the column's sink has stored cleanly: its code; empty: missing.
          // (CategoryCells' lookup, written out here: as a method call it took the inlining
          // budget that keeps the date reads d4/d2 inlined.)
          const cat = cats[count]!;
          let e = -1;
          if (pos + 4 <= n) {
            const w = bv.getInt32(pos, true);
            const slot = cat.slot;
            for (
              let s = Math.imul(w, 0x9e3779b1) >>> CATEGORY_SHIFT;
              ;
              s = (s + 1) & CATEGORY_MASK
            ) {
              e = slot[s] - 1;
              if (e < 0) break;
              if (cat.first[e] !== w) continue;
              const len = cat.len[e];
              if (pos + len > n || cat.last[e] !== bv.getInt32(pos + len - 4, true)) continue;
              if (len > 8) {
                const tv = cat.view;
                const o = cat.off[e];
                let k = 4;
                while (k < len - 4 && tv.getInt32(o + k, true) === bv.getInt32(pos + k, true))
                  k += 4;
                if (k < len - 4) continue;
              }
              break;
            }
          }
          if (e >= 0) {
            cat.codes[row] = cat.code[e];
            numEnd = i = pos + cat.len[e];
          } else if (cat.missing) {
            const c0 = pos < n ? b[pos] : -1;
            if (c0 === D || c0 === 10 || c0 === 13 || c0 === -1) {
              cat.codes[row] = -1;
              numEnd = pos;
            }
          }
        }
      }
      if (numEnd >= 0 && numEnd < n && b[numEnd] === D) {
        // The usual number, date, yes/no or category cell: read whole, and the delimiter right after it.
        numOk[count] = kind;
        if (t !== null || kind >= 4) stored++;
        starts[count] = pos;
        ends[count] = numEnd;
        count++;
        pos = numEnd + 1;
        continue;
      }
      while (i < n) {
        c = b[i];
        if (c === D || c === 10) break;
        if (c >= 0x80) {
          let j = next(b, i, n);
          if (j < 0) j = notNext(b, i, n, sjis);
          i = j;
        } else i++;
        c = -1;
      }
      if (c === D) {
        // (numOk of a column without a kind is never set; one with a kind is set or cleared.)
        if (kind !== 0) numOk[count] = 0;
        starts[count] = pos;
        ends[count] = i;
        count++;
        pos = i + 1;
        continue;
      }
      if (i - rowStart > maxRow) return longRow(record, rowLine);
      let end = i;
      if (end > pos && b[end - 1] === 13) end--;
      if (numEnd === end) {
        numOk[count] = kind;
        if (t !== null || kind >= 4) stored++;
      } else if (kind !== 0) numOk[count] = 0;
      starts[count] = pos;
      ends[count] = end;
      count++;
      if (i < n) {
        line++;
        pos = i + 1;
      } else pos = n;
      break;
    }
    // A blank line is one empty field: skip it, as spreadsheets do.
    if (!(count === 1 && starts[0] === ends[0] && texts[0] === undefined)) {
      record++;
      rec.count = count;
      rec.stored = stored;
      if (onRecord(rec, record, rowLine) === false) return { rows: record };
    }
    if (textSet) {
      texts.length = 0;
      textSet = false;
    }
  }
  return block ? { rows: record, line } : { rows: record };
}

/** Records as string arrays (tests, and the benchmark's like-for-like row comparison). */
export function parseBytesToRows(
  b: Uint8Array,
  delimiter: number,
  onRow: (fields: string[], record: number, line: number) => boolean | void,
  start = 0,
  encoding: ByteEncoding = 'utf-8',
): ParseResult {
  const decode = cellDecoder(encoding);
  return parseDelimitedBytes(
    b,
    delimiter,
    (rec, record, line) => {
      const fields = new Array<string>(rec.count);
      for (let k = 0; k < rec.count; k++) fields[k] = fieldText(b, rec, k, decode);
      return onRow(fields, record, line);
    },
    start,
    Infinity,
    undefined,
    encoding,
  );
}
