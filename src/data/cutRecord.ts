import { ImportError, type ImportIssue } from './issues';

/**
 * A file cut off between two characters (a download or copy that stopped inside a record) does
 * not end inside a character (encoding.ts truncatedError), so it reads as a short last row or a
 * quote left open. Both are diagnosed as a cut, with the byte offset where the file ends, when
 * the evidence supports it:
 * - the last record has fewer fields than the header AND the file has no final line break;
 * - a quote opened on the file's last line is never closed AND the file has no final line break.
 * A file that only lacks a final line break (its last row complete) is normal and not flagged; a
 * cut exactly at a line break cannot be told from a complete file (nothing says rows are missing).
 */

/** What the check reads of an import report (importFile.ts ImportReport). */
export interface CutReport {
  format: string;
  rowsRead: number;
  hasHeader: boolean;
  issues: ImportIssue[];
}

/** What the check needs of the file: its size, last byte, and the number of its last line. */
export interface FileEnd {
  size: number;
  lastByte: number;
  /** 1-based number of the file's last line (line breaks + 1), computed only when needed. */
  lastLine: () => number;
}

export function fileEndOf(bytes: Uint8Array): FileEnd {
  return {
    size: bytes.length,
    lastByte: bytes.length ? bytes[bytes.length - 1] : -1,
    lastLine: () => {
      let n = 1;
      for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
      return n;
    },
  };
}

const endsWithBreak = (end: FileEnd) => end.lastByte === 0x0a || end.lastByte === 0x0d;

/** A short last row of a file with no final line break: the cut, as a fatal error; else null. */
export function cutRecordError(file: string, report: CutReport, end: FileEnd): ImportError | null {
  if (end.size === 0 || endsWithBreak(end)) return null;
  if (report.format !== 'csv' && report.format !== 'tsv') return null;
  const lastRow = report.rowsRead + (report.hasHeader ? 1 : 0);
  const short = report.issues.find(
    (i) =>
      i.code === 'ragged_row' &&
      i.row === lastRow &&
      Number(i.params.found) < Number(i.params.expected),
  );
  if (!short) return null;
  const params = {
    offset: end.size,
    row: lastRow,
    found: Number(short.params.found),
    expected: Number(short.params.expected),
  };
  return new ImportError({
    code: 'truncated_record',
    severity: 'fatal',
    file,
    row: lastRow,
    params,
    message: `${file}: the file ends at byte ${params.offset} inside row ${params.row}, which has ${params.found} of the header's ${params.expected} fields and no line break after it: the file was cut off (e.g. an interrupted download or export), so rows may be missing too. Export or download the whole file again and import that.`,
  });
}

/** A quote opened on the last line and never closed, no final line break: the cut; else null. */
export function cutQuoteError(
  file: string,
  unterminated: ImportIssue,
  end: FileEnd,
): ImportError | null {
  if (unterminated.code !== 'unterminated_quote' || end.size === 0 || endsWithBreak(end))
    return null;
  const line = Number(unterminated.params.line);
  if (line !== end.lastLine()) return null;
  const params = { offset: end.size, row: unterminated.row ?? 0, line };
  return new ImportError({
    code: 'truncated_quote',
    severity: 'fatal',
    file,
    row: unterminated.row,
    params,
    message: `${file}: the file ends at byte ${params.offset} inside a quoted field of row ${params.row} (line ${params.line}), with no line break after it: the file was cut off (e.g. an interrupted download or export), so rows may be missing too. Export or download the whole file again and import that.`,
  });
}

/**
 * The import's outcome with a cut diagnosed: throws the cut instead of a report whose last row
 * is short or whose last quote is open (importAccountFile and the CLI's streamed import).
 */
export function checkCut(file: string, report: CutReport, end: FileEnd): void {
  const open = report.issues.find((i) => i.code === 'unterminated_quote');
  const cut = (open && cutQuoteError(file, open, end)) || cutRecordError(file, report, end);
  if (cut) throw cut;
}
