import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivitySource, FieldContract } from '../../../model';
import type { ImportIssue } from '../../../data';
import type {
  ActivityMapping,
  ActivityPreview,
  ActivityReport,
} from '../../../data/activity/importActivity';
import { ImportError } from '../../../data/issues';
import { checkFileSize } from '../../../data/limits';
import type { ActivitySetRow } from '../../../store/db';
import type { AccountTable } from '../../../table/columns';
import { ImportSession, WorkerFailure } from '../../../workers/clients';
import { activeActivity } from '../activeActivity';

/**
 * One activity source's import of one or several files: pick → mapping (the files' columns to
 * the declared ones; files with the same header share one mapping, a file with other columns
 * gets its own) → import in the worker, file after file (progress, cancel) → a report per file
 * → store (added to the source's stored files, or replacing them) or discard. Nothing is stored
 * before the user says so; a failure or a cancel stores nothing.
 */
export interface PickedActivity {
  name: string;
  /** The picked file: read by the worker in slices when imported (never whole on this page). */
  blob: Blob;
  preview: ActivityPreview;
  mapping: ActivityMapping;
}

/** `add`: to the stored files of the source; `replace`: instead of them. */
export type ActivityMode = 'add' | 'replace';

export type ActivityFlow =
  | { step: 'idle' }
  | { step: 'inspecting'; name: string }
  | { step: 'mapping'; files: PickedActivity[]; mode: ActivityMode }
  | {
      step: 'importing';
      files: PickedActivity[];
      mode: ActivityMode;
      at: number;
      fraction: number;
    }
  | { step: 'report'; files: PickedActivity[]; mode: ActivityMode; reports: ActivityReport[] }
  | { step: 'saving'; files: PickedActivity[]; mode: ActivityMode; reports: ActivityReport[] }
  | { step: 'failed'; name: string; issue: ImportIssue };

/** Files with this same key have the same columns, in the same order: one mapping for all. */
export const headerKey = (f: PickedActivity): string => f.preview.headers.join('\u0001');

export function useActivityImport(opts: {
  projectId: string;
  source: ActivitySource;
  contract: FieldContract;
  accounts: AccountTable | null;
  stored: ActivitySetRow | undefined;
  asOf: string;
  timeZone?: string;
  onSaved: (events: number) => void;
}) {
  const { projectId, source, contract, accounts, stored, asOf, timeZone, onSaved } = opts;
  const [flow, setFlow] = useState<ActivityFlow>({ step: 'idle' });
  const session = useRef<ImportSession | null>(null);
  const get = () => (session.current ??= new ImportSession());
  useEffect(() => () => session.current?.cancel(), []);

  const fail = (name: string, e: unknown) => {
    if (e instanceof WorkerFailure && e.message === 'cancelled') return;
    const issue: ImportIssue =
      e instanceof WorkerFailure && e.issue
        ? e.issue
        : e instanceof ImportError
          ? e.issue
          : {
              code: 'bad_json',
              severity: 'fatal',
              file: name,
              params: { detail: String((e as Error)?.message ?? e) },
              message: String((e as Error)?.message ?? e),
            };
    setFlow({ step: 'failed', name, issue });
  };

  const pick = useCallback(
    async (list: File[], mode: ActivityMode) => {
      const files: PickedActivity[] = [];
      for (const f of list) {
        setFlow({ step: 'inspecting', name: f.name });
        try {
          checkFileSize(f.name, f.size);
          // The mapping step needs the headers and a few rows: the first megabyte (JSON: whole).
          const head = /\.json$/i.test(f.name) ? f : f.slice(0, 1 << 20);
          const bytes = new Uint8Array(await head.arrayBuffer());
          const preview = await get().inspectActivity(source, { name: f.name, bytes });
          // The same header as a file before it: that file's mapping, not asked again.
          const like = files.find(
            (x) => x.preview.headers.join('\u0001') === preview.headers.join('\u0001'),
          );
          files.push({
            name: f.name,
            blob: f,
            preview,
            mapping: like ? like.mapping : preview.mapping,
          });
        } catch (e) {
          fail(f.name, e);
          return;
        }
      }
      if (files.length) setFlow({ step: 'mapping', files, mode });
    },
    [source],
  );

  /** Set a role's column for every file with the header of `key`. */
  const setMapping = useCallback(
    (files: PickedActivity[], mode: ActivityMode, key: string, role: string, col: number) =>
      setFlow({
        step: 'mapping',
        mode,
        files: files.map((f) =>
          headerKey(f) === key ? { ...f, mapping: { ...f.mapping, [role]: col } } : f,
        ),
      }),
    [],
  );

  const run = useCallback(
    async (files: PickedActivity[], mode: ActivityMode) => {
      if (!accounts) return;
      const reports: ActivityReport[] = [];
      for (let at = 0; at < files.length; at++) {
        const file = files[at];
        setFlow({ step: 'importing', files, mode, at, fraction: 0 });
        try {
          reports.push(
            await get().importActivity(
              {
                source,
                file: { name: file.name, blob: file.blob },
                mapping: file.mapping,
                accounts,
                contract,
                asOf,
                timeZone,
                index: at,
                stored: mode === 'add' ? (stored?.files ?? []) : [],
              },
              (_f, fraction) => setFlow({ step: 'importing', files, mode, at, fraction }),
            ),
          );
        } catch (e) {
          fail(file.name, e);
          return;
        }
      }
      setFlow({ step: 'report', files, mode, reports });
    },
    [accounts, contract, asOf, timeZone, source, stored],
  );

  const save = useCallback(
    async (files: PickedActivity[], mode: ActivityMode, reports: ActivityReport[]) => {
      setFlow({ step: 'saving', files, mode, reports });
      try {
        const meta = await get().commitActivity(projectId, mode);
        await activeActivity.reload(projectId);
        setFlow({ step: 'idle' });
        onSaved(meta.rowCount);
      } catch (e) {
        fail(files.map((f) => f.name).join(', '), e);
      }
    },
    [projectId, onSaved],
  );

  /** Remove one stored file (its events); the others' stay. */
  const remove = useCallback(
    async (set: ActivitySetRow, index: number) => {
      try {
        const meta = await get().removeActivityFile(set.id, index);
        await activeActivity.reload(projectId);
        return meta;
      } catch (e) {
        fail(set.files[index]?.name ?? '', e);
        return undefined;
      }
    },
    [projectId],
  );

  const cancel = useCallback(() => {
    session.current?.cancel();
    session.current = null;
    setFlow({ step: 'idle' });
  }, []);

  return { flow, setFlow, pick, setMapping, run, save, remove, cancel };
}
