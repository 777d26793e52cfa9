import { unzipSync, zipSync } from 'fflate';
import { readPlaybookDocument, summarise } from '../../engine';
import {
  historyFiles,
  readHistoryImport,
  type PickedFile,
  type TransferIssue,
} from '../../engine/historyTransfer';
import { playbookFingerprint, playbookFromProject, type Project } from '../../model';
import type { RunRow } from '../../store/db';
import { loadRun, runHeader, saveImportedRuns } from '../../store/runStore';

/**
 * The History tab's import and export of CLI history folders: picked files (a zip is opened)
 * → checked runs → one all-or-nothing IndexedDB transaction; stored runs → the CLI's layout
 * zipped. The checks themselves are pure (engine/historyTransfer.ts).
 */
export type ImportReport =
  | { ok: true; file: string; imported: string[]; skipped: { asOf: string; file: string }[] }
  | { ok: false; issues: TransferIssue[] };

export async function pickedFiles(list: File[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  for (const f of list) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (/\.zip$/i.test(f.name)) {
      try {
        for (const [p, b] of Object.entries(unzipSync(bytes)))
          if (!p.endsWith('/')) out.push({ path: `${f.name}/${p}`, bytes: b });
        continue;
      } catch {
        // Not a readable zip: kept as is, so the manifest check names it.
      }
    }
    out.push({ path, bytes });
  }
  return out;
}

export async function importHistory(
  project: Project,
  runs: RunRow[],
  list: File[],
): Promise<ImportReport> {
  const files = await pickedFiles(list);
  const pb = playbookFromProject(project);
  const got = await readHistoryImport(files, {
    playbookName: pb.name,
    fingerprint: playbookFingerprint(pb),
    stored: runs.map((r) => ({
      asOf: r.asOf,
      playbookName: runHeader(r).playbookName,
      fingerprint: r.fingerprint,
    })),
  });
  if (!got.ok) return got;
  const manifest = files.find((f) => f.path.replace(/\\/g, '/').endsWith('manifest.json'))!.path;
  await saveImportedRuns(
    project.id,
    got.runs.map((r) => {
      const read = r.playbook ? readPlaybookDocument(JSON.stringify(r.playbook)) : null;
      return {
        result: r.result,
        summary: summarise(r.result),
        playbook: read?.ok ? read.playbook : null,
        fingerprint: r.entry.fingerprint,
        createdAt: r.entry.createdAt,
        file: `${manifest.replace(/manifest\.json$/, '')}${r.entry.file}`,
        dataset: r.entry.dataset,
      };
    }),
  );
  return {
    ok: true,
    file: manifest,
    imported: got.runs.map((r) => r.entry.asOf),
    skipped: got.skipped,
  };
}

/**
 * The stored runs as a zip of the CLI's folder layout (null when there is nothing to export),
 * with the as-of dates of runs left out because a later run has the same date.
 */
export async function exportHistoryZip(
  project: Project,
  runs: RunRow[],
): Promise<{ zip: Uint8Array; count: number; leftOut: string[] } | null> {
  if (!runs.length) return null;
  const list = [];
  for (const r of runs) {
    const snap = await loadRun(r.id);
    if (!snap) continue;
    list.push({
      result: snap.result,
      fingerprint: r.fingerprint ?? '',
      playbook: r.playbook,
      createdAt: r.createdAt,
      dataset: r.imported?.dataset ?? runHeader(r).datasetName ?? '',
    });
  }
  const latest = runs[runs.length - 1];
  const { files, leftOut } = historyFiles(
    latest.playbook?.name ?? runHeader(latest).playbookName ?? playbookFromProject(project).name,
    list,
  );
  const tree: Record<string, Uint8Array> = {};
  for (const [p, b] of files) tree[p] = b;
  // Parquet is already compressed (Snappy): stored, not deflated again.
  return {
    zip: zipSync(tree, { level: 0 }),
    count: list.length - leftOut.length,
    leftOut: leftOut.map((x) => `${x.result.asOf} (${x.createdAt})`),
  };
}
