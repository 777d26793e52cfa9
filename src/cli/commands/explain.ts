import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadAndScore } from '../load';
import { t } from '../messages';
import { explainAccount } from '../../engine';

export const explainCommand: CliCommand = {
  name: 'explain',
  get summary() {
    return t('commands.explain.summary');
  },
  get usage() {
    return t('commands.explain.usage');
  },
  async run(argv, io) {
    const a = parseArgs(argv, ['account', 'as-of', 'bad-rows']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const id = a.options.account;
    if (id === undefined) throw new UsageError(t('usage.required', { option: '--account ID' }));
    const [pbFile, dataFile] = a.positionals;
    const scored = await loadAndScore(io, pbFile, dataFile, {
      asOf: a.options['as-of'],
      badRows: a.options['bad-rows'],
    });
    if (!scored) return 1;
    const { pb, compiled, table, result } = scored;
    const row = result.accountIds.indexOf(id);
    if (row < 0) {
      io.stderr(t('error.noAccount', { file: dataFile, key: pb.fields.accountKey, id }) + '\n');
      return 1;
    }
    io.stdout(JSON.stringify(explainAccount(compiled, table, result, row), null, 2) + '\n');
    return 0;
  },
};
