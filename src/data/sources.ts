import type { FieldContract } from '../model';
import { parseAll, parseDelimited } from './csv';
import { detectDelimiter, detectFormat, detectHeader, type FileFormat } from './detect';
import { ImportError } from './issues';
import { limitsOf, megabytes, type ImportLimits } from './limits';
import { findTooDeep } from '../util/jsonDepth';

/**
 * A decoded file as rows of cells: CSV/TSV (strings) or JSON/NDJSON (JSON values).
 * `forEach` streams the data rows (after the header) with their record and line numbers.
 */
export interface RowSource {
  format: FileFormat;
  delimiter?: string;
  hasHeader: boolean;
  headers: string[];
  /** Rough row count for progress. */
  estimatedRows: number;
  preview(limit: number): unknown[][];
  forEach(cb: (cells: ArrayLike<unknown>, record: number, line: number) => void): {
    unterminated?: { record: number; line: number };
    tooLong?: { record: number; line: number };
  };
}

export interface SourceOptions {
  format?: FileFormat;
  delimiter?: string;
  hasHeader?: boolean;
  limits?: Partial<ImportLimits>;
}

/** A row longer than the limit: the file cannot be read past it (fatal). `row` as the user counts (header = 1). */
export function rowTooLong(file: string, row: number, line: number, limit: number): ImportError {
  return new ImportError({
    code: 'row_too_long',
    severity: 'fatal',
    file,
    row,
    params: { row, line, limit: megabytes(limit) },
    message: `${file}, row ${row} (line ${line}): this row is longer than ${megabytes(limit)}, so the file was not read. A row this long usually means the line breaks are not recognised (check the delimiter and that the file is CSV, TSV, JSON or NDJSON text) or a quote (") is never closed; fix the file or export it again.`,
  });
}

export function openSource(
  text: string,
  file: string,
  contract: FieldContract,
  opts: SourceOptions = {},
): RowSource {
  if (text.trim() === '') {
    throw new ImportError({
      code: 'empty_file',
      severity: 'fatal',
      file,
      params: {},
      message: `${file}: the file has no data (only blank lines or spaces). Check that you exported the right sheet.`,
    });
  }
  const format = opts.format ?? detectFormat(file, text);
  if (format === 'json' || format === 'ndjson')
    return jsonSource(text, file, format, limitsOf(opts.limits).maxJsonDepth);
  return delimitedSource(text, file, contract, format, opts);
}

/** Text parsed to count its records exactly; a longer text is counted in its first part and scaled. */
const COUNTED_CHARS = 8 << 20;

/**
 * Data records in `text`, as the import will read them: a quoted line break (a CRM's multi-line
 * note) does not start a record and a blank line is none, so counting line breaks said "about
 * 60,000 rows" for 30,000 two-line notes. The 40 rows of the sample are no guide either (sample
 * length ÷ 40 undercounted ~10-fold). A text past 8M characters is counted in its first 8M and
 * scaled by length; a text the parser stops on (a row too long) falls back to its line breaks,
 * and the import then reports where it stops.
 */
function countRecords(text: string, delimiter: string, hasHeader: boolean, maxRow: number): number {
  const part = text.length > COUNTED_CHARS ? text.slice(0, COUNTED_CHARS) : text;
  const r = parseDelimited(part, delimiter, () => true, 0, maxRow);
  let records: number;
  // Unterminated: a head cut inside a quoted note, or a runaway quote the import will report;
  // the records before it count.
  if (part === text && !r.tooLong) records = r.rows;
  else if (part !== text && r.rows > 0 && !r.tooLong)
    records = Math.round(r.rows * (text.length / part.length));
  else {
    records = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) records++;
    if (text.length && !text.endsWith('\n')) records++;
  }
  return Math.max(1, records - (hasHeader ? 1 : 0));
}

function delimitedSource(
  text: string,
  file: string,
  contract: FieldContract,
  format: FileFormat,
  opts: SourceOptions,
): RowSource {
  const { maxRowBytes } = limitsOf(opts.limits);
  // The sample holds the whole header line however long it is (plus 64K of rows), so a wide
  // header is never cut into fewer columns than the rows have.
  const firstBreak = text.indexOf('\n');
  const headerEnd = firstBreak < 0 ? text.length : firstBreak;
  if (headerEnd > maxRowBytes) throw rowTooLong(file, 1, 1, maxRowBytes);
  const sampleEnd = Math.max(64 * 1024, headerEnd + 1 + 64 * 1024);
  const sample = text.slice(0, sampleEnd);
  const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : detectDelimiter(sample));
  const head = parseAll(sample, delimiter, 40, maxRowBytes).rows;
  const hasHeader = opts.hasHeader ?? detectHeader(head, contract);
  const width = head.reduce((m, r) => Math.max(m, r.length), 0);
  const headers = hasHeader
    ? head[0].map((h, i) => h.trim() || `Column ${i + 1}`)
    : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const estimatedRows = countRecords(text, delimiter, hasHeader, maxRowBytes);
  return {
    format: delimiter === '\t' ? 'tsv' : 'csv',
    delimiter,
    hasHeader,
    headers,
    estimatedRows,
    preview: (limit) =>
      parseAll(
        text.slice(0, sampleEnd + 256 * 1024),
        delimiter,
        limit + (hasHeader ? 1 : 0),
        maxRowBytes,
      ).rows.slice(hasHeader ? 1 : 0),
    forEach(cb) {
      const r = parseDelimited(
        text,
        delimiter,
        (fields, record, line) => {
          if (hasHeader && record === 1) return;
          cb(fields, hasHeader ? record - 1 : record, line);
        },
        0,
        maxRowBytes,
      );
      return r.unterminated
        ? { unterminated: r.unterminated }
        : r.tooLong
          ? { tooLong: r.tooLong }
          : {};
    },
  };
}

function badJson(file: string, err: unknown, line?: number): ImportError {
  const msg = err instanceof Error ? err.message : String(err);
  return new ImportError({
    code: 'bad_json',
    severity: 'fatal',
    file,
    row: line,
    params: { detail: msg, line: line ?? '' },
    message: `${file}${line ? `, line ${line}` : ''}: not valid JSON (${msg}). Fix the file or export it again.`,
  });
}

/** The line of the "at position N" JSON.parse names (V8's message), so the user can find it. */
function lineOfPosition(text: string, err: unknown): number | undefined {
  const m = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!m) return undefined;
  const pos = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function shapeError(file: string, what: string): ImportError {
  return new ImportError({
    code: 'json_shape',
    severity: 'fatal',
    file,
    params: { what },
    message: `${file}: expected an array of objects (one per account) or {"rows": [...]}, found ${what}.`,
  });
}

function jsonSource(
  text: string,
  file: string,
  format: 'json' | 'ndjson',
  maxDepth: number,
): RowSource {
  // Before parsing: V8 parses very deep nesting, but stringifying a cell would overflow the stack.
  const deep = findTooDeep(text, maxDepth);
  if (deep) {
    throw new ImportError({
      code: 'json_too_deep',
      severity: 'fatal',
      file,
      row: deep.line,
      params: { line: deep.line, column: deep.column, path: deep.path, max: maxDepth },
      message: `${file}, line ${deep.line}, column ${deep.column} (${deep.path}): arrays and objects are nested more than ${maxDepth} levels deep. Account data is one object per account with plain values; export it again without the nesting.`,
    });
  }
  let objects: Record<string, unknown>[];
  const lines: number[] = [];
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw badJson(file, e, lineOfPosition(text, e));
    }
    const arr = Array.isArray(doc)
      ? doc
      : doc && typeof doc === 'object' && Array.isArray((doc as { rows?: unknown }).rows)
        ? (doc as { rows: unknown[] }).rows
        : null;
    if (!arr) throw shapeError(file, Array.isArray(doc) ? 'an array' : typeof doc);
    objects = arr as Record<string, unknown>[];
    for (let i = 0; i < arr.length; i++) {
      const o = arr[i];
      if (!o || typeof o !== 'object' || Array.isArray(o))
        throw shapeError(file, `item ${i} is ${Array.isArray(o) ? 'an array' : typeof o}`);
      lines.push(i + 1);
    }
  } else {
    objects = [];
    let lineNo = 0;
    for (const l of text.split('\n')) {
      lineNo++;
      const t = l.trim();
      if (t === '') continue;
      let o: unknown;
      try {
        o = JSON.parse(t);
      } catch (e) {
        throw badJson(file, e, lineNo);
      }
      if (!o || typeof o !== 'object' || Array.isArray(o))
        throw shapeError(file, `line ${lineNo}: ${Array.isArray(o) ? 'an array' : typeof o}`);
      objects.push(o as Record<string, unknown>);
      lines.push(lineNo);
    }
  }
  // Keys from every object, not a sample: a column first seen in the last row is still a column.
  const headerSet = new Set<string>();
  for (let i = 0; i < objects.length; i++)
    for (const k of Object.keys(objects[i])) headerSet.add(k);
  const headers = [...headerSet];
  // Own keys only: a column named `constructor` or `toString` is not Object.prototype's.
  const cellsOf = (o: Record<string, unknown>) =>
    headers.map((h) => {
      const v = Object.hasOwn(o, h) ? o[h] : undefined;
      return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
    });
  return {
    format,
    hasHeader: true,
    headers,
    estimatedRows: objects.length,
    preview: (limit) => objects.slice(0, limit).map(cellsOf),
    forEach(cb) {
      for (let i = 0; i < objects.length; i++) cb(cellsOf(objects[i]), i + 1, lines[i]);
      return {};
    },
  };
}
