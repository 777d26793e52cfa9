/// <reference lib="webworker" />
/**
 * One CLI history import or export, off the main thread (a worker per job; the page terminates
 * it to cancel). On the page, importing three runs of a million accounts froze it for 30–34 s
 * and exporting them for ~4 s (docs/history-format.md).
 */
import {
  exportHistoryZip,
  importHistoryFiles,
  type ExportRef,
  type ImportReport,
  type ExportedZip,
  type TransferProgress,
} from './historyTransferOps';
import type { ImportTarget } from '../engine/historyTransfer';

export type TransferRequest =
  | { type: 'import'; projectId: string; target: ImportTarget; files: File[]; staging: string }
  | { type: 'export'; playbookName: string; runs: ExportRef[] }
  /** The page's go-ahead to store the checked runs, after it was told `save`. */
  | { type: 'save' };
export type TransferReply =
  | { type: 'progress'; progress: TransferProgress }
  | { type: 'imported'; report: ImportReport }
  | { type: 'exported'; zip: ExportedZip | null }
  | { type: 'failed'; message: string };

const post = (m: TransferReply) => self.postMessage(m);
const progress = (p: TransferProgress) => post({ type: 'progress', progress: p });

// The import waits for the page's go-ahead before it shows the runs it stored (staged, unseen),
// so a cancel (which terminates this worker; the page then discards what was staged) either
// comes before the commit or is refused by the page.
let go: (() => void) | null = null;
const goAhead = () => new Promise<void>((resolve) => (go = resolve));

self.onmessage = async (ev: MessageEvent<TransferRequest>) => {
  const m = ev.data;
  if (m.type === 'save') return go?.();
  try {
    if (m.type === 'import') {
      post({
        type: 'imported',
        report: await importHistoryFiles(
          m.projectId,
          m.target,
          m.files,
          progress,
          goAhead,
          m.staging,
        ),
      });
    } else {
      post({ type: 'exported', zip: await exportHistoryZip(m.playbookName, m.runs, progress) });
    }
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
