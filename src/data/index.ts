/**
 * Account data import, shared by the browser (import worker) and the CLI (`waymark score`).
 * Pure TypeScript: no DOM, no React.
 *
 *   const { table, report } = importAccountFile(bytes, 'crm.csv', playbook.fields);
 *
 * Throws ImportError (with `.issue`) when the file cannot be read at all: empty or 0-byte,
 * binary (PNG, zip/xlsx…), neither UTF-8 nor Shift_JIS, invalid JSON, no column for the
 * account key. Cell problems (bad numbers, dates, ragged rows, duplicate keys) are in
 * `report.issues` with file, row, column and field; `opts.badRows` chooses skip (default) or blank.
 */
export {
  importAccountFile,
  inspectFile,
  type ImportOptions,
  type ImportReport,
  type FilePreview,
  type BadRowPolicy,
} from './importFile';
export { checkFileSize, DEFAULT_LIMITS, type ImportLimits } from './limits';
export {
  ImportError,
  OWN_PLACE,
  placedIssueText,
  type ImportIssue,
  type ImportIssueCode,
} from './issues';
export { autoMap, mappedColumn, type ColumnMapping } from './mapping';
export { detectEncoding, decodeBytes, type Encoding } from './encoding';
export { parseDelimited, parseAll } from './csv';
export { parseNumber, parseDate, parseBoolean, halfWidth } from './coerce';
export { normalizeCompanyName } from './normalize';
export { joinTables, type JoinReport, type JoinInput, type NameMatch } from './join';
export type { FileFormat } from './detect';
