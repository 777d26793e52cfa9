/**
 * Scoring a table a chunk of rows at a time, for output that is streamed (`waymark score`): only
 * one chunk's result columns are alive at a time, so memory beyond the input table is bounded by
 * the chunk size. Every computation of scoreTable is row-local (score.ts), so the rows of the
 * chunks are the rows of the whole-table result (scoreChunks.test.ts checks it over random chunk
 * sizes); only the per-chunk dictionaries of computed text (rawDict) differ, and they are read
 * through their codes.
 */
import type { AccountTable } from '../table/columns';
import { sliceTable } from '../table/slice';
import type { CompiledPlaybook } from './compile';
import { scoreTable } from './score';
import type { ScoreOptions, ScoreResult } from './types';

/** Rows per chunk by default: big enough that per-run setup is noise, small enough to stay cheap. */
export const CHUNK_ROWS = 65_536;

/**
 * The results of rows [0, n) in chunks of `chunkRows`, in order; `from` is the chunk's first row
 * in the table. An empty table gives one empty chunk (writers still need its column lists).
 */
export function* scoreChunks(
  c: CompiledPlaybook,
  table: AccountTable,
  chunkRows = CHUNK_ROWS,
  opts: ScoreOptions = {},
): Generator<{ from: number; result: ScoreResult }> {
  if (!(chunkRows >= 1)) throw new Error(`scoreChunks: chunkRows must be ≥ 1 (got ${chunkRows})`);
  const n = table.rowCount;
  if (n === 0) {
    yield { from: 0, result: scoreTable(c, table, opts) };
    return;
  }
  for (let lo = 0; lo < n; lo += chunkRows) {
    const hi = Math.min(n, lo + chunkRows);
    yield { from: lo, result: scoreTable(c, sliceTable(table, lo, hi), opts) };
  }
}
