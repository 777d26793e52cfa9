import type { CliRunner } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadPlaybook, reportCompileIssues } from '../loadPlaybook';
import { compilePlaybook } from '../../engine/compile';
import { t } from '../messages';

export const validateCommand: CliRunner = {
  async run(argv, io) {
    const a = parseArgs(argv, []);
    if (a.positionals.length !== 1) throw new UsageError(t('usage.onePlaybook'));
    const file = a.positionals[0];
    const pb = await loadPlaybook(io, file);
    if (!pb) return 1;
    // What score would refuse before reading data (e.g. "asOf": "2024-02-30") is refused here too.
    // loadPlaybook's readPlaybook has cross-checked it already (validatePlaybook): not again.
    const compiled = compilePlaybook(pb, { validated: true });
    if (!compiled.ok) {
      reportCompileIssues(io, file, compiled.issues);
      return 1;
    }
    io.stdout(
      t('ok.valid', {
        file,
        name: pb.name,
        measures: pb.health.measures.length,
        stages: pb.stages.length,
        ctas: pb.ctas.length,
      }) + '\n',
    );
    return 0;
  },
};
