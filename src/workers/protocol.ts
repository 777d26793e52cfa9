import type { Piece } from './pieces';
import type { StoredReplace } from '../data/datasetChange';
import type { FieldContract, Playbook } from '../model';
import type { AccountTable, Column } from '../table/columns';
import type { FilePreview, ImportIssue, ImportOptions, ImportReport, JoinReport } from '../data';
import type { FunnelRow, ScoreResult, Summary, TrendResult } from '../engine';
import type {
  ActivityFileInfo,
  ActivitySetRow,
  DatasetRow,
  RunActivityInfo,
  RunRow,
} from '../store/db';
import type { ActivitySource } from '../model';
import type {
  ActivityMapping,
  ActivityPreview,
  ActivityReport,
} from '../data/activity/importActivity';
import type { ActivityData } from '../table/activity';
import type { Encoding } from '../data/encoding';
import type { PackedTable, SliceBatch } from './packedTable';
import type { InferFileResult } from '../data/inferFile';

/** Messages between the page and the import / scoring workers. Every request carries an id. */
export type ImportFileSpec = {
  name: string;
  bytes: Uint8Array;
  options?: Omit<ImportOptions, 'onProgress'>;
};

/**
 * A file to import: its bytes, or the picked File itself, read in the worker so the page never
 * copies the whole file into a message (185 MB: 0.6–0.8 s of frozen page in Chromium). `size` is
 * the length of the bytes the preview and mapping were made from, checked after the read.
 */
export type ImportSource = Omit<ImportFileSpec, 'bytes'> &
  (
    | { bytes: Uint8Array }
    | {
        blob: Blob;
        size: number;
        /** The file's first bytes as the page read them at the pick (a big file's preview). */
        head?: Uint8Array;
      }
  );

export type ImportRequest =
  /**
   * The Data view is open: start the helper workers a preview would start (the fault worker, and
   * the range workers where the import reads in parts) now, while nothing else runs — started at
   * the pick, they took ~0.6 s of a busy 2-core machine before doing any work. No answer.
   */
  | { type: 'prepare'; id: number; parts?: number }
  /**
   * `file.bytes` may be only the start of the file (totalBytes = the whole size). A file whose
   * preview needs all of it (JSON, .xlsx) comes as the picked File, read here (`unreadable` if
   * it changed since the pick).
   */
  | {
      type: 'inspect';
      id: number;
      file: ImportSource;
      contract: FieldContract;
      totalBytes?: number;
      /** Parts the import will read it in (as `import`): its range workers start at the preview. */
      parts?: number;
    }
  | {
      type: 'import';
      id: number;
      files: ImportSource[];
      contract: FieldContract;
      /** Byte ranges read in parallel (default: one per core, at most 4; 1 = one pass). */
      parts?: number;
      /** One pass of a picked File (benchmark): `whole` reads it whole first (default: as a stream). */
      blocks?: string;
      /** The project whose stored dataset the import would replace (compared in the worker). */
      projectId?: string;
    }
  /** Generate demo accounts (held like an import until committed). */
  | {
      type: 'demo';
      id: number;
      rows: number;
      seed: number;
      keyField?: string;
      projectId?: string;
      contract?: FieldContract;
    }
  /** Store the last imported table as the project's dataset and send it back. */
  | { type: 'commit'; id: number; projectId: string; name: string }
  /** Headers and the found mapping of an activity file. */
  | { type: 'activityInspect'; id: number; source: ActivitySource; file: ImportFileSpec }
  /** Read an activity file, linked to `accounts` (held until commitActivity). */
  | {
      type: 'activity';
      id: number;
      source: ActivitySource;
      /** The picked File, read in slices by the streaming reader. */
      file: { name: string; blob: Blob };
      mapping: ActivityMapping;
      accounts: AccountTable;
      contract: FieldContract;
      asOf: string;
      timeZone?: string;
      /**
       * Its place among the files imported together (0: a new batch; the held ones are dropped).
       * Several files of one source are held together until commitActivity.
       */
      index?: number;
      /** The source's stored files: one with the same content is refused, overlapping dates warned. */
      stored?: ActivityFileInfo[];
    }
  /**
   * Store the held files of the source: `add` to its stored set, or `replace` it (default).
   */
  | { type: 'commitActivity'; id: number; projectId: string; mode?: 'add' | 'replace' }
  /** Remove file `index` of a stored activity set (its events go; the other files' stay). */
  | { type: 'removeActivityFile'; id: number; setId: string; index: number }
  /**
   * Fields inferred from every row of a picked file (inferFieldsFromFile), off the page's
   * thread: the picked File itself (no copy of its bytes on the page), or its bytes.
   */
  | {
      type: 'infer';
      id: number;
      name: string;
      file: Blob | Uint8Array;
      encoding?: Encoding;
      sheet?: string;
    };

export type ImportResponse =
  | { type: 'progress'; id: number; file: string; fraction: number }
  | { type: 'preview'; id: number; preview: FilePreview }
  | {
      type: 'imported';
      id: number;
      reports: ImportReport[];
      join: JoinReport | null;
      rowCount: number;
      /**
       * What storing the new table would replace (the project's stored dataset, compared here:
       * a million keys compared on the page froze it for seconds); null when nothing is stored.
       */
      replace?: StoredReplace | null;
    }
  /** A picked File no longer reads as picked (changed or moved on disk): send its bytes. */
  | { type: 'unreadable'; id: number; file: string }
  /** The stored table, its string dictionaries packed (packedTable.ts): the page makes no strings. */
  | { type: 'committed'; id: number; meta: DatasetRow; table: PackedTable }
  /** Dictionary slices of the stored table, in order, ahead of `committed` (packedTable.ts). */
  | { type: 'committedSlices'; id: number; slices: SliceBatch }
  | { type: 'activityPreview'; id: number; preview: ActivityPreview }
  | { type: 'activityImported'; id: number; report: ActivityReport }
  | { type: 'activityCommitted'; id: number; meta: ActivitySetRow }
  | { type: 'activityFileRemoved'; id: number; meta: ActivitySetRow | null }
  /** null: the file does not read (the import itself reports why). */
  | { type: 'inferred'; id: number; result: InferFileResult | null }
  | { type: 'failed'; id: number; issue: ImportIssue };

export type ScoreRequest = {
  type: 'score';
  id: number;
  playbook: Playbook;
  asOf: string;
  /** The page's IANA time zone, recorded with the run. */
  timeZone?: string;
  /**
   * The dataset to score. Absent: the worker reads dataset `datasetId` from IndexedDB itself
   * (re-showing a stored run after a reload: the page's copy, ~180 MB of columns and two
   * million strings at a million accounts, need not be copied and sent).
   */
  table?: AccountTable;
  projectId: string;
  datasetId: string;
  datasetName?: string;
  /** Store the run as a snapshot. */
  store: boolean;
  /**
   * Which stored run to compare with: the run's true predecessor in time (the newest stored run
   * dated before `asOf`, one per date: util/runOrder.ts), or none.
   */
  compareWith: 'previous' | 'none';
  /** Stored runs of the same as-of the new run replaces (the user confirmed): deleted once it is stored. */
  replaces?: string[];
  /**
   * A stored run to compare colours with (a what-if preview, store=false): its colour column is
   * read and sent back as `against`, with its keys only when they differ from the result's.
   */
  against?: string;
};

/** A stored run's colours for a what-if preview (ScoreRequest.against). */
export interface AgainstColors {
  runId: string;
  colorIds: string[];
  color: Int8Array;
  /** Absent: the run lists the result's accounts in the result's order (aligned by position). */
  accountIds?: string[];
}

/**
 * A score request and its answer each travel in pieces (pieces.ts): a million-account table or
 * result cloned in one message cost the page one task of ~0.3 s each way.
 */
export type ScoreEnvelope =
  | { type: 'hold'; id: number; skeleton: unknown; pieces: number }
  | { type: 'piece'; id: number; piece: Piece };

export type ScoreResponse =
  | ScoreEnvelope
  | {
      type: 'progress';
      id: number;
      phase: 'compile' | 'score' | 'summarise' | 'store';
      fraction: number;
    }
  | {
      /**
       * The answer without what the page rebuilds from its own copy of the dataset
       * (scoredWire.ts): with `idsFromKey`, `result.accountIds` is empty (the page's
       * `accountIdsOf` its dataset gives them), and the scored table is given as the columns the
       * run added to the dataset (`aggregates`: one per activity aggregate).
       */
      type: 'scored';
      id: number;
      result: ScoreResult;
      idsFromKey: boolean;
      aggregates: Record<string, Column>;
      /** The stage funnel of the result (`stageFunnel`), counted here rather than on the page. */
      funnel: FunnelRow[];
      summary: Summary;
      trend: TrendResult | null;
      previous: RunRow | null;
      run: RunRow | null;
      /** The activity the run read, linked to the scored table (account page timelines). */
      activity: ActivityData;
      activityUsed: RunActivityInfo[];
      /** The stored run asked for in `against`, when it was found. */
      against?: AgainstColors;
    }
  | {
      type: 'failed';
      id: number;
      message: string;
      issues?: { path: string; message: string }[];
      /** Sources the playbook reads that have no imported activity in the project. */
      missingActivity?: string[];
    };

/** Every ArrayBuffer under a value, for postMessage's transfer list (deduplicated). */
export function transferablesOf(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) if (v && typeof v === 'object') transferablesOf(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) if (v && typeof v === 'object') transferablesOf(v, out);
  }
  return [...out];
}
