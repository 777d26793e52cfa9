import type { StoredReplace } from '../data/datasetChange';
import type { FieldContract, Playbook } from '../model';
import type { AccountTable } from '../table/columns';
import type { PackedDict } from '../table/packedDict';
import type { FilePreview, ImportIssue, ImportReport, JoinReport } from '../data';
import type { ActivityFileInfo, ActivitySetRow, DatasetRow } from '../store/db';
import type { ActivitySource } from '../model';
import type {
  ActivityMapping,
  ActivityPreview,
  ActivityReport,
} from '../data/activity/importActivity';
import type {
  ImportFileSpec,
  ImportSource,
  ImportRequest,
  ImportResponse,
  ScoreRequest,
  ScoreResponse,
} from './protocol';
import { detach, nextTask, place, split } from './pieces';
import { unpackTable, withSlices } from './packedTable';
import type { Encoding } from '../data/encoding';
import type { InferFileResult } from '../data/inferFile';
import { PREVIEW_BYTES, previewNeedsWholeFile } from '../data/fileKind';
import { fileChangedIssue } from '../data/fileChanged';
import { fromWire, type ScoredWire, type ScoreOutcome } from './scoredWire';

/** A picked file that no longer reads as picked, where the page holds only its start. */
const changed = (file: string) => {
  const issue = fileChangedIssue(file);
  return new WorkerFailure(issue, issue.message);
};

/**
 * Promise wrappers around the workers. `cancel()` terminates the worker: parsing and scoring
 * are synchronous loops, so termination is the only way to stop them at once.
 */
export class WorkerFailure extends Error {
  constructor(
    readonly issue: ImportIssue | null,
    message: string,
    readonly issues?: { path: string; message: string }[],
    readonly missingActivity?: string[],
  ) {
    super(message);
  }
}

type Distribute<T, K> = T extends unknown ? Omit<T, 'id'> & K : never;

export class ImportSession {
  private worker: Worker | null = null;
  private seq = 0;
  private waiting = new Map<
    number,
    {
      resolve: (m: ImportResponse) => void;
      reject: (e: unknown) => void;
      onProgress?: (file: string, f: number) => void;
      onSlice?: (column: string, dict: PackedDict) => void;
    }
  >();

  private ensure(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (ev: MessageEvent<ImportResponse>) => {
        const m = ev.data;
        const w = this.waiting.get(m.id);
        if (!w) return;
        if (m.type === 'progress') return w.onProgress?.(m.file, m.fraction);
        if (m.type === 'committedSlices') {
          for (const { column, dict } of m.slices) w.onSlice?.(column, dict);
          return;
        }
        this.waiting.delete(m.id);
        if (m.type === 'failed') w.reject(new WorkerFailure(m.issue, m.issue.message));
        else w.resolve(m);
      };
      this.worker.onerror = (ev) => {
        for (const w of this.waiting.values())
          w.reject(new WorkerFailure(null, ev.message || 'import worker crashed'));
        this.waiting.clear();
        this.worker = null;
      };
    }
    return this.worker;
  }

  private request(
    msg: Distribute<ImportRequest, object>,
    onProgress?: (file: string, f: number) => void,
    transfer: Transferable[] = [],
    onSlice?: (column: string, dict: PackedDict) => void,
  ): Promise<ImportResponse> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, onProgress, onSlice });
      this.ensure().postMessage({ ...msg, id }, transfer);
    });
  }

  /** Start the worker and its helpers ahead of a pick (the Data view is open); no answer. */
  prepare(): void {
    if (typeof Worker === 'undefined') return;
    this.ensure().postMessage({
      type: 'prepare',
      id: 0,
      parts: forcedParts(),
    } satisfies ImportRequest);
  }

  async inspect(
    {
      blob,
      size,
      ...file
    }: ImportFileSpec & {
      blob?: Blob;
      /** The whole file's length where `bytes` is only its start (a big file: PREVIEW_BYTES). */
      size?: number;
    },
    contract: FieldContract,
  ): Promise<FilePreview> {
    // The preview needs the first 1 MB: a copy, not a transfer, since the page keeps the bytes.
    // A JSON document or a workbook (its zip directory is at the end) is needed whole: the
    // worker reads the picked File (the page has only its start if it is big; copying all of a
    // small one into the message would freeze the page 0.3 s per 100 MB). If the File changed
    // since the pick, the bytes the page read are sent where they are the whole file, and
    // otherwise the user is told to pick it again. (A workbook cut at 1 MB could not be opened.)
    const totalBytes = size ?? file.bytes.length;
    const whole = previewNeedsWholeFile(file.bytes, file.name);
    const send = (source: ImportSource) =>
      this.request({
        type: 'inspect',
        file: source,
        contract,
        totalBytes,
        parts: forcedParts(),
      });
    const { bytes, ...named } = file;
    let m =
      whole && blob
        ? await send({ ...named, blob, size: totalBytes })
        : { type: 'unreadable' as const };
    if (m.type === 'unreadable') {
      if (whole && bytes.length < totalBytes) throw changed(file.name);
      m = await send({
        ...named,
        bytes: (whole ? bytes : bytes.subarray(0, PREVIEW_BYTES)).slice(),
      });
    }
    return (m as Extract<ImportResponse, { type: 'preview' }>).preview;
  }

  /**
   * Import `files`. A file with its picked File (`blob`) is read by the worker from the File, so
   * the page does not copy its bytes into the message. If the worker finds the File changed or
   * gone since the pick, the import runs again with the bytes the page read at the pick where
   * they are the whole file (a small one: what the preview and the mapping were made from);
   * where the page read only the start of a big file, the import fails with `file_changed`
   * (pick the file again), having stored nothing.
   */
  async import(
    files: (ImportFileSpec & { blob?: Blob })[],
    contract: FieldContract,
    onProgress?: (file: string, f: number) => void,
    /** The project whose stored dataset the import would replace (compared in the worker). */
    projectId?: string,
  ): Promise<{
    reports: ImportReport[];
    join: JoinReport | null;
    rowCount: number;
    replace: StoredReplace | null;
  }> {
    // Without `useBlob`, the bytes the page read stand in for the Files it holds whole; a big
    // file, of which it holds only the start, is read from its File either way.
    const sources = (useBlob: boolean): ImportSource[] =>
      files.map(({ blob, bytes, ...f }) =>
        blob && (useBlob || bytes.length < blob.size)
          ? // A big file's start, as read at the pick, goes too: the worker's plan need not read it again.
            { ...f, blob, size: blob.size, ...(bytes.length < blob.size ? { head: bytes } : {}) }
          : { ...f, bytes },
      );
    const send = (useBlob: boolean) =>
      this.request(
        {
          type: 'import',
          files: sources(useBlob),
          contract,
          parts: forcedParts(),
          blocks: forcedBlocks(),
          projectId,
        },
        onProgress,
      );
    let m = await send(true);
    if (m.type === 'unreadable') m = await send(false);
    if (m.type === 'unreadable') throw changed(m.file);
    const r = m as Extract<ImportResponse, { type: 'imported' }>;
    return { reports: r.reports, join: r.join, rowCount: r.rowCount, replace: r.replace ?? null };
  }

  /** `projectId`/`contract`: compare with the project's stored dataset (what it would replace). */
  async demo(
    rows: number,
    seed: number,
    keyField?: string,
    projectId?: string,
    contract?: FieldContract,
  ): Promise<{ rowCount: number; replace: StoredReplace | null }> {
    const m = (await this.request({
      type: 'demo',
      rows,
      seed,
      keyField,
      projectId,
      contract,
    })) as Extract<ImportResponse, { type: 'imported' }>;
    return { rowCount: m.rowCount, replace: m.replace ?? null };
  }

  async commit(
    projectId: string,
    name: string,
  ): Promise<{ meta: DatasetRow; table: AccountTable }> {
    // The string columns' slices arrive first, many to a message; kept packed.
    const slices = new Map<string, PackedDict[]>();
    const m = (await this.request({ type: 'commit', projectId, name }, undefined, [], (c, d) =>
      (slices.get(c) ?? slices.set(c, []).get(c)!).push(d),
    )) as Extract<ImportResponse, { type: 'committed' }>;
    return { meta: m.meta, table: unpackTable(withSlices(m.table, slices)) };
  }

  /** `file.bytes` (the file's head, or a whole JSON document) is the caller's to give away. */
  async inspectActivity(source: ActivitySource, file: ImportFileSpec): Promise<ActivityPreview> {
    // Transferred, not copied: the page keeps only the File (a JSON log can be hundreds of MB).
    const m = await this.request({ type: 'activityInspect', source, file }, undefined, [
      file.bytes.buffer,
    ]);
    return (m as Extract<ImportResponse, { type: 'activityPreview' }>).preview;
  }

  /**
   * Read an activity file linked to `accounts`; held in the worker until commitActivity, with
   * the files read before it in the same batch (`index` > 0).
   */
  async importActivity(
    req: {
      source: ActivitySource;
      file: { name: string; blob: Blob };
      mapping: ActivityMapping;
      accounts: AccountTable;
      contract: FieldContract;
      asOf: string;
      timeZone?: string;
      index?: number;
      stored?: ActivityFileInfo[];
    },
    onProgress?: (file: string, f: number) => void,
  ): Promise<ActivityReport> {
    const m = await this.request({ type: 'activity', ...req }, onProgress);
    return (m as Extract<ImportResponse, { type: 'activityImported' }>).report;
  }

  async commitActivity(
    projectId: string,
    mode: 'add' | 'replace' = 'replace',
  ): Promise<ActivitySetRow> {
    const m = await this.request({ type: 'commitActivity', projectId, mode });
    return (m as Extract<ImportResponse, { type: 'activityCommitted' }>).meta;
  }

  /** Remove one file of a stored activity set; null when it was the last. */
  async removeActivityFile(setId: string, index: number): Promise<ActivitySetRow | null> {
    const m = await this.request({ type: 'removeActivityFile', setId, index });
    return (m as Extract<ImportResponse, { type: 'activityFileRemoved' }>).meta;
  }

  /** The fields inferred from every row of a file (null: it does not read). */
  async infer(
    name: string,
    file: Blob | Uint8Array,
    opts: { encoding?: Encoding; sheet?: string },
  ): Promise<InferFileResult | null> {
    const m = await this.request({ type: 'infer', name, file, ...opts });
    return (m as Extract<ImportResponse, { type: 'inferred' }>).result;
  }

  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const w of this.waiting.values()) w.reject(new WorkerFailure(null, 'cancelled'));
    this.waiting.clear();
  }
}

/**
 * Fields inferred from a whole picked file in a worker of its own, ended after (the page's
 * thread never reads the file, and an import started meanwhile does not wait behind it).
 */
export async function inferInWorker(
  name: string,
  file: Blob | Uint8Array,
  opts: { encoding?: Encoding; sheet?: string },
): Promise<InferFileResult | null> {
  const session = new ImportSession();
  try {
    return await session.infer(name, file, opts);
  } finally {
    session.cancel();
  }
}

/**
 * localStorage `waymark.importParts`: how many parts an import is read in (1 = one pass), for
 * the benchmark and the test comparing both paths; unset = one per core.
 */
function forcedParts(): number | undefined {
  try {
    const v = Number(globalThis.localStorage?.getItem('waymark.importParts'));
    return v >= 1 ? Math.floor(v) : undefined;
  } catch {
    return undefined;
  }
}

/** localStorage `waymark.importBlocks` = `whole`: one pass reads the File whole, then parses (benchmark). */
function forcedBlocks(): string | undefined {
  try {
    return globalThis.localStorage?.getItem('waymark.importBlocks') ?? undefined;
  } catch {
    return undefined;
  }
}

export type { ScoreOutcome };

/**
 * One scoring run in its own worker; `cancel()` stops it. `readTable`: the worker reads the
 * stored dataset `datasetId` itself instead of receiving `table` (the page's copy of it, which
 * the answer is rebuilt against: scoredWire.ts).
 */
export function scoreInWorker(
  req: Omit<ScoreRequest, 'type' | 'id' | 'table'> & { table: AccountTable; readTable?: boolean },
  onProgress?: (phase: string, fraction: number) => void,
): { promise: Promise<ScoreOutcome>; cancel: () => void } {
  const { table, readTable, ...rest } = req;
  const worker = new Worker(new URL('./score.worker.ts', import.meta.url), { type: 'module' });
  let reject: (e: unknown) => void = () => {};
  let stopped = false;
  // The answer comes in pieces, each its own message (and task) on the page.
  let answer: { skeleton: unknown; missing: number } | null = null;
  const promise = new Promise<ScoreOutcome>((resolve, rej) => {
    reject = rej;
    worker.onmessage = (ev: MessageEvent<ScoreResponse>) => {
      const m = ev.data;
      if (m.type === 'progress') return onProgress?.(m.phase, m.fraction);
      if (m.type === 'hold' || m.type === 'piece') {
        if (m.type === 'hold') {
          answer = { skeleton: m.skeleton, missing: m.pieces };
          mark('waymark:run-hold');
        } else if (answer) {
          place(answer.skeleton, m.piece);
          answer.missing--;
        }
        if (!answer || answer.missing > 0) return;
        worker.terminate();
        mark('waymark:run-placed');
        resolve(fromWire(answer.skeleton as ScoredWire, table, req.playbook.fields.accountKey));
        return;
      }
      worker.terminate();
      if (m.type === 'failed') rej(new WorkerFailure(null, m.message, m.issues, m.missingActivity));
      else resolve(fromWire(m, table, req.playbook.fields.accountKey));
    };
    worker.onerror = (ev) => {
      worker.terminate();
      rej(new WorkerFailure(null, ev.message || 'scoring worker crashed'));
    };
  });
  const msg: ScoreRequest = { ...rest, ...(readTable ? {} : { table }), type: 'score', id: 1 };
  // The request (with the whole table) in pieces, one per task: no long task on the page.
  void (async () => {
    const { skeleton, pieces } = split(msg, 20_000);
    worker.postMessage({ type: 'hold', id: 1, skeleton, pieces: pieces.length });
    for (const p of pieces) {
      await nextTask();
      if (stopped) return;
      const { piece, transfer } = detach(p);
      worker.postMessage({ type: 'piece', id: 1, piece }, transfer);
    }
  })();
  return {
    promise,
    cancel: () => {
      stopped = true;
      worker.terminate();
      reject(new WorkerFailure(null, 'cancelled'));
    },
  };
}

export type { Playbook };

/** A performance mark where there is a performance timeline (benchmarks read them in traces). */
export function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}
