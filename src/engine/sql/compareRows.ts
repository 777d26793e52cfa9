/**
 * Compare SQL output rows with a ScoreResult, column by column, for the differential tests:
 * numbers within a tolerance, everything else exactly. Returns readable mismatches.
 */
import type { ScoreResult } from '../types';
import { ctaOwner } from '../ctaOwner';
import { rawValue, statusName, progressName } from '../export';
import { sqlOutputNames } from './names';

export type SqlRow = Record<string, unknown>;

function norm(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object' && 'toString' in v && !(v instanceof Array))
    return String(v);
  return v;
}

function same(a: unknown, b: unknown, eps: number): boolean {
  a = norm(a);
  b = norm(b);
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= eps;
  return a === b;
}

export function compareWithSql(r: ScoreResult, rows: SqlRow[], eps = 1e-9): string[] {
  const out: string[] = [];
  if (rows.length !== r.rowCount) return [`row count: engine ${r.rowCount}, SQL ${rows.length}`];
  // The names the query gives its columns, computed from the result's own ids.
  const C = sqlOutputNames({
    dimensionIds: r.dimensionIds,
    measureIds: r.measures.map((m) => m.id),
    criteria: r.criteria,
    ctaIds: r.ctas.map((x) => x.id),
    ctaOwnerIds: r.ctas.filter((x) => x.ownerField !== undefined).map((x) => x.id),
  });
  const personCtas = r.ctas.flatMap((x, k) => (x.ownerField !== undefined ? [k] : []));
  const byId = new Map<string, SqlRow>();
  for (const row of rows) byId.set(String(row[C.accountId]), row);
  const num = (v: number) => (Number.isNaN(v) ? null : v);
  for (let i = 0; i < r.rowCount && out.length < 20; i++) {
    const id = r.accountIds[i];
    const row = byId.get(id);
    if (!row) {
      out.push(`account ${id}: missing from SQL output`);
      continue;
    }
    const check = (col: string, js: unknown) => {
      if (!same(js, row[col], eps))
        out.push(
          `account ${id}, ${col}: engine ${JSON.stringify(js)}, SQL ${JSON.stringify(norm(row[col]))}`,
        );
    };
    check(C.segment, r.segmentIds[r.segment[i]]);
    check(C.stage, r.stage[i] < 0 ? null : r.stageIds[r.stage[i]]);
    check(C.daysInStage, num(r.daysInStage[i]));
    check(C.progress, progressName(r.progress[i]));
    check(C.ready, r.readyToAdvance[i] === 1);
    check(C.score, num(r.total[i]));
    check(C.color, r.color[i] < 0 ? null : r.colorIds[r.color[i]]);
    check(C.coverage, r.coverage[i]);
    check(C.owner, r.ownerIds[r.owner[i]]);
    r.dimensionIds.forEach((_, k) => check(C.dimension[k], num(r.dimensionScores[k][i])));
    r.measures.forEach((_, k) => {
      check(C.raw[k], rawValue(r, k, i));
      check(C.points[k], num(r.measurePoints[k][i]));
    });
    r.criteria.forEach((_, k) => check(C.criterion[k], statusName(r.criteriaStatus[k][i])));
    r.ctas.forEach((_, k) => check(C.cta[k], r.ctaFired[k][i] === 1));
    personCtas.forEach((k, j) =>
      check(C.ctaOwner[j], r.ctaFired[k][i] === 1 ? ctaOwner(r, k, i) : null),
    );
    check(
      C.ctas,
      r.ctas
        .filter((_, k) => r.ctaFired[k][i] === 1)
        .map((x) => x.id)
        .join(';'),
    );
  }
  return out;
}
