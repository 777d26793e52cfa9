import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIO, ExitCode } from './types';
import { t } from './messages';

/** Read a file relative to io.cwd; on failure writes the error and returns null. */
export async function readInput(io: CliIO, file: string): Promise<Uint8Array | null> {
  try {
    // A view of the Buffer, not a copy: a 200 MB export would otherwise sit in memory twice.
    const buf = await readFile(resolve(io.cwd, file));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    io.stderr(
      t('error.readFile', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n',
    );
    return null;
  }
}

/** Write to FILE (relative to io.cwd) or standard output. */
export async function writeOutput(
  io: CliIO,
  file: string | undefined,
  text: string,
): Promise<ExitCode> {
  if (!file || file === '-') {
    io.stdout(text);
    return 0;
  }
  try {
    await writeFile(resolve(io.cwd, file), text);
    return 0;
  } catch (e) {
    io.stderr(
      t('error.writeFile', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n',
    );
    return 1;
  }
}
