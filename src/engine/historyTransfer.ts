import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import {
  HISTORY_RUN_FORMAT,
  HISTORY_RUN_VERSION,
  runInfoOf,
  runToParquet,
  type HistoryRunInfo,
} from './historyRun';
import type { CtaInfo, MeasureInfo, ScoreResult } from './types';

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

/** A picked file: its path relative to the picked folder (or just its name) and its bytes. */
export interface PickedFile {
  path: string;
  bytes: Uint8Array;
}

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
  | { ok: true; runs: ImportedRun[]; skipped: { asOf: string; file: string }[] }
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
export function readManifestFile(files: PickedFile[]): Manifest | TransferIssue {
  const mf = files.find((f) => norm(f.path).split('/').pop() === 'manifest.json');
  if (!mf) return { code: 'no_manifest', file: files.map((f) => f.path).join(', ') };
  let m: Manifest;
  try {
    m = JSON.parse(new TextDecoder().decode(mf.bytes)) as Manifest;
  } catch (e) {
    return { code: 'bad_manifest', file: mf.path, params: { reason: (e as Error).message } };
  }
  if (m?.format !== HISTORY_FORMAT || !Array.isArray(m.runs))
    return { code: 'not_history', file: mf.path };
  if (!(Number(m.version) <= HISTORY_VERSION))
    return { code: 'newer', file: mf.path, params: { version: String(m.version) } };
  return m;
}

/** Read a run file in full: every column the CLI writes, as a ScoreResult (never re-scored). */
export async function parquetToResult(
  bytes: Uint8Array,
): Promise<{ info: HistoryRunInfo; result: ScoreResult } | Omit<TransferIssue, 'file'>> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let meta;
  try {
    meta = parquetMetadata(file as ArrayBuffer);
  } catch (e) {
    return { code: 'not_parquet', params: { reason: e instanceof Error ? e.message : String(e) } };
  }
  const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((x) => [x.key, x.value]));
  if (kv['waymark.format'] !== HISTORY_RUN_FORMAT || !kv['waymark.run'])
    return { code: 'not_a_run' };
  if (!(Number(kv['waymark.version']) <= HISTORY_RUN_VERSION))
    return { code: 'newer_run', params: { version: String(kv['waymark.version']) } };
  const info = JSON.parse(kv['waymark.run']!) as HistoryRunInfo;
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: file as ArrayBuffer });
  } catch (e) {
    return { code: 'not_parquet', params: { reason: e instanceof Error ? e.message : String(e) } };
  }
  const n = rows.length;
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const dbl = (col: string) => Float64Array.from(rows, (r) => num(r[col]));
  // Dictionary-coded text columns: ids in order of first appearance (colours in band order).
  const codes = <A extends Int8Array | Int16Array | Uint16Array>(
    col: string,
    make: (k: number) => A,
    ids: string[],
    missing: number,
  ): A => {
    const index = new Map(ids.map((c, i) => [c, i]));
    const out = make(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][col];
      if (typeof v !== 'string') {
        out[i] = missing;
        continue;
      }
      let k = index.get(v);
      if (k === undefined) {
        k = ids.length;
        ids.push(v);
        index.set(v, k);
      }
      out[i] = k;
    }
    return out;
  };
  const segmentIds: string[] = [];
  const stageIds: string[] = [];
  const ownerIds: string[] = [];
  const colorIds = [...info.colorIds];
  const segment = codes('segment', (k) => new Uint16Array(k), segmentIds, 0);
  if (!segmentIds.length) segmentIds.push('');
  const stage = codes('stage', (k) => new Int16Array(k), stageIds, -1);
  const owner = codes('owner', (k) => new Uint16Array(k), ownerIds, 0);
  if (!ownerIds.length) ownerIds.push('');
  const result: ScoreResult = {
    resultVersion: 1,
    playbookName: info.playbookName,
    asOf: info.asOf,
    rowCount: n,
    accountIds: rows.map((r) => String(r.account_id)),
    segmentIds,
    segment,
    stageIds,
    stage,
    daysInStage: dbl('days_in_stage'),
    progress: new Uint8Array(n),
    criteria: [],
    criteriaStatus: [],
    readyToAdvance: new Uint8Array(n),
    measures: info.measures.map((m): MeasureInfo => ({
      id: m.id,
      label: m.label,
      dimension: '',
      rawKind: 'number',
    })),
    measureRaw: [],
    rawDict: [],
    measurePoints: info.measures.map((m) => dbl(`pts__${m.id}`)),
    dimensionIds: info.dimensionIds,
    dimensionScores: info.dimensionIds.map((d) => dbl(`dim__${d}`)),
    total: dbl('score'),
    coverage: dbl('coverage'),
    colorIds,
    color: codes('color', (k) => new Int8Array(k), colorIds, -1),
    ownerIds,
    owner,
    ctas: info.ctas.map((c): CtaInfo => ({
      ...c,
      priority: 'medium' as CtaInfo['priority'],
      ownerRole: '',
      dueInDays: 0,
      dueDate: info.asOf,
    })),
    ctaFired: info.ctas.map((c) => Uint8Array.from(rows, (r) => (r[`cta__${c.id}`] ? 1 : 0))),
  };
  return { info, result };
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
): Promise<ImportOutcome> {
  const m = readManifestFile(files);
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
  const skipped: { asOf: string; file: string }[] = [];
  for (const entry of m.runs) {
    if (storedAsOf.has(entry.asOf)) {
      skipped.push({ asOf: entry.asOf, file: entry.file });
      continue;
    }
    const f = findFile(files, entry.file);
    if (!f) {
      issues.push({ code: 'missing_file', file: entry.file });
      continue;
    }
    const read = await parquetToResult(f.bytes);
    if ('code' in read) {
      issues.push({ ...read, file: f.path });
      continue;
    }
    if (read.info.asOf !== entry.asOf || read.info.playbookName !== m.playbookName) {
      issues.push({
        code: 'mismatch',
        file: f.path,
        params: { asOf: read.info.asOf, playbookName: read.info.playbookName },
      });
      continue;
    }
    const pf = entry.playbook ? findFile(files, entry.playbook) : undefined;
    let playbook: unknown = null;
    if (pf)
      try {
        playbook = JSON.parse(new TextDecoder().decode(pf.bytes));
      } catch {
        playbook = null;
      }
    runs.push({ entry, info: read.info, result: read.result, playbook });
  }
  return issues.length ? { ok: false, issues } : { ok: true, runs, skipped };
}

/** A stored run to export. */
export interface ExportRun {
  result: ScoreResult;
  fingerprint: string;
  playbook?: unknown;
  createdAt: string;
  dataset: string;
}

/**
 * The files of a history folder in the CLI's layout (manifest last in the map, runs oldest
 * first). The CLI keeps one run per as-of date, so of several stored runs with one as-of (a run
 * made again after a model change) the latest made is written and the others are listed in
 * `leftOut` for the UI to say.
 */
export function historyFiles(
  playbookName: string,
  runs: ExportRun[],
): { files: Map<string, Uint8Array>; leftOut: ExportRun[] } {
  const out = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  const list: ManifestRun[] = [];
  const latest = new Map<string, ExportRun>();
  for (const x of runs) {
    const k = latest.get(x.result.asOf);
    if (!k || x.createdAt > k.createdAt) latest.set(x.result.asOf, x);
  }
  const leftOut = runs.filter((x) => latest.get(x.result.asOf) !== x);
  for (const x of [...latest.values()].sort((a, b) => (a.result.asOf < b.result.asOf ? -1 : 1))) {
    const r = x.result;
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
    out.set(entry.file, runToParquet(r, runInfoOf(r, x.fingerprint)));
    if (x.playbook) out.set(entry.playbook, enc.encode(JSON.stringify(x.playbook, null, 2) + '\n'));
    list.push(entry);
  }
  const manifest: Manifest = {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    playbookName,
    runs: list,
  };
  out.set('manifest.json', enc.encode(JSON.stringify(manifest, null, 2) + '\n'));
  return { files: out, leftOut };
}
