/**
 * A CSV/TSV parser over the decoded string (RFC 4180 plus what spreadsheets write: CRLF or LF,
 * quoted fields with "" escapes and embedded newlines). Lines without a quote are split with
 * the native String#split; only lines with quotes take the character loop (indexOf with cached
 * next delimiter / newline / quote positions). papaparse uses its fast split only when the
 * whole file has no quote at all, so on real exports (a few quoted names) this is faster
 * (see test/bench/data.bench.ts). Rows go to a callback so the importer can coerce straight
 * into typed columns without holding every cell as a string.
 */
export interface ParseResult {
  rows: number;
  /** Record number (1-based) and line of an unterminated quoted field, if the file ends inside one. */
  unterminated?: { record: number; line: number };
}

/** `onRow(fields, record, line)`: record is 1-based over non-blank records; line is where it starts. Return false to stop. */
export type RowHandler = (fields: string[], record: number, line: number) => boolean | void;

export function parseDelimited(text: string, delimiter: string, onRow: RowHandler, start = 0): ParseResult {
  const n = text.length;
  const D = delimiter.charCodeAt(0);
  let pos = start;
  let line = 1;
  let nextNl = text.indexOf('\n', pos);
  if (nextNl < 0) nextNl = n;
  let nextD = text.indexOf(delimiter, pos);
  if (nextD < 0) nextD = n;
  let row: string[] = [];
  let rowLine = 1;
  let record = 0;
  let pendingField = false; // a delimiter was consumed, so one more field follows even at EOF

  const endRow = (): boolean => {
    // A blank line is one empty field: skip it, as spreadsheets do.
    if (!(row.length === 1 && row[0] === '')) {
      record++;
      if (onRow(row, record, rowLine) === false) return false;
    }
    row = [];
    return true;
  };

  let nextQ = text.indexOf('"', pos);
  if (nextQ < 0) nextQ = n;

  while (pos < n) {
    if (row.length === 0) {
      rowLine = line;
      // Fast path: a whole line without quotes is split natively (String#split is C++).
      if (nextQ < pos) {
        nextQ = text.indexOf('"', pos);
        if (nextQ < 0) nextQ = n;
      }
      if (nextQ > nextNl) {
        const end = nextNl;
        row = text.slice(pos, end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end).split(delimiter);
        pendingField = false;
        pos = end + 1;
        if (end < n) {
          line++;
          nextNl = text.indexOf('\n', pos);
          if (nextNl < 0) nextNl = n;
        }
        if (!endRow()) return { rows: record };
        continue;
      }
    }
    if (text.charCodeAt(pos) === 34) {
      // Quoted field.
      let s = pos + 1;
      let val = '';
      for (;;) {
        const q = text.indexOf('"', s);
        if (q < 0) {
          return { rows: record, unterminated: { record: record + 1, line: rowLine } };
        }
        if (text.charCodeAt(q + 1) === 34) {
          val += text.slice(s, q + 1);
          s = q + 2;
          continue;
        }
        val += text.slice(s, q);
        pos = q + 1;
        break;
      }
      // Count the newlines the quoted field contained.
      while (nextNl < pos) {
        line++;
        nextNl = text.indexOf('\n', nextNl + 1);
        if (nextNl < 0) nextNl = n;
      }
      if (nextD < pos) {
        nextD = text.indexOf(delimiter, pos);
        if (nextD < 0) nextD = n;
      }
      // Text after the closing quote up to the next separator is kept (lenient, like Excel).
      let c = pos < n ? text.charCodeAt(pos) : -1;
      if (c !== D && c !== 10 && c !== 13 && c !== -1) {
        const end = Math.min(nextD, nextNl);
        val += text.slice(pos, end > pos && text.charCodeAt(end - 1) === 13 && end === nextNl ? end - 1 : end);
        pos = end > pos && text.charCodeAt(end - 1) === 13 && end === nextNl ? end - 1 : end;
        c = pos < n ? text.charCodeAt(pos) : -1;
      }
      row.push(val);
      if (c === D) {
        pos++;
        pendingField = true;
        continue;
      }
      pendingField = false;
      if (c === 13) pos++;
      if (pos < n && text.charCodeAt(pos) === 10) {
        pos++;
        line++;
        nextNl = text.indexOf('\n', pos);
        if (nextNl < 0) nextNl = n;
      }
      if (!endRow()) return { rows: record };
      continue;
    }
    // Unquoted field.
    if (nextD < pos) {
      nextD = text.indexOf(delimiter, pos);
      if (nextD < 0) nextD = n;
    }
    if (nextD < nextNl) {
      row.push(text.slice(pos, nextD));
      pos = nextD + 1;
      nextD = text.indexOf(delimiter, pos);
      if (nextD < 0) nextD = n;
      pendingField = true;
      continue;
    }
    const end = nextNl;
    row.push(text.slice(pos, end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
    pendingField = false;
    pos = end + 1;
    if (end < n) {
      line++;
      nextNl = text.indexOf('\n', pos);
      if (nextNl < 0) nextNl = n;
    }
    if (!endRow()) return { rows: record };
  }
  if (pendingField) row.push('');
  if (row.length > 0) endRow();
  return { rows: record };
}

/** Parse a small text fully (previews, tests). */
export function parseAll(text: string, delimiter: string, limit = Infinity): { rows: string[][]; lines: number[]; result: ParseResult } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const result = parseDelimited(text, delimiter, (f, _r, l) => {
    rows.push(f);
    lines.push(l);
    return rows.length < limit;
  });
  return { rows, lines, result };
}
