import { ctaOwner } from './ctaOwner';
import type { MrrSummary, ScoreResult, Summary } from './types';

/** Counts by colour × segment × stage and CTAs by type and owner. Keys sorted: output is stable. */
export function summarise(
  r: ScoreResult,
  /** The MRR field's values by row (NaN = missing), for the colours' shares of MRR. */
  mrr?: { field: string; values: Float64Array },
): Summary {
  const nC = r.colorIds.length + 1; // slot 0 = no score
  const nS = r.segmentIds.length;
  const nT = r.stageIds.length + 1; // slot 0 = unknown stage
  const cube = new Float64Array(nC * nS * nT);
  for (let i = 0; i < r.rowCount; i++) {
    cube[((r.color[i] + 1) * nS + r.segment[i]) * nT + (r.stage[i] + 1)]++;
  }
  const byColorSegmentStage: Summary['byColorSegmentStage'] = [];
  const colorCount = new Float64Array(nC);
  for (let c = 0; c < nC; c++) {
    for (let s = 0; s < nS; s++) {
      for (let t = 0; t < nT; t++) {
        const count = cube[(c * nS + s) * nT + t];
        if (count === 0) continue;
        colorCount[c] += count;
        byColorSegmentStage.push({
          color: c === 0 ? '' : r.colorIds[c - 1],
          segment: r.segmentIds[s],
          stage: t === 0 ? '' : r.stageIds[t - 1],
          count,
        });
      }
    }
  }
  const byColor: Summary['byColor'] = [];
  for (let c = 1; c < nC; c++) byColor.push({ color: r.colorIds[c - 1], count: colorCount[c] });
  if (colorCount[0] > 0) byColor.push({ color: '', count: colorCount[0] });

  const typeOwner = new Map<string, number>();
  const ctasById: Summary['ctasById'] = [];
  r.ctas.forEach((cta, k) => {
    const fired = r.ctaFired[k];
    let n = 0;
    for (let i = 0; i < r.rowCount; i++) {
      if (fired[i] !== 1) continue;
      n++;
      const owner = ctaOwner(r, k, i);
      const key = `${cta.type}\u0000${owner}`;
      typeOwner.set(key, (typeOwner.get(key) ?? 0) + 1);
    }
    ctasById.push({ id: cta.id, count: n });
  });
  const ctasByTypeOwner = [...typeOwner.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, count]) => {
      const [type, owner] = k.split('\u0000');
      return { type: type as Summary['ctasByTypeOwner'][number]['type'], owner, count };
    });
  return {
    rowCount: r.rowCount,
    byColorSegmentStage,
    byColor,
    ctasByTypeOwner,
    ctasById,
    ...(mrr ? { mrr: mrrByColor(r, mrr) } : {}),
  };
}

/** MRR summed per colour (as byColor: bands in order, then '' = no score), and what is missing. */
function mrrByColor(r: ScoreResult, mrr: { field: string; values: Float64Array }): MrrSummary {
  const sum = new Float64Array(r.colorIds.length + 1);
  let missing = 0;
  for (let i = 0; i < r.rowCount; i++) {
    const v = mrr.values[i];
    if (Number.isNaN(v)) missing++;
    else sum[r.color[i] + 1] += v;
  }
  const byColor = r.colorIds.map((color, c) => ({ color, mrr: sum[c + 1] }));
  if (sum[0] !== 0) byColor.push({ color: '', mrr: sum[0] });
  return { field: mrr.field, total: sum.reduce((a, b) => a + b, 0), missing, byColor };
}
