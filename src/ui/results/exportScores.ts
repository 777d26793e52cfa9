import { scoreSheet, type ScoreResult, type SheetLabels } from '../../engine';
import { csvLine } from '../../util/csvCell';
import { downloadBlob } from '../common/download';

/**
 * The scores shown in the account table, as a file: CSV (UTF-8 with a BOM, so Excel on Japanese
 * Windows reads the labels right; every cell through csvCell, so no cell runs as a formula) or
 * XLSX (typed cells: numbers stay numbers). Both carry the columns of `waymark score`, then the
 * labels.
 */
export function scoresCsv(r: ScoreResult, labels: SheetLabels, rows: ArrayLike<number>): string {
  const sheet = scoreSheet(r, labels, rows);
  let s = '\uFEFF' + csvLine(sheet.header) + '\n';
  for (const row of sheet.rows) s += csvLine(row) + '\n';
  return s;
}

export function downloadScoresCsv(
  r: ScoreResult,
  labels: SheetLabels,
  rows: ArrayLike<number>,
  file: string,
): void {
  downloadBlob(new Blob([scoresCsv(r, labels, rows)], { type: 'text/csv;charset=utf-8' }), file);
}

/** XLSX through write-excel-file, loaded on demand (it is only needed when exporting). */
export async function downloadScoresXlsx(
  r: ScoreResult,
  labels: SheetLabels,
  rows: ArrayLike<number>,
  file: string,
  sheetName: string,
): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const sheet = scoreSheet(r, labels, rows);
  const data = [
    sheet.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...sheet.rows.map((row) => row.map((v) => (v === null || v === '' ? null : { value: v }))),
  ];
  const blob = await writeXlsxFile(data, { sheet: sheetName.slice(0, 31) }).toBlob();
  downloadBlob(blob, file);
}
