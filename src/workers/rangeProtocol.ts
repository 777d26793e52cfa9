import type { FieldContract } from '../model';
import type { ImportOptions } from '../data/importFile';
import type { RangeJob, RangeResult, RangeSpec } from '../data/parallelImport';

/** Messages between the import worker and its range workers (parallel import of one file). */
export type RangeRequest =
  | RangeJobRequest
  /**
   * At the preview: run the file's head through a range's parse (warmRange), so the parser is
   * compiled before the job comes. Nothing is answered.
   */
  | {
      type: 'warm';
      head: Uint8Array;
      size: number;
      file: string;
      contract: FieldContract;
      opts: ImportOptions;
      parts: number;
    };

export type RangeJobRequest = {
  type?: 'job';
  id: number;
  spec: RangeSpec;
  job: RangeJob;
  /**
   * The file's bytes from `base` on: the range and the tail a straddling record may need; or
   * the picked File, whose slice [base, end) the range worker reads itself.
   */
  bytes: Uint8Array | { blob: Blob; end: number };
  base: number;
  /** false: a File's slice is read whole, then parsed (the benchmark's comparison). */
  stream?: boolean;
  /**
   * Buffers faulted in ahead for this range's columns (rangeColumnSizes; transferred: their
   * pages come with them), which its columns move into (src/workers/columnFaults.ts).
   */
  memory?: ArrayBuffer[];
  /**
   * The range's string sinks' kept bytes by field (SinkPlan.keptBytes of rangeSinkPlans' later
   * plan), when `memory` also holds their tables and bytes (faulted in at the preview).
   */
  sinkKept?: Record<string, number>;
};

export type RangeResponse =
  | { id: number; type: 'progress'; fraction: number }
  | {
      id: number;
      type: 'done';
      result: RangeResult;
      /** Epoch ms (timeOrigin + now) the job arrived, was read, parsed and posted (the benchmark). */
      timing?: { received: number; read: number; parsed: number; sent: number };
      /** Columns moved into the request's `memory` (the benchmark, the e2e test). */
      faulted?: number;
      /** String sinks' arrays taken from the request's `memory` (the benchmark). */
      sinkFaulted?: number;
    }
  /** `unreadable`: the File no longer reads (changed or gone on disk since the pick). */
  | { id: number; type: 'failed'; message: string; unreadable?: boolean };
