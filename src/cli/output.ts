/**
 * Streamed command output (`waymark score`): text is written as it is made, waiting whenever the
 * destination's buffer is full (backpressure), so the output is never held as one string.
 *
 * A file is written under a temporary name beside it and renamed into place when complete: a
 * run that fails half way (bad data found late, disk full, Ctrl-C) leaves yesterday's file as it
 * was, never a truncated one. Destinations that are not regular files (/dev/stdout, a FIFO) are
 * written directly.
 */
import { once } from 'node:events';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { CliIO, ExitCode } from './types';
import { t } from './messages';

export interface Output {
  /** Resolves once the text is accepted (after a 'drain' when the buffer was full). */
  write(text: string | Uint8Array): Promise<void>;
  /** Flush and close; a file is renamed into place. Reports a failure and returns its exit code. */
  close(): Promise<ExitCode>;
  /** Give up (an error elsewhere): a temporary file is removed, the target left untouched. */
  abort(): Promise<void>;
  /** Standard output: what was written cannot be taken back. */
  isStdout?: boolean;
}

/** A write failed; the message is already on stderr (or, for a closed pipe, not needed). */
export class OutputError extends Error {}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}

/** Writes to a Node stream with backpressure; the first error is kept and rethrown. */
function streamWriter(stream: Writable, onError: (e: unknown) => void) {
  let failed: unknown = null;
  const listener = (e: unknown) => {
    if (failed === null) {
      failed = e;
      onError(e);
    }
  };
  stream.on('error', listener);
  return {
    async write(text: string | Uint8Array): Promise<void> {
      if (failed !== null) throw new OutputError(reason(failed));
      if (text.length === 0) return;
      if (!stream.write(text)) {
        // 'drain' or 'error', whichever comes first (once rejects on 'error').
        await once(stream, 'drain').catch(() => undefined);
        if (failed !== null) throw new OutputError(reason(failed));
      }
    },
    failed: () => failed,
    detach: () => stream.off('error', listener),
  };
}

/** Standard output: the process's stream with backpressure, or io.stdout (tests). */
function stdoutOutput(io: CliIO): Output {
  const stream = io.stdoutStream;
  if (!stream)
    return {
      // Text made by worker threads arrives as UTF-8, each piece whole characters.
      write: async (text) => {
        const s = typeof text === 'string' ? text : new TextDecoder().decode(text);
        if (s) io.stdout(s);
      },
      close: async () => 0,
      abort: async () => undefined,
      isStdout: true,
    };
  // A closed pipe (`waymark score … | head`) stops the run quietly; other errors are reported.
  const w = streamWriter(stream, (e) => {
    if (reason(e) !== 'EPIPE')
      io.stderr(t('error.writeFile', { file: '-', reason: reason(e) }) + '\n');
  });
  return {
    write: w.write,
    async close() {
      w.detach();
      return w.failed() === null ? 0 : 1;
    },
    async abort() {
      w.detach();
    },
    isStdout: true,
  };
}

/**
 * Where FILE (relative to io.cwd; '-' or absent = standard output) is written. Returns null when
 * it cannot be opened (reported on stderr): checked before any scoring starts.
 */
export async function openOutput(io: CliIO, file: string | undefined): Promise<Output | null> {
  if (!file || file === '-') return stdoutOutput(io);
  const target = resolve(io.cwd, file);
  let direct = false;
  try {
    direct = !(await stat(target)).isFile();
  } catch {
    direct = false; // absent: created through the temporary file
  }
  const path = direct ? target : join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (e) {
    io.stderr(t('error.writeFile', { file, reason: reason(e) }) + '\n');
    return null;
  }
  const stream = handle.createWriteStream({ highWaterMark: 1 << 20 });
  const report = (e: unknown) =>
    io.stderr(t('error.writeFile', { file, reason: reason(e) }) + '\n');
  const w = streamWriter(stream, report);
  const finish = async (): Promise<boolean> => {
    if (w.failed() === null) {
      stream.end();
      await once(stream, 'close').catch(() => undefined);
    } else {
      stream.destroy();
      await handle.close().catch(() => undefined);
    }
    return w.failed() === null;
  };
  return {
    write: w.write,
    async close() {
      if (!(await finish())) {
        if (!direct) await rm(path, { force: true });
        return 1;
      }
      if (direct) return 0;
      try {
        await rename(path, target);
        return 0;
      } catch (e) {
        report(e);
        await rm(path, { force: true });
        return 1;
      }
    },
    async abort() {
      await finish();
      if (!direct) await rm(path, { force: true });
    },
  };
}
