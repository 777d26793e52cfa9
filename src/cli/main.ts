import type { CliIO, ExitCode } from './types';
import { commands } from './commands';
import { t } from './messages';
import { UsageError } from './args';

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [t('help.intro'), '', t('help.usage'), '', t('help.commands'), ...lines, ''].join('\n');
}

/** `waymark <command> …`. Returns the exit code: 0 ok, 1 invalid input, 2 usage error. */
export async function main(argv: string[], io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(topHelp());
    return name === undefined ? 2 : 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(t('error.unknownCommand', { name }) + '\n');
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(
        t('error.usage', { message: e.message }) + '\n' + t('error.seeHelp', { name }) + '\n',
      );
      return 2;
    }
    throw e;
  }
}
