import { unzipSync, Zip, ZipPassThrough } from 'fflate';
import { readPlaybookDocument, summarise } from '../engine';
import {
  manifestFile,
  readHistoryImport,
  runFiles,
  runsToWrite,
  type ExportRunRef,
  type ImportTarget,
  type ManifestRun,
  type PickedFile,
  type TransferIssue,
} from '../engine/historyTransfer';
import { playbookFingerprint, playbookFromProject, type Project } from '../model';
import type { RunRow } from '../store/db';
import { loadRun, runHeader } from '../store/runStore';
import {
  commitStagedImport,
  discardStagedImport,
  stageImportedRun,
  stagingId,
  sweepStagedImports,
} from '../store/stagedImport';
import { zipEntries } from './zipEntries';

/**
 * The History tab's import and export of CLI history folders, run in historyTransfer.worker.ts
 * (a run of a million accounts is seconds of work): picked files (a zip is opened) → checked
 * runs → one all-or-nothing IndexedDB transaction; stored runs → the CLI's layout zipped, read
 * and written one run at a time. The checks themselves are pure (engine/historyTransfer.ts).
 */
export type ImportReport =
  | { ok: true; file: string; imported: string[]; skipped: { asOf: string; file: string }[] }
  | { ok: false; issues: TransferIssue[] };

/** Where a transfer is: `done` of `total` files read, runs read or written; `save` is the store. */
export type TransferProgress =
  | { phase: 'read'; done: number; total: number }
  | { phase: 'check'; done: number; total: number; asOf: string }
  | { phase: 'save'; done: number; total: number }
  | { phase: 'export'; done: number; total: number; asOf: string };

type OnProgress = (p: TransferProgress) => void;

/**
 * The picked files, each read only when the import comes to it: a zip's entries through its
 * central directory (zipEntries.ts), falling back to unpacking it whole; other files as they are.
 */
export async function pickedFiles(list: File[], onProgress: OnProgress = () => undefined) {
  const out: PickedFile[] = [];
  for (const [k, f] of list.entries()) {
    onProgress({ phase: 'read', done: k, total: list.length });
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (/\.zip$/i.test(f.name)) {
      const entries = await zipEntries(f).catch(() => null);
      if (entries) {
        for (const e of entries) out.push({ path: `${f.name}/${e.path}`, read: e.read });
        continue;
      }
      const bytes = new Uint8Array(await f.arrayBuffer());
      try {
        for (const [p, b] of Object.entries(unzipSync(bytes)))
          if (!p.endsWith('/')) out.push({ path: `${f.name}/${p}`, bytes: b });
        continue;
      } catch {
        // Not a readable zip: kept as is, so the manifest check names it.
      }
      out.push({ path, bytes });
      continue;
    }
    out.push({ path, read: async () => new Uint8Array(await f.arrayBuffer()) });
  }
  return out;
}

/** What the project holds, for the import's lineage and as-of checks (cheap: run headers only). */
export function importTargetOf(project: Project, runs: RunRow[]): ImportTarget {
  const pb = playbookFromProject(project);
  return {
    playbookName: pb.name,
    fingerprint: playbookFingerprint(pb),
    stored: runs.map((r) => ({
      asOf: r.asOf,
      playbookName: runHeader(r).playbookName,
      fingerprint: r.fingerprint,
    })),
  };
}

/**
 * Import a picked CLI history folder: each run is read, checked and stored (staged, unseen)
 * before the next is read, so memory holds one run whatever the folder's size; once every file
 * passed, the page's go-ahead (`beforeSave`) commits them all in one transaction. Any issue,
 * failure or cancel leaves the project as it was (store/stagedImport.ts).
 */
export async function importHistoryFiles(
  projectId: string,
  target: ImportTarget,
  list: File[],
  onProgress: OnProgress = () => undefined,
  /** Awaited after the `save` progress and before the runs are shown (the worker's go-ahead). */
  beforeSave: () => Promise<void> = async () => undefined,
  /** Where runs are staged (the page passes its own, to discard them should it cancel). */
  staging = stagingId(projectId),
): Promise<ImportReport> {
  await sweepStagedImports().catch(() => undefined);
  try {
    const files = await pickedFiles(list, onProgress);
    const manifest = files.find((f) => f.path.replace(/\\/g, '/').endsWith('manifest.json'))?.path;
    const dir = manifest?.replace(/manifest\.json$/, '') ?? '';
    const got = await readHistoryImport(
      files,
      target,
      (done, total, asOf) => onProgress({ phase: 'check', done: done - 1, total, asOf }),
      async (r) => {
        const read = r.playbook ? readPlaybookDocument(JSON.stringify(r.playbook)) : null;
        await stageImportedRun(projectId, staging, {
          result: r.result,
          summary: summarise(r.result),
          playbook: read?.ok ? read.playbook : null,
          fingerprint: r.entry.fingerprint,
          createdAt: r.entry.createdAt,
          file: `${dir}${r.entry.file}`,
          dataset: r.entry.dataset,
        });
      },
    );
    if (!got.ok) {
      await discardStagedImport(staging);
      return got;
    }
    onProgress({ phase: 'save', done: 0, total: got.read.length });
    await beforeSave();
    await commitStagedImport(projectId, staging);
    return { ok: true, file: manifest!, imported: got.read, skipped: got.skipped };
  } catch (e) {
    await discardStagedImport(staging).catch(() => undefined);
    throw e;
  }
}

/** A stored run to export: its id and what the manifest says of it (no arrays). */
export type ExportRef = ExportRunRef & { id: string };

/** The playbook name and runs to export, from the stored runs' rows (cheap: no arrays read). */
export function exportRefsOf(
  project: Project,
  runs: RunRow[],
): { playbookName: string; runs: ExportRef[] } {
  const latest = runs.at(-1);
  return {
    playbookName:
      (latest && (latest.playbook?.name ?? runHeader(latest).playbookName)) ??
      playbookFromProject(project).name,
    runs: runs.map((r) => ({
      id: r.id,
      asOf: r.asOf,
      createdAt: r.createdAt,
      fingerprint: r.fingerprint ?? '',
      playbook: r.playbook,
      dataset: r.imported?.dataset ?? runHeader(r).datasetName ?? '',
    })),
  };
}

export interface ExportedZip {
  /** The zip file (made here: a Blob of ~100 MB of pieces took the page ~0.3 s to make). */
  zip: Blob;
  count: number;
  /** Runs left out because a later run has the same as-of: "as-of (made at)". */
  leftOut: string[];
}

/**
 * The stored runs as a zip of the CLI's folder layout (null when there is nothing to export).
 * One run is read, written as Parquet and added to the zip before the next is read, so memory
 * holds one run's arrays, not every run's. Parquet is already compressed (Snappy): stored, not
 * deflated again.
 */
export async function exportHistoryZip(
  playbookName: string,
  refs: ExportRef[],
  onProgress: OnProgress = () => undefined,
): Promise<ExportedZip | null> {
  if (!refs.length) return null;
  const { write, leftOut } = runsToWrite(refs);
  const parts: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else parts.push(chunk);
  });
  const added = new Set<string>();
  const add = (path: string, bytes: Uint8Array) => {
    // Runs of one playbook share its file (named by fingerprint): written once.
    if (added.has(path)) return;
    added.add(path);
    const f = new ZipPassThrough(path);
    zip.add(f);
    f.push(bytes, true);
  };
  const entries: ManifestRun[] = [];
  for (const [k, x] of write.entries()) {
    onProgress({ phase: 'export', done: k, total: write.length, asOf: x.asOf });
    const snap = await loadRun(x.id);
    if (!snap) continue;
    const { entry, files } = runFiles(x, snap.result);
    for (const [p, b] of files) add(p, b);
    entries.push(entry);
  }
  add(...manifestFile(playbookName, entries));
  zip.end();
  if (failed) throw failed;
  const blob = new Blob(parts as BlobPart[], { type: 'application/zip' });
  // The browser builds a Blob's store asynchronously, and the page's URL.createObjectURL waits
  // for it: ~100–200 ms in one task for 8 runs of 1M. Reading its last byte here waits instead.
  if (blob.size) await blob.slice(blob.size - 1).arrayBuffer();
  return {
    zip: blob,
    count: entries.length,
    leftOut: leftOut.map((x) => `${x.asOf} (${x.createdAt})`),
  };
}
