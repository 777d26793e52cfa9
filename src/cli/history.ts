/**
 * A history directory (docs/history-format.md): manifest.json lists the runs; each run is
 * runs/<asOf>.parquet plus the playbook it ran in playbooks/<fingerprint>.json. Appending
 * checks everything first and writes files under temporary names renamed into place, the
 * manifest last, so a refused or failed append changes nothing already stored.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Playbook } from '../model';
import { playbookFingerprint } from '../model';
import {
  HistoryFormatError,
  parquetStageCodes,
  parquetToRun,
  runInfoOf,
  runToParquet,
  type HistoryRun,
} from '../engine/historyRun';
import type { ScoreResult } from '../engine';
import { StreakBuilder, type StageStreaks } from '../engine/stageHistory';
import type { CliIO } from './types';
import { t } from './messages';

// One manifest format for the CLI and the app (the app's import/export reads and writes it too).
import {
  HISTORY_FORMAT,
  HISTORY_VERSION,
  type Manifest,
  type ManifestRun,
} from '../engine/historyTransfer';
export { HISTORY_FORMAT, HISTORY_VERSION, type Manifest, type ManifestRun };

/** A problem already worded for the user (file and what to do). */
export class HistoryError extends Error {}

export async function readManifest(dir: string): Promise<Manifest | null> {
  const file = join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new HistoryError(t('history.unreadable', { file, reason: String(e) }));
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch (e) {
    throw new HistoryError(t('history.badManifest', { file, reason: (e as Error).message }));
  }
  if (m?.format !== HISTORY_FORMAT || !Array.isArray(m.runs))
    throw new HistoryError(t('history.notHistory', { file }));
  if (m.version > HISTORY_VERSION)
    throw new HistoryError(t('history.newer', { file, version: m.version }));
  // Two runs of one date would make --compare, --as-of and days in stage ambiguous.
  const seen = new Map<string, string>();
  for (const r of m.runs) {
    const other = seen.get(r.asOf);
    if (other !== undefined)
      throw new HistoryError(
        t('history.duplicateAsOf', { file, asOf: r.asOf, files: `${other}, ${r.file}` }),
      );
    seen.set(r.asOf, r.file);
  }
  return m;
}

/** Append a scored run. Refuses a run of another playbook and a second run with the same as-of. */
export async function appendRun(
  io: CliIO,
  dirArg: string,
  pb: Playbook,
  r: ScoreResult,
  dataset: string,
): Promise<ManifestRun> {
  const dir = resolve(io.cwd, dirArg);
  const m: Manifest = (await readManifest(dir)) ?? {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    playbookName: pb.name,
    runs: [],
  };
  if (m.playbookName !== pb.name)
    throw new HistoryError(
      t('history.otherProject', { dir: dirArg, theirs: m.playbookName, ours: pb.name }),
    );
  if (m.runs.some((x) => x.asOf === r.asOf))
    throw new HistoryError(t('history.sameAsOf', { dir: dirArg, asOf: r.asOf }));
  const fingerprint = playbookFingerprint(pb);
  const bytes = runToParquet(r, runInfoOf(r, fingerprint));
  const counts = new Map<string, number>();
  for (let i = 0; i < r.rowCount; i++) {
    const c = r.color[i] < 0 ? '' : r.colorIds[r.color[i]];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const run: ManifestRun = {
    asOf: r.asOf,
    file: `runs/${r.asOf}.parquet`,
    playbook: `playbooks/${fingerprint}.json`,
    fingerprint,
    createdAt: new Date().toISOString(),
    rowCount: r.rowCount,
    dataset,
    colors: [...r.colorIds, '']
      .filter((c) => counts.has(c))
      .map((c) => ({ color: c, count: counts.get(c)! })),
  };
  await mkdir(join(dir, 'runs'), { recursive: true });
  await mkdir(join(dir, 'playbooks'), { recursive: true });
  const put = async (rel: string, data: Uint8Array | string) => {
    const tmp = join(dir, `${rel}.tmp-${process.pid}`);
    await writeFile(tmp, data);
    await rename(tmp, join(dir, rel));
  };
  await put(run.file, bytes);
  await put(run.playbook, JSON.stringify(pb, null, 2) + '\n');
  const next: Manifest = {
    ...m,
    runs: [...m.runs, run].sort((a, b) => (a.asOf < b.asOf ? -1 : 1)),
  };
  await put('manifest.json', JSON.stringify(next, null, 2) + '\n');
  return run;
}

/** Read the run as of `asOf` from a history directory. */
export async function loadHistoryRun(
  io: CliIO,
  dirArg: string,
  asOf: string,
): Promise<{ manifest: Manifest; entry: ManifestRun; run: HistoryRun }> {
  const dir = resolve(io.cwd, dirArg);
  const m = await readManifest(dir);
  if (!m) throw new HistoryError(t('history.none', { dir: dirArg }));
  const entry = m.runs.find((x) => x.asOf === asOf);
  if (!entry)
    throw new HistoryError(
      t('history.noRun', { dir: dirArg, asOf, runs: m.runs.map((x) => x.asOf).join(', ') }),
    );
  const file = join(dirArg, entry.file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(join(dir, entry.file)));
  } catch (e) {
    throw new HistoryError(
      t('history.missingFile', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
    );
  }
  try {
    return { manifest: m, entry, run: await parquetToRun(bytes) };
  } catch (e) {
    if (e instanceof HistoryFormatError)
      throw new HistoryError(t(`history.${e.code}`, { file, reason: e.message }));
    throw e;
  }
}

/** `--history DIR` of waymark score: append, report on stderr. Returns the exit code. */
export async function appendRunHook(
  io: CliIO,
  dir: string,
  pb: Playbook,
  r: ScoreResult,
  dataset: string,
): Promise<0 | 1> {
  try {
    await appendRun(io, dir, pb, r, dataset);
    io.stderr(t('history.appended', { asOf: r.asOf, rows: r.rowCount, dir }) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof HistoryError) {
      io.stderr(e.message + '\n');
      return 1;
    }
    throw e;
  }
}

/**
 * The streaks of days in stage from the history (engine/stageHistory.ts) of the runs in a
 * history directory dated before `asOf`: read newest first, one file at a time, only the
 * `account_id` and `stage` columns (not decoded again when stored with the same bytes as the
 * run read before), and no further back than a streak still open needs.
 * null = no earlier run (or no directory).
 */
export async function stageStreaksFromHistory(
  io: CliIO,
  dirArg: string,
  asOf: string,
): Promise<StageStreaks | null> {
  const dir = resolve(io.cwd, dirArg);
  const m = await readManifest(dir);
  if (!m) return null;
  const before = m.runs.filter((x) => x.asOf < asOf).sort((a, b) => (a.asOf < b.asOf ? 1 : -1));
  let b: StreakBuilder | null = null;
  // The file read last: columns stored with the same bytes are not decoded again.
  let prev: Awaited<ReturnType<typeof parquetStageCodes>> | null = null;
  for (const entry of before) {
    if (b && b.open === 0) break;
    const file = join(dirArg, entry.file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(join(dir, entry.file)));
    } catch (e) {
      throw new HistoryError(
        t('history.missingFile', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }),
      );
    }
    let r;
    try {
      r = await parquetStageCodes(bytes, entry.asOf, prev ?? undefined);
    } catch (e) {
      if (e instanceof HistoryFormatError)
        throw new HistoryError(t(`history.${e.code}`, { file, reason: e.message }));
      throw e;
    }
    if (!b) b = new StreakBuilder(r.run);
    else if (r.same) b.addOlderSame(entry.asOf);
    else b.addOlder(r.run);
    prev = r;
  }
  return b ? b.result() : null;
}
