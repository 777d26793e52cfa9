import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadAndScore } from '../load';
import { writeOutput } from '../io';
import { t } from '../messages';
import { resultToCsv, resultToJson, resultToNdjson } from '../../engine';
import { extractActivityArgs } from '../activity';

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
    const a = parseArgs(act.rest, ['as-of', 'format', 'out', 'bad-rows']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const [pbFile, dataFile] = a.positionals;
    const format = a.options.format ?? 'csv';
    if (format !== 'csv' && format !== 'json' && format !== 'ndjson')
      throw new UsageError(t('error.badFormat', { value: format }));
    const scored = await loadAndScore(io, pbFile, dataFile, {
      asOf: a.options['as-of'],
      badRows: a.options['bad-rows'],
      activity: act.activity,
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
    return code;
  },
};
