import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScoreResult } from '../../engine';
import type { AccountTable } from '../../table/columns';
import { ExportCancelled, exportInWorker, type ExportProgress } from '../../workers/exportClient';
import type { ExportJob } from '../../workers/exportProtocol';
import { downloadBlob, downloadUrl } from '../common/download';

/** Where the file went: a file the user picked (File System Access API) or a download. */
export type SaveTarget = 'file' | 'download';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; what: string; file: string; target: SaveTarget; progress: ProgressLine }
  | { status: 'done'; what: string; file: string; target: SaveTarget; bytes: number }
  | { status: 'cancelled'; what: string; file: string; target: SaveTarget }
  | { status: 'failed'; what: string; file: string; message: string };

/**
 * A running export's progress, outside React state: only the progress line (ExportStatus)
 * subscribes, so a progress message redraws that line, not the view holding the export (the
 * CTA queue or the accounts table, redrawn ten times a second before).
 */
export interface ProgressLine {
  get(): ExportProgress;
  set(p: ExportProgress): void;
  subscribe(f: () => void): () => void;
}

export function progressLine(): ProgressLine {
  let now: ExportProgress = { phase: 'write', done: 0, total: 0 };
  const seen = new Set<() => void>();
  return {
    get: () => now,
    set(p) {
      now = p;
      for (const f of seen) f();
    },
    subscribe(f) {
      seen.add(f);
      return () => seen.delete(f);
    },
  };
}

/** Faster than any person closes a dialog: the picker was not really shown. */
const PICKER_INSTANT_MS = 100;

interface PickerWindow {
  showSaveFilePicker?: (o: {
    suggestedName: string;
    types: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<FileSystemFileHandle>;
}

/**
 * An export written by the export worker, with progress and cancel. Where the browser has
 * showSaveFilePicker the user picks the file first and the worker writes into it; elsewhere
 * (and in headless Chromium) the worker builds a Blob from its chunks and the page downloads it.
 * "Done" is said only once the file is closed or the download handed to the browser.
 */
export function useFileExport() {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const cancelRef = useRef<(() => void) | null>(null);
  // Leaving the view stops an export still running (nothing is half-saved).
  useEffect(() => () => cancelRef.current?.(), []);

  const start = useCallback(
    async (o: {
      what: string;
      file: string;
      type: { description: string; mime: string; ext: string };
      result: ScoreResult;
      table: AccountTable;
      job: ExportJob;
      onDone?: (file: string) => void;
    }) => {
      if (cancelRef.current) return;
      let handle: FileSystemFileHandle | undefined;
      const picker = (window as unknown as PickerWindow).showSaveFilePicker;
      if (picker) {
        const asked = performance.now();
        try {
          handle = await picker({
            suggestedName: o.file,
            types: [{ description: o.type.description, accept: { [o.type.mime]: [o.type.ext] } }],
          });
        } catch (e) {
          // Closing the dialog is not an error. A dialog "closed" before anyone could see it
          // (headless Chromium, a policy that blocks it) and any other error fall back to a
          // download.
          const shown = performance.now() - asked > PICKER_INSTANT_MS;
          if (e instanceof DOMException && e.name === 'AbortError' && shown) return;
          handle = undefined;
        }
      }
      const file = handle?.name ?? o.file;
      const target: SaveTarget = handle ? 'file' : 'download';
      const progress = progressLine();
      setState({ status: 'running', what: o.what, file, target, progress });
      const job = exportInWorker(o.result, o.table, o.job, handle, (p) => progress.set(p));
      cancelRef.current = job.cancel;
      try {
        const out = await job.promise;
        if (out.url) downloadUrl(out.url, file);
        else if (out.blob) downloadBlob(out.blob, file);
        setState({ status: 'done', what: o.what, file, target, bytes: out.bytes });
        o.onDone?.(file);
      } catch (e) {
        if (e instanceof ExportCancelled)
          setState({ status: 'cancelled', what: o.what, file, target });
        else
          setState({
            status: 'failed',
            what: o.what,
            file,
            message: e instanceof Error ? e.message : String(e),
          });
      } finally {
        cancelRef.current = null;
      }
    },
    [],
  );
  const cancel = useCallback(() => cancelRef.current?.(), []);
  const dismiss = useCallback(() => setState({ status: 'idle' }), []);
  return { state, start, cancel, dismiss, busy: state.status === 'running' };
}
