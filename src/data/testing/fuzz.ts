import { ImportError, importAccountFile, type ImportOptions } from '..';
import { demoContract } from './helpers';

/** A small seeded PRNG (mulberry32): random files too large for fast-check to build cell by cell. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
export type Rng = ReturnType<typeof rng>;

/** What `read` gives, or the issue of the ImportError it throws (paths compared either way). */
export function exact(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

/** importAccountFile of the demo contract: the reader apart from the rest of the report, or the error. */
export function importOutcome(bytes: Uint8Array, file: string, opts: ImportOptions) {
  try {
    const { table, report } = importAccountFile(bytes, file, demoContract, opts);
    const { reader, ...rest } = report;
    return { reader, table, report: rest };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

/**
 * Yes/no cells near the byte path's words (true/TRUE/false/FALSE/1/0 are read from the bytes):
 * other cases, a word cut short or run on, another language's yes, a bad value.
 */
export const YES_NO_SPELLINGS = [
  'true',
  'TRUE',
  'True',
  'false',
  'FALSE',
  'False',
  'fals',
  'truex',
  '1',
  '0',
  '',
  'yes',
  'はい',
  'tRUE',
  'falsE',
  'falsy',
  'x',
];
