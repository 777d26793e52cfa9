import { describe, expect, it } from 'vitest';
import {
  backtest,
  compilePlaybook,
  contributionsOf,
  explainAccount,
  resultToCsv,
  resultToJson,
  scoreTable,
  summarise,
  trend,
  BEHIND,
  MET,
  NOT_MET,
  ON_TRACK,
  PROGRESS_UNKNOWN,
  STUCK,
  TREND_DOWN,
  TREND_NEW,
  TREND_SAME,
  TREND_UP,
  UNKNOWN,
  type ScoreResult,
} from '.';
import type { Playbook } from '../model';
import { auc } from './backtest';
import { rawValue } from './export';
import { csvValue as csvCell } from '../util/csvCell';
import { miniPlaybook } from './testing/mini';
import { DEMO_ROWS, demoPlaybook, tableFor } from './testing/demo';

function run(pb: Playbook, rows: Record<string, unknown>[], asOf?: string) {
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const table = tableFor(pb, rows);
  return { c: c.compiled, table, r: scoreTable(c.compiled, table, asOf ? { asOf } : {}) };
}
const col = (r: ScoreResult, id: string) => r.measures.findIndex((m) => m.id === id);

describe('scoreTable: health score', () => {
  const rows = [
    // small: use 25→50 pts ×2, rel strong 100 ×1, nps 9 → 100 ×1 → (100+100+100)/4 = 75 → green (>= 75)
    { id: 's1', mrr: 10, usage: 25, rel: 'strong', nps: 9 },
    // big: rel weight 3: use 50→100 ×2, weak 20 ×3, nps 7→50 ×1 → (200+60+50)/6 = 51.666… → yellow
    { id: 'b1', mrr: 100, usage: 50, rel: 'weak', nps: 7 },
    // missing usage and nps: only rel counts: 20 → red; coverage 1/4
    { id: 's2', mrr: 1, rel: 'weak' },
    // exactly 40 is not yellow (exclusive) → red; use 0 → 0 ×2, weak…: (0 + 20 + 100)/4 = 30 → red
    { id: 's3', usage: 0, rel: 'weak', nps: 10 },
    // nothing at all: no score, no colour, coverage 0
    { id: 's4' },
  ];
  const { r } = run(miniPlaybook(), rows);

  it('weights points over the available measures, with segment overrides', () => {
    expect([r.total[0], r.total[2], r.total[3]]).toEqual([75, 20, 30]);
    expect(r.total[1]).toBeCloseTo((200 + 60 + 50) / 6, 12);
    expect(Number.isNaN(r.total[4])).toBe(true);
    expect(Array.from(r.coverage)).toEqual([1, 1, 0.25, 1, 0]);
    expect(Array.from(r.segment, (s) => r.segmentIds[s])).toEqual([
      'small',
      'big',
      'small',
      'small',
      'small',
    ]);
  });

  it('colours by the first band reached, honouring inclusive / exclusive bounds', () => {
    expect(Array.from(r.color, (c) => (c < 0 ? null : r.colorIds[c]))).toEqual([
      'green',
      'yellow',
      'red',
      'red',
      null,
    ]);
  });

  it('keeps raw values and points per measure', () => {
    expect(r.measureRaw[col(r, 'use')][0]).toBe(25);
    expect(r.measurePoints[col(r, 'use')][0]).toBe(50);
    expect(r.rawDict[col(r, 'rel')]![r.measureRaw[col(r, 'rel')][1]]).toBe('weak');
    expect(r.measurePoints[col(r, 'nps')][1]).toBe(50);
  });

  it('contributions add up exactly to the total (stored on request, or computed on demand)', () => {
    expect(r.measureContribution).toBeUndefined();
    const { c, table } = run(miniPlaybook(), rows);
    const withC = scoreTable(c, table, { contributions: true });
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (const col of withC.measureContribution!) s += col[i];
      expect(s).toBe(r.total[i]);
      const onDemand = contributionsOf(r, c, i);
      expect(onDemand).toEqual(withC.measureContribution!.map((col) => col[i]));
    }
    expect(Number.isNaN(withC.measureContribution![0][4])).toBe(true);
  });

  it('dimension scores are the weighted mean of their available measures', () => {
    const d = (id: string) => r.dimensionScores[r.dimensionIds.indexOf(id)];
    expect(d('adoption')[0]).toBe(50);
    expect(Number.isNaN(d('adoption')[2])).toBe(true);
    expect(d('engagement')[1]).toBe(20);
  });

  it('missing = zero scores a missing measure 0 instead of excluding it', () => {
    const pb = miniPlaybook();
    pb.health.missing = 'zero';
    const z = run(pb, rows).r;
    expect(z.total[2]).toBe(20 / 4); // rel 20 ×1 out of weight 4
    expect(z.coverage[2]).toBe(0.25);
    expect(z.total[4]).toBe(0);
  });

  it('inverted measures score 100 − points', () => {
    const pb = miniPlaybook();
    pb.health.measures[0].invert = true;
    const x = run(pb, rows).r;
    expect(x.measurePoints[0][0]).toBe(50);
    expect(x.measurePoints[0][1]).toBe(0);
    expect(x.measurePoints[0][3]).toBe(100);
  });
});

describe('scoreTable: stages and criteria', () => {
  const rows = [
    { id: 'x1', stage_f: 'a', entered: '2026-01-26', kickoff: true, usage: 10 }, // 5 days, on track, ready
    { id: 'x2', stage_f: 'a', entered: '2026-01-11', kickoff: false }, // 20 days: behind (>10), not ready
    { id: 'x3', stage_f: 'b', entered: '2025-11-01' }, // 91 days > 60: stuck; nps unknown
    { id: 'x4', stage_f: 'zzz' }, // unknown stage
    { id: 'x5', stage_f: 'a' }, // no entered date → progress unknown
  ];
  const { r } = run(miniPlaybook(), rows);
  const k = (stage: string, id: string) =>
    r.criteria.findIndex((c) => c.stage === stage && c.id === id);

  it('evaluates every criterion as met / not met / unknown', () => {
    expect(Array.from(r.criteriaStatus[k('a', 'k')])).toEqual([
      MET,
      NOT_MET,
      UNKNOWN,
      UNKNOWN,
      UNKNOWN,
    ]);
    expect(Array.from(r.criteriaStatus[k('a', 'u')])).toEqual([
      NOT_MET,
      UNKNOWN,
      UNKNOWN,
      UNKNOWN,
      UNKNOWN,
    ]);
  });

  it('reads the stage field, time in stage, progress and readiness', () => {
    expect(Array.from(r.stage, (s) => (s < 0 ? null : r.stageIds[s]))).toEqual([
      'a',
      'a',
      'b',
      null,
      'a',
    ]);
    expect(Array.from(r.daysInStage.slice(0, 3))).toEqual([5, 20, 91]);
    expect(Array.from(r.progress)).toEqual([
      ON_TRACK,
      BEHIND,
      STUCK,
      PROGRESS_UNKNOWN,
      PROGRESS_UNKNOWN,
    ]);
    expect(Array.from(r.readyToAdvance)).toEqual([1, 0, 0, 0, 0]);
  });

  it('infers the stage as the first whose required criteria are not all met', () => {
    const pb = miniPlaybook({ stageSource: { kind: 'inferred' } });
    const x = run(pb, [
      { id: 'i1', kickoff: false },
      { id: 'i2', kickoff: true, nps: 3 },
      { id: 'i3', kickoff: true, nps: 10 },
      { id: 'i4' },
    ]).r;
    expect(Array.from(x.stage, (s) => x.stageIds[s])).toEqual(['a', 'b', 'b', 'a']);
    expect(Array.from(x.readyToAdvance)).toEqual([0, 0, 1, 0]);
    expect(Number.isNaN(x.daysInStage[0])).toBe(true);
  });
});

describe('scoreTable: CTAs and owners', () => {
  const rows = [
    { id: 'c1', mrr: 10, usage: 0, rel: 'weak', nps: 0 }, // red and weak: same dedupe key → the high-priority one
    { id: 'c2', mrr: 10, usage: 0, rel: 'strong', nps: 0 }, // (0+100+0)/4 = 25 red → risk_red
    { id: 'c3', mrr: 500, usage: 45, rel: 'strong', nps: 10, stage_f: 'b' }, // big, stage b, usage > 40 → grow
    { id: 'c4', mrr: 5, usage: 45, rel: 'strong', nps: 10, stage_f: 'b' }, // small: grow does not apply
    { id: 'c5', mrr: 500, usage: 45, rel: 'strong', nps: 10 }, // unknown stage: grow does not apply
  ];
  const { c, table, r } = run(miniPlaybook(), rows);
  const fired = (id: string) => Array.from(r.ctaFired[r.ctas.findIndex((x) => x.id === id)]);

  it('fires on true triggers for the segments and stages listed, keeping one CTA per dedupe key', () => {
    expect(fired('risk_red')).toEqual([0, 1, 0, 0, 0]);
    expect(fired('risk_weak')).toEqual([1, 0, 0, 0, 0]);
    expect(fired('grow')).toEqual([0, 0, 1, 0, 0]);
  });

  it('routes owners by the first true rule, default otherwise', () => {
    expect(Array.from(r.owner, (o) => r.ownerIds[o])).toEqual([
      'CS',
      'CS',
      'Sales',
      'Sales',
      'Sales',
    ]);
  });

  it('dates CTAs from the as-of date', () => {
    expect(r.ctas.map((x) => x.dueDate)).toEqual(['2026-02-03', '2026-02-01', '2026-02-07']);
  });

  it('explains an account: contributions sum to the total, CTA reasons show the values read', () => {
    const e = explainAccount(c, table, r, 0);
    expect(e.measures.reduce((s, m) => s + m.contribution, 0)).toBe(e.total);
    expect(e.ctas).toEqual([
      expect.objectContaining({
        id: 'risk_weak',
        owner: 'CSM',
        reason: { rel: 'weak' },
        dueDate: '2026-02-01',
      }),
    ]);
    const e2 = explainAccount(c, table, r, 1);
    expect(e2.ctas[0]).toEqual(
      expect.objectContaining({ id: 'risk_red', owner: 'CS', reason: { color: 'red' } }),
    );
    expect(e2.measures.map((m) => m.normalisedWeight)).toEqual([0.5, 0.25, 0.25]);
  });
});

describe('summaries, trends, backtests, determinism', () => {
  const pb = demoPlaybook();
  const { r, table } = run(pb, DEMO_ROWS, '2026-11-23');

  it('is deterministic: same input, byte-identical output', () => {
    const again = run(pb, DEMO_ROWS, '2026-11-23').r;
    expect(resultToCsv(again)).toBe(resultToCsv(r));
    expect(resultToJson(again)).toBe(resultToJson(r));
  });

  it('counts by colour × segment × stage and CTAs by type and owner', () => {
    const s = summarise(r);
    expect(s.byColorSegmentStage.reduce((a, x) => a + x.count, 0)).toBe(DEMO_ROWS.length);
    expect(s.byColor.reduce((a, x) => a + x.count, 0)).toBe(DEMO_ROWS.length);
    const fired = r.ctaFired.reduce((a, f) => a + f.reduce((x, y) => x + y, 0), 0);
    expect(s.ctasByTypeOwner.reduce((a, x) => a + x.count, 0)).toBe(fired);
    expect(s.ctasById.find((x) => x.id === 'champion_left')!.count).toBe(1);
  });

  it('trends against a previous run by account id', () => {
    const prevRows = DEMO_ROWS.slice(1).map((row) => ({ ...row }));
    prevRows[0].relationship = 'strong'; // A2 was better before
    const prev = run(pb, prevRows, '2026-11-23').r;
    const t = trend(r, prev);
    expect(t.direction[0]).toBe(TREND_NEW); // A1 was not there
    expect(t.direction[1]).toBe(TREND_DOWN);
    expect(t.direction[2]).toBe(TREND_SAME);
    expect(t.counts.new + t.counts.up + t.counts.down + t.counts.same).toBe(r.rowCount);
    const up = trend(prev, r);
    expect(up.direction[0]).toBe(TREND_UP);
  });

  it('backtests: churn rate per colour and AUC', () => {
    const b = backtest(r, table, 'outcome');
    expect(b.n).toBe(5);
    const red = b.perColor.find((p) => p.color === 'red')!;
    expect(red.churned).toBeGreaterThan(0);
    expect(b.aucChurn).not.toBeNull();
  });

  it('AUC counts ties as half and needs both classes', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 2], [3, 4])).toBe(0);
    expect(auc([2, 2], [2])).toBe(0.5);
    expect(auc([3, 1], [2])).toBe(0.5);
    expect(auc([5], [])).toBeNull();
  });

  it('warns when one colour holds more than 60% of accounts', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: `w${i}`,
      usage: 50,
      rel: 'strong',
      nps: 10,
      outcome: i < 2 ? 'churned' : 'renewed',
    }));
    const x = run(miniPlaybook(), rows);
    const b = backtest(x.r, x.table, 'outcome');
    expect(b.warnings.map((w) => [w.code, w.color])).toEqual([['band_concentration', 'green']]);
    expect(b.aucChurn).toBe(0.5);
  });
});

describe('edge cases', () => {
  it('scores an empty table and a table without some contract columns', () => {
    const empty = run(miniPlaybook(), []).r;
    expect(empty.rowCount).toBe(0);
    expect(summarise(empty).byColor.map((x) => x.count)).toEqual([0, 0, 0]);
    const c = compilePlaybook(miniPlaybook());
    if (!c.ok) throw new Error('invalid');
    const partial = scoreTable(c.compiled, {
      rowCount: 1,
      columns: {
        id: { type: 'string', codes: Int32Array.of(0), dict: ['only'] },
        usage: { type: 'number', values: Float64Array.of(25) },
      },
    });
    expect(partial.total[0]).toBe(50);
    expect(partial.coverage[0]).toBe(0.5);
  });
});

describe('compilePlaybook', () => {
  it('returns issues with JSON paths instead of throwing', () => {
    const pb = miniPlaybook();
    pb.ctas[2].trigger = 'usag > 40';
    const c = compilePlaybook(pb);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0].path).toBe('$.ctas[2].trigger');
  });

  it('rejects an impossible as-of date', () => {
    const c = compilePlaybook(miniPlaybook(), { asOf: '2026-02-30' });
    expect(c.ok).toBe(false);
    // `validated` (the playbook was cross-checked already) skips that check, not this one.
    const v = compilePlaybook(miniPlaybook(), { asOf: '2026-02-30', validated: true });
    expect(v.ok ? [] : v.issues.map((i) => i.path)).toEqual(['$.asOf']);
  });

  it('compiles a cross-checked playbook the same without checking it again (validated)', () => {
    const a = compilePlaybook(demoPlaybook(), { asOf: '2026-11-23' });
    const b = compilePlaybook(demoPlaybook(), { asOf: '2026-11-23', validated: true });
    expect(a.ok && b.ok).toBe(true);
    expect(b).toEqual(a);
  });
});

describe('CSV export', () => {
  it('quotes separators and neutralises spreadsheet formulas in text', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});

describe('scoreTable: raw values and weights', () => {
  const rows = [
    { id: 'b', mrr: 100, usage: 50, rel: 'weak', nps: 9 },
    { id: 's', mrr: 1, usage: 10 },
    { id: 'n', mrr: 1 },
  ];

  it('a bare number field keeps the table column as raw values; a computed measure gets its own', () => {
    const pb = miniPlaybook();
    pb.health.measures.push({
      id: 'half',
      label: 'Half',
      dimension: 'adoption',
      expr: 'usage / 2',
      normalise: { kind: 'linear', min: 0, max: 50 },
      invert: true,
      weight: 1,
    });
    const { table, r } = run(pb, rows);
    const usage = table.columns.usage;
    if (usage.type !== 'number') throw new Error('usage is a number column');
    expect(r.measureRaw[col(r, 'use')]).toBe(usage.values);
    const half = r.measureRaw[col(r, 'half')];
    expect(half).not.toBe(usage.values);
    expect(Array.from(half)).toEqual([25, 5, NaN]);
    expect(Array.from(r.measurePoints[col(r, 'half')])).toEqual([50, 90, NaN]);
  });

  it('a bare category field keeps the table codes and dictionary as raw values; computed text gets its own codes', () => {
    const pb = miniPlaybook();
    pb.health.measures.push({
      id: 'rel2',
      label: 'Rel2',
      dimension: 'engagement',
      expr: "coalesce(rel, 'strong')",
      normalise: { kind: 'category', points: { strong: 100, weak: 20 } },
      invert: false,
      weight: 1,
    });
    const { table, r } = run(pb, rows);
    const rel = table.columns.rel;
    if (rel.type !== 'string') throw new Error('rel is a text column');
    const k = col(r, 'rel');
    expect(r.measureRaw[k]).toBe(rel.codes);
    expect(r.rawDict[k]).toBe(rel.dict);
    expect([0, 1, 2].map((i) => rawValue(r, k, i))).toEqual(['weak', null, null]);
    const k2 = col(r, 'rel2');
    expect(r.measureRaw[k2]).toBeInstanceOf(Int32Array);
    expect(r.measureRaw[k2]).not.toBe(rel.codes);
    expect([0, 1, 2].map((i) => rawValue(r, k2, i))).toEqual(['weak', 'strong', 'strong']);
    expect(Array.from(r.measurePoints[k2])).toEqual([20, 100, 100]);
  });

  it('no score where the available measures all weigh 0, with or without contributions', () => {
    const pb = miniPlaybook();
    pb.health.overrides = [{ segment: 'big', weights: { use: 0, rel: 0, nps: 0 } }];
    const { c, table, r } = run(pb, rows);
    const withC = scoreTable(c, table, { contributions: true });
    for (const x of [r, withC]) {
      expect(Number.isNaN(x.total[0])).toBe(true);
      expect(x.color[0]).toBe(-1);
      expect(x.total[1]).toBe(20); // usage 10 → 20 points, the only available measure
      expect(Number.isNaN(x.total[2])).toBe(true);
      expect(Array.from(x.coverage)).toEqual([0, 0.5, 0]);
    }
    expect(Number.isNaN(withC.measureContribution![0][0])).toBe(true);
  });

  it('with no measures nothing is added: the total stays 0, with or without contributions', () => {
    const pb = miniPlaybook();
    pb.health.measures = [];
    pb.health.overrides = [];
    const { c, table, r } = run(pb, rows);
    expect(Array.from(r.total)).toEqual([0, 0, 0]);
    expect(Array.from(scoreTable(c, table, { contributions: true }).total)).toEqual([0, 0, 0]);
  });
});
