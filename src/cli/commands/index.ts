import type { CliCommand } from '../types';
import { validateCommand } from './validate';
import { scoreCommand } from './score';
import { explainCommand } from './explain';
import { backtestCommand } from './backtest';
import { sqlCommand } from './sql';
import { schemaCommand } from './schema';
import { lintCommand } from './lint';
import { historyCommand } from './history';
import { fieldsCommand } from './fields';

/** Every `waymark <name>` command, in the order `waymark --help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  validateCommand,
  scoreCommand,
  explainCommand,
  backtestCommand,
  sqlCommand,
  schemaCommand,
  lintCommand,
  historyCommand,
  fieldsCommand,
];
