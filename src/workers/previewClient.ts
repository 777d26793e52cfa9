import type { PreviewReply, PreviewRequest } from './previewReads';
import type { PreviewResult } from '../engine/preview';
import type { SegmentAssignment } from '../engine/segmentPreview';
import { workerAsker, type WithoutId } from './workerAsk';

/**
 * The editors' previews on large datasets, computed in preview.worker.ts (one worker, which keeps
 * the dataset and activity it read). The worker stops after a while without questions, so the
 * copies it holds do not outlive the editing. Callers check `previewWorkerAvailable` and compute
 * small tables (and everything in jsdom, which has no Worker) on the page.
 */
let idle: ReturnType<typeof setTimeout> | null = null;
const IDLE_MS = 120_000;
const asker = workerAsker<PreviewRequest, PreviewReply>(
  'preview',
  () => new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' }),
  armIdle,
);

export const previewWorkerAvailable = (): boolean => typeof Worker !== 'undefined';

/** Stop the worker (what it read goes with it); the next question starts a new one. */
export function closePreviewWorker(): void {
  asker.close();
}

function ask(req: WithoutId<PreviewRequest>): Promise<PreviewReply> {
  if (idle) clearTimeout(idle);
  idle = null;
  return asker.ask(req);
}

/** After the last answer, the worker stops when no question comes for IDLE_MS. */
function armIdle() {
  if (asker.waiting() || idle) return;
  idle = setTimeout(() => {
    idle = null;
    if (!asker.waiting()) closePreviewWorker();
  }, IDLE_MS);
}

/** An expression's preview over every row of the stored dataset (and its activity). */
export async function previewInWorker(
  req: Omit<Extract<PreviewRequest, { type: 'expr' }>, 'id' | 'type'>,
): Promise<PreviewResult | null> {
  const r = await ask({ type: 'expr', ...req });
  if (!r.ok) throw new Error(r.error);
  return 'result' in r ? r.result : null;
}

/** Segment counts (first match wins) over every row of the stored dataset. */
export async function segmentsInWorker(
  req: Omit<Extract<PreviewRequest, { type: 'segments' }>, 'id' | 'type'>,
): Promise<SegmentAssignment | null> {
  const r = await ask({ type: 'segments', ...req });
  if (!r.ok) throw new Error(r.error);
  return 'segments' in r ? r.segments : null;
}
