/**
 * Per-account rows from a ScoreResult, for `waymark score` output and downloads. Numbers are
 * written as JavaScript prints them (shortest round-trip form), so exports are exact and stable.
 */
import { ctaOwner } from './ctaOwner';
import { MET, NOT_MET, PROGRESS_UNKNOWN, type ScoreResult } from './types';

export interface ResultRow {
  account_id: string;
  segment: string;
  stage: string | null;
  days_in_stage: number | null;
  progress: 'on_track' | 'behind' | 'stuck' | 'unknown';
  ready_to_advance: boolean;
  score: number | null;
  color: string | null;
  coverage: number;
  owner: string;
  dimensions: Record<string, number | null>;
  measures: Record<string, { raw: number | string | boolean | null; points: number | null }>;
  /** Exit criteria of the account's current stage. */
  criteria: Record<string, 'met' | 'not_met' | 'unknown'>;
  ctas: { id: string; type: string; priority: string; owner: string; due: string }[];
}

const PROGRESS = ['on_track', 'behind', 'stuck'] as const;

export function progressName(code: number): ResultRow['progress'] {
  return code === PROGRESS_UNKNOWN ? 'unknown' : PROGRESS[code];
}

export function statusName(code: number): 'met' | 'not_met' | 'unknown' {
  return code === MET ? 'met' : code === NOT_MET ? 'not_met' : 'unknown';
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function rawValue(r: ScoreResult, m: number, i: number): number | string | boolean | null {
  const v = r.measureRaw[m][i];
  const kind = r.measures[m].rawKind;
  if (kind === 'string') return v < 0 ? null : r.rawDict[m]![v];
  if (Number.isNaN(v)) return null;
  if (kind === 'boolean') return v === 1;
  return v;
}

export function resultRow(r: ScoreResult, i: number): ResultRow {
  const stage = r.stage[i];
  const dimensions: ResultRow['dimensions'] = {};
  r.dimensionIds.forEach((d, k) => (dimensions[d] = num(r.dimensionScores[k][i])));
  const measures: ResultRow['measures'] = {};
  r.measures.forEach(
    (m, k) => (measures[m.id] = { raw: rawValue(r, k, i), points: num(r.measurePoints[k][i]) }),
  );
  const criteria: ResultRow['criteria'] = {};
  r.criteria.forEach((c, k) => {
    if (c.stageIndex === stage) criteria[c.id] = statusName(r.criteriaStatus[k][i]);
  });
  const owner = r.ownerIds[r.owner[i]];
  const ctas: ResultRow['ctas'] = [];
  r.ctas.forEach((c, k) => {
    if (r.ctaFired[k][i] === 1)
      ctas.push({
        id: c.id,
        type: c.type,
        priority: c.priority,
        owner: ctaOwner(r, k, i),
        due: c.dueDate,
      });
  });
  return {
    account_id: r.accountIds[i],
    segment: r.segmentIds[r.segment[i]],
    stage: stage < 0 ? null : r.stageIds[stage],
    days_in_stage: num(r.daysInStage[i]),
    progress: progressName(r.progress[i]),
    ready_to_advance: r.readyToAdvance[i] === 1,
    score: num(r.total[i]),
    color: r.color[i] < 0 ? null : r.colorIds[r.color[i]],
    coverage: r.coverage[i],
    owner,
    dimensions,
    measures,
    criteria,
    ctas,
  };
}

export function* resultRows(r: ScoreResult): Generator<ResultRow> {
  for (let i = 0; i < r.rowCount; i++) yield resultRow(r, i);
}
