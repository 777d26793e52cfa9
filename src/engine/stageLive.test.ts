import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable, type ScoreResult } from '.';
import { generateDemoTable } from '../data/demo/generate';
import { columnOf, MISSING_BOOL, type AccountTable } from '../table/columns';
import { demoPlaybook } from './testing/demo';
import {
  LIVE_SLICE_ROWS,
  liveStages,
  liveStagesSteps,
  quantile,
  selectRows,
  valueRange,
  type AccountSelection,
} from './stageLive';

const AS_OF = '2026-11-01';

function demoRun(rows = 1500, seed = 7): { r: ScoreResult; table: AccountTable } {
  const c = compilePlaybook(demoPlaybook());
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const table = generateDemoTable({ rows, seed, missingRate: 0.08 });
  return { r: scoreTable(c.compiled, table, { asOf: AS_OF }), table };
}

/** The run as plain per-account records, the way a reader of the stored run would see it. */
interface Rec {
  stage: string | null;
  segment: string;
  color: string;
  ready: boolean;
  progress: number;
  days: number | null;
  status: Record<string, number>;
  ctas: string[];
}
function records(r: ScoreResult): Rec[] {
  const out: Rec[] = [];
  for (let i = 0; i < r.rowCount; i++) {
    const stage = r.stage[i] < 0 ? null : r.stageIds[r.stage[i]];
    const status: Record<string, number> = {};
    r.criteria.forEach((c, k) => {
      if (c.stage === stage) status[c.id] = r.criteriaStatus[k][i];
    });
    out.push({
      stage,
      segment: r.segmentIds[r.segment[i]],
      color: r.color[i] < 0 ? '' : r.colorIds[r.color[i]],
      ready: r.readyToAdvance[i] === 1,
      progress: r.progress[i],
      days: Number.isNaN(r.daysInStage[i]) ? null : r.daysInStage[i],
      status,
      ctas: r.ctas.filter((_, k) => r.ctaFired[k][i] === 1).map((c) => c.id),
    });
  }
  return out;
}

describe('liveStages', () => {
  const { r, table } = demoRun();
  const recs = records(r);

  for (const segment of [undefined, 'smb', 'enterprise']) {
    it(`counts every stage like an independent count over the records (segment ${segment ?? 'all'})`, () => {
      const live = liveStages(r, { segment });
      const mine = recs.filter((x) => segment === undefined || x.segment === segment);
      expect(live.total).toBe(mine.length);
      expect(live.unknownStage).toBe(mine.filter((x) => x.stage === null).length);
      for (const stageId of r.stageIds) {
        const s = live.stages.get(stageId)!;
        const inS = mine.filter((x) => x.stage === stageId);
        expect(s.count).toBe(inS.length);
        expect(s.count).toBeGreaterThan(0);
        expect(s.share).toBeCloseTo(inS.length / mine.length, 12);
        expect(s.ready).toBe(inS.filter((x) => x.ready).length);
        expect(s.behind).toBe(inS.filter((x) => x.progress === 1).length);
        expect(s.stuck).toBe(inS.filter((x) => x.progress === 2).length);
        for (const c of s.colors)
          expect(c.count).toBe(inS.filter((x) => x.color === c.color).length);
        expect(s.colors.reduce((a, c) => a + c.count, 0)).toBe(inS.length);
        for (const c of s.criteria) {
          expect(c.met).toBe(inS.filter((x) => x.status[c.id] === 1).length);
          expect(c.notMet).toBe(inS.filter((x) => x.status[c.id] === 0).length);
          expect(c.unknown).toBe(inS.filter((x) => x.status[c.id] === 2).length);
        }
        const days = inS.flatMap((x) => (x.days === null ? [] : [x.days])).sort((a, b) => a - b);
        expect(s.days.known).toBe(days.length);
        const mid = days.length / 2;
        const median = days.length % 2 ? days[Math.floor(mid)] : (days[mid - 1] + days[mid]) / 2;
        expect(s.days.median).toBe(median);
        const h = (days.length - 1) * 0.9;
        const lo = Math.floor(h);
        const p90 = days[lo] + (h - lo) * ((days[lo + 1] ?? days[lo]) - days[lo]);
        expect(s.days.p90).toBeCloseTo(p90, 9);
        for (const c of s.ctas)
          expect(c.count).toBe(inS.filter((x) => x.ctas.includes(c.id)).length);
        const fired = new Set(inS.flatMap((x) => x.ctas));
        expect(s.ctas.map((c) => c.id).sort()).toEqual([...fired].sort());
        for (const ct of s.ctaTypes) {
          const ids = new Set(r.ctas.filter((c) => c.type === ct.type).map((c) => c.id));
          expect(ct.accounts).toBe(inS.filter((x) => x.ctas.some((c) => ids.has(c))).length);
        }
      }
    });
  }

  it('holds the stage criteria to the raw data (the right status under the right criterion)', () => {
    // Onboarding's exit criteria, computed by hand from the table: kickoff_done,
    // setup_progress >= 80, training_completed; a missing value is unknown.
    const live = liveStages(r).stages.get('onboarding')!;
    const stageCol = columnOf(table, 'stage')!;
    const kick = columnOf(table, 'kickoff_done')!;
    const setup = columnOf(table, 'setup_progress')!;
    const rows: number[] = [];
    for (let i = 0; i < table.rowCount; i++)
      if (stageCol.type === 'string' && stageCol.dict[stageCol.codes[i]] === 'onboarding')
        rows.push(i);
    const boolStatus = (v: number) => (v === MISSING_BOOL ? 2 : v ? 1 : 0);
    const ob1 = rows.map((i) => (kick.type === 'boolean' ? boolStatus(kick.values[i]) : -1));
    const ob2 = rows.map((i) => {
      const v = setup.type === 'number' ? setup.values[i] : NaN;
      return Number.isNaN(v) ? 2 : v >= 80 ? 1 : 0;
    });
    const tally = (xs: number[]) => [1, 0, 2].map((k) => xs.filter((x) => x === k).length);
    const [c1, c2] = live.criteria;
    expect([c1.met, c1.notMet, c1.unknown]).toEqual(tally(ob1));
    expect([c2.met, c2.notMet, c2.unknown]).toEqual(tally(ob2));
    expect(c1.unknown + c2.unknown).toBeGreaterThan(0);
  });

  it('marks the required criterion that most accounts do not meet, and only that one', () => {
    for (const s of liveStages(r).stages.values()) {
      const walls = s.criteria.filter((c) => c.wall);
      const required = s.criteria.filter((c) => c.required && c.notMet > 0);
      if (!required.length) {
        expect(walls).toEqual([]);
        continue;
      }
      expect(walls).toHaveLength(1);
      expect(walls[0].required).toBe(true);
      expect(walls[0].notMet).toBe(Math.max(...required.map((c) => c.notMet)));
    }
  });

  it('averages an experience column per stage over the accounts that have a value', () => {
    const nps = columnOf(table, 'nps')!;
    if (nps.type !== 'number') throw new Error('nps is numeric');
    const live = liveStages(r, { segment: 'mid', experience: nps.values });
    for (const stageId of r.stageIds) {
      const vals = recs
        .map((x, i) => ({ x, v: nps.values[i] }))
        .filter(({ x, v }) => x.stage === stageId && x.segment === 'mid' && !Number.isNaN(v))
        .map(({ v }) => v);
      const e = live.stages.get(stageId)!.experience!;
      expect(e.n).toBe(vals.length);
      expect(e.mean).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 10);
    }
    expect(liveStages(r).stages.get('onboarding')!.experience).toBeNull();
    expect(valueRange(nps.values)).toEqual({ min: 0, max: 10 });
    expect(valueRange(new Float64Array([NaN]))).toBeNull();
  });

  it('an unknown segment gives zero accounts, not the whole run', () => {
    const live = liveStages(r, { segment: 'no_such_segment' });
    expect(live.total).toBe(0);
    expect(live.stages.get('onboarding')!.count).toBe(0);
    expect(selectRows(r, { segment: 'no_such_segment' })).toHaveLength(0);
  });
});

describe('selectRows: every number opens exactly its accounts', () => {
  const { r } = demoRun(800, 3);
  const recs = records(r);
  const live = liveStages(r, { segment: 'smb' });

  it('selects as many rows as the map counts, each matching the selection', () => {
    const checks: [AccountSelection, number, (x: Rec) => boolean][] = [];
    for (const [stage, s] of live.stages) {
      const base = { stage, segment: 'smb' };
      const inS = (x: Rec) => x.stage === stage && x.segment === 'smb';
      checks.push([base, s.count, inS]);
      checks.push([{ ...base, ready: true }, s.ready, (x) => inS(x) && x.ready]);
      checks.push([{ ...base, progress: 'stuck' }, s.stuck, (x) => inS(x) && x.progress === 2]);
      checks.push([{ ...base, progress: 'behind' }, s.behind, (x) => inS(x) && x.progress === 1]);
      checks.push([{ ...base, daysKnown: true }, s.days.known, (x) => inS(x) && x.days !== null]);
      for (const c of s.colors)
        checks.push([{ ...base, color: c.color }, c.count, (x) => inS(x) && x.color === c.color]);
      for (const c of s.criteria) {
        checks.push([
          { ...base, criterion: c.id, status: 'not_met' },
          c.notMet,
          (x) => inS(x) && x.status[c.id] === 0,
        ]);
        checks.push([
          { ...base, criterion: c.id, status: 'unknown' },
          c.unknown,
          (x) => inS(x) && x.status[c.id] === 2,
        ]);
      }
      for (const c of s.ctas)
        checks.push([{ ...base, cta: c.id }, c.count, (x) => inS(x) && x.ctas.includes(c.id)]);
      for (const c of s.ctaTypes)
        checks.push([
          { ...base, ctaType: c.type },
          c.accounts,
          (x) => inS(x) && x.ctas.some((id) => r.ctas.find((y) => y.id === id)!.type === c.type),
        ]);
    }
    expect(checks.length).toBeGreaterThan(30);
    for (const [sel, n, pred] of checks) {
      const rows = selectRows(r, sel);
      expect(rows.length, JSON.stringify(sel)).toBe(n);
      for (const i of rows) expect(pred(recs[i]), JSON.stringify(sel)).toBe(true);
    }
  });

  it('a CTA type selects accounts for which any CTA of that type fired', () => {
    const rows = selectRows(r, { ctaType: 'risk' });
    const risk = new Set(r.ctas.filter((c) => c.type === 'risk').map((c) => c.id));
    expect(rows.length).toBe(recs.filter((x) => x.ctas.some((id) => risk.has(id))).length);
  });

  it('an unknown stage, criterion or CTA selects nothing; stage "" is the unknown stage', () => {
    expect(selectRows(r, { stage: 'gone' })).toHaveLength(0);
    expect(selectRows(r, { stage: 'onboarding', criterion: 'gone', status: 'met' })).toHaveLength(
      0,
    );
    expect(selectRows(r, { cta: 'gone' })).toHaveLength(0);
    expect(selectRows(r, { stage: '' }).length).toBe(recs.filter((x) => x.stage === null).length);
  });
});

describe('quantile', () => {
  it('equals the sorted definition on random data with many ties, in any order', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rnd() * 60);
      // Whole numbers (counted), a few distinct ones (ties), and fractions (quickselect).
      const xs = Array.from({ length: n }, () =>
        round % 3 === 2 ? rnd() * 100 - 50 : Math.floor(rnd() * (round % 3 ? 5 : 1000)) - 2,
      );
      const sorted = [...xs].sort((a, b) => a - b);
      for (const q of [0, 0.1, 0.5, 0.9, 1]) {
        const h = (n - 1) * q;
        const lo = Math.floor(h);
        const want = sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
        expect(quantile(xs, q)).toBeCloseTo(want, 9);
      }
    }
  });
  it('interpolates linearly between ranks', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
    expect(quantile([1, 2], 0.9)).toBeCloseTo(1.9, 12);
  });
});

describe('liveStagesSteps (the journey map spreads a large run over several tasks)', () => {
  // More rows than two slices, and not a multiple of one: every pass pauses mid-way.
  const rows = 2 * LIVE_SLICE_ROWS + 4321;
  const { r } = demoRun(rows, 3);
  const recs = records(r);

  it('pauses inside every pass and ends with the independent counts', () => {
    const steps = liveStagesSteps(r, { segment: 'smb' });
    let pauses = 0;
    let x = steps.next();
    for (; !x.done; x = steps.next()) pauses++;
    // Three passes over the rows (tally, days, one per criterion with a status).
    const passes =
      2 + r.criteria.filter((c, k) => r.stageIds.includes(c.stage) && r.criteriaStatus[k]).length;
    expect(pauses).toBe(passes * Math.floor(rows / LIVE_SLICE_ROWS));
    const live = x.value;
    const mine = recs.filter((y) => y.segment === 'smb');
    expect(live.total).toBe(mine.length);
    for (const stageId of r.stageIds) {
      const s = live.stages.get(stageId)!;
      const inS = mine.filter((y) => y.stage === stageId);
      expect(s.count).toBe(inS.length);
      expect(s.ready).toBe(inS.filter((y) => y.ready).length);
      expect(s.days.known).toBe(inS.filter((y) => y.days !== null).length);
      for (const c of s.criteria) {
        expect(c.met).toBe(inS.filter((y) => y.status[c.id] === 1).length);
        expect(c.notMet).toBe(inS.filter((y) => y.status[c.id] === 0).length);
      }
      for (const c of s.ctas) expect(c.count).toBe(inS.filter((y) => y.ctas.includes(c.id)).length);
    }
    expect(liveStages(r, { segment: 'smb' })).toEqual(live);
  });
});
