import { db, type RunRow } from './db';
import { newId } from '../model/ids';
import type { FunnelRow, ScoreResult, Summary, TrendResult } from '../engine';
import type { StageCodeRun, StageRun } from '../engine/stageHistory';
import { joinedForm, packKeys, samePiece, unpackKeys, type KeyPiece } from './keyList';
import type { Playbook } from '../model';
import { playbookFingerprint } from '../model/playbookDiff';
import type { RunHeader } from './runFormat';
import { resultFromChunks } from './runStoreV1';
import {
  decodeColumn,
  encodeColumn,
  hash64,
  storedBytes,
  valueAt,
  type ColumnArray,
  type StoredColumn,
} from './runCodec';
import { inTimeOrder, runsBeforeAsOf } from '../util/runOrder';

export type { RunHeader } from './runFormat';

/**
 * Runs as fixed records in IndexedDB: the playbook that ran (and its fingerprint), the dataset's
 * id and name, the as-of date, the summary, and per account: total, colour, segment, stage,
 * owner, progress, fired CTAs, dimension scores, coverage, measure points and CTA persons.
 * A stored run is never scored again with another model.
 *
 * Format 2 (this file): each column is its own `runColumns` record (a piece per PIECE_ROWS rows),
 * encoded compactly and losslessly (runCodec.ts), so a reader loads only the columns it needs —
 * the migration matrix reads two colour columns (1 byte an account), not two whole runs. The
 * account keys are a key list of their own, shared by the project's runs that list the same
 * accounts in the same order (runs of one dataset): stored once, and two runs with one key list
 * align by position without comparing a million strings. Dimension scores, coverage and measure
 * points are kept at Float32 precision (enough to show and to rank for a backtest's AUC); the
 * total keeps Float64 so trends compare exactly. Format 1 runs (`runChunks`) are read by
 * runStoreV1.ts.
 */
export const PIECE_ROWS = 1 << 21;
let pieceRows = PIECE_ROWS;
/** Tests store runs in small pieces to exercise the piece joins (null = the default). */
export function setPieceRowsForTests(n: number | null): void {
  pieceRows = n ?? PIECE_ROWS;
}

/** What a snapshot keeps of a ScoreResult (the rest of its arrays are empty when read back). */
export interface RunSnapshot {
  meta: RunRow;
  result: ScoreResult;
}

type Col = { name: string; values: ColumnArray; float32?: boolean };

/** The stored columns of a result, by name. */
function columnsOf(r: ScoreResult): Col[] {
  const cols: Col[] = [
    { name: 'total', values: r.total },
    { name: 'color', values: r.color },
    { name: 'segment', values: r.segment },
    { name: 'stage', values: r.stage },
    { name: 'owner', values: r.owner },
    { name: 'progress', values: r.progress },
    { name: 'ready', values: r.readyToAdvance },
    { name: 'days', values: r.daysInStage },
    // Where days in stage came from (engine DAYS_* codes); absent in runs stored before.
    ...(r.daysSource ? [{ name: 'daysSrc', values: r.daysSource }] : []),
    { name: 'coverage', values: r.coverage, float32: true },
  ];
  r.ctaFired.forEach((v, k) => cols.push({ name: `cta.${k}`, values: v }));
  r.dimensionScores.forEach((v, k) => cols.push({ name: `dim.${k}`, values: v, float32: true }));
  r.measurePoints.forEach((v, k) => cols.push({ name: `pts.${k}`, values: v, float32: true }));
  r.ctaPerson?.forEach((p, k) => p && cols.push({ name: `person.${k}`, values: p.codes }));
  return cols;
}

const pieceName = (col: string, piece: number) => `${col}#${piece}`;
const pieceCount = (rows: number, pieceRows: number) => Math.max(1, Math.ceil(rows / pieceRows));

/** Encoded records of a run, made before the write transaction opens (no CPU work inside it). */
export interface EncodedRun {
  columns: { name: string; data: StoredColumn }[];
  /** The key list: its content id, a record per piece (keyList.ts), whether a key holds NUL. */
  keys: { id: string; pieces: KeyPiece[]; nul: boolean[] };
  /** Bytes of the column arrays and of the key list (IndexedDB adds its own overhead). */
  bytes: { columns: number; keys: number };
}

export function encodeRun(projectId: string, r: ScoreResult): EncodedRun {
  const n = r.rowCount;
  const count = pieceCount(n, pieceRows);
  const columns: EncodedRun['columns'] = [];
  let colBytes = 0;
  for (const c of columnsOf(r))
    for (let p = 0; p < count; p++) {
      const a = Math.min(c.values.length, p * pieceRows);
      const b = Math.min(c.values.length, a + pieceRows);
      const data = encodeColumn(c.values.subarray(a, b), { float32: c.float32 });
      colBytes += storedBytes(data);
      columns.push({ name: pieceName(c.name, p), data });
    }
  const pieces: KeyPiece[] = [];
  const nul: boolean[] = [];
  let keyBytes = 0;
  let h = '';
  for (let p = 0; p < count; p++) {
    const from = Math.min(r.accountIds.length, p * pieceRows);
    const k = packKeys(r.accountIds, from, Math.min(r.accountIds.length, from + pieceRows), p);
    h += k.hash;
    pieces.push(k.piece);
    nul.push(k.nul);
    keyBytes += k.bytes;
  }
  if (count > 1) h = hash64(h);
  return {
    columns,
    keys: { id: `keys_${projectId}_${n}_${count > 1 ? `${pieceRows}_` : ''}${h}`, pieces, nul },
    bytes: { columns: colBytes, keys: keyBytes },
  };
}

export async function saveRun(
  projectId: string,
  datasetId: string,
  r: ScoreResult,
  summary: Summary,
  trendCounts?: TrendResult['counts'],
  datasetName?: string,
  timeZone?: string,
  playbook?: Playbook,
  /**
   * `projectId` here stores the row under another id (a staged import, stagedImport.ts) while
   * its key list keeps the project's content id, shared with the project's runs as usual.
   */
  extra?: Partial<Pick<RunRow, 'createdAt' | 'fingerprint' | 'imported' | 'projectId'>>,
  /** The dashboard's funnel of `r` (engine stageFunnel), stored so a reload draws it at once. */
  funnel?: FunnelRow[],
  /**
   * Stored runs this one replaces (the runs of its as-of date the user chose to replace): deleted
   * in the same transaction, after the new run is added, so a failure keeps them.
   */
  replaces: readonly string[] = [],
): Promise<RunRow> {
  const d = db();
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
    ...(r.stageHistoryRuns ? { stageHistoryRuns: r.stageHistoryRuns } : {}),
    ...(funnel ? { funnel } : {}),
  };
  const enc = encodeRun(projectId, r);
  const id = newId('run_');
  const row: RunRow = {
    id,
    projectId,
    datasetId,
    asOf: r.asOf,
    createdAt: new Date().toISOString(),
    ...(timeZone ? { timeZone } : {}),
    rowCount: r.rowCount,
    summary: header,
    chunkCount: 0,
    ...(playbook ? { playbook, fingerprint: playbookFingerprint(playbook) } : {}),
    ...extra,
    format: 2,
    keysId: enc.keys.id,
    columns: columnsOf(r).map((c) => c.name),
    pieceRows,
    storedBytes: { columns: enc.bytes.columns, keys: enc.bytes.keys, keysShared: false },
  };
  await d.transaction('rw', d.runs, d.runChunks, d.runColumns, async () => {
    // A key list with this content id may be stored already (an earlier run of the same
    // accounts): share it when it is really the same (compared key by key with this run's),
    // else keep this run's own. The existence check reads no value; the stored keys are read once.
    const names = enc.keys.pieces.map((_, p) => pieceName('ids', p));
    const stored =
      (await d.runColumns.where('[owner+name]').equals([enc.keys.id, names[0]]).count()) > 0;
    if (stored) {
      const all = await d.runColumns.bulkGet(names.map((nm) => [enc.keys.id, nm]));
      const same = all.every((x, p) => {
        const from = Math.min(r.accountIds.length, p * pieceRows);
        const to = Math.min(r.accountIds.length, from + pieceRows);
        return x && samePiece(x.data as KeyPiece, r.accountIds, from, to, enc.keys.nul[p]);
      });
      if (!same) row.keysId = `keys_${id}`;
    }
    row.storedBytes!.keysShared = !!stored && row.keysId === enc.keys.id;
    if (!row.storedBytes!.keysShared)
      await d.runColumns.bulkAdd(
        enc.keys.pieces.map((data, p) => ({ owner: row.keysId!, name: names[p], data })),
      );
    await d.runColumns.bulkAdd(enc.columns.map((c) => ({ owner: id, name: c.name, data: c.data })));
    await d.runs.add(row);
    for (const old of replaces) if (old !== id) await deleteRunRecords(old);
  });
  return row;
}

export function runHeader(row: RunRow): RunHeader {
  return row.summary as RunHeader;
}

/**
 * The project's stored runs in time order (util/runOrder.ts: by as-of, then creation time), every
 * one of them: runTimeline tells the runs of a date apart from the superseded ones.
 */
export async function listRuns(projectId: string): Promise<RunRow[]> {
  return inTimeOrder(await db().runs.where('projectId').equals(projectId).toArray());
}

/**
 * A stored run opened for reading column by column (what the History tab's worker needs: two
 * colour columns for a migration matrix, the key list only for the accounts it lists). Columns
 * and keys are read once and kept. A format-1 run is read whole on first use.
 */
export interface RunView {
  meta: RunRow;
  header: RunHeader;
  /** Runs with the same key list id list the same accounts in the same order; null for format 1. */
  keysId: string | null;
  /** A column by its stored name (`total`, `color`, `stage`, `cta.<k>`, …; see columnsOf). */
  column(name: string): Promise<ColumnArray>;
  accountIds(): Promise<string[]>;
  /** One row's value of a column: reads the column's piece, decodes only that row. */
  cell(name: string, row: number): Promise<number>;
  /** The first row of an account (-1: not in the run), found without splitting the key list. */
  rowOf(accountId: string): Promise<number>;
}

async function readColumn(owner: string, name: string, pieces: number): Promise<StoredColumn[]> {
  return readColumnPieces(
    owner,
    name,
    Array.from({ length: pieces }, (_, p) => p),
  );
}

async function readColumnPieces(
  owner: string,
  name: string,
  which: number[],
): Promise<StoredColumn[]> {
  const got = await db().runColumns.bulkGet(
    which.map((p) => [owner, pieceName(name, p)] as [string, string]),
  );
  return got.map((x, k) => {
    if (!x) throw new Error(`run data missing: ${owner} ${pieceName(name, which[k])}`);
    return x.data as StoredColumn;
  });
}

function joinPieces(parts: StoredColumn[]): ColumnArray {
  if (parts.length === 1) return decodeColumn(parts[0]);
  const decoded = parts.map(decodeColumn);
  const n = decoded.reduce((s, x) => s + x.length, 0);
  const out = new (decoded[0].constructor as new (n: number) => ColumnArray)(n);
  let at = 0;
  for (const x of decoded) {
    out.set(x as never, at);
    at += x.length;
  }
  return out;
}

/** A key list's account ids (shared by runs; see saveRun). */
export async function loadKeys(keysId: string, rowCount: number, pieceRows: number) {
  const pieces = await db().runColumns.bulkGet(
    Array.from({ length: pieceCount(rowCount, pieceRows) }, (_, p) => [
      keysId,
      pieceName('ids', p),
    ]),
  );
  const ids: string[] = [];
  for (const x of pieces) {
    if (!x) throw new Error(`run keys missing: ${keysId}`);
    unpackKeys(x.data as KeyPiece, ids);
  }
  return ids;
}

export async function openRun(id: string): Promise<RunView | null> {
  const d = db();
  const meta = await d.runs.get(id);
  if (!meta) return null;
  const header = runHeader(meta);
  if (meta.format !== 2) {
    let whole: Promise<ScoreResult> | null = null;
    const full = () =>
      (whole ??= d.runChunks
        .where('runId')
        .equals(id)
        .sortBy('index')
        .then((cs) =>
          resultFromChunks(
            meta,
            header,
            cs.map((c) => c.data),
          ),
        ));
    return {
      meta,
      header,
      keysId: null,
      async column(name) {
        const x = byName(await full(), name);
        if (!x) throw new Error(`run ${id} has no column ${name}`);
        return x;
      },
      accountIds: async () => (await full()).accountIds,
      cell: async (name, row) => byName(await full(), name)![row],
      rowOf: async (accountId) => (await full()).accountIds.indexOf(accountId),
    };
  }
  const cols = new Map<string, Promise<ColumnArray>>();
  const pieces = pieceCount(meta.rowCount, meta.pieceRows!);
  return {
    meta,
    header,
    keysId: meta.keysId!,
    column(name) {
      let c = cols.get(name);
      if (!c) {
        c = readColumn(id, name, pieces).then(joinPieces);
        cols.set(name, c);
      }
      return c;
    },
    accountIds: () => cachedKeys(meta),
    async cell(name, row) {
      const rows = meta.pieceRows!;
      const p = Math.floor(row / rows);
      const [x] = await readColumnPieces(id, name, [p]);
      return valueAt(x, row - p * rows);
    },
    async rowOf(accountId) {
      const k = keyLists.get(meta.keysId!);
      if (k) return (await k).indexOf(accountId);
      return findKey(meta.keysId!, meta.rowCount, meta.pieceRows!, accountId);
    },
  };
}

/**
 * The first row holding `id` in a key list, searched in each piece's joined string (a million
 * keys are not split into a million strings for one look-up); -1 when absent.
 */
export async function findKey(
  keysId: string,
  rowCount: number,
  pieceRows: number,
  id: string,
): Promise<number> {
  const pieces = await db().runColumns.bulkGet(
    Array.from({ length: pieceCount(rowCount, pieceRows) }, (_, p) => [
      keysId,
      pieceName('ids', p),
    ]),
  );
  let base = 0;
  for (const x of pieces) {
    if (!x) throw new Error(`run keys missing: ${keysId}`);
    const packed = joinedForm(x.data as KeyPiece);
    const at = Array.isArray(packed) ? packed.indexOf(id) : rowInJoined(packed, id);
    if (at >= 0) return base + at;
    base += Array.isArray(packed) ? packed.length : packed.count;
  }
  return -1;
}

/** Row of `id` in NUL-joined keys (no key holds NUL in this form), -1 when absent. */
function rowInJoined(p: { joined: string; count: number }, id: string): number {
  const j = p.joined;
  if (p.count === 0 || id.includes('\u0000')) return -1;
  if (j.startsWith(id) && (j.length === id.length || j.charCodeAt(id.length) === 0)) return 0;
  let pos = j.indexOf(`\u0000${id}\u0000`);
  if (pos < 0 && j.endsWith(`\u0000${id}`)) pos = j.length - id.length - 1;
  if (pos < 0) return -1;
  let row = 0;
  for (let i = 0; i <= pos; i++) if (j.charCodeAt(i) === 0) row++;
  return row;
}

/**
 * The last key lists read (a key list's content never changes under its id, so runs of one
 * dataset read their million keys once between them).
 */
const keyLists = new Map<string, Promise<string[]>>();
function cachedKeys(meta: RunRow): Promise<string[]> {
  const id = meta.keysId!;
  let k = keyLists.get(id);
  if (!k) {
    k = loadKeys(id, meta.rowCount, meta.pieceRows!);
    k.catch(() => keyLists.delete(id));
    keyLists.set(id, k);
    while (keyLists.size > 2) keyLists.delete(keyLists.keys().next().value!);
  }
  return k;
}

/** A format-1 result's array under its format-2 column name. */
function byName(r: ScoreResult, name: string): ColumnArray | undefined {
  const [base, k] = name.split('.');
  switch (base) {
    case 'total':
      return r.total;
    case 'color':
      return r.color;
    case 'segment':
      return r.segment;
    case 'stage':
      return r.stage;
    case 'owner':
      return r.owner;
    case 'progress':
      return r.progress;
    case 'ready':
      return r.readyToAdvance;
    case 'days':
      return r.daysInStage;
    case 'daysSrc':
      return r.daysSource;
    case 'coverage':
      return r.coverage;
    case 'cta':
      return r.ctaFired[+k];
    case 'dim':
      return r.dimensionScores[+k];
    case 'pts':
      return r.measurePoints[+k];
    case 'person':
      return r.ctaPerson?.[+k]?.codes;
  }
  return undefined;
}

/** Read a stored run back as a ScoreResult with the snapshot's arrays (measure arrays empty). */
export async function loadRun(id: string): Promise<RunSnapshot | null> {
  const d = db();
  const meta = await d.runs.get(id);
  if (!meta) return null;
  const h = runHeader(meta);
  if (meta.format !== 2) {
    const chunks = await d.runChunks.where('runId').equals(id).sortBy('index');
    return {
      meta,
      result: resultFromChunks(
        meta,
        h,
        chunks.map((c) => c.data),
      ),
    };
  }
  const pieces = pieceCount(meta.rowCount, meta.pieceRows!);
  const names = meta.columns!;
  const got = await d.runColumns.bulkGet(
    names.flatMap((nm) =>
      Array.from({ length: pieces }, (_, p) => [id, pieceName(nm, p)] as [string, string]),
    ),
  );
  const col = new Map<string, ColumnArray>();
  names.forEach((nm, i) => {
    const parts = got.slice(i * pieces, (i + 1) * pieces).map((x, p) => {
      if (!x) throw new Error(`run data missing: ${id} ${pieceName(nm, p)}`);
      return x.data as StoredColumn;
    });
    col.set(nm, joinPieces(parts));
  });
  const accountIds = await loadKeys(meta.keysId!, meta.rowCount, meta.pieceRows!);
  const get = <T extends ColumnArray>(nm: string) => {
    const x = col.get(nm);
    if (!x) throw new Error(`run data missing: ${id} ${nm}`);
    return x as T;
  };
  const result: ScoreResult = {
    resultVersion: 1,
    playbookName: h.playbookName,
    asOf: meta.asOf,
    rowCount: meta.rowCount,
    accountIds,
    segmentIds: h.segmentIds,
    segment: get('segment'),
    stageIds: h.stageIds,
    stage: get('stage'),
    daysInStage: get('days'),
    ...(col.has('daysSrc') ? { daysSource: get<Uint8Array>('daysSrc') } : {}),
    ...(h.stageHistoryRuns ? { stageHistoryRuns: h.stageHistoryRuns } : {}),
    progress: get('progress'),
    criteria: [],
    criteriaStatus: [],
    readyToAdvance: get('ready'),
    measures: h.measures ?? [],
    measureRaw: [],
    rawDict: [],
    measurePoints: (h.measures ?? []).map((_, k) => get(`pts.${k}`)),
    measureContribution: [],
    dimensionIds: h.dimensionIds ?? [],
    dimensionScores: (h.dimensionIds ?? []).map((_, k) => get(`dim.${k}`)),
    total: get('total'),
    coverage: get('coverage'),
    colorIds: h.colorIds,
    color: get('color'),
    ownerIds: h.ownerIds,
    owner: get('owner'),
    ctas: h.ctas,
    ctaFired: h.ctas.map((_, k) => get(`cta.${k}`)),
    ...(h.ctaPersonDicts
      ? {
          ctaPerson: h.ctaPersonDicts.map((dict, k) =>
            dict ? { dict, codes: get<Int32Array>(`person.${k}`) } : null,
          ),
        }
      : {}),
  };
  return { meta, result };
}

/**
 * The runs that serve as history for a run as of `asOf`: those dated before it, one per as-of
 * (the one stored last: an older run of the same date is superseded), newest first.
 */
export function historyRunsBefore<T extends Pick<RunRow, 'asOf' | 'createdAt'>>(
  runs: readonly T[],
  asOf: string,
): T[] {
  return runsBeforeAsOf(runs, asOf);
}

/** A stored run's account keys and stage ids only (days in stage from the history). */
export async function loadRunStages(id: string): Promise<StageRun | null> {
  const r = await loadRunStageCodes(id);
  if (!r) return null;
  const stage: (string | null)[] = new Array(r.codes.length);
  for (let i = 0; i < r.codes.length; i++)
    stage[i] = r.codes[i] < 0 ? null : (r.stageIds[r.codes[i]] ?? null);
  return { asOf: r.asOf, accountIds: r.accountIds.slice(), stage };
}

/**
 * A stored run's stage column as codes with its key list, neither copied nor turned into strings:
 * runs of one key list share the same `accountIds` array (read once), so StreakBuilder aligns
 * them by position (days in stage from the history).
 */
export async function loadRunStageCodes(id: string): Promise<StageCodeRun | null> {
  const v = await openRun(id);
  if (!v) return null;
  const [accountIds, codes] = await Promise.all([v.accountIds(), v.column('stage')]);
  return { asOf: v.meta.asOf, accountIds, stageIds: v.header.stageIds, codes };
}

/** Delete a run; its key list goes with the last run that used it. */
export async function deleteRun(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', d.runs, d.runChunks, d.runColumns, () => deleteRunRecords(id));
}

/** A run's records (inside a transaction over runs, runChunks and runColumns). */
export async function deleteRunRecords(id: string): Promise<void> {
  const d = db();
  const meta = await d.runs.get(id);
  await d.runChunks.where('runId').equals(id).delete();
  await d.runColumns.where('owner').equals(id).delete();
  await d.runs.delete(id);
  if (meta?.keysId && (await d.runs.where('keysId').equals(meta.keysId).count()) === 0)
    await d.runColumns.where('owner').equals(meta.keysId).delete();
}
