import type { CliCommand, CliIO, ExitCode } from '../types';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import { checkAsOf, compileOrReport, loadDataFor, loadPlaybook, parseBadRows } from '../load';
import { openOutput, OutputError, type Output } from '../output';
import { t } from '../messages';
import { CHUNK_ROWS, type ResultFormat, type ScoreOptions } from '../../engine';
import { extractActivityArgs } from '../activity';
import { scoreTable } from '../../engine';
import { appendRunHook, HistoryError, loadStageRuns } from '../history';
import { basename } from 'node:path';
import { parquetChunkWriter, textChunkWriter, type ChunkWriter } from '../chunkWriter';
import { playbookFingerprint } from '../../model/playbookDiff';
import { streamScore } from '../streamScore';

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
    const a = parseArgs(
      act.rest,
      ['as-of', 'format', 'out', 'bad-rows', 'chunk-rows', 'history', 'sheet'],
      ['no-bom'],
    );
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const [pbFile, dataFile] = a.positionals;
    const format = parseFormat(a);
    // Parquet is binary: to a file, never a terminal or a text pipe.
    if (format === 'parquet' && (!a.options.out || a.options.out === '-'))
      throw new UsageError(t('usage.parquetNeedsOut'));
    const chunkRows = parseChunkRows(a);
    const asOf = checkAsOf(a.options['as-of']);
    const badRows = parseBadRows(a.options['bad-rows']);
    const pb = await loadPlaybook(io, pbFile);
    if (!pb) return 1;
    const compiled = compileOrReport(io, pbFile, pb, asOf);
    if (!compiled) return 1;
    // --history DIR: the earlier runs' stages give days in stage where the data has no entered-at
    // date (engine/stageHistory.ts), in the output and in the run appended.
    let opts: ScoreOptions = {};
    if (a.options.history && compiled.asOf) {
      try {
        opts = { stageHistory: await loadStageRuns(io, a.options.history, compiled.asOf) };
      } catch (e) {
        if (!(e instanceof HistoryError)) throw e;
        io.stderr(e.message + '\n');
        return 1;
      }
    }
    const writer =
      format === 'parquet'
        ? parquetChunkWriter(compiled, chunkRows, playbookFingerprint(pb), opts)
        : textChunkWriter(compiled, format, chunkRows, !a.flags.has('no-bom'), opts);

    // Read, score and write a block at a time, unless the run needs every account at once
    // (activity aggregates are joined on the whole table; --history keeps the whole result).
    if (!act.activity.length && !compiled.aggregates.length && !a.options.history) {
      const r = await streamScore(io, {
        pb,
        compiled,
        dataFile,
        badRows,
        writer,
        openOutput: () => openOutput(io, a.options.out),
      });
      if (r === null) return 1;
      if (r !== 'whole') return finish(io, r.out, r.rows, a.options.out);
    }

    const inputs = await loadDataFor(io, pb, compiled, dataFile, {
      badRows: a.options['bad-rows'],
      activity: act.activity,
      sheet: a.options.sheet,
    });
    if (!inputs) return 1;
    const out = await openOutput(io, a.options.out);
    if (!out) return 1;
    const rows = await writeAll(writer, inputs.table, out);
    if (rows === null) return 1;
    const code = await finish(io, out, rows, a.options.out);
    // --history DIR: keep the run as a fixed record (docs/history-format.md). The history needs
    // every account's result at once, so only this option holds the whole result in memory.
    if (code === 0 && a.options.history)
      return appendRunHook(
        io,
        a.options.history,
        inputs.pb,
        scoreTable(inputs.compiled, inputs.table, opts),
        basename(dataFile),
      );
    return code;
  },
};

function parseFormat(a: ParsedArgs): ResultFormat | 'parquet' {
  const format = a.options.format ?? 'csv';
  if (format !== 'csv' && format !== 'json' && format !== 'ndjson' && format !== 'parquet')
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
 * Score a whole table a chunk at a time and write each chunk's rows as they are ready. Returns
 * the rows written, or null when writing failed (already reported; a temporary file is removed).
 */
async function writeAll(
  writer: ChunkWriter,
  table: Parameters<ChunkWriter['chunk']>[0],
  out: Output,
): Promise<number | null> {
  try {
    const rows = await writer.chunk(table, out);
    await writer.end(out);
    return rows;
  } catch (e) {
    await out.abort();
    if (e instanceof OutputError) return null;
    throw e;
  }
}

async function finish(
  io: CliIO,
  out: Output,
  rows: number,
  file: string | undefined,
): Promise<ExitCode> {
  const code: ExitCode = await out.close();
  if (code === 0 && file) io.stderr(t('ok.wrote', { rows, file }) + '\n');
  return code;
}
