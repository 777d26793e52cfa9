/**
 * A CSV/TSV parser over the decoded string (RFC 4180 plus what spreadsheets write: CRLF or LF,
 * quoted fields with "" escapes and embedded newlines). One charCodeAt pass over the text: plain
 * characters are skipped in a tight inner loop (for a comma one comparison each), and each field
 * is one slice. Fields are short (about 6 characters in the demo export), so this beats an
 * indexOf per field (the call costs more than the scan) and String#split per line (a runtime call
 * per line). Quoted fields jump from quote to quote with indexOf. Each row array is preallocated
 * to the previous row's width and stores stay in bounds, so V8 keeps one array shape and does
 * not deoptimise the loop. About 2× papaparse on the same text (test/bench/data.bench.ts,
 * docs/data-import.md). Rows go to a callback so the importer can coerce straight into typed
 * columns without holding every cell as a string. csvBytes.ts follows the same rules on bytes.
 */
export interface ParseResult {
  rows: number;
  /** Record number (1-based) and line of an unterminated quoted field, if the file ends inside one. */
  unterminated?: { record: number; line: number };
  /** The record (1-based) and line where a row grew past `maxRow`: parsing stopped there. */
  tooLong?: { record: number; line: number };
}

/** `onRow(fields, record, line)`: record is 1-based over non-blank records; line is where it starts. Return false to stop. */
export type RowHandler = (fields: string[], record: number, line: number) => boolean | void;

export function parseDelimited(
  text: string,
  delimiter: string,
  onRow: RowHandler,
  start = 0,
  /** Longest row (characters) read; a longer one stops the parse (a file with no line breaks, a runaway quote). */
  maxRow = Infinity,
): ParseResult {
  const n = text.length;
  const D = delimiter.charCodeAt(0);
  // Plain text: any character above '"' (so also above '\n' and '\r') other than the delimiter.
  // The first test alone passes most characters of a comma-separated file.
  const plainAbove = D > 34 ? D : 34;
  let line = 1;
  let rowLine = 1;
  let record = 0;
  // Invariant: width === row.length. Writes below width stay in bounds; push only grows a row.
  let width = 8;
  let row = new Array<string>(width);
  let k = 0; // fields in the current row
  let s = start; // start of the current field
  let i = start;
  let rowStart = start;
  while (i < n) {
    // Skip plain text in a tight inner loop (measurably faster in V8 than a `continue` per character).
    let c = text.charCodeAt(i);
    while (c > plainAbove || (c > 34 && c < D)) {
      if (++i === n) break;
      c = text.charCodeAt(i);
    }
    if (i === n) break;
    if (c === D) {
      if (i - rowStart > maxRow)
        return { rows: record, tooLong: { record: record + 1, line: rowLine } };
      const field = text.slice(s, i);
      if (k < width) row[k++] = field;
      else {
        width = row.push(field);
        k++;
      }
      s = ++i;
      continue;
    }
    let pos: number; // where the row ends
    if (c === 10) {
      const field = text.slice(s, i > s && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
      if (k < width) row[k++] = field;
      else {
        width = row.push(field);
        k++;
      }
      pos = i + 1;
      line++;
    } else if (c === 34 && i === s) {
      // Quoted field (a quote elsewhere in a field is literal).
      const q = readQuoted(text, i, delimiter, rowStart + maxRow);
      if (q !== true)
        return q === 'long'
          ? { rows: record, tooLong: { record: record + 1, line: rowLine } }
          : { rows: record, unterminated: { record: record + 1, line: rowLine } };
      if (k < width) row[k++] = quotedText;
      else {
        width = row.push(quotedText);
        k++;
      }
      line += quotedLines;
      pos = quotedEnd;
      const sep = pos < n ? text.charCodeAt(pos) : -1;
      if (sep === D) {
        s = i = pos + 1;
        continue;
      }
      // The row ends at LF, CRLF, the end of the text, or (after a quoted field only) a lone CR.
      if (sep === 13) pos++;
      if (pos < n && text.charCodeAt(pos) === 10) {
        pos++;
        line++;
      }
    } else {
      i++;
      continue;
    }
    if (pos - rowStart > maxRow)
      return { rows: record, tooLong: { record: record + 1, line: rowLine } };
    s = i = rowStart = pos;
    // A blank line is one empty field: skip it, as spreadsheets do.
    if (k !== 1 || row[0] !== '') {
      if (k !== width) row.length = width = k;
      record++;
      if (onRow(row, record, rowLine) === false) return { rows: record };
      row = new Array<string>(width);
    }
    k = 0;
    rowLine = line;
  }
  // The last line without a newline, or a delimiter just before the end (one more, empty, field).
  if ((s < n || k > 0) && n - rowStart > maxRow)
    return { rows: record, tooLong: { record: record + 1, line: rowLine } };
  if (s < n || k > 0) {
    row.length = k;
    row.push(s < n ? text.slice(s, text.charCodeAt(n - 1) === 13 ? n - 1 : n) : '');
    k++;
    if (k !== 1 || row[0] !== '') onRow(row, ++record, rowLine);
  }
  return { rows: record };
}

// readQuoted's results (module state rather than an object per quoted field).
let quotedText = '';
let quotedEnd = 0;
let quotedLines = 0;

/**
 * Reads the quoted field opening at `open`: its text, the index after it, the newlines inside.
 * False if it never closes; 'long' if it runs past `limit` (checked before joining pieces, so a
 * runaway field never builds a huge string).
 */
function readQuoted(
  text: string,
  open: number,
  delimiter: string,
  limit = Infinity,
): boolean | 'long' {
  const n = text.length;
  let from = open + 1;
  let val = '';
  let pos: number;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return false;
    if (q > limit) return 'long';
    if (text.charCodeAt(q + 1) === 34) {
      val += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    val += text.slice(from, q);
    pos = q + 1;
    break;
  }
  let lines = 0;
  for (let j = text.indexOf('\n', open + 1); j >= 0 && j < pos; j = text.indexOf('\n', j + 1))
    lines++;
  const c = pos < n ? text.charCodeAt(pos) : -1;
  if (c !== delimiter.charCodeAt(0) && c !== 10 && c !== 13 && c !== -1) {
    // Text after the closing quote up to the next separator is kept (lenient, like Excel).
    let d = text.indexOf(delimiter, pos);
    if (d < 0) d = n;
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    let end = d < nl ? d : nl;
    if (end === nl && end > pos && text.charCodeAt(end - 1) === 13) end--;
    val += text.slice(pos, end);
    pos = end;
  }
  quotedText = val;
  quotedEnd = pos;
  quotedLines = lines;
  return true;
}

/** Parse a small text fully (previews, tests). */
export function parseAll(
  text: string,
  delimiter: string,
  limit = Infinity,
  maxRow = Infinity,
): { rows: string[][]; lines: number[]; result: ParseResult } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const result = parseDelimited(
    text,
    delimiter,
    (f, _r, l) => {
      rows.push(f);
      lines.push(l);
      return rows.length < limit;
    },
    0,
    maxRow,
  );
  return { rows, lines, result };
}
