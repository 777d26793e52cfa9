import { useCallback, useEffect, useRef, useState } from 'react';
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
import { ImportError } from '../../data/issues';

/**
 * The import as a small state machine: pick files → preview and mapping → import in the
 * worker (progress, cancel) → validation report → save or discard. Nothing is stored until
 * the user saves, so a failed or cancelled import leaves the stored dataset as it was.
 */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
  preview: FilePreview;
  mapping: ColumnMapping;
}

export type Flow =
  | { step: 'idle' }
  | { step: 'inspecting' }
  | { step: 'mapping'; files: PickedFile[] }
  | { step: 'importing'; files: PickedFile[]; file: string; fraction: number; demo?: boolean }
  | {
      step: 'report';
      files: PickedFile[];
      reports: ImportReport[];
      join: JoinReport | null;
      rowCount: number;
      policy: BadRowPolicy;
      demo?: boolean;
    }
  | { step: 'saving'; files: PickedFile[] }
  | { step: 'failed'; files: PickedFile[]; issue: ImportIssue };

export function useImportFlow(
  projectId: string,
  contract: FieldContract,
  onSaved: (count: number) => void,
  onCancelled: () => void,
) {
  const [flow, setFlow] = useState<Flow>({ step: 'idle' });
  const session = useRef<ImportSession | null>(null);
  const get = () => (session.current ??= new ImportSession());
  useEffect(() => () => session.current?.cancel(), []);

  const fail = (files: PickedFile[], e: unknown) => {
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
    setFlow({ step: 'failed', files, issue });
  };

  const addFiles = useCallback(
    async (picked: File[], existing: PickedFile[] = []) => {
      setFlow({ step: 'inspecting' });
      const files = [...existing];
      for (const f of picked) {
        let bytes: Uint8Array;
        try {
          // Refused from its size before reading; a read the browser cannot hold says so too.
          checkFileSize(f.name, f.size);
          bytes = new Uint8Array(await f.arrayBuffer());
        } catch (e) {
          const tooBig = e instanceof ImportError ? e : null;
          return fail([...files], tooBig ? new WorkerFailure(tooBig.issue, tooBig.message) : e);
        }
        try {
          const preview = await get().inspect(
            { name: f.name, bytes, options: files.length > 0 ? { keyOptional: true } : {} },
            contract,
          );
          files.push({ name: f.name, bytes, preview, mapping: preview.mapping });
        } catch (e) {
          return fail([...files, { name: f.name, bytes, preview: null as never, mapping: {} }], e);
        }
      }
      setFlow({ step: 'mapping', files });
    },
    [contract],
  );

  const runImport = useCallback(
    async (files: PickedFile[], policy: BadRowPolicy) => {
      setFlow({ step: 'importing', files, file: files[0].name, fraction: 0 });
      try {
        const specs = files.map((f, i) => ({
          name: f.name,
          bytes: f.bytes,
          options: {
            mapping: f.mapping,
            badRows: policy,
            keyOptional: i > 0,
            ...(f.preview.sheet ? { sheet: f.preview.sheet } : {}),
          },
        }));
        const r = await get().import(specs, contract, (file, fraction) =>
          setFlow({ step: 'importing', files, file, fraction }),
        );
        setFlow({
          step: 'report',
          files,
          reports: r.reports,
          join: r.join,
          rowCount: r.rowCount,
          policy,
        });
      } catch (e) {
        fail(files, e);
      }
    },
    [contract],
  );

  /** Another sheet of a workbook: preview it again (the mapping follows its headers). */
  const pickSheet = useCallback(
    async (files: PickedFile[], index: number, sheet: string) => {
      const f = files[index];
      try {
        const preview = await get().inspect(
          {
            name: f.name,
            bytes: f.bytes,
            options: { sheet, ...(index > 0 ? { keyOptional: true } : {}) },
          },
          contract,
        );
        setFlow({
          step: 'mapping',
          files: files.map((x, k) =>
            k === index ? { ...x, preview, mapping: preview.mapping } : x,
          ),
        });
      } catch (e) {
        fail(files, e);
      }
    },
    [contract],
  );

  const generateDemo = useCallback(async (rows: number, seed: number) => {
    setFlow({ step: 'importing', files: [], file: 'demo', fraction: 0, demo: true });
    try {
      const rowCount = await get().demo(rows, seed);
      setFlow({
        step: 'report',
        files: [],
        reports: [],
        join: null,
        rowCount,
        policy: 'skip',
        demo: true,
      });
    } catch (e) {
      fail([], e);
    }
  }, []);

  const save = useCallback(
    async (files: PickedFile[], name: string) => {
      setFlow({ step: 'saving', files });
      try {
        const { meta, table } = await get().commit(projectId, name);
        activeDataset.setLoaded(projectId, meta, table);
        setFlow({ step: 'idle' });
        onSaved(meta.rowCount);
      } catch (e) {
        fail(files, e);
      }
    },
    [projectId, onSaved],
  );

  const cancel = useCallback(() => {
    session.current?.cancel();
    session.current = null;
    setFlow({ step: 'idle' });
    onCancelled();
  }, [onCancelled]);

  return { flow, setFlow, addFiles, runImport, pickSheet, generateDemo, save, cancel };
}
