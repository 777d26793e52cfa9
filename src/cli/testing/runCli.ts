/**
 * Tests only: the `waymark` command run in-process (main), its standard output and error
 * captured as text.
 */
import { main } from '../main';
import type { CliIO } from '../types';
import { ROOT } from '../../engine/testing/demo';

/** A CliIO that keeps what the command writes; `cwd` is where relative paths start. */
export function capture(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** `waymark ...argv` from the repository root: exit code, stdout and stderr. */
export async function runCli(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const io = capture(ROOT);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
