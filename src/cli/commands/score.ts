import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadAndScore } from '../load';
import { writeOutput } from '../io';
import { t } from '../messages';
import { resultToCsv, resultToJson, resultToNdjson } from '../../engine';
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
    const a = parseArgs(argv, ['as-of', 'format', 'out', 'bad-rows', 'history']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const [pbFile, dataFile] = a.positionals;
    const format = a.options.format ?? 'csv';
    if (format !== 'csv' && format !== 'json' && format !== 'ndjson')
      throw new UsageError(t('error.badFormat', { value: format }));
    const scored = await loadAndScore(io, pbFile, dataFile, {
      asOf: a.options['as-of'],
      badRows: a.options['bad-rows'],
    });
    if (!scored) return 1;
    const { result } = scored;
    const text =
      format === 'csv'
        ? resultToCsv(result)
        : format === 'json'
          ? resultToJson(result)
          : resultToNdjson(result);
    const code = await writeOutput(io, a.options.out, text);
    if (code === 0 && a.options.out)
      io.stderr(t('ok.wrote', { rows: result.rowCount, file: a.options.out }) + '\n');
    // --history DIR: keep the run as a fixed record (docs/history-format.md).
    if (code === 0 && a.options.history)
      return appendRunHook(io, a.options.history, scored.pb, result, basename(dataFile));
    return code;
  },
};
