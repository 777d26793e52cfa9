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
}

export interface RunChunkRow {
  runId: string;
  index: number;
  data: unknown;
}

export class WaymarkDB extends Dexie {
  projects!: EntityTable<ProjectRow, 'id'>;
  datasets!: EntityTable<DatasetRow, 'id'>;
  datasetChunks!: Dexie.Table<DatasetChunkRow, [string, number]>;
  runs!: EntityTable<RunRow, 'id'>;
  runChunks!: Dexie.Table<RunChunkRow, [string, number]>;

  constructor(name = 'waymark') {
    super(name);
    this.version(1).stores({
      projects: 'id, name, updatedAt',
      datasets: 'id, projectId, createdAt',
      datasetChunks: '[datasetId+index], datasetId',
      runs: 'id, projectId, datasetId, createdAt',
      runChunks: '[runId+index], runId',
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
