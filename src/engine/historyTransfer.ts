import { runInfoOf, runToParquet, type HistoryRunInfo } from './historyRun';
import { parquetToResult } from './parquetToResult';
import type { ScoreResult } from './types';

export { parquetToResult };

/**
 * The app's side of a CLI history folder (docs/history-format.md): reading the manifest and run
 * files a user picked into fixed runs (every per-account array taken from the Parquet, nothing
 * scored again), and writing stored runs back out in exactly the CLI's layout. Pure: bytes in,
 * bytes out; the UI does the file picking and IndexedDB.
 */
export const HISTORY_FORMAT = 'waymark-history';
export const HISTORY_VERSION = 1;

export interface ManifestRun {
  asOf: string;
  file: string;
  playbook: string;
  fingerprint: string;
  createdAt: string;
  rowCount: number;
  dataset: string;
  colors: { color: string; count: number }[];
}

export interface Manifest {
  format: typeof HISTORY_FORMAT;
  version: number;
  playbookName: string;
  runs: ManifestRun[];
}

/** A problem with one file of the import: `code` is the i18n key (history:transfer.<code>). */
export interface TransferIssue {
  code:
    | 'no_manifest'
    | 'bad_manifest'
    | 'not_history'
    | 'newer'
    | 'missing_file'
    | 'not_parquet'
    | 'not_a_run'
    | 'newer_run'
    | 'mismatch'
    | 'other_project'
    | 'duplicate_as_of';
  file: string;
  params?: Record<string, string | number>;
}

/**
 * A picked file: its path relative to the picked folder (or just its name) and its bytes, or
 * how to read them (the app reads a run file only when its turn comes, so a folder of many runs
 * is never in memory at once).
 */
export type PickedFile = { path: string } & (
  { bytes: Uint8Array } | { read: () => Promise<Uint8Array> }
);

const bytesOf = (f: PickedFile): Promise<Uint8Array> =>
  'bytes' in f ? Promise.resolve(f.bytes) : f.read();

export interface ImportedRun {
  entry: ManifestRun;
  info: HistoryRunInfo;
  result: ScoreResult;
  /** The playbook the run scored with, when its file was picked too (else null). */
  playbook: unknown;
}

/** What the project already holds, for the lineage and as-of checks. */
export interface ImportTarget {
  playbookName: string;
  fingerprint: string;
  stored: { asOf: string; playbookName: string; fingerprint?: string }[];
}

export type ImportOutcome =
  | {
      ok: true;
      /** The runs read, in manifest order (empty when a `take` hook was given: it has them). */
      runs: ImportedRun[];
      /** The as-of dates read, in manifest order. */
      read: string[];
      skipped: { asOf: string; file: string }[];
    }
  | { ok: false; issues: TransferIssue[] };

const norm = (p: string) => p.replace(/\\/g, '/');

/** The picked file for a manifest-relative path: by path suffix, else by file name. */
function findFile(files: PickedFile[], rel: string): PickedFile | undefined {
  const want = norm(rel);
  const base = want.split('/').pop()!;
  return (
    files.find((f) => norm(f.path) === want || norm(f.path).endsWith('/' + want)) ??
    files.find((f) => norm(f.path).split('/').pop() === base)
  );
}

/** The manifest among the picked files, parsed and checked (or the issue that stops the import). */
export async function readManifestFile(files: PickedFile[]): Promise<Manifest | TransferIssue> {
  const mf = files.find((f) => norm(f.path).split('/').pop() === 'manifest.json');
  if (!mf) return { code: 'no_manifest', file: files.map((f) => f.path).join(', ') };
  let m: Manifest;
  try {
    m = JSON.parse(new TextDecoder().decode(await bytesOf(mf))) as Manifest;
  } catch (e) {
    return { code: 'bad_manifest', file: mf.path, params: { reason: (e as Error).message } };
  }
  if (m?.format !== HISTORY_FORMAT || !Array.isArray(m.runs))
    return { code: 'not_history', file: mf.path };
  if (!(Number(m.version) <= HISTORY_VERSION))
    return { code: 'newer', file: mf.path, params: { version: String(m.version) } };
  return m;
}

/**
 * Read a picked CLI history folder. All or nothing: any issue refuses the whole import (the
 * caller stores nothing). The lineage rule: the folder belongs to this project when its manifest's
 * playbook name is the project's or a stored run's, or any of its runs has the fingerprint of the
 * project's playbook or of a stored run; each run file must carry the manifest's playbook name
 * and as-of. Two runs with one as-of in the folder refuse it; a run whose as-of is already stored
 * is skipped and named (the stored run is kept as it is).
 */
export async function readHistoryImport(
  files: PickedFile[],
  target: ImportTarget,
  /** Called before each run file is read (k counts from 1 over the runs to read). */
  onRun: (k: number, total: number, asOf: string) => void = () => undefined,
  /**
   * Given, each run that passes its checks is handed over here as soon as it is read, while no
   * earlier run failed (the caller stores it and drops it; the outcome's `runs` stays empty);
   * the remaining files are still checked, so every issue is named.
   */
  take?: (run: ImportedRun) => Promise<void>,
): Promise<ImportOutcome> {
  const m = await readManifestFile(files);
  if ('code' in m) return { ok: false, issues: [m] };
  const mfPath = files.find((f) => norm(f.path).split('/').pop() === 'manifest.json')!.path;
  const names = new Set([target.playbookName, ...target.stored.map((s) => s.playbookName)]);
  const prints = new Set([target.fingerprint, ...target.stored.map((s) => s.fingerprint ?? '')]);
  if (!names.has(m.playbookName) && !m.runs.some((r) => prints.has(r.fingerprint)))
    return {
      ok: false,
      issues: [
        {
          code: 'other_project',
          file: mfPath,
          params: { theirs: m.playbookName, ours: target.playbookName },
        },
      ],
    };
  const issues: TransferIssue[] = [];
  const seen = new Set<string>();
  for (const e of m.runs) {
    if (seen.has(e.asOf))
      issues.push({ code: 'duplicate_as_of', file: mfPath, params: { asOf: e.asOf } });
    seen.add(e.asOf);
  }
  if (issues.length) return { ok: false, issues };
  const storedAsOf = new Set(target.stored.map((s) => s.asOf));
  const runs: ImportedRun[] = [];
  const read: string[] = [];
  const skipped: { asOf: string; file: string }[] = [];
  const toRead = m.runs.filter((e) => !storedAsOf.has(e.asOf)).length;
  let k = 0;
  for (const entry of m.runs) {
    if (storedAsOf.has(entry.asOf)) {
      skipped.push({ asOf: entry.asOf, file: entry.file });
      continue;
    }
    k++;
    const f = findFile(files, entry.file);
    if (!f) {
      issues.push({ code: 'missing_file', file: entry.file });
      continue;
    }
    onRun(k, toRead, entry.asOf);
    const got = await parquetToResult(await bytesOf(f));
    if ('code' in got) {
      issues.push({ ...got, file: f.path });
      continue;
    }
    if (got.info.asOf !== entry.asOf || got.info.playbookName !== m.playbookName) {
      issues.push({
        code: 'mismatch',
        file: f.path,
        params: { asOf: got.info.asOf, playbookName: got.info.playbookName },
      });
      continue;
    }
    const pf = entry.playbook ? findFile(files, entry.playbook) : undefined;
    let playbook: unknown = null;
    if (pf)
      try {
        playbook = JSON.parse(new TextDecoder().decode(await bytesOf(pf)));
      } catch {
        playbook = null;
      }
    read.push(entry.asOf);
    const run = { entry, info: got.info, result: got.result, playbook };
    if (!take) runs.push(run);
    else if (!issues.length) await take(run);
  }
  return issues.length ? { ok: false, issues } : { ok: true, runs, read, skipped };
}

/** A stored run to export, before its arrays are read. */
export interface ExportRunRef {
  asOf: string;
  createdAt: string;
  fingerprint: string;
  playbook?: unknown;
  dataset: string;
}

/** A stored run to export, with its arrays. */
export interface ExportRun extends Omit<ExportRunRef, 'asOf'> {
  result: ScoreResult;
}

/**
 * Which runs a folder keeps. The CLI keeps one run per as-of date, so of several stored runs with
 * one as-of (a run made again after a model change) the latest made is written, oldest as-of
 * first, and the others are left out for the UI to name.
 */
export function runsToWrite<T extends ExportRunRef>(runs: T[]): { write: T[]; leftOut: T[] } {
  const latest = new Map<string, T>();
  for (const x of runs) {
    const k = latest.get(x.asOf);
    if (!k || x.createdAt > k.createdAt) latest.set(x.asOf, x);
  }
  return {
    write: [...latest.values()].sort((a, b) => (a.asOf < b.asOf ? -1 : 1)),
    leftOut: runs.filter((x) => latest.get(x.asOf) !== x),
  };
}

const utf8 = new TextEncoder();

/** One run's manifest entry and files: its Parquet, and its playbook when known. */
export function runFiles(
  x: Omit<ExportRunRef, 'asOf'>,
  r: ScoreResult,
): { entry: ManifestRun; files: [string, Uint8Array][] } {
  const counts = new Map<string, number>();
  for (let i = 0; i < r.rowCount; i++) {
    const c = r.color[i] < 0 ? '' : r.colorIds[r.color[i]];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const entry: ManifestRun = {
    asOf: r.asOf,
    file: `runs/${r.asOf}.parquet`,
    playbook: x.playbook ? `playbooks/${x.fingerprint}.json` : '',
    fingerprint: x.fingerprint,
    createdAt: x.createdAt,
    rowCount: r.rowCount,
    dataset: x.dataset,
    colors: [...r.colorIds, '']
      .filter((c) => counts.has(c))
      .map((c) => ({ color: c, count: counts.get(c)! })),
  };
  const files: [string, Uint8Array][] = [
    [entry.file, runToParquet(r, runInfoOf(r, x.fingerprint))],
  ];
  if (x.playbook)
    files.push([entry.playbook, utf8.encode(JSON.stringify(x.playbook, null, 2) + '\n')]);
  return { entry, files };
}

/** The folder's manifest.json for the runs written (written last). */
export function manifestFile(playbookName: string, runs: ManifestRun[]): [string, Uint8Array] {
  const manifest: Manifest = {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    playbookName,
    runs,
  };
  return ['manifest.json', utf8.encode(JSON.stringify(manifest, null, 2) + '\n')];
}

/**
 * The files of a history folder in the CLI's layout (manifest last in the map, runs oldest
 * first), for runs already read; the app's export reads and writes one run at a time with the
 * pieces above (workers/historyTransferOps.ts).
 */
export function historyFiles(
  playbookName: string,
  runs: ExportRun[],
): { files: Map<string, Uint8Array>; leftOut: ExportRun[] } {
  const refs = runs.map((x) => ({ ...x, asOf: x.result.asOf, run: x }));
  const { write, leftOut } = runsToWrite(refs);
  const out = new Map<string, Uint8Array>();
  const list: ManifestRun[] = [];
  for (const x of write) {
    const { entry, files } = runFiles(x, x.result);
    for (const [p, b] of files) out.set(p, b);
    list.push(entry);
  }
  const [mp, mb] = manifestFile(playbookName, list);
  out.set(mp, mb);
  return { files: out, leftOut: leftOut.map((x) => x.run) };
}
