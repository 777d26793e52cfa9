import type { RangeJob, RangeResult, RangeSpec } from '../data/parallelImport';

/** Messages between the import worker and its range workers (parallel import of one file). */
export type RangeRequest = {
  id: number;
  spec: RangeSpec;
  job: RangeJob;
  /** The file's bytes from `base` on: the range and the tail a straddling record may need. */
  bytes: Uint8Array;
  base: number;
};

export type RangeResponse =
  | { id: number; type: 'progress'; fraction: number }
  | {
      id: number;
      type: 'done';
      result: RangeResult;
      /** Epoch ms (timeOrigin + now) the job arrived, was parsed and was posted (the benchmark). */
      timing?: { received: number; parsed: number; sent: number };
    }
  | { id: number; type: 'failed'; message: string };
