import type { ScoreResult } from '../engine';
import type { CtaMark, Playbook } from '../model';
import type { AccountTable } from '../table/columns';

/** Labels as id → text pairs (functions do not cross postMessage). */
export type LabelPairs = [string, string][];

export interface SheetLabelData {
  segment: LabelPairs;
  stage: LabelPairs;
  color: LabelPairs;
  headers: { segment: string; stage: string; color: string };
}

export interface QueueLabelData {
  color: LabelPairs;
  ctaType: LabelPairs;
  priority: LabelPairs;
}

/** What to write. Row lists are the rows shown, in the order shown. */
export type ExportJob =
  | { kind: 'scoresCsv'; rows: Int32Array | null; labels: SheetLabelData }
  | { kind: 'scoresXlsx'; rows: Int32Array | null; labels: SheetLabelData; sheetName: string }
  | {
      kind: 'queueCsv';
      idx: Int32Array;
      playbook: Playbook;
      labels: QueueLabelData;
      /**
       * The lifecycle columns as the queue shows them: the stored runs before this one (newest
       * first) and the project's marks; null while the screen had not loaded it (empty columns,
       * as the screen showed).
       */
      life: { before: string[]; marks: CtaMark[] } | null;
    };

/** The scored run the worker writes from; sent once per run and kept by `key`. */
export interface ExportData {
  key: number;
  result: ScoreResult;
  /** Only the columns a job reads (company name, MRR), to keep the message small. */
  table: AccountTable;
}

export type ExportRequest =
  | {
      type: 'export';
      id: number;
      key: number;
      /** Absent when the worker already holds the data of `key`. */
      data?: ExportData;
      job: ExportJob;
      /** A file picked with showSaveFilePicker: written in place. Absent: a Blob comes back. */
      handle?: FileSystemFileHandle;
    }
  | { type: 'cancel'; id: number };

export type ExportResponse =
  | { type: 'progress'; id: number; phase: 'write' | 'pack'; done: number; total: number }
  | { type: 'done'; id: number; bytes: number; blob?: Blob }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };
