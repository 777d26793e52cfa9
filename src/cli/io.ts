import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
// Straight from their modules, not the data barrel: `validate` reads a playbook through here
// and should not load the account importers (start-up, docs/cli.md).
import { checkFileSize, megabytes, type ImportLimits } from '../data/limits';
import { ImportError } from '../data/issues';
import type { CliIO, ExitCode } from './types';
import { t } from './messages';

/**
 * Read a file relative to io.cwd; on failure writes the error and returns null. A file over the
 * import size limit is refused from its size, before any byte is read, and a read that runs out
 * of memory is reported the same way rather than crashing.
 */
export async function readInput(
  io: CliIO,
  file: string,
  limits?: Partial<ImportLimits>,
): Promise<Uint8Array | null> {
  const path = resolve(io.cwd, file);
  try {
    checkFileSize(basename(file), (await stat(path)).size, limits);
    // A view of the Buffer, not a copy: a 200 MB export would otherwise sit in memory twice.
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    if (e instanceof ImportError) {
      // Loaded only here (with the importer's messages, ~50 KB): a file read whole is refused so
      // rarely that `validate` should not load them at start-up.
      const { formatImportIssue } = await import('./importIssue');
      io.stderr(formatImportIssue(e.issue) + '\n');
      return null;
    }
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') {
      const size = await stat(path).then(
        (st) => megabytes(st.size),
        () => '?',
      );
      io.stderr(t('error.outOfMemory', { file, size }) + '\n');
      return null;
    }
    io.stderr(
      t('error.readFile', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n',
    );
    return null;
  }
}

/**
 * A regular file relative to io.cwd, opened to be read by position (importAccountBlocks reads it
 * a block at a time), or null when it cannot be opened as one: readInput then reads it and
 * reports why it cannot.
 */
export function openInput(
  io: CliIO,
  file: string,
): {
  size: number;
  read: (b: Uint8Array, o: number, l: number, p: number) => number;
  close: () => void;
} | null {
  let fd: number | undefined;
  try {
    fd = openSync(resolve(io.cwd, file), 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file');
    const fdn = fd;
    return {
      size: st.size,
      read: (b, o, l, p) => readSync(fdn, b, o, l, p),
      close: () => closeSync(fdn),
    };
  } catch {
    if (fd !== undefined) closeSync(fd);
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
