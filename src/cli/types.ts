import type { Writable } from 'node:stream';

/** Where a CLI command writes; injected so commands are tested without a process. */
export interface CliIO {
  stdout: (s: string) => void;
  /**
   * Standard output as a stream, for output written in chunks with backpressure (score). Absent
   * in tests: chunks then go through `stdout`.
   */
  stdoutStream?: Writable;
  stderr: (s: string) => void;
  cwd: string;
}

/** Exit codes: 0 success, 1 invalid input (message on stderr), 2 usage error. */
export type ExitCode = 0 | 1 | 2;

/** What a command does: src/cli/commands/<name>.ts, loaded only when that command runs. */
export interface CliRunner {
  run(args: string[], io: CliIO): Promise<ExitCode>;
}

/**
 * One `waymark <name>` command as the registry (src/cli/commands/index.ts) lists it: its name
 * and help text, which need none of the engine, and its run(), which loads the command's module.
 */
export interface CliCommand extends CliRunner {
  name: string;
  /** One line for `waymark --help`. */
  summary: string;
  /** Full `waymark <name> --help` text. */
  usage: string;
}
