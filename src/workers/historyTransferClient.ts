import type { ImportTarget } from '../engine/historyTransfer';
import type { TransferReply, TransferRequest } from './historyTransfer.worker';
import {
  exportHistoryZip,
  importHistoryFiles,
  type ExportedZip,
  type ExportRef,
  type ImportReport,
  type TransferProgress,
} from './historyTransferOps';
import { discardStagedImport, stagingId } from '../store/stagedImport';

/**
 * The page's side of historyTransfer.worker.ts: each import or export gets its own worker, which
 * is terminated when the job ends or is cancelled. Where there is no Worker (unit tests in
 * jsdom) the same code runs here, without cancel.
 */
export class TransferCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface TransferJob<T> {
  done: Promise<T>;
  /**
   * Stop the job: `done` rejects with TransferCancelled and true is returned (an import's runs
   * stored so far, unseen, are discarded). An import that has begun to add its runs to the
   * project is not stopped (false): it adds all of them or none.
   */
  cancel(): boolean;
}

let factory = () =>
  new Worker(new URL('./historyTransfer.worker.ts', import.meta.url), { type: 'module' });
/** Tests and benchmarks may load the worker another way. */
export function setTransferWorkerFactory(f: () => Worker): void {
  factory = f;
}

function run<T>(
  req: TransferRequest,
  pick: (m: TransferReply) => T | undefined,
  onProgress: (p: TransferProgress) => void,
  inThread: () => Promise<T>,
  /** After the worker is stopped by a cancel or a crash (an import discards what it staged). */
  cleanUp: () => void = () => undefined,
): TransferJob<T> {
  if (typeof Worker === 'undefined') return { done: inThread(), cancel: () => false };
  const w = factory();
  let settle: { resolve: (v: T) => void; reject: (e: Error) => void };
  let saving = false;
  const done = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  let finished = false;
  const end = () => {
    finished = true;
    w.terminate();
  };
  w.onmessage = (ev: MessageEvent<TransferReply>) => {
    const m = ev.data;
    if (m.type === 'progress') {
      if (m.progress.phase === 'save') {
        // From here on cancel is refused: the worker adds all the runs to the project or none.
        saving = true;
        w.postMessage({ type: 'save' } satisfies TransferRequest);
      }
      onProgress(m.progress);
      return;
    }
    end();
    if (m.type === 'failed') settle.reject(new Error(m.message));
    else settle.resolve(pick(m) as T);
  };
  w.onerror = (ev) => {
    ev.preventDefault();
    end();
    cleanUp();
    settle.reject(new Error(ev.message || 'history transfer worker crashed'));
  };
  w.postMessage(req);
  return {
    done,
    cancel() {
      if (saving || finished) return false;
      end();
      cleanUp();
      settle.reject(new TransferCancelled());
      return true;
    },
  };
}

/**
 * Discard a stopped import's staged runs: now, and once more a little later, since a write
 * the worker had already sent may still land after it was terminated (a later import's sweep
 * would catch it too, hours on).
 */
function discardLater(staging: string): void {
  void discardStagedImport(staging).catch(() => undefined);
  setTimeout(() => void discardStagedImport(staging).catch(() => undefined), 5000);
}

export function importInWorker(
  projectId: string,
  target: ImportTarget,
  files: File[],
  onProgress: (p: TransferProgress) => void,
): TransferJob<ImportReport> {
  const staging = stagingId(projectId);
  return run(
    { type: 'import', projectId, target, files, staging },
    (m) => (m.type === 'imported' ? m.report : undefined),
    onProgress,
    () => importHistoryFiles(projectId, target, files, onProgress, undefined, staging),
    () => discardLater(staging),
  );
}

export function exportInWorker(
  playbookName: string,
  runs: ExportRef[],
  onProgress: (p: TransferProgress) => void,
): TransferJob<ExportedZip | null> {
  return run(
    { type: 'export', playbookName, runs },
    (m) => (m.type === 'exported' ? m.zip : undefined),
    onProgress,
    () => exportHistoryZip(playbookName, runs, onProgress),
  );
}
