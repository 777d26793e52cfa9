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

/** One `waymark <name>` command. main.ts keeps the registry (src/cli/commands/*.ts). */
export interface CliCommand {
  name: string;
  /** One line for `waymark --help`. */
  summary: string;
  /** Full `waymark <name> --help` text. */
  usage: string;
  run(args: string[], io: CliIO): Promise<ExitCode>;
}
