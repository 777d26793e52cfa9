import type { CliCommand, CliIO, ExitCode } from '../types';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import { loadInputs } from '../load';
import { openOutput, OutputError, type Output } from '../output';
import { t } from '../messages';
import {
  CHUNK_ROWS,
  resultWriter,
  scoreChunks,
  type CompiledPlaybook,
  type ResultFormat,
} from '../../engine';
import type { AccountTable } from '../../table/columns';

/** Rows per write: keeps each piece of text a few MB whatever the chunk size. */
const WRITE_ROWS = 8192;
import { extractActivityArgs } from '../activity';
import { scoreTable } from '../../engine';
import { appendRunHook } from '../history';
import { basename } from 'node:path';

export const scoreCommand: CliCommand = {
  name: 'score',
  get summary() {
    return t('commands.score.summary');
  },
  get usage() {
    return t('commands.score.usage');
  },
  async run(argv, io) {
    const act = extractActivityArgs(argv);
    const a = parseArgs(act.rest, [
      'as-of',
      'format',
      'out',
      'bad-rows',
      'chunk-rows',
      'history',
      'sheet',
    ]);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const [pbFile, dataFile] = a.positionals;
    const format = parseFormat(a);
    const chunkRows = parseChunkRows(a);
    const inputs = await loadInputs(io, pbFile, dataFile, {
      asOf: a.options['as-of'],
      badRows: a.options['bad-rows'],
      activity: act.activity,
      sheet: a.options.sheet,
    });
    if (!inputs) return 1;
    const out = await openOutput(io, a.options.out);
    if (!out) return 1;
    const rows = await streamScores(inputs.compiled, inputs.table, format, chunkRows, out);
    if (rows === null) return 1;
    const code: ExitCode = await out.close();
    if (code === 0 && a.options.out) reportWrote(io, rows, a.options.out);
    // --history DIR: keep the run as a fixed record (docs/history-format.md). The history needs
    // every account's result at once, so only this option holds the whole result in memory.
    if (code === 0 && a.options.history)
      return appendRunHook(
        io,
        a.options.history,
        inputs.pb,
        scoreTable(inputs.compiled, inputs.table),
        basename(dataFile),
      );
    return code;
  },
};

function parseFormat(a: ParsedArgs): ResultFormat {
  const format = a.options.format ?? 'csv';
  if (format !== 'csv' && format !== 'json' && format !== 'ndjson')
    throw new UsageError(t('error.badFormat', { value: format }));
  return format;
}

function parseChunkRows(a: ParsedArgs): number {
  const v = a.options['chunk-rows'];
  if (v === undefined) return CHUNK_ROWS;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(t('usage.chunkRows', { value: v }));
  return n;
}

/**
 * Score the table a chunk at a time and write each chunk's rows as they are ready: memory beyond
 * the input table is one chunk's result and one piece of text. Returns the rows written, or null
 * when writing failed (already reported; a temporary output file is removed).
 */
async function streamScores(
  compiled: CompiledPlaybook,
  table: AccountTable,
  format: ResultFormat,
  chunkRows: number,
  out: Output,
): Promise<number | null> {
  const w = resultWriter(format);
  let rows = 0;
  let first = true;
  try {
    for (const { result } of scoreChunks(compiled, table, chunkRows)) {
      if (first) await out.write(w.head(result));
      first = false;
      for (let lo = 0; lo < result.rowCount; lo += WRITE_ROWS) {
        const hi = Math.min(result.rowCount, lo + WRITE_ROWS);
        await out.write(w.rows(result, lo, hi));
      }
      rows += result.rowCount;
    }
    await out.write(w.tail());
    return rows;
  } catch (e) {
    await out.abort();
    if (e instanceof OutputError) return null;
    throw e;
  }
}

function reportWrote(io: CliIO, rows: number, file: string): void {
  io.stderr(t('ok.wrote', { rows, file }) + '\n');
}
