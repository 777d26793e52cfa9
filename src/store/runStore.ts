import { db, type RunRow } from './db';
import { newId } from '../model/ids';
import type { FunnelRow, ScoreResult, Summary, TrendResult } from '../engine';
import { packStrings, unpackStrings } from './datasets';
import { playbookFingerprint, type Playbook } from '../model';

/**
 * Runs as fixed records in IndexedDB: the playbook that ran (and its fingerprint), the dataset's
 * id and name, the as-of date, and per account in row chunks: total, colour, segment, stage,
 * owner, progress, fired CTAs, dimension scores, coverage and measure points, plus the summary.
 * A stored run is never scored again with another model: an account page re-derives the
 * per-measure explanation by scoring the same dataset with the run's own playbook.
 * Dimension scores, coverage and measure points are Float32 (7 significant digits: enough to
 * show and to rank for a backtest's AUC); the total stays Float64 so trends compare exactly.
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
  dimensionIds?: string[];
  measures?: ScoreResult['measures'];
  /** By CTA: the owner field's dictionary (null for a CTA owned by a role). */
  ctaPersonDicts?: (string[] | null)[];
  /** The dashboard's stage funnel (absent in runs stored before): a reload draws it at once. */
  funnel?: FunnelRow[];
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
  dimensionScores?: Float32Array[];
  coverage?: Float32Array;
  measurePoints?: Float32Array[];
  /** By CTA: owner-field codes into the header's ctaPersonDicts (null for a role-owned CTA). */
  ctaPerson?: (Int32Array | null)[];
};

const f32 = (a: Float64Array, from: number, to: number) => Float32Array.from(a.subarray(from, to));

export async function saveRun(
  projectId: string,
  datasetId: string,
  r: ScoreResult,
  summary: Summary,
  trendCounts?: TrendResult['counts'],
  datasetName?: string,
  timeZone?: string,
  playbook?: Playbook,
  extra?: Partial<Pick<RunRow, 'createdAt' | 'fingerprint' | 'imported'>>,
  /** The dashboard's funnel of `r` (engine stageFunnel), stored so a reload draws it at once. */
  funnel?: FunnelRow[],
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
    ...(funnel ? { funnel } : {}),
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

export function runHeader(row: RunRow): RunHeader {
  return row.summary as RunHeader;
}

export async function listRuns(projectId: string): Promise<RunRow[]> {
  return db().runs.where('projectId').equals(projectId).sortBy('createdAt');
}

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
  return { meta, result };
}

export async function deleteRun(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', d.runs, d.runChunks, async () => {
    await d.runChunks.where('runId').equals(id).delete();
    await d.runs.delete(id);
  });
}

/**
 * Store runs read from a CLI history folder (engine/historyTransfer.ts) in one transaction: all
 * or none. Each keeps the CLI's as-of, creation time and fingerprint and is marked imported; its
 * summary is counted from the stored arrays (never scored again).
 */
export async function saveImportedRuns(
  projectId: string,
  runs: {
    result: ScoreResult;
    summary: Summary;
    playbook: Playbook | null;
    fingerprint: string;
    createdAt: string;
    file: string;
    dataset: string;
  }[],
): Promise<RunRow[]> {
  const d = db();
  const rows: RunRow[] = [];
  await d.transaction('rw', d.runs, d.runChunks, async () => {
    for (const r of runs)
      rows.push(
        await saveRun(
          projectId,
          `cli:${r.file}`,
          r.result,
          r.summary,
          undefined,
          r.dataset,
          undefined,
          r.playbook ?? undefined,
          {
            createdAt: r.createdAt,
            fingerprint: r.fingerprint,
            imported: { from: 'cli', file: r.file, dataset: r.dataset },
          },
        ),
      );
  });
  return rows;
}
