import { ImportError, importAccountFile, type ImportOptions } from '..';
import type { FieldContract } from '../../model';
import type { AccountTable } from '../../table/columns';
import { importAccountBlocks, streamChunks, streamResult, type StreamPlan } from '../importStream';
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

/** importAccountFile (the demo contract unless given): the reader apart from the rest of the report, or the error. */
export function importOutcome(
  bytes: Uint8Array,
  file: string,
  opts: ImportOptions,
  contract: FieldContract = demoContract,
) {
  try {
    const { table, report } = importAccountFile(bytes, file, contract, opts);
    const { reader, ...rest } = report;
    return { reader, table, report: rest };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

/**
 * importAccountBlocks over `bytes` read `block` bytes at a time (no minimum size), as `exact`
 * gives it; `reads.whole` counts reads of the whole file (the import's fallback).
 */
export function blockImport(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  block: number,
  reads = { whole: 0 },
): unknown {
  const src = {
    size: bytes.length,
    read: (buf: Uint8Array, offset: number, length: number, position: number) => {
      if (length === bytes.length) reads.whole++;
      const part = bytes.subarray(position, position + length);
      buf.set(part, offset);
      return part.length;
    },
  };
  return exact(() => importAccountBlocks(src, file, contract, opts, { minBytes: 0, block }));
}

/** A streamed import run to its end: every chunk's table (the last one included) and the report. */
export async function streamTables(
  plan: StreamPlan,
  blocks: AsyncIterable<Uint8Array>,
  opts: ImportOptions,
) {
  const tables: AccountTable[] = [];
  const it = streamChunks(plan, blocks, opts);
  let r = await it.next();
  while (!r.done) {
    tables.push(r.value);
    r = await it.next();
  }
  const { table, report } = streamResult(plan, r.value);
  tables.push(table);
  return { tables, report };
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
