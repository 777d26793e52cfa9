import Dexie, { type EntityTable } from 'dexie';
import type { Playbook, Project } from '../model';

/**
 * The local database. Bump the version and add a `.version(n+1).stores(...)` block (never edit
 * a shipped one) when tables or indexes change. Documents themselves migrate through
 * src/model/migrations, not here.
 */
export interface ProjectRow {
  id: string;
  name: string;
  updatedAt: string;
  /** Revision, +1 on every save: two tabs detect that they diverged. */
  rev: number;
  /** The tab (session id) that wrote this revision. */
  writer: string;
  doc: Project;
}

/** A dataset's metadata; its rows live in datasetChunks, column-wise. */
export interface DatasetRow {
  id: string;
  projectId: string;
  name: string;
  createdAt: string;
  rowCount: number;
  /** Field ids and column types, in order. */
  columns: { id: string; type: 'number' | 'date' | 'boolean' | 'string' }[];
  chunkCount: number;
  /** Files it was imported from, with their encodings and mappings (shown in the data view). */
  sources: unknown[];
}

export interface DatasetChunkRow {
  datasetId: string;
  index: number;
  /** Serialised columns of rows [index*chunkSize, …): typed arrays are stored as is (structured clone). */
  data: unknown;
}

export interface RunRow {
  id: string;
  projectId: string;
  datasetId: string;
  asOf: string;
  createdAt: string;
  /** IANA time zone the run was made in (its default as-of date is that zone's today); absent in older runs. */
  timeZone?: string;
  rowCount: number;
  /** Summary (counts by colour × segment × stage, CTAs by type/owner) for the list and dashboard. */
  summary: unknown;
  chunkCount: number;
  /** The playbook the run scored with (a run is a fixed record; absent on runs stored before). */
  playbook?: Playbook;
  /** playbookFingerprint(playbook): compared with the project's to say the model changed. */
  fingerprint?: string;
  /** Activity the run read (source, files, events linked); absent when it read none. */
  activity?: RunActivityInfo[];
  /** Set on a run imported from a CLI history folder: its arrays came from the Parquet file. */
  imported?: { from: 'cli'; file: string; dataset: string };
  /**
   * Run format: absent = 1 (rows in `runChunks`); 2 = one `runColumns` record per column (and
   * piece of `pieceRows` rows), account keys in a key list shared by runs that list the same
   * accounts in the same order (runStore.ts, docs/history-format.md).
   */
  format?: 2;
  /** Format 2: owner id of the run's key list in `runColumns`. */
  keysId?: string;
  /** Format 2: the column names stored (each as `<name>#<piece>`). */
  columns?: string[];
  /** Format 2: rows per stored piece of a column. */
  pieceRows?: number;
  /**
   * Format 2: bytes of the run's column arrays and of its key list as stored (before
   * IndexedDB's own overhead); `keysShared` = the key list was already stored by an earlier run.
   */
  storedBytes?: { columns: number; keys: number; keysShared: boolean };
}

/** One activity source as a run used it. */
export interface RunActivityInfo {
  source: string;
  setId: string;
  importedAt: string;
  files: string[];
  /** Events stored / linked to an account of the scored dataset. */
  events: number;
  linked: number;
}

/** One piece of one column of a format-2 run (owner = run id) or of a key list (owner = keysId). */
export interface RunColumnRow {
  owner: string;
  /** `<column>#<piece>`. */
  name: string;
  data: unknown;
}

export interface RunChunkRow {
  runId: string;
  index: number;
  data: unknown;
}

/**
 * One source's imported activity (src/store/activityStore.ts): events column-wise in chunks,
 * each event linked to its account by the account key (so a new account import relinks them).
 */
export interface ActivitySetRow {
  id: string;
  projectId: string;
  /** Activity source id (playbook `activity[].id`). */
  source: string;
  createdAt: string;
  /** Files it was imported from and what their import reported (shown by Data and Results). */
  files: ActivityFileInfo[];
  /** Events stored. */
  rowCount: number;
  columns: { id: string; type: 'number' | 'date' | 'boolean' | 'string' }[];
  chunkCount: number;
}

export interface ActivityFileInfo {
  name: string;
  rows: number;
  kept: number;
  unknownAccount: number;
  ambiguousAccount: number;
  future: number;
  badTime: number;
  badValues: number;
  byName: number;
  review: number;
  /**
   * Added when a source could hold several files; absent on sets stored before (their one
   * file). Size in bytes, content hash (src/data/activity/contentHash.ts: the same file is not
   * stored twice), first and last local day of its events (ISO), when it was imported.
   */
  size?: number;
  hash?: string;
  from?: string;
  to?: string;
  importedAt?: string;
}

export interface ActivityChunkRow {
  setId: string;
  index: number;
  data: unknown;
}

export class WaymarkDB extends Dexie {
  projects!: EntityTable<ProjectRow, 'id'>;
  datasets!: EntityTable<DatasetRow, 'id'>;
  datasetChunks!: Dexie.Table<DatasetChunkRow, [string, number]>;
  runs!: EntityTable<RunRow, 'id'>;
  runChunks!: Dexie.Table<RunChunkRow, [string, number]>;
  runColumns!: Dexie.Table<RunColumnRow, [string, string]>;
  activitySets!: EntityTable<ActivitySetRow, 'id'>;
  activityChunks!: Dexie.Table<ActivityChunkRow, [string, number]>;

  constructor(name = 'waymark') {
    super(name);
    this.version(1).stores({
      projects: 'id, name, updatedAt',
      datasets: 'id, projectId, createdAt',
      datasetChunks: '[datasetId+index], datasetId',
      runs: 'id, projectId, datasetId, createdAt',
      runChunks: '[runId+index], runId',
    });
    // Version 2: imported activity (issue 15).
    this.version(2).stores({
      activitySets: 'id, projectId, [projectId+source], createdAt',
      activityChunks: '[setId+index], setId',
    });
    // Version 3: runs stored column by column with shared key lists (run format 2). Runs of
    // format 1 stay in runChunks and are read as they are (no data migration).
    this.version(3).stores({
      runs: 'id, projectId, datasetId, createdAt, keysId',
      runColumns: '[owner+name], owner',
    });
  }
}

let instance: WaymarkDB | null = null;
/** The app's database (one per page). Tests pass their own name to stay isolated. */
export function db(): WaymarkDB {
  if (!instance) instance = new WaymarkDB();
  return instance;
}
export function setDbForTests(d: WaymarkDB | null): void {
  instance = d;
}
