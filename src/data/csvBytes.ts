import type { ParseResult } from './csv';
import { decodeSjis, sjisNext } from './sjisBytes';

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
  const rec: ByteRecord = {
    count: 0,
    start: new Int32Array(64),
    end: new Int32Array(64),
    text: [],
  };
  let starts = rec.start;
  let ends = rec.end;
  const texts = rec.text;
  let textSet = false;

  while (pos < n) {
    const rowLine = line;
    const rowStart = pos;
    let count = 0;
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
            const j = next(b, i, n);
            if (j < 0) throw new Utf8Error(i);
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
              const k = next(b, j, n);
              if (k < 0) throw new Utf8Error(j);
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
      while (i < n) {
        c = b[i];
        if (c === D || c === 10) break;
        if (c >= 0x80) {
          const j = next(b, i, n);
          if (j < 0) throw new Utf8Error(i);
          i = j;
        } else i++;
        c = -1;
      }
      if (c === D) {
        starts[count] = pos;
        ends[count] = i;
        count++;
        pos = i + 1;
        continue;
      }
      if (i - rowStart > maxRow) return longRow(record, rowLine);
      let end = i;
      if (end > pos && b[end - 1] === 13) end--;
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
