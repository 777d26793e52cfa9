import { db, type RunRow } from './db';
import { newId } from '../model/ids';
import type { ScoreResult, Summary, TrendResult } from '../engine';
import { packStrings, unpackStrings } from './datasets';

/**
 * Runs as snapshots in IndexedDB: the per-account outcome of scoring (total, colour, segment,
 * stage, owner, progress, fired CTAs, account ids) in row chunks, plus the summary. Measure-level
 * detail is not stored: an account page re-derives it by scoring the dataset again.
 * The snapshot is enough for trends against the next run.
 */
export const RUN_CHUNK_ROWS = 1 << 16;

/** What a snapshot keeps of a ScoreResult (the rest of its arrays are empty when read back). */
export interface RunSnapshot {
  meta: RunRow;
  result: ScoreResult;
}

interface RunHeader {
  summary: Summary;
  trendCounts?: TrendResult['counts'];
  playbookName: string;
  colorIds: string[];
  segmentIds: string[];
  stageIds: string[];
  ownerIds: string[];
  ctas: ScoreResult['ctas'];
  datasetName?: string;
}

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
};

export async function saveRun(
  projectId: string,
  datasetId: string,
  r: ScoreResult,
  summary: Summary,
  trendCounts?: TrendResult['counts'],
  datasetName?: string,
  timeZone?: string,
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
      };
      await d.runChunks.add({ runId: row.id, index: i, data });
    }
    await d.runs.add(row);
  });
  return row;
}

export function runHeader(row: RunRow): RunHeader {
  return row.summary as RunHeader;
}

export async function listRuns(projectId: string): Promise<RunRow[]> {
  return db().runs.where('projectId').equals(projectId).sortBy('createdAt');
}

function concat<T extends Float64Array | Int8Array | Uint16Array | Int16Array | Uint8Array>(
  parts: T[],
  make: (n: number) => T,
  n: number,
): T {
  const out = make(n);
  let at = 0;
  for (const p of parts) {
    out.set(p as never, at);
    at += p.length;
  }
  return out;
}

/** Read a stored run back as a ScoreResult with the snapshot's arrays (measure arrays empty). */
export async function loadRun(id: string): Promise<RunSnapshot | null> {
  const d = db();
  const meta = await d.runs.get(id);
  if (!meta) return null;
  const h = runHeader(meta);
  const chunks = (await d.runChunks.where('runId').equals(id).sortBy('index')).map(
    (c) => c.data as RunChunk,
  );
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
    measures: [],
    measureRaw: [],
    rawDict: [],
    measurePoints: [],
    measureContribution: [],
    dimensionIds: [],
    dimensionScores: [],
    total: concat(
      chunks.map((c) => c.total),
      (k) => new Float64Array(k),
      n,
    ),
    coverage: new Float64Array(0),
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
  };
  return { meta, result };
}

export async function deleteRun(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', d.runs, d.runChunks, async () => {
    await d.runChunks.where('runId').equals(id).delete();
    await d.runs.delete(id);
  });
}
