import { MAX_JSON_DEPTH } from '../util/jsonDepth';
import { ImportError } from './issues';

/**
 * What an import refuses, with a clear message, instead of running out of memory or stack.
 * Tests lower them to check the refusals without allocating hundreds of megabytes.
 */
export interface ImportLimits {
  /** Largest file read (bytes). Offsets in the byte reader are Int32, and Node reads at most 2 GiB at once. */
  maxFileBytes: number;
  /**
   * Longest row (UTF-8 bytes, or characters for decoded text). A real account row is a few KB;
   * a longer one is a file with line breaks Waymark does not see, or a quote never closed.
   */
  maxRowBytes: number;
  /** Deepest nesting of arrays and objects in JSON / NDJSON. */
  maxJsonDepth: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 0x7fffffff - 1,
  maxRowBytes: 16_000_000,
  maxJsonDepth: MAX_JSON_DEPTH,
};

export function limitsOf(partial?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

/** Bytes as "12.3 MB" for messages ("900 bytes" below a megabyte, where MB would read 0.0). */
export function megabytes(bytes: number): string {
  if (bytes < 1_000_000) return `${bytes} bytes`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

/** Refuse a file over the size limit before reading it (the CLI and the app check the size first too). */
export function checkFileSize(file: string, size: number, limits?: Partial<ImportLimits>): void {
  const { maxFileBytes } = limitsOf(limits);
  if (size > maxFileBytes) {
    throw new ImportError({
      code: 'file_too_large',
      severity: 'fatal',
      file,
      params: { size: megabytes(size), limit: megabytes(maxFileBytes) },
      message: `${file}: the file is ${megabytes(size)}, more than the ${megabytes(maxFileBytes)} Waymark imports at once. Split it into smaller files (they are joined on the account key), or score it inside your database with \`waymark sql\`.`,
    });
  }
}
