/**
 * Import problems, located by file, row, column and field. `code` is an i18n key under the
 * `data` namespace (`issue.<code>`), `params` fill it, and `message` is the English text used
 * where there is no UI (CLI, logs, tests).
 */
import en from '../i18n/en/data';

export type ImportIssueCode =
  | 'empty_file'
  | 'no_rows'
  | 'binary_file'
  | 'bad_encoding'
  | 'bad_json'
  | 'json_shape'
  | 'ragged_row'
  | 'unterminated_quote'
  | 'bad_number'
  | 'bad_integer'
  | 'bad_date'
  | 'bad_boolean'
  | 'bad_category'
  | 'missing_required'
  | 'required_unmapped'
  | 'key_unmapped'
  | 'duplicate_key'
  | 'formula_cell'
  | 'storage_failed'
  | 'file_too_large'
  | 'file_changed'
  | 'text_too_large'
  | 'row_too_long'
  | 'json_too_deep'
  | 'mixed_encoding'
  | 'number_out_of_range'
  | 'imprecise_number'
  | 'xlsx_not_zip'
  | 'xlsx_encrypted'
  | 'xlsx_damaged'
  | 'xlsx_empty_sheet'
  | 'xlsx_no_sheet'
  | 'percent_mixed'
  | 'truncated_file'
  | 'truncated_record'
  | 'truncated_quote';

export interface ImportIssue {
  code: ImportIssueCode;
  severity: 'fatal' | 'error' | 'warning';
  file: string;
  /** 1-based line/record number in the file as the user sees it (header = row 1), when known. */
  row?: number;
  /** 1-based column number and its header text, when known. */
  column?: number;
  header?: string;
  field?: string;
  /** The offending text, cut to 80 characters. */
  raw?: string;
  params: Record<string, string | number>;
  message: string;
}

/** Issues whose text already says where (a line, a list of lines, a JSON path): no place prefix. */
export const OWN_PLACE: ReadonlySet<ImportIssueCode> = new Set<ImportIssueCode>([
  'unterminated_quote',
  'truncated_record',
  'truncated_quote',
  'row_too_long',
  'json_too_deep',
  'mixed_encoding',
]);

/**
 * Issues whose text names the file itself (`{{file}}` in the template; the Japanese and English
 * templates agree, a test holds them to it). When such an issue has a place (row, column), the
 * place fills that slot instead of going in front, so the file is named once.
 */
export const NAMES_FILE: ReadonlySet<string> = new Set(
  Object.entries(en.issue)
    .filter(([, tpl]) => tpl.includes('{{file}}'))
    .map(([code]) => code),
);

/** The words of a place in the reader's language ("row", "column"). */
export interface PlaceWords {
  row: string;
  column: string;
}

/**
 * An import issue as text in a language, for the app and the CLI alike: `fill` fills that
 * language's template of `i.code` with the params it is given. "crm.csv, row 12, column 3
 * (MRR) → mrr: "abc" is not a number…"; an issue whose text says where (OWN_PLACE) stands
 * alone, and one whose text names its file gets the place in that slot (see NAMES_FILE).
 */
export function placedIssueText(
  i: ImportIssue,
  fill: (params: Record<string, string | number>) => string,
  words: PlaceWords,
  withPlace = true,
): string {
  const params: Record<string, string | number> = {
    ...(i.row !== undefined ? { row: i.row } : {}),
    ...i.params,
    file: i.file,
    raw: i.raw ?? '',
    field: i.field ?? i.params.field ?? '',
  };
  if (!withPlace || i.row === undefined || OWN_PLACE.has(i.code)) return fill(params);
  const place = [
    i.file,
    `${words.row} ${i.row}`,
    i.column !== undefined ? `${words.column} ${i.column}${i.header ? ` (${i.header})` : ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (NAMES_FILE.has(i.code)) return fill({ ...params, file: place });
  return `${place}${i.field ? ` → ${i.field}` : ''}: ${fill(params)}`;
}

/** Thrown for a file that cannot be imported at all (empty, binary, undecodable, no key column). */
export class ImportError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
    this.name = 'ImportError';
  }
}

export function clip(s: string, n = 80): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
