/** Scoring a table's rows and writing their results, chunk after chunk, into one output document. */
import {
  resultWriter,
  scoreChunks,
  type CompiledPlaybook,
  type ResultFormat,
  type ScoreOptions,
} from '../engine';
import {
  ByteWriter,
  ParquetWriter,
  schemaFromColumnData,
  type ColumnSource,
} from 'hyparquet-writer';
import { runColumnData, runInfoOf, runKvMetadata, type HistoryRunInfo } from '../engine/historyRun';
import type { AccountTable } from '../table/columns';
import type { Output } from './output';

/** Rows per write: keeps each piece of text a few MB whatever the chunk size. */
const WRITE_ROWS = 8192;

export interface ChunkWriter {
  /**
   * Score the table (in chunks of chunkRows) and write its rows; returns the rows written. With
   * `handOver` the caller never reads the table again: a writer with worker threads may then
   * move its typed arrays to a worker instead of copying them (they read empty here afterwards).
   */
  chunk(table: AccountTable, out: Output, handOver?: boolean): Promise<number>;
  /** After the last table: close the document (the JSON array, …). */
  end(out: Output): Promise<void>;
  /** Write every table handed over so far (a writer that scores in worker threads). */
  flush?(): Promise<void>;
  /** Release its worker threads, whether the run ended or failed. */
  dispose?(): Promise<void>;
}

/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

/**
 * CSV, JSON or NDJSON text. The first table written, even an empty one, writes the head; with
 * `bom`, CSV starts with a BOM like the app's CSV exports (JSON/NDJSON never carry one).
 */
export function textChunkWriter(
  compiled: CompiledPlaybook,
  format: ResultFormat,
  chunkRows: number,
  bom = false,
  opts: ScoreOptions = {},
): ChunkWriter {
  const w = resultWriter(format);
  const lead = bom && format === 'csv' ? BOM : '';
  let first = true;
  return {
    async chunk(table, out) {
      let rows = 0;
      for (const { result } of scoreChunks(compiled, table, chunkRows, opts)) {
        if (first) await out.write(lead + w.head(result));
        first = false;
        for (let lo = 0; lo < result.rowCount; lo += WRITE_ROWS) {
          const hi = Math.min(result.rowCount, lo + WRITE_ROWS);
          await out.write(w.rowBytes(result, lo, hi));
        }
        rows += result.rowCount;
      }
      return rows;
    },
    async end(out) {
      await out.write(w.tail());
    },
  };
}

/**
 * Parquet, in the columns of a history run file (docs/history-format.md): one row group per
 * scored chunk, each flushed to the output as soon as it is encoded; the footer (schema, row
 * groups, the run's metadata) at the end. Read back with any Parquet reader, or as a run.
 */
export function parquetChunkWriter(
  compiled: CompiledPlaybook,
  chunkRows: number,
  fingerprint: string,
  opts: ScoreOptions = {},
): ChunkWriter {
  const groups = parquetGroups();
  return {
    async chunk(table, out) {
      let rows = 0;
      for (const { result } of scoreChunks(compiled, table, chunkRows, opts)) {
        await groups.write(out, result.rowCount, runColumnData(result), () =>
          runInfoOf(result, fingerprint),
        );
        rows += result.rowCount;
      }
      return rows;
    },
    end: (out) => groups.end(out),
  };
}

/**
 * One Parquet document written a row group at a time (a scored chunk's runColumnData), whichever
 * thread scored it: the schema and the run's metadata come from the first group, even an empty
 * one (written as no row group).
 */
export function parquetGroups() {
  let pq: ParquetWriter | null = null;
  const bytes = new ByteWriter(1 << 20);
  let target: Output | null = null;
  /** Hand the encoded bytes to the output and start the buffer again. */
  const drain = (): Promise<void> => {
    const chunk = bytes.getBytes().slice();
    bytes.index = 0;
    return target ? target.write(chunk) : Promise.resolve();
  };
  (bytes as ByteWriter & { flush: () => Promise<void> }).flush = drain;
  return {
    async write(out: Output, rows: number, columnData: ColumnSource[], info: () => HistoryRunInfo) {
      target = out;
      if (!pq)
        pq = new ParquetWriter({
          writer: bytes,
          schema: schemaFromColumnData({ columnData }),
          kvMetadata: runKvMetadata(info()),
          createdBy: 'waymark',
        });
      if (rows === 0) return;
      const untyped = columnData.map(({ name, data }) => ({ name, data }));
      await pq.write({ columnData: untyped, rowGroupSize: rows });
    },
    async end(out: Output) {
      target = out;
      if (!pq) return;
      await pq.finish();
      await drain();
    },
  };
}
