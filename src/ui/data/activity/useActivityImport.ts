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
import type { AccountTable } from '../../../table/columns';
import { ImportSession, WorkerFailure } from '../../../workers/clients';
import { activeActivity } from '../activeActivity';

/**
 * One activity source's import: pick → mapping (the file's columns to the declared ones) →
 * import in the worker (progress, cancel) → report (unmatched rows, 名寄せ matches to review) →
 * store or discard. Nothing is stored before the user says so; a failure stores nothing.
 */
export interface PickedActivity {
  name: string;
  /** The picked file: read by the worker in slices when imported (never whole on this page). */
  blob: Blob;
  preview: ActivityPreview;
  mapping: ActivityMapping;
}

export type ActivityFlow =
  | { step: 'idle' }
  | { step: 'inspecting'; name: string }
  | { step: 'mapping'; file: PickedActivity }
  | { step: 'importing'; file: PickedActivity; fraction: number }
  | { step: 'report'; file: PickedActivity; report: ActivityReport }
  | { step: 'saving'; file: PickedActivity; report: ActivityReport }
  | { step: 'failed'; name: string; issue: ImportIssue };

export function useActivityImport(opts: {
  projectId: string;
  source: ActivitySource;
  contract: FieldContract;
  accounts: AccountTable | null;
  asOf: string;
  timeZone?: string;
  onSaved: (events: number) => void;
}) {
  const { projectId, source, contract, accounts, asOf, timeZone, onSaved } = opts;
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
    async (f: File) => {
      setFlow({ step: 'inspecting', name: f.name });
      try {
        checkFileSize(f.name, f.size);
        // The mapping step needs the headers and a few rows: the first megabyte (JSON: whole).
        const head = /\.json$/i.test(f.name) ? f : f.slice(0, 1 << 20);
        const bytes = new Uint8Array(await head.arrayBuffer());
        const preview = await get().inspectActivity(source, { name: f.name, bytes });
        setFlow({
          step: 'mapping',
          file: { name: f.name, blob: f, preview, mapping: preview.mapping },
        });
      } catch (e) {
        fail(f.name, e);
      }
    },
    [source],
  );

  const run = useCallback(
    async (file: PickedActivity) => {
      if (!accounts) return;
      setFlow({ step: 'importing', file, fraction: 0 });
      try {
        const report = await get().importActivity(
          {
            source,
            file: { name: file.name, blob: file.blob },
            mapping: file.mapping,
            accounts,
            contract,
            asOf,
            timeZone,
          },
          (_f, fraction) => setFlow({ step: 'importing', file, fraction }),
        );
        setFlow({ step: 'report', file, report });
      } catch (e) {
        fail(file.name, e);
      }
    },
    [accounts, contract, asOf, timeZone, source],
  );

  const save = useCallback(
    async (file: PickedActivity, report: ActivityReport) => {
      setFlow({ step: 'saving', file, report });
      try {
        const meta = await get().commitActivity(projectId);
        await activeActivity.reload(projectId);
        setFlow({ step: 'idle' });
        onSaved(meta.rowCount);
      } catch (e) {
        fail(file.name, e);
      }
    },
    [projectId, onSaved],
  );

  const cancel = useCallback(() => {
    session.current?.cancel();
    session.current = null;
    setFlow({ step: 'idle' });
  }, []);

  return { flow, setFlow, pick, run, save, cancel };
}
