import type { CliRunner, CliIO, ExitCode } from '../types';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import { checkAsOf, compileOrReport, loadDataFor, loadPlaybook, parseBadRows } from '../load';
import { openOutput, OutputError, type Output } from '../output';
import { t } from '../messages';
import { CHUNK_ROWS, type ResultFormat, type ScoreOptions } from '../../engine';
import { extractActivityArgs } from '../activity';
import { scoreTable } from '../../engine';
import { appendRunHook, HistoryError, stageStreaksFromHistory } from '../history';
import { basename } from 'node:path';
import { parquetChunkWriter, textChunkWriter, type ChunkWriter } from '../chunkWriter';
import { playbookFingerprint } from '../../model/playbookDiff';
import { BLOCK_BYTES, streamScore } from '../streamScore';
import { parallelChunkWriter } from '../parallelWriter';
import type { Playbook } from '../../model';
import type { CompiledPlaybook } from '../../engine';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';

export const scoreCommand: CliRunner = {
  async run(argv, io) {
    const act = extractActivityArgs(argv);
    const a = parseArgs(
      act.rest,
      ['as-of', 'format', 'out', 'bad-rows', 'chunk-rows', 'history', 'sheet', 'threads'],
      ['no-bom'],
    );
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const [pbFile, dataFile] = a.positionals;
    const format = parseFormat(a);
    // Parquet is binary: to a file, never a terminal or a text pipe.
    if (format === 'parquet' && (!a.options.out || a.options.out === '-'))
      throw new UsageError(t('usage.parquetNeedsOut'));
    const chunkRows = parseChunkRows(a);
    const threadsOption = parseThreads(a.options.threads);
    const asOf = checkAsOf(a.options['as-of']);
    const badRows = parseBadRows(a.options['bad-rows']);
    const pb = await loadPlaybook(io, pbFile);
    if (!pb) return 1;
    const compiled = compileOrReport(io, pbFile, pb, asOf);
    if (!compiled) return 1;
    // --history DIR: the earlier runs' stages give days in stage where the data has no entered-at
    // date (engine/stageHistory.ts), in the output and in the run appended. Reduced to streaks
    // once, here: every chunk and every worker thread reads the same (by account key).
    let opts: ScoreOptions = {};
    if (a.options.history && compiled.asOf) {
      try {
        opts = {
          stageStreaks: await stageStreaksFromHistory(io, a.options.history, compiled.asOf),
        };
      } catch (e) {
        if (!(e instanceof HistoryError)) throw e;
        io.stderr(e.message + '\n');
        return 1;
      }
    }
    const threads = threadsOption ?? (await defaultThreads(io, dataFile));
    const bom = !a.flags.has('no-bom');
    const fingerprint = format === 'parquet' ? playbookFingerprint(pb) : undefined;
    // N threads in all, as DuckDB counts them: the main thread reads, imports and writes, N − 1
    // workers score and format. One worker per thread (N workers beside the main thread) cost
    // 30% more CPU, a third isolate collecting garbage and optimising the same code; with N − 1
    // the CPU is within 10% of one thread's (docs/cli.md, "Threads").
    const writer =
      threads > 1
        ? parallelChunkWriter(
            { playbook: pb, asOf: compiled.asOf!, format, chunkRows, fingerprint, ...opts },
            threads - 1,
            bom,
          )
        : format === 'parquet'
          ? parquetChunkWriter(compiled, chunkRows, fingerprint!, opts)
          : textChunkWriter(compiled, format, chunkRows, bom, opts);
    try {
      return await scoreWith(io, a, act, pb, compiled, dataFile, badRows, writer, opts);
    } finally {
      await writer.dispose?.();
    }
  },
};

async function scoreWith(
  io: CliIO,
  a: ParsedArgs,
  act: ReturnType<typeof extractActivityArgs>,
  pb: Playbook,
  compiled: CompiledPlaybook,
  dataFile: string,
  badRows: ReturnType<typeof parseBadRows>,
  writer: ChunkWriter,
  opts: ScoreOptions,
): Promise<ExitCode> {
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
}

/**
 * `--threads N`: a whole number ≥ 1 (default 1), or 'auto': one thread for an input under two
 * blocks (16 MB, where starting workers costs more than it saves), else one per core up to
 * MAX_AUTO_THREADS. The default stays 1: measured on a 2-core machine busy with other jobs (no
 * core to spare), 2 threads were not faster (docs/cli.md, "Threads").
 */
function parseThreads(v: string | undefined): number | undefined {
  if (v === undefined) return 1;
  if (v === 'auto') return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1 || n > MAX_THREADS)
    throw new UsageError(t('usage.threads', { value: v, max: MAX_THREADS }));
  return n;
}

const MAX_THREADS = 256;
const MAX_AUTO_THREADS = 4;

async function defaultThreads(io: CliIO, dataFile: string): Promise<number> {
  try {
    if ((await stat(resolve(io.cwd, dataFile))).size < 2 * BLOCK_BYTES) return 1;
  } catch {
    return 1; // reported when the file is read
  }
  return Math.max(1, Math.min(availableParallelism(), MAX_AUTO_THREADS));
}

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
