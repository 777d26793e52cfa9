import { BEHIND, STUCK, type ScoreResult } from './types';

/** One stage of the dashboard's funnel ('' = accounts in no known stage, listed last). */
export interface FunnelRow {
  id: string;
  count: number;
  ready: number;
  behind: number;
  stuck: number;
}

/**
 * Accounts per stage with how many are ready to advance, behind and stuck: the dashboard's
 * funnel. Stored with each run (runStore's header), so a reload draws the dashboard from the
 * stored run without waiting for its million accounts.
 */
export function stageFunnel(
  r: Pick<ScoreResult, 'stageIds' | 'rowCount' | 'stage' | 'readyToAdvance' | 'progress'>,
): FunnelRow[] {
  const rows = r.stageIds.map((id) => ({ id, count: 0, ready: 0, behind: 0, stuck: 0 }));
  const unknown = { id: '', count: 0, ready: 0, behind: 0, stuck: 0 };
  for (let i = 0; i < r.rowCount; i++) {
    const s = r.stage[i];
    const row = s >= 0 ? rows[s] : unknown;
    row.count++;
    if (r.readyToAdvance[i]) row.ready++;
    if (r.progress[i] === BEHIND) row.behind++;
    else if (r.progress[i] === STUCK) row.stuck++;
  }
  return unknown.count ? [...rows, unknown] : rows;
}
