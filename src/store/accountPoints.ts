import { openRun } from './runStore';

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

/**
 * The account's row in each run, oldest first (runs without it are left out). Reads only the
 * columns shown (total, colour, stage, fired CTAs) and each key list once.
 */
export async function accountPoints(runIds: string[], accountId: string): Promise<AccountPoint[]> {
  const out: AccountPoint[] = [];
  const rowIn = new Map<string, number>();
  for (const id of runIds) {
    const v = await openRun(id);
    if (!v) continue;
    let i = v.keysId ? rowIn.get(v.keysId) : undefined;
    if (i === undefined) {
      i = (await v.accountIds()).indexOf(accountId);
      if (v.keysId) rowIn.set(v.keysId, i);
    }
    if (i < 0) continue;
    const h = v.header;
    const [total, color, stage, ...fired] = await Promise.all([
      v.column('total'),
      v.column('color'),
      v.column('stage'),
      ...h.ctas.map((_, k) => v.column(`cta.${k}`)),
    ]);
    out.push({
      runId: id,
      asOf: v.meta.asOf,
      score: Number.isNaN(total[i]) ? null : +total[i].toFixed(1),
      color: color[i] < 0 ? '' : h.colorIds[color[i]],
      stage: stage[i] < 0 ? '' : h.stageIds[stage[i]],
      ctas: h.ctas.filter((_, k) => fired[k][i]).map((c) => c.label),
    });
  }
  return out;
}
