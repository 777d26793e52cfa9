import { db, type RunRow } from './db';
import { deleteRunRecords, saveRun } from './runStore';
import type { Playbook } from '../model';
import type { ScoreResult, Summary } from '../engine';
import { inTimeOrder } from '../util/runOrder';

/**
 * Runs imported from a CLI history folder, stored one at a time and shown all at once.
 *
 * Each run is written as soon as it is read and checked, under a staging id in place of its
 * project id, so the import holds one run's arrays at a time however many runs the folder has
 * (a year of weekly runs of a million accounts would not fit in a worker's memory at once).
 * Nothing reads runs but by project id, so staged runs are invisible. The commit moves every
 * staged run to the project in one small transaction: all or none. A failed, refused or
 * cancelled import discards its staged runs; a tab closed part-way leaves them, and the next
 * import sweeps staged runs older than STALE_MS.
 */
export const STAGING = 'staging:';
/** Staged runs older than this are left from an import that never ended (another tab's live import is younger). */
export const STALE_MS = 6 * 60 * 60 * 1000;

/** A fresh staging id for one import into `projectId` (its time lets a later sweep tell stale from live). */
export function stagingId(projectId: string, now = Date.now()): string {
  return `${STAGING}${now}:${Math.random().toString(36).slice(2, 10)}:${projectId}`;
}

export interface ImportedRunInput {
  result: ScoreResult;
  summary: Summary;
  playbook: Playbook | null;
  fingerprint: string;
  createdAt: string;
  file: string;
  dataset: string;
}

/** Store one read run under the staging id (its own transaction). */
export async function stageImportedRun(
  projectId: string,
  staging: string,
  r: ImportedRunInput,
): Promise<RunRow> {
  return saveRun(
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
      projectId: staging,
    },
  );
}

/** Thrown by the commit when a staged run lost records it needs (changed from another tab). */
export class StagedImportBroken extends Error {}

/**
 * Show the staged runs in the project, all in one transaction. A staged run may share a key list
 * with a project's run; should that run have been deleted since (another tab), the key list may
 * be gone: then nothing is committed.
 */
export async function commitStagedImport(projectId: string, staging: string): Promise<RunRow[]> {
  const d = db();
  return d.transaction('rw', d.runs, d.runColumns, async () => {
    const rows = await d.runs.where('projectId').equals(staging).toArray();
    for (const r of rows) {
      const owners = [r.keysId, r.id].filter((x): x is string => !!x);
      for (const owner of owners)
        if ((await d.runColumns.where('owner').equals(owner).count()) === 0)
          throw new StagedImportBroken(`run ${r.asOf}: stored records missing (${owner})`);
    }
    await d.runs.where('projectId').equals(staging).modify({ projectId });
    return inTimeOrder(rows.map((r) => ({ ...r, projectId })));
  });
}

/** Delete an import's staged runs (and key lists only they used). Safe to call twice. */
export async function discardStagedImport(staging: string): Promise<void> {
  const d = db();
  const ids = await d.runs.where('projectId').equals(staging).primaryKeys();
  if (!ids.length) return;
  await d.transaction('rw', d.runs, d.runChunks, d.runColumns, async () => {
    for (const id of ids) await deleteRunRecords(id);
  });
}

/** Discard staged runs of imports that began more than STALE_MS ago (a tab closed part-way). */
export async function sweepStagedImports(now = Date.now()): Promise<number> {
  const d = db();
  const tags = await d.runs.where('projectId').startsWith(STAGING).uniqueKeys();
  let swept = 0;
  for (const tag of tags.map(String)) {
    const began = Number(tag.slice(STAGING.length).split(':')[0]);
    if (!(now - began > STALE_MS)) continue;
    await discardStagedImport(tag);
    swept++;
  }
  return swept;
}

/**
 * Store runs read from a CLI history folder, all or none (stage each, then commit; on any
 * failure the staged ones are discarded). The app's import stages as it reads instead
 * (workers/historyTransferOps.ts); this is for callers that hold the runs already.
 */
export async function saveImportedRuns(
  projectId: string,
  runs: ImportedRunInput[],
): Promise<RunRow[]> {
  const staging = stagingId(projectId);
  try {
    for (const r of runs) await stageImportedRun(projectId, staging, r);
    return await commitStagedImport(projectId, staging);
  } catch (e) {
    await discardStagedImport(staging);
    throw e;
  }
}
