/** Messages between `waymark score --threads N` and its worker threads (scoreWorker.ts). */
import type { ColumnSource } from 'hyparquet-writer';
import type { ResultFormat } from '../engine';
import type { HistoryRunInfo } from '../engine/historyRun';
import type { StageStreaks } from '../engine/stageHistory';
import type { AccountTable } from '../table/columns';

/** workerData: what every worker compiles and writes. */
export interface WorkerInit {
  /** The playbook as read (plain data); compiled again in the worker as of `asOf`. */
  playbook: unknown;
  asOf: string;
  format: ResultFormat | 'parquet';
  chunkRows: number;
  /** Parquet: the playbook's fingerprint, kept in the run's metadata. */
  fingerprint?: string;
  /**
   * --history DIR: the earlier runs' streaks (engine/stageHistory.ts), computed once on the main
   * thread; each worker looks its rows up by account key, so any shard gives the same days.
   */
  stageStreaks?: StageStreaks | null;
}

export interface WorkerJob {
  id: number;
  table: AccountTable;
}

export interface WorkerReply {
  id: number;
  rows: number;
  /** Text formats: the text before the first row, and the job's rows as UTF-8. */
  head: string;
  bytes?: Uint8Array[];
  /** Parquet: the run's info (from the job's first result) and one row group per scored chunk. */
  info?: HistoryRunInfo;
  groups?: { rows: number; columnData: ColumnSource[] }[];
}
