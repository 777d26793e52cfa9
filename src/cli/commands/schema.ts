import type { CliRunner } from '../types';
import { t } from '../messages';
import { parseArgs, UsageError } from '../args';
import { playbookJsonSchemaText } from '../schema';
import { writeOutput } from '../io';

export const schemaCommand: CliRunner = {
  async run(argv, io) {
    const a = parseArgs(argv, ['out']);
    if (a.positionals.length > 0)
      throw new UsageError(t('usage.unexpected', { arg: a.positionals[0] }));
    return writeOutput(io, a.options.out, playbookJsonSchemaText());
  },
};
