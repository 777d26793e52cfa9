import type { ScoreResult } from '../../engine';
import type { RunRow } from '../../store/db';
import { loadRun } from '../../store/runStore';

/** One account in one stored run (the account page's history chart and table). */
export interface AccountPoint {
  asOf: string;
  score: number | null;
  color: string;
  stage: string;
  ctas: string[];
}

export function accountPoint(x: ScoreResult, accountId: string): AccountPoint | null {
  const i = x.accountIds.indexOf(accountId);
  if (i < 0) return null;
  return {
    asOf: x.asOf,
    score: Number.isNaN(x.total[i]) ? null : +x.total[i].toFixed(1),
    color: x.color[i] < 0 ? '' : x.colorIds[x.color[i]],
    stage: x.stage[i] < 0 ? '' : x.stageIds[x.stage[i]],
    ctas: x.ctas.filter((_, k) => x.ctaFired[k][i]).map((c) => c.label),
  };
}

/**
 * The account across the newest 52 stored runs, read one run at a time. Reading a stored run
 * decodes every account of it (seconds at a million accounts × many runs), so the page asks
 * accountPoints.worker.ts; without Worker (unit tests) it runs here.
 */
export async function accountPoints(
  runIds: string[],
  accountId: string,
  live: () => boolean = () => true,
): Promise<AccountPoint[]> {
  const out: AccountPoint[] = [];
  for (const id of runIds.slice(-52)) {
    const snap = await loadRun(id);
    if (!live()) return out;
    const p = snap ? accountPoint(snap.result, accountId) : null;
    if (p) out.push(p);
  }
  return out;
}

export type AccountPointsRequest = { id: number; runIds: string[]; accountId: string };
export type AccountPointsResponse =
  { id: number; points: AccountPoint[] } | { id: number; error: string };

let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, (m: AccountPointsResponse) => void>();

/** The account's points, read off the main thread when a Worker is available. */
export function accountPointsOffThread(runs: RunRow[], accountId: string): Promise<AccountPoint[]> {
  const runIds = runs.map((r) => r.id);
  if (typeof Worker === 'undefined') return accountPoints(runIds, accountId);
  if (!worker) {
    worker = new Worker(new URL('./accountPoints.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<AccountPointsResponse>) => {
      waiting.get(ev.data.id)?.(ev.data);
      waiting.delete(ev.data.id);
    };
  }
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, (m) => ('points' in m ? resolve(m.points) : reject(new Error(m.error))));
    worker!.postMessage({ id, runIds, accountId } satisfies AccountPointsRequest);
  });
}
