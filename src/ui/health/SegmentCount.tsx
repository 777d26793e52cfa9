import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../util/format';
import { useProject } from '../common/useProject';
import { activeDataset } from '../data/activeDataset';
import { useActiveDataset } from '../data/useActiveDataset';
import { defaultAsOf } from '../results/asOfDefault';
import { assignSegments, type SegmentAssignment } from '../../engine/segmentPreview';
import { PREVIEW_MAX_ROWS } from '../../engine/preview';
import { previewWorkerAvailable, segmentsInWorker } from '../../workers/previewClient';

const DEBOUNCE_MS = 250;

/** First-match-wins counts of the open project's segments on its loaded dataset (debounced). */
export function useSegmentAssignment(): SegmentAssignment | null {
  const table = useActiveDataset();
  const segments = useProject((p) => p.segments);
  const fields = useProject((p) => p.fields);
  const projectId = useProject((p) => p.id);
  const projectAsOf = useProject((p) => p.asOf);
  const data = useSyncExternalStore(activeDataset.subscribe, activeDataset.get);
  const asOf =
    defaultAsOf({
      projectAsOf,
      datasetCreatedAt: data.projectId === projectId ? data.meta?.createdAt : undefined,
    }).date || new Date().toISOString().slice(0, 10);
  const [res, setRes] = useState<SegmentAssignment | null>(null);
  // A large stored dataset is counted in the preview worker, every row (exact, page not frozen).
  const datasetId = data.projectId === projectId ? data.meta?.id : undefined;
  const inWorker =
    !!table && !!datasetId && table.rowCount > PREVIEW_MAX_ROWS && previewWorkerAvailable();
  useEffect(() => {
    if (!table) {
      setRes(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      if (inWorker) {
        segmentsInWorker({ datasetId: datasetId!, segments, fields, asOf }).then(
          (r) => live && setRes(r),
          () => live && setRes(null),
        );
        return;
      }
      try {
        setRes(assignSegments(segments, fields, table, asOf));
      } catch {
        setRes(null);
      }
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [segments, fields, table, asOf, inWorker, datasetId]);
  return res;
}

/** "Gets 1,203 of 3,000 accounts (rules above take theirs first)". */
export function SegmentCount({
  id,
  assignment,
}: {
  id: string;
  assignment: SegmentAssignment | null;
}) {
  const { t, i18n } = useTranslation('resultsWork');
  if (!assignment) return null;
  const n = assignment.counts[id] ?? 0;
  return (
    <p className="ex-preview" data-testid={`segment-assigned-${id}`} data-count={n}>
      <meter min={0} max={assignment.total} value={n} aria-hidden="true" />{' '}
      {t('segmentCount', {
        n: formatCount(n, i18n.language),
        total: formatCount(assignment.total, i18n.language),
      })}
      {assignment.evaluated < assignment.total && (
        <span className="hint">
          {' '}
          {t('segmentSample', { sample: formatCount(assignment.evaluated, i18n.language) })}
        </span>
      )}
    </p>
  );
}
