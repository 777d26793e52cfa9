import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { FieldContract } from '../../model';
import type {
  ColumnMapping,
  FilePreview,
  ImportIssue,
  ImportReport,
  JoinReport,
  BadRowPolicy,
} from '../../data';
import { ImportSession, WorkerFailure } from '../../workers/clients';
import { activeDataset } from './activeDataset';
import { checkFileSize } from '../../data/limits';
import { PREVIEW_BYTES } from '../../data/fileKind';
import { ImportError } from '../../data/issues';
import type { StoredReplace } from '../../data/datasetChange';
import { createWatchdog, importWatchdogMs, type Watchdog } from './importWatchdog';

/**
 * The import as a small state machine: pick files → preview and mapping → import in the
 * worker (progress, cancel) → validation report → save or discard. Nothing is stored until
 * the user saves, so a failed or cancelled import leaves the stored dataset as it was.
 */
export interface PickedFile {
  name: string;
  /**
   * The bytes the page read at the pick: the whole file up to PREVIEW_BYTES, else its start
   * (`blob` is then the File, read by the workers): reading all of a 185 MB file froze the page
   * for up to 0.6 s and held 185 MB in it, only to import what was picked if the File changed.
   */
  bytes: Uint8Array;
  /** The picked File: a worker reads it without a copy of `bytes` on the page. */
  blob?: Blob;
  preview: FilePreview;
  mapping: ColumnMapping;
}

export type Flow =
  | { step: 'idle' }
  | { step: 'inspecting' }
  | { step: 'mapping'; files: PickedFile[] }
  | {
      step: 'importing';
      files: PickedFile[];
      file: string;
      fraction: number;
      demo?: boolean;
      /** The bad-row policy asked (Try again runs the same import). */
      policy?: BadRowPolicy;
      /** No progress for the watchdog's limit: since when (epoch ms) it has been quiet. */
      stalled?: { since: number };
    }
  | {
      step: 'report';
      files: PickedFile[];
      reports: ImportReport[];
      join: JoinReport | null;
      rowCount: number;
      policy: BadRowPolicy;
      demo?: boolean;
      /** What storing it would replace (null: nothing stored). */
      replace: StoredReplace | null;
    }
  | { step: 'saving'; files: PickedFile[] }
  | { step: 'failed'; files: PickedFile[]; issue: ImportIssue };

/**
 * The flow of each project lives outside the view, so leaving the Data view does not cancel an
 * import: it goes on in its worker, and coming back shows where it got to (progress, report).
 */
const IDLE: Flow = { step: 'idle' };
const flows = new Map<string, Flow>();
const sessions = new Map<string, ImportSession>();
/** The watchdog of each project's import in its worker (importWatchdog.ts). */
const watchdogs = new Map<string, Watchdog>();
/** Each project's current import run: a run that was replaced (Try again) writes nothing. */
const runs = new Map<string, number>();
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
function setFlowOf(projectId: string, f: Flow): void {
  if (f.step === 'idle') flows.delete(projectId);
  else flows.set(projectId, f);
  for (const l of listeners) l();
}

function sessionOf(projectId: string): ImportSession {
  let s = sessions.get(projectId);
  if (!s) sessions.set(projectId, (s = new ImportSession()));
  return s;
}

function stopWatchdog(projectId: string): void {
  watchdogs.get(projectId)?.stop();
  watchdogs.delete(projectId);
}

/** End the project's worker (and with it any job it was doing); nothing stored is touched. */
function endSession(projectId: string): void {
  stopWatchdog(projectId);
  runs.set(projectId, (runs.get(projectId) ?? 0) + 1);
  sessions.get(projectId)?.cancel();
  sessions.delete(projectId);
}

/**
 * Watch the project's import: quiet for the limit, the flow shows it stalled (what, since
 * when); a progress message after that takes the message away again.
 */
function watchImport(projectId: string): Watchdog {
  stopWatchdog(projectId);
  const w = createWatchdog({
    limitMs: importWatchdogMs(),
    onStall: (quietMs) => {
      const f = flows.get(projectId);
      if (f?.step === 'importing')
        setFlowOf(projectId, { ...f, stalled: { since: Date.now() - quietMs } });
    },
    onResume: () => {
      const f = flows.get(projectId);
      if (f?.step === 'importing' && f.stalled) setFlowOf(projectId, { ...f, stalled: undefined });
    },
  });
  watchdogs.set(projectId, w);
  return w;
}

function failOf(projectId: string, files: PickedFile[], e: unknown): void {
  if (e instanceof WorkerFailure && e.message === 'cancelled') return;
  const issue: ImportIssue =
    e instanceof WorkerFailure && e.issue
      ? e.issue
      : {
          code: 'bad_json',
          severity: 'fatal',
          file: files[0]?.name ?? '',
          params: { detail: String((e as Error)?.message ?? e) },
          message: String((e as Error)?.message ?? e),
        };
  setFlowOf(projectId, { step: 'failed', files, issue });
}

/** The first file of the project's import in progress (mapping or report), if any. */
export function importFileOf(projectId: string): PickedFile | null {
  const f = flows.get(projectId);
  return f && 'files' in f && f.files[0] ? f.files[0] : null;
}

/** Map a field to a column of the import in progress (after "create field" added it). */
export function mapImportColumn(projectId: string, field: string, column: number): void {
  const f = flows.get(projectId);
  if (f?.step !== 'mapping' || !f.files[0]) return;
  const [first, ...rest] = f.files;
  setFlowOf(projectId, {
    step: 'mapping',
    files: [{ ...first, mapping: { ...first.mapping, [field]: column } }, ...rest],
  });
}

const sameColumns = (a: string[], b: string[]) =>
  a.length === b.length && a.every((h, i) => h === b[i]);

export function useImportFlow(
  projectId: string,
  contract: FieldContract,
  onSaved: (count: number) => void,
  onCancelled: () => void,
) {
  const flow = useSyncExternalStore(subscribe, () => flows.get(projectId) ?? IDLE);
  // The import worker and its helpers started while the user finds the file, not at the pick:
  // when the view opens, and again when it is back to no file (after a save or a discard) — not
  // by the import worker as an import ends, where starting a worker slowed the report.
  const idle = flow.step === 'idle';
  useEffect(() => {
    if (idle) sessionOf(projectId).prepare();
  }, [projectId, idle]);
  const setFlow = useCallback((f: Flow) => setFlowOf(projectId, f), [projectId]);

  const addFiles = useCallback(
    /**
     * `existing`: the files already in the mapping (a file added to them). `previous`: those of
     * an import that failed — a file picked again with the same name and columns keeps the
     * mapping the user set.
     */
    async (picked: File[], existing: PickedFile[] = [], previous: PickedFile[] = []) => {
      setFlowOf(projectId, { step: 'inspecting' });
      const files = [...existing];
      for (const f of picked) {
        let bytes: Uint8Array;
        try {
          // Refused from its size before reading; a read the browser cannot hold says so too.
          checkFileSize(f.name, f.size);
          // A big file's start only: the preview needs no more, and the import reads the File.
          const head = f.size > PREVIEW_BYTES ? f.slice(0, PREVIEW_BYTES) : f;
          bytes = new Uint8Array(await head.arrayBuffer());
        } catch (e) {
          const tooBig = e instanceof ImportError ? e : null;
          return failOf(
            projectId,
            [...files],
            tooBig ? new WorkerFailure(tooBig.issue, tooBig.message) : e,
          );
        }
        try {
          const preview = await sessionOf(projectId).inspect(
            {
              name: f.name,
              bytes,
              blob: f,
              size: f.size,
              options: files.length > 0 ? { keyOptional: true } : {},
            },
            contract,
          );
          const before = previous.find(
            (p) =>
              p.name === f.name && !!p.preview && sameColumns(p.preview.headers, preview.headers),
          );
          files.push({
            name: f.name,
            bytes,
            blob: f,
            preview,
            mapping: before ? before.mapping : preview.mapping,
          });
        } catch (e) {
          return failOf(
            projectId,
            [...files, { name: f.name, bytes, preview: null as never, mapping: {} }],
            e,
          );
        }
      }
      setFlowOf(projectId, { step: 'mapping', files });
    },
    [projectId, contract],
  );

  const runImport = useCallback(
    async (files: PickedFile[], policy: BadRowPolicy) => {
      const run = (runs.get(projectId) ?? 0) + 1;
      runs.set(projectId, run);
      const current = () => runs.get(projectId) === run;
      setFlowOf(projectId, { step: 'importing', files, file: files[0].name, fraction: 0, policy });
      const watch = watchImport(projectId);
      try {
        const specs = files.map((f, i) => ({
          name: f.name,
          bytes: f.bytes,
          ...(f.blob ? { blob: f.blob } : {}),
          options: {
            mapping: f.mapping,
            badRows: policy,
            keyOptional: i > 0,
            ...(f.preview.sheet ? { sheet: f.preview.sheet } : {}),
          },
        }));
        const r = await sessionOf(projectId).import(
          specs,
          contract,
          (file, fraction) => {
            if (!current()) return;
            watch.progress();
            setFlowOf(projectId, { step: 'importing', files, file, fraction, policy });
          },
          projectId,
        );
        if (!current()) return;
        stopWatchdog(projectId);
        setFlowOf(projectId, {
          step: 'report',
          files,
          reports: r.reports,
          join: r.join,
          rowCount: r.rowCount,
          policy,
          replace: r.replace,
        });
      } catch (e) {
        if (!current()) return;
        stopWatchdog(projectId);
        failOf(projectId, files, e);
      }
    },
    [projectId, contract],
  );

  /** A stalled import: wait for it again (the watchdog starts over). */
  const keepWaiting = useCallback(() => {
    const f = flows.get(projectId);
    if (f?.step !== 'importing' || !f.stalled) return;
    watchdogs.get(projectId)?.keepWaiting();
    setFlowOf(projectId, { ...f, stalled: undefined });
  }, [projectId]);

  /** A stalled import: end its worker and go back to the preview, the mapping as it was. */
  const cancelStalled = useCallback(() => {
    const f = flows.get(projectId);
    if (f?.step !== 'importing') return;
    endSession(projectId);
    setFlowOf(projectId, { step: 'mapping', files: f.files });
  }, [projectId]);

  /** A stalled import: end its worker and run the same import again from the picked files. */
  const retryStalled = useCallback(() => {
    const f = flows.get(projectId);
    if (f?.step !== 'importing' || f.demo) return;
    endSession(projectId);
    void runImport(f.files, f.policy ?? 'skip');
  }, [projectId, runImport]);

  /** Another sheet of a workbook: preview it again (the mapping follows its headers). */
  const pickSheet = useCallback(
    async (files: PickedFile[], index: number, sheet: string) => {
      const f = files[index];
      try {
        const preview = await sessionOf(projectId).inspect(
          {
            name: f.name,
            bytes: f.bytes,
            ...(f.blob ? { blob: f.blob, size: f.blob.size } : {}),
            options: { sheet, ...(index > 0 ? { keyOptional: true } : {}) },
          },
          contract,
        );
        setFlowOf(projectId, {
          step: 'mapping',
          files: files.map((x, k) =>
            k === index ? { ...x, preview, mapping: preview.mapping } : x,
          ),
        });
      } catch (e) {
        failOf(projectId, files, e);
      }
    },
    [projectId, contract],
  );

  const generateDemo = useCallback(
    async (rows: number, seed: number) => {
      setFlowOf(projectId, { step: 'importing', files: [], file: 'demo', fraction: 0, demo: true });
      try {
        const { rowCount, replace } = await sessionOf(projectId).demo(
          rows,
          seed,
          contract.accountKey,
          projectId,
          contract,
        );
        setFlowOf(projectId, {
          step: 'report',
          files: [],
          reports: [],
          join: null,
          rowCount,
          policy: 'skip',
          demo: true,
          replace,
        });
      } catch (e) {
        failOf(projectId, [], e);
      }
    },
    [projectId, contract],
  );

  const save = useCallback(
    async (files: PickedFile[], name: string) => {
      setFlowOf(projectId, { step: 'saving', files });
      try {
        const { meta, table } = await sessionOf(projectId).commit(projectId, name);
        activeDataset.setLoaded(projectId, meta, table);
        setFlowOf(projectId, { step: 'idle' });
        onSaved(meta.rowCount);
      } catch (e) {
        failOf(projectId, files, e);
      }
    },
    [projectId, onSaved],
  );

  const cancel = useCallback(() => {
    endSession(projectId);
    setFlowOf(projectId, { step: 'idle' });
    onCancelled();
  }, [projectId, onCancelled]);

  return {
    flow,
    setFlow,
    addFiles,
    runImport,
    pickSheet,
    generateDemo,
    save,
    cancel,
    keepWaiting,
    cancelStalled,
    retryStalled,
  };
}
