import type { FieldContract } from '../model';
import { daysToIso, MISSING_BOOL, type AccountTable } from '../table/columns';
import { csvText } from '../util/csvCell';

/**
 * Write a table as CSV (RFC 4180, CRLF-free LF lines), columns in contract order with the
 * field ids (or the labels in `lang`) as headers. Used by the demo-data script and tests.
 * Text cells go through the one CSV cell writer (src/util/csvCell.ts: formula-like text is
 * neutralised with a leading ').
 */
export function tableToCsv(
  table: AccountTable,
  contract: FieldContract,
  opts: { headers?: 'id' | 'ja' | 'en'; from?: number; to?: number; header?: boolean } = {},
): string {
  const fields = contract.fields.filter((f) => table.columns[f.id]);
  const out: string[] = [];
  if (opts.header !== false)
    out.push(
      fields
        .map((f) =>
          csvText(opts.headers === 'ja' ? f.label.ja : opts.headers === 'en' ? f.label.en : f.id),
        )
        .join(','),
    );
  const cols = fields.map((f) => table.columns[f.id]);
  const from = opts.from ?? 0;
  const to = Math.min(opts.to ?? table.rowCount, table.rowCount);
  for (let i = from; i < to; i++) {
    let line = '';
    for (let k = 0; k < cols.length; k++) {
      const col = cols[k];
      let s = '';
      if (col.type === 'string') {
        const code = col.codes[i];
        s = code < 0 ? '' : csvText(col.dict[code]);
      } else if (col.type === 'boolean') {
        const v = col.values[i];
        s = v === MISSING_BOOL ? '' : v ? 'true' : 'false';
      } else if (col.type === 'date') s = daysToIso(col.values[i]);
      else {
        const v = col.values[i];
        s = Number.isNaN(v) ? '' : String(v);
      }
      line += k === 0 ? s : ',' + s;
    }
    out.push(line);
  }
  return out.join('\n') + '\n';
}
