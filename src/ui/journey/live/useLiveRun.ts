import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useRederiveLastRun } from '../../results/useRederiveLastRun';
import { useTranslation } from 'react-i18next';
import { diffPlaybooks, playbookFingerprint, playbookFromProject } from '../../../model';
import type { RunRow } from '../../../store/db';
import { useOpenProject } from '../../common/useProject';
import { useActiveDatasetState } from '../../data/useActiveDataset';
import { projectStore } from '../../../store/projectStore';
import { defaultAsOf } from '../../results/asOfDefault';
import { resultsStore, type RunOutcome } from '../../results/runState';
import { requestRun, runRequest } from '../../results/replaceRun';
import { whatIfStore } from '../../results/whatIf';
import { navigate } from '../../shell/routes';

export type LiveState =
  | { kind: 'loading' }
  | { kind: 'noDataset' }
  | { kind: 'running'; fraction: number }
  | { kind: 'failed'; error: string }
  /** No run of this dataset that can be shown (never run, or run on another dataset). */
  | { kind: 'notRun'; otherDataset: RunRow | null }
  | {
      kind: 'ready';
      outcome: RunOutcome;
      /** What changed in the model since the run (empty: the map is the model that ran). */
      changes: ReturnType<typeof diffPlaybooks>;
      stale: boolean;
    };

/**
 * The run the journey map shows: the same one Results shows (resultsStore), re-derived with the
 * run's own playbook when coming back to a stored run, never scored with the current model
 * unless the user runs it.
 */
export function useLiveRun(): {
  state: LiveState;
  runNow: () => void;
  /** A what-if preview of the current model on the shown stored run's data (Results shows it). */
  previewNow: (() => void) | null;
  asOfLabel: string;
} {
  const { t: th } = useTranslation('history');
  const project = useOpenProject()!;
  const data = useActiveDatasetState();
  const s = useSyncExternalStore(resultsStore.subscribe, resultsStore.get);
  useEffect(() => {
    void resultsStore.open(project.id);
  }, [project.id]);
  const mine = s.projectId === project.id;
  const outcome =
    mine && s.outcome && data.meta && s.outcome.datasetId === data.meta.id ? s.outcome : null;
  const lastRun = mine ? s.runs[s.runs.length - 1] : undefined;
  const current = useMemo(() => playbookFromProject(project), [project]);
  const changes = useMemo(
    () => (outcome ? diffPlaybooks(outcome.playbook, current) : []),
    [outcome, current],
  );
  // Fingerprints once per model and run, not on every render of the map.
  const ranPrint = useMemo(() => (outcome ? playbookFingerprint(outcome.playbook) : ''), [outcome]);
  const currentPrint = useMemo(() => playbookFingerprint(current), [current]);
  const asOf = defaultAsOf({
    projectAsOf: project.asOf,
    lastRunAsOf: lastRun?.asOf,
    datasetCreatedAt: data.meta?.createdAt,
  }).date;

  // A stored run is shown by scoring its dataset with its own playbook, never the current one.
  useRederiveLastRun({ projectId: project.id, mine, outcome, status: s.status, lastRun, data });

  const runNow = () => {
    if (!data.table || !data.meta || !asOf) return;
    // A date the history already holds: asked first (results/ReplaceRunDialog, drawn by LiveBar).
    requestRun(
      runRequest(project.id, current, asOf, { table: data.table, meta: data.meta }),
      () => {
        if (project.asOf !== asOf)
          projectStore.edit(th('asOf.remember'), (d) => {
            d.asOf = asOf;
          });
      },
    );
  };

  // The same preview as Results' stale notice (whatIf.ts: scored, never stored), shown on Results:
  // the comparison needs its room, and leaving Results discards it there as anywhere.
  const shownRun = outcome?.run;
  const previewNow =
    shownRun && data.table && data.meta
      ? () => {
          void whatIfStore.start(
            {
              ...runRequest(project.id, current, outcome.result.asOf, {
                table: data.table!,
                meta: data.meta!,
              }),
              store: false,
            },
            shownRun,
          );
          navigate({ kind: 'project', id: project.id, view: 'results', query: '' });
        }
      : null;

  let state: LiveState;
  if (data.status === 'loading' || data.status === 'idle' || !mine) state = { kind: 'loading' };
  else if (!data.table) state = { kind: 'noDataset' };
  else if (s.status === 'running') state = { kind: 'running', fraction: s.fraction };
  else if (outcome)
    state = {
      kind: 'ready',
      outcome,
      changes,
      stale: ranPrint !== currentPrint,
    };
  else if (s.status === 'failed') state = { kind: 'failed', error: s.error ?? '' };
  else if (lastRun?.playbook && lastRun.datasetId === data.meta?.id) state = { kind: 'loading' };
  else
    state = {
      kind: 'notRun',
      otherDataset: lastRun && lastRun.datasetId !== data.meta?.id ? lastRun : null,
    };
  return { state, runNow, previewNow, asOfLabel: asOf };
}
