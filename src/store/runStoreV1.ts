import type { RunRow } from './db';
import type { ScoreResult } from '../engine';
import { unpackStrings, type packStrings } from './datasets';
import type { RunHeader } from './runFormat';

/**
 * Runs stored before 2026-12-03 (run format 1): per account in chunks of 65,536 rows, each chunk
 * one record holding every column of those rows (`runChunks`). Read-only: new runs are stored
 * column by column (runStore.ts); these keep opening as they were.
 */
export type RunChunk = {
  accountIds: ReturnType<typeof packStrings>;
  total: Float64Array;
  color: Int8Array;
  segment: Uint16Array;
  stage: Int16Array;
  owner: Uint16Array;
  progress: Uint8Array;
  readyToAdvance: Uint8Array;
  daysInStage: Float64Array;
  ctaFired: Uint8Array[];
  dimensionScores?: Float32Array[];
  coverage?: Float32Array;
  measurePoints?: Float32Array[];
  /** By CTA: owner-field codes into the header's ctaPersonDicts (null for a role-owned CTA). */
  ctaPerson?: (Int32Array | null)[];
};

function concat<
  T extends
    Float64Array | Float32Array | Int8Array | Uint16Array | Int16Array | Uint8Array | Int32Array,
>(parts: T[], make: (n: number) => T, n: number): T {
  const out = make(n);
  let at = 0;
  for (const p of parts) {
    out.set(p as never, at);
    at += p.length;
  }
  return out;
}

/** A Float32 column read back as Float64 (NaN where a chunk lacks it). */
function widen(
  chunks: RunChunk[],
  pick: (c: RunChunk) => Float32Array | undefined,
  n: number,
): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  let at = 0;
  for (const c of chunks) {
    const part = pick(c);
    if (part) out.set(part, at);
    at += c.total.length;
  }
  return out;
}

/** A format-1 run's chunks (sorted by index) as a ScoreResult (measure arrays empty). */
export function resultFromChunks(meta: RunRow, h: RunHeader, stored: unknown[]): ScoreResult {
  const chunks = stored as RunChunk[];
  const n = meta.rowCount;
  const accountIds: string[] = [];
  for (const c of chunks) unpackStrings(c.accountIds, accountIds);
  const result: ScoreResult = {
    resultVersion: 1,
    playbookName: h.playbookName,
    asOf: meta.asOf,
    rowCount: n,
    accountIds,
    segmentIds: h.segmentIds,
    segment: concat(
      chunks.map((c) => c.segment),
      (k) => new Uint16Array(k),
      n,
    ),
    stageIds: h.stageIds,
    stage: concat(
      chunks.map((c) => c.stage),
      (k) => new Int16Array(k),
      n,
    ),
    daysInStage: concat(
      chunks.map((c) => c.daysInStage),
      (k) => new Float64Array(k),
      n,
    ),
    progress: concat(
      chunks.map((c) => c.progress),
      (k) => new Uint8Array(k),
      n,
    ),
    criteria: [],
    criteriaStatus: [],
    readyToAdvance: concat(
      chunks.map((c) => c.readyToAdvance),
      (k) => new Uint8Array(k),
      n,
    ),
    measures: h.measures ?? [],
    measureRaw: [],
    rawDict: [],
    measurePoints: (h.measures ?? []).map((_, k) => widen(chunks, (c) => c.measurePoints?.[k], n)),
    measureContribution: [],
    dimensionIds: h.dimensionIds ?? [],
    dimensionScores: (h.dimensionIds ?? []).map((_, k) =>
      widen(chunks, (c) => c.dimensionScores?.[k], n),
    ),
    total: concat(
      chunks.map((c) => c.total),
      (k) => new Float64Array(k),
      n,
    ),
    coverage: h.dimensionIds ? widen(chunks, (c) => c.coverage, n) : new Float64Array(0),
    colorIds: h.colorIds,
    color: concat(
      chunks.map((c) => c.color),
      (k) => new Int8Array(k),
      n,
    ),
    ownerIds: h.ownerIds,
    owner: concat(
      chunks.map((c) => c.owner),
      (k) => new Uint16Array(k),
      n,
    ),
    ctas: h.ctas,
    ctaFired: h.ctas.map((_, k) =>
      concat(
        chunks.map((c) => c.ctaFired[k]),
        (m) => new Uint8Array(m),
        n,
      ),
    ),
    ...(h.ctaPersonDicts
      ? {
          ctaPerson: h.ctaPersonDicts.map((dict, k) =>
            dict
              ? {
                  dict,
                  codes: concat(
                    chunks.map((c) => c.ctaPerson?.[k] ?? new Int32Array(c.total.length).fill(-1)),
                    (m) => new Int32Array(m),
                    n,
                  ),
                }
              : null,
          ),
        }
      : {}),
  };
  return result;
}
