/** Read a data file's columns (same detection as the import) and propose its field contract. */
import type { FieldContract } from '../model';
import { decodeBytes, type Encoding } from './encoding';
import { ImportError } from './issues';
import { openSource } from './sources';
import { inferFields, type FieldProposal, type InputColumn } from './inferFields';
import type { FileFormat } from './detect';
import { looksLikeXlsx } from './xlsx';
import { xlsxSource } from './xlsxSource';

export interface InferFileResult extends FieldProposal {
  encoding: Encoding;
  format: FileFormat;
  rowsRead: number;
}

/** No fields: the header is detected from the cells alone. */
const NO_CONTRACT: FieldContract = { accountKey: 'account_id', fields: [] };

/** Throws ImportError (empty, binary, bad encoding, bad JSON) like importAccountFile. */
export function inferFieldsFromFile(
  bytes: Uint8Array,
  file: string,
  opts: { encoding?: Encoding; sheet?: string } = {},
): InferFileResult {
  if (bytes.length === 0)
    throw new ImportError({
      code: 'empty_file',
      severity: 'fatal',
      file,
      params: {},
      message: `${file}: the file is empty (0 bytes). Export the data again and choose the new file.`,
    });
  const xlsx = looksLikeXlsx(bytes, file);
  const { text, encoding } = xlsx
    ? { text: '', encoding: 'utf-8' as const }
    : decodeBytes(bytes, file, opts.encoding);
  const source = xlsx
    ? xlsxSource(bytes, file, NO_CONTRACT, { sheet: opts.sheet })
    : openSource(text, file, NO_CONTRACT);
  const columns: InputColumn[] = source.headers.map((header) => ({ header, values: [] }));
  let rowsRead = 0;
  source.forEach((cells) => {
    rowsRead++;
    for (let i = 0; i < columns.length; i++) (columns[i].values as unknown[]).push(cells[i]);
  });
  return { ...inferFields(columns), encoding, format: source.format, rowsRead };
}
