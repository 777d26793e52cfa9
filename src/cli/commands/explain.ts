import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadAndScore } from '../load';
import { t } from '../messages';
import { explainAccount, explainActivity } from '../../engine';
import { extractActivityArgs } from '../activity';

export const explainCommand: CliCommand = {
  name: 'explain',
  get summary() {
    return t('commands.explain.summary');
  },
  get usage() {
    return t('commands.explain.usage');
  },
  async run(argv, io) {
    const act = extractActivityArgs(argv);
    const a = parseArgs(act.rest, ['account', 'as-of', 'bad-rows']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const id = a.options.account;
    if (id === undefined) throw new UsageError(t('usage.required', { option: '--account ID' }));
    const [pbFile, dataFile] = a.positionals;
    const scored = await loadAndScore(io, pbFile, dataFile, {
      asOf: a.options['as-of'],
      badRows: a.options['bad-rows'],
      activity: act.activity,
    });
    if (!scored) return 1;
    const { pb, compiled, table, result } = scored;
    const row = result.accountIds.indexOf(id);
    if (row < 0) {
      io.stderr(t('error.noAccount', { file: dataFile, key: pb.fields.accountKey, id }) + '\n');
      return 1;
    }
    const explained = explainAccount(compiled, table, result, row);
    // Which events each activity aggregate counted (file lines), so its number can be traced.
    const out = compiled.aggregates.length
      ? {
          ...explained,
          activity: explainActivity(compiled, scored.activity, row, compiled.asOf as string),
        }
      : explained;
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  },
};
