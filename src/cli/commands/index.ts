import type { CliCommand, CliRunner } from '../types';
import { t } from '../messages';
import { PRESET_NAMES } from '../../analysis/presets';

/**
 * A command whose name and help text live here and whose module — run() and the part of the
 * engine it needs — is imported on first use. The bundle (bin/cli-bundle.mjs) splits each such
 * import into its own chunks, so `waymark --help` and `waymark <name> --help` load none of the
 * engine and `waymark validate` loads only what validation needs (issue 17 point 4: start-up).
 */
function command(
  name: string,
  summary: () => string,
  usage: () => string,
  load: () => Promise<CliRunner>,
): CliCommand {
  return {
    name,
    get summary() {
      return summary();
    },
    get usage() {
      return usage();
    },
    async run(args, io) {
      await import('../zodConfig'); // before the command's schemas are built (see there)
      return (await load()).run(args, io);
    },
  };
}

/** `commands.<name>.summary` / `.usage` of the cli messages. */
const texts = (name: string): [() => string, () => string] => [
  () => t(`commands.${name}.summary`),
  () => t(`commands.${name}.usage`),
];

/** Every `waymark <name>` command, in the order `waymark --help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  command(
    'validate',
    ...texts('validate'),
    async () => (await import('./validate')).validateCommand,
  ),
  command('score', ...texts('score'), async () => (await import('./score')).scoreCommand),
  command('explain', ...texts('explain'), async () => (await import('./explain')).explainCommand),
  command(
    'backtest',
    ...texts('backtest'),
    async () => (await import('./backtest')).backtestCommand,
  ),
  command('sql', ...texts('sql'), async () => (await import('./sql')).sqlCommand),
  command('schema', ...texts('schema'), async () => (await import('./schema')).schemaCommand),
  command(
    'lint',
    () => t('commands.lint.summary'),
    () =>
      t('commands.lint.usage', {
        presetChoices: PRESET_NAMES.join('|'),
        presets: PRESET_NAMES.join(', '),
      }),
    async () => (await import('./lint')).lintCommand,
  ),
  command(
    'history',
    () => t('history.cmdSummary'),
    () => t('history.cmdUsage'),
    async () => (await import('./history')).historyCommand,
  ),
  command('fields', ...texts('fields'), async () => (await import('./fields')).fieldsCommand),
];
