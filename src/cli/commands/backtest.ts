import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadInputs } from '../load';
import { extractActivityArgs } from '../activity';
import { t } from '../messages';
import { backtest, scoreChunks } from '../../engine';
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
    const act = extractActivityArgs(argv);
    const a = parseArgs(act.rest, ['outcome', 'as-of', 'bad-rows']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const field = a.options.outcome;
    if (field === undefined)
      throw new UsageError(t('usage.required', { option: '--outcome FIELD' }));
    const [pbFile, dataFile] = a.positionals;
    const scored = await loadInputs(
      io,
      pbFile,
      dataFile,
      { asOf: a.options['as-of'], badRows: a.options['bad-rows'], activity: act.activity },
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
    const { compiled, table } = scored;
    if (!columnOf(table, field)) {
      io.stderr(t('error.missingColumn', { file: dataFile, field }) + '\n');
      return 1;
    }
    // The backtest reads only totals and colours: keep those (9 bytes an account), not every
    // result column of every account.
    const n = table.rowCount;
    const kept = {
      rowCount: n,
      total: new Float64Array(n),
      color: new Int8Array(n),
      colorIds: [''],
    };
    for (const { from, result } of scoreChunks(compiled, table)) {
      kept.total.set(result.total, from);
      kept.color.set(result.color, from);
      kept.colorIds = result.colorIds;
    }
    const bt = backtest(kept, table, field);
    for (const w of bt.warnings) io.stderr(t('ok.warning', { message: w.message }) + '\n');
    io.stdout(JSON.stringify(bt, null, 2) + '\n');
    return 0;
  },
};
