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
 * account's values of the columns shown (total, colour, stage, fired CTAs: one row decoded of
 * each) and finds its row once per key list, in the key list's joined text.
 */
export async function accountPoints(runIds: string[], accountId: string): Promise<AccountPoint[]> {
  const out: AccountPoint[] = [];
  const rowIn = new Map<string, number>();
  for (const id of runIds) {
    const v = await openRun(id);
    if (!v) continue;
    let i = v.keysId ? rowIn.get(v.keysId) : undefined;
    if (i === undefined) {
      i = await v.rowOf(accountId);
      if (v.keysId) rowIn.set(v.keysId, i);
    }
    if (i < 0) continue;
    const h = v.header;
    const row = i;
    const [total, color, stage, ...fired] = await Promise.all([
      v.cell('total', row),
      v.cell('color', row),
      v.cell('stage', row),
      ...h.ctas.map((_, k) => v.cell(`cta.${k}`, row)),
    ]);
    out.push({
      runId: id,
      asOf: v.meta.asOf,
      score: Number.isNaN(total) ? null : +total.toFixed(1),
      color: color < 0 ? '' : h.colorIds[color],
      stage: stage < 0 ? '' : h.stageIds[stage],
      ctas: h.ctas.filter((_, k) => fired[k]).map((c) => c.label),
    });
  }
  return out;
}
