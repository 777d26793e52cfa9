/** Scoring a table's rows and writing their results, chunk after chunk, into one output document. */
import { resultWriter, scoreChunks, type CompiledPlaybook, type ResultFormat } from '../engine';
import type { AccountTable } from '../table/columns';
import type { Output } from './output';

/** Rows per write: keeps each piece of text a few MB whatever the chunk size. */
const WRITE_ROWS = 8192;

export interface ChunkWriter {
  /** Score the table (in chunks of chunkRows) and write its rows; returns the rows written. */
  chunk(table: AccountTable, out: Output): Promise<number>;
  /** After the last table: close the document (the JSON array, …). */
  end(out: Output): Promise<void>;
}

/** CSV, JSON or NDJSON text. The first table written, even an empty one, writes the head. */
export function textChunkWriter(
  compiled: CompiledPlaybook,
  format: ResultFormat,
  chunkRows: number,
): ChunkWriter {
  const w = resultWriter(format);
  let first = true;
  return {
    async chunk(table, out) {
      let rows = 0;
      for (const { result } of scoreChunks(compiled, table, chunkRows)) {
        if (first) await out.write(w.head(result));
        first = false;
        for (let lo = 0; lo < result.rowCount; lo += WRITE_ROWS) {
          const hi = Math.min(result.rowCount, lo + WRITE_ROWS);
          await out.write(w.rows(result, lo, hi));
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
