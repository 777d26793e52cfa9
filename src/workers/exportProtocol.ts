import type { OutcomeLabels, PredictiveBacktestResult, ScoreResult } from '../engine';
import type { CtaMark, Playbook } from '../model';
import type { AccountTable } from '../table/columns';
import type { Piece } from './pieces';

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
       * as the screen showed). `runId`: the stored run shown, whose lifecycle the tab had the
       * worker compute from the store (lifecycleOfRun): reused, not computed again.
       */
      life: { before: string[]; marks: CtaMark[]; runId?: string } | null;
    };

/** The scored run the worker works from; sent once per run and kept by `key`. */
export interface ExportData {
  key: number;
  result: ScoreResult;
  /** Only the columns the jobs read (company name, MRR, account key, outcome candidates). */
  table: AccountTable;
}

export type ExportRequest =
  /** The run to keep from now on (ExportData split by pieces.ts); its pieces follow. */
  | { type: 'hold'; key: number; skeleton: unknown }
  | { type: 'piece'; key: number; piece: Piece }
  /**
   * After the pieces of one of the page's tasks of hold `key`: answered `synced` (with the same
   * key) once they are placed.
   */
  | { type: 'sync'; key: number; n: number }
  | {
      type: 'export';
      id: number;
      key: number;
      job: ExportJob;
      /** A file picked with showSaveFilePicker: written in place. Absent: a Blob comes back. */
      handle?: FileSystemFileHandle;
    }
  | { type: 'cancel'; id: number }
  /** The values of an outcome column with their counts (the backtest's value table). */
  | { type: 'outcomeCounts'; id: number; key: number; field: string }
  /**
   * 答え合わせ off the main thread: predictions from the held run (descriptive) or from a stored
   * run the worker reads itself (predictive), against the held table's outcome column.
   */
  | {
      type: 'backtest';
      id: number;
      key: number;
      pred: { kind: 'current' } | { kind: 'run'; runId: string };
      keyField: string;
      observedAt: string | null;
      labels: OutcomeLabels;
    }
  /** The CTA lifecycle against the stored runs before the held one (newest first). */
  | { type: 'lifecycle'; id: number; key: number; before: string[] }
  /**
   * The same of a stored run, read by the worker itself (no run sent; no key). `shown`: what
   * the page shows, to check the stored run is it; when not (or gone) the answer is runMissing.
   */
  | { type: 'lifecycleOfRun'; id: number; runId: string; shown: ShownRun; before: string[] };

import type { RunLife } from '../engine/lifecycleRuns';
import type { ShownRun } from './storedFiredRuns';
export type { RunLife, ShownRun };

export type ExportResponse =
  | { type: 'progress'; id: number; phase: 'write' | 'pack'; done: number; total: number }
  /**
   * `url`: an object URL of `blob` made in the worker (revoked there after a minute): made on
   * the page, a million-row CSV's URL took one task of ~200 ms.
   */
  | { type: 'done'; id: number; bytes: number; blob?: Blob; url?: string }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string }
  | {
      type: 'outcomeCounts';
      id: number;
      counts: { values: { value: string; count: number }[]; blank: number };
    }
  | { type: 'backtest'; id: number; result: PredictiveBacktestResult }
  | { type: 'lifecycle'; id: number; life: RunLife }
  /** The stored run to predict from is gone. */
  | { type: 'runMissing'; id: number; runId: string }
  /** A piece's buffer handed back (pieces.ts SpareBuffers): the page copies the next piece into it. */
  | { type: 'spare'; id: 0; buffer: ArrayBuffer }
  /**
   * The pieces sent before the page's `sync` n of hold `key` are placed (pieces.ts SendWindow).
   * The key: an answer still in flight for an earlier hold must not count against the next.
   */
  | { type: 'synced'; id: 0; key: number; n: number };
