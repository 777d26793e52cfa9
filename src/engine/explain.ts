/**
 * explainAccount: one account's result as an object a person can read: per-measure
 * contributions (adding up exactly to the total, since scoreTable sums the same numbers in
 * the same order), each criterion with the values it read, each fired CTA with the values
 * that made its trigger true.
 */
import { isoToDays, type AccountTable } from '../table/columns';
import type { CompiledPlaybook } from './compile';
import { evalRow, type ExprValue } from './exprBridge';
import { ctaOwner } from './ctaOwner';
import { progressName, rawValue, statusName } from './export';
import type { AccountExplanation, ScoreResult } from './types';
import { idAt } from '../table/runIds';

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function explainAccount(
  c: CompiledPlaybook,
  table: AccountTable,
  r: ScoreResult,
  row: number,
): AccountExplanation {
  if (row < 0 || row >= r.rowCount)
    throw new RangeError(`explainAccount: row ${row} is outside 0..${r.rowCount - 1}`);
  const asOfDays = isoToDays(r.asOf);
  const seg = r.segment[row];
  const stage = r.stage[row];
  const colorIdx = r.color[row];
  const owner = r.ownerIds[r.owner[row]];
  const builtins: Record<string, ExprValue> = {
    segment: r.segmentIds[seg],
    score: num(r.total[row]),
    color: colorIdx < 0 ? null : r.colorIds[colorIdx],
    stage: stage < 0 ? null : r.stageIds[stage],
    days_in_stage: num(r.daysInStage[row]),
  };

  let W = 0;
  c.measures.forEach((ms, k) => {
    if (!Number.isNaN(r.measurePoints[k][row])) W += ms.weightBySegment[seg];
  });
  const contributions = contributionsOf(r, c, row);
  const measures = c.measures.map((ms, k) => {
    const points = num(r.measurePoints[k][row]);
    const weight = ms.weightBySegment[seg];
    const inputs = evalRow(ms.expr, table, row, builtins, asOfDays).reads;
    return {
      id: ms.id,
      label: ms.label,
      dimension: ms.dimension,
      raw: rawValue(r, k, row),
      points,
      weight,
      normalisedWeight: points === null || !(W > 0) ? 0 : weight / W,
      contribution: contributions[k],
      excluded: points === null,
      inputs,
    };
  });

  const criteria = r.criteria.flatMap((cr, k) => {
    if (cr.stageIndex !== stage) return [];
    const cc = c.stages[cr.stageIndex].criteria.find((x) => x.id === cr.id)!;
    return [
      {
        id: cr.id,
        label: cr.label,
        required: cr.required,
        expr: cc.expr.source,
        status: statusName(r.criteriaStatus[k][row]),
        inputs: evalRow(cc.expr, table, row, builtins, asOfDays).reads,
      },
    ];
  });

  const ctas = c.ctas.flatMap((cta, k) => {
    if (r.ctaFired[k][row] !== 1) return [];
    const info = r.ctas[k];
    return [
      {
        id: info.id,
        label: info.label,
        type: info.type,
        priority: info.priority,
        owner: ctaOwner(r, k, row),
        dueDate: info.dueDate,
        trigger: cta.expr.source,
        steps: cta.steps,
        reason: evalRow(cta.expr, table, row, builtins, asOfDays).reads,
      },
    ];
  });

  return {
    accountId: idAt(r, row),
    row,
    asOf: r.asOf,
    segment: r.segmentIds[seg],
    stage: stage < 0 ? null : r.stageIds[stage],
    daysInStage: num(r.daysInStage[row]),
    progress: progressName(r.progress[row]),
    readyToAdvance: r.readyToAdvance[row] === 1,
    total: num(r.total[row]),
    color: colorIdx < 0 ? null : r.colorIds[colorIdx],
    coverage: r.coverage[row],
    owner,
    measures,
    dimensions: r.dimensionIds.map((id, d) => ({ id, score: num(r.dimensionScores[d][row]) })),
    criteria,
    ctas,
  };
}

/**
 * One account's contribution per measure, with the same operations in the same order as
 * scoreTable's total (so they add up to it exactly); 0 for excluded measures.
 */
export function contributionsOf(r: ScoreResult, c: CompiledPlaybook, row: number): number[] {
  const seg = r.segment[row];
  let W = 0;
  c.measures.forEach((ms, k) => {
    if (!Number.isNaN(r.measurePoints[k][row])) W += ms.weightBySegment[seg];
  });
  return c.measures.map((ms, k) => {
    const p = r.measurePoints[k][row];
    return W > 0 && !Number.isNaN(p) ? (p * ms.weightBySegment[seg]) / W : 0;
  });
}
