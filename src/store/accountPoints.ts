import { loadRun } from './runStore';

/** One account in one stored run (the account page's history chart). */
export interface AccountPoint {
  /** The stored run it was read from. */
  runId: string;
  asOf: string;
  score: number | null;
  color: string;
  stage: string;
  ctas: string[];
}

/** The account's row in each run, oldest first (runs without it are left out). */
export async function accountPoints(runIds: string[], accountId: string): Promise<AccountPoint[]> {
  const out: AccountPoint[] = [];
  for (const id of runIds) {
    const snap = await loadRun(id);
    if (!snap) continue;
    const x = snap.result;
    const i = x.accountIds.indexOf(accountId);
    if (i < 0) continue;
    out.push({
      runId: id,
      asOf: x.asOf,
      score: Number.isNaN(x.total[i]) ? null : +x.total[i].toFixed(1),
      color: x.color[i] < 0 ? '' : x.colorIds[x.color[i]],
      stage: x.stage[i] < 0 ? '' : x.stageIds[x.stage[i]],
      ctas: x.ctas.filter((_, k) => x.ctaFired[k][i]).map((c) => c.label),
    });
  }
  return out;
}
