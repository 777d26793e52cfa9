import type { PreviewReply, PreviewRequest } from './previewReads';
import type { PreviewResult } from '../engine/preview';
import type { SegmentAssignment } from '../engine/segmentPreview';

/**
 * The editors' previews on large datasets, computed in preview.worker.ts (one worker, which keeps
 * the dataset and activity it read). The worker stops after a while without questions, so the
 * copies it holds do not outlive the editing. Callers check `previewWorkerAvailable` and compute
 * small tables (and everything in jsdom, which has no Worker) on the page.
 */
let worker: Worker | null = null;
let seq = 0;
let idle: ReturnType<typeof setTimeout> | null = null;
const IDLE_MS = 120_000;
const waiting = new Map<
  number,
  { resolve: (r: PreviewReply) => void; reject: (e: Error) => void }
>();

export const previewWorkerAvailable = (): boolean => typeof Worker !== 'undefined';

/** Stop the worker (what it read goes with it); the next question starts a new one. */
export function closePreviewWorker(): void {
  worker?.terminate();
  worker = null;
  for (const w of waiting.values()) w.reject(new Error('preview worker closed'));
  waiting.clear();
}

type Request = PreviewRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function ask(req: Request): Promise<PreviewReply> {
  if (!worker) {
    worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<PreviewReply>) => {
      waiting.get(ev.data.id)?.resolve(ev.data);
      waiting.delete(ev.data.id);
      armIdle();
    };
    worker.onerror = (ev) => {
      const e = new Error(ev.message || 'preview worker crashed');
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  if (idle) clearTimeout(idle);
  idle = null;
  const id = ++seq;
  const w = worker;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ ...req, id } as PreviewRequest);
  });
}

function armIdle() {
  if (waiting.size || idle) return;
  idle = setTimeout(() => {
    idle = null;
    if (!waiting.size) closePreviewWorker();
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
