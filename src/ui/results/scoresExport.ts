import type { ScoreResult } from '../../engine';
import type { AccountTable } from '../../table/columns';
import type { SheetLabelData } from '../../workers/exportProtocol';
import { sheetLabelData } from './exportLabels';
import type { useFileExport } from './useFileExport';

type T = (key: string) => string;

/**
 * The scores shown in the account table, as a file written by the export worker: CSV (UTF-8
 * with a BOM, so Excel on Japanese Windows reads the labels right; every cell through csvCell,
 * so no cell runs as a formula) or XLSX (typed cells: numbers stay numbers). Both carry the
 * columns of `waymark score`, then the labels.
 */
export function startScoresExport(
  exporter: ReturnType<typeof useFileExport>,
  format: 'csv' | 'xlsx',
  r: ScoreResult,
  /** The run's worker columns (workerTable). */
  table: AccountTable,
  rows: ArrayLike<number>,
  labels: Parameters<typeof sheetLabelData>[1] & { headers: SheetLabelData['headers'] },
  fileBase: string,
  sheetName: string,
  t: T,
  onDone: (file: string) => void,
): void {
  const data = sheetLabelData(r, labels, labels.headers);
  // A copy: the table's row list stays the page's.
  const list = Int32Array.from(rows);
  void exporter.start({
    what: t(format === 'csv' ? 'exportJob.whatScoresCsv' : 'exportJob.whatScoresXlsx'),
    file: `${fileBase}.${format}`,
    type:
      format === 'csv'
        ? { description: t('exportJob.typeCsv'), mime: 'text/csv', ext: '.csv' }
        : {
            description: t('exportJob.typeXlsx'),
            mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            ext: '.xlsx',
          },
    result: r,
    table,
    job:
      format === 'csv'
        ? { kind: 'scoresCsv', rows: list, labels: data }
        : { kind: 'scoresXlsx', rows: list, labels: data, sheetName },
    onDone,
  });
}
