/** An .xlsx sheet as a RowSource: the import, the preview and the field inference read it like CSV. */
import type { FieldContract } from '../model';
import { detectHeader } from './detect';
import type { ImportLimits } from './limits';
import type { RowSource } from './sources';
import { readXlsx } from './xlsx';

/** A cell as header text (the header detection compares strings). */
function headText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export function xlsxSource(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: { sheet?: string; hasHeader?: boolean; limits?: Partial<ImportLimits> } = {},
): RowSource & { sheet: string; sheets: string[] } {
  const { name, rows, sheets } = readXlsx(bytes, file, opts.sheet, opts.limits);
  const hasHeader =
    opts.hasHeader ??
    detectHeader(
      rows.slice(0, 40).map((r) => r.map(headText)),
      contract,
    );
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const headers = Array.from({ length: width }, (_, i) =>
    hasHeader ? headText(rows[0][i]).trim() || `Column ${i + 1}` : `Column ${i + 1}`,
  );
  const body = hasHeader ? rows.slice(1) : rows;
  const first = hasHeader ? 2 : 1;
  // A row shorter than the header is padded: Excel leaves empty trailing cells out.
  const full = (r: unknown[]) =>
    r.length >= width ? r : [...r, ...Array(width - r.length).fill(null)];
  return {
    format: 'xlsx',
    hasHeader,
    headers,
    sheet: name,
    sheets,
    estimatedRows: body.length,
    preview: (limit) => body.slice(0, limit).map(full),
    forEach(cb) {
      for (let i = 0; i < body.length; i++) {
        const r = body[i];
        // Wholly blank rows between data are skipped, as blank lines are in CSV.
        if (r.every((c) => c === null || c === '')) continue;
        cb(full(r), i + 1, i + first);
      }
      return {};
    },
  };
}
