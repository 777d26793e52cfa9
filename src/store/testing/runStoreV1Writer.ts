import { db, type RunRow } from '../db';
import { newId } from '../../model/ids';
import type { ScoreResult, Summary, TrendResult } from '../../engine';
import { packStrings } from '../datasets';
import { playbookFingerprint, type Playbook } from '../../model';
import type { RunHeader } from '../runFormat';

/**
 * The run writer as it was before run format 2 (2026-12-03), kept verbatim for tests: it stores
 * runs exactly as older versions of the app left them in IndexedDB (`runChunks`, 65,536 rows a
 * chunk), so tests check that such runs keep opening. Not used by the app.
 */
export const RUN_CHUNK_ROWS = 1 << 16;

type RunChunk = {
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

const f32 = (a: Float64Array, from: number, to: number) => Float32Array.from(a.subarray(from, to));

export async function saveRunV1(
  projectId: string,
  datasetId: string,
  r: ScoreResult,
  summary: Summary,
  trendCounts?: TrendResult['counts'],
  datasetName?: string,
  timeZone?: string,
  playbook?: Playbook,
  extra?: Partial<Pick<RunRow, 'createdAt' | 'fingerprint' | 'imported'>>,
): Promise<RunRow> {
  const d = db();
  const count = Math.max(1, Math.ceil(r.rowCount / RUN_CHUNK_ROWS));
  const header: RunHeader = {
    summary,
    trendCounts,
    playbookName: r.playbookName,
    colorIds: r.colorIds,
    segmentIds: r.segmentIds,
    stageIds: r.stageIds,
    ownerIds: r.ownerIds,
    ctas: r.ctas,
    datasetName,
    dimensionIds: r.dimensionIds,
    measures: r.measures,
    ...(r.ctaPerson ? { ctaPersonDicts: r.ctaPerson.map((p) => p?.dict ?? null) } : {}),
  };
  const row: RunRow = {
    id: newId('run_'),
    projectId,
    datasetId,
    asOf: r.asOf,
    createdAt: new Date().toISOString(),
    ...(timeZone ? { timeZone } : {}),
    rowCount: r.rowCount,
    summary: header,
    chunkCount: count,
    ...(playbook ? { playbook, fingerprint: playbookFingerprint(playbook) } : {}),
    ...extra,
  };
  await d.transaction('rw', d.runs, d.runChunks, async () => {
    for (let i = 0; i < count; i++) {
      const a = i * RUN_CHUNK_ROWS;
      const b = Math.min(r.rowCount, a + RUN_CHUNK_ROWS);
      const data: RunChunk = {
        accountIds: packStrings(r.accountIds.slice(a, b)),
        total: r.total.slice(a, b),
        color: r.color.slice(a, b),
        segment: r.segment.slice(a, b),
        stage: r.stage.slice(a, b),
        owner: r.owner.slice(a, b),
        progress: r.progress.slice(a, b),
        readyToAdvance: r.readyToAdvance.slice(a, b),
        daysInStage: r.daysInStage.slice(a, b),
        ctaFired: r.ctaFired.map((f) => f.slice(a, b)),
        dimensionScores: r.dimensionScores.map((d) => f32(d, a, b)),
        coverage: f32(r.coverage, a, b),
        measurePoints: r.measurePoints.map((m) => f32(m, a, b)),
        ...(r.ctaPerson ? { ctaPerson: r.ctaPerson.map((p) => p?.codes.slice(a, b) ?? null) } : {}),
      };
      await d.runChunks.add({ runId: row.id, index: i, data });
    }
    await d.runs.add(row);
  });
  return row;
}
