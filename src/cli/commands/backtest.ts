import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadAndScore } from '../load';
import { t } from '../messages';
import { backtest } from '../../engine';
import { columnOf } from '../../table/columns';

export const backtestCommand: CliCommand = {
  name: 'backtest',
  get summary() {
    return t('commands.backtest.summary');
  },
  get usage() {
    return t('commands.backtest.usage');
  },
  async run(argv, io) {
    const a = parseArgs(argv, ['outcome', 'as-of', 'bad-rows']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const field = a.options.outcome;
    if (field === undefined)
      throw new UsageError(t('usage.required', { option: '--outcome FIELD' }));
    const [pbFile, dataFile] = a.positionals;
    const scored = await loadAndScore(
      io,
      pbFile,
      dataFile,
      { asOf: a.options['as-of'], badRows: a.options['bad-rows'] },
      (pb) => {
        const f = pb.fields.fields.find((x) => x.id === field);
        if (!f) {
          io.stderr(
            t('error.unknownOutcome', {
              field,
              fields: pb.fields.fields.map((x) => x.id).join(', '),
            }) + '\n',
          );
          return false;
        }
        if (f.type !== 'category' && f.type !== 'string') {
          io.stderr(t('error.outcomeNotCategory', { field }) + '\n');
          return false;
        }
        return true;
      },
    );
    if (!scored) return 1;
    const { table, result } = scored;
    if (!columnOf(table, field)) {
      io.stderr(t('error.missingColumn', { file: dataFile, field }) + '\n');
      return 1;
    }
    const bt = backtest(result, table, field);
    for (const w of bt.warnings) io.stderr(t('ok.warning', { message: w.message }) + '\n');
    io.stdout(JSON.stringify(bt, null, 2) + '\n');
    return 0;
  },
};
