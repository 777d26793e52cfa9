import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable, ON_TRACK, PROGRESS_UNKNOWN, STUCK } from '.';
import type { Playbook } from '../model';
import { miniPlaybook } from './testing/mini';
import { tableFor } from './testing/demo';
import {
  DAYS_AT_LEAST,
  DAYS_ENTERED,
  DAYS_FIELD,
  DAYS_HISTORY,
  DAYS_NOT_IN_LAST_RUN,
  DAYS_NO_EARLIER_RUN,
  DAYS_NO_STAGE_LAST_RUN,
  DAYS_UNKNOWN,
  type StageRun,
} from './stageHistory';

// Days in stage from the history when the stage is inferred (rule in stageHistory.ts). Known
// answers by hand for as-of 2026-01-31 and the runs below:
//   x1: a now, a on 01-15 and 01-01 → streak from 01-01: 30 days (stage a expects 10: stuck)
//   x2: a now, b on 01-15           → entered since the last run: 0 days
//   x3: b now, b on 01-15 and 01-01 → 30 days (stage b expects 30: on track)
//   x4: a now, absent on 01-15      → unknown (the streak is broken by the gap)
//   x5: a now, no stage on 01-15    → unknown
//   x6: a now, in no run            → unknown
// The 2026-02-10 run (after the as-of) and the 2026-01-31 run (the same day) are not history.
const runs: StageRun[] = [
  { asOf: '2026-01-01', accountIds: ['x1', 'x2', 'x3', 'x4'], stage: ['a', 'a', 'b', 'a'] },
  { asOf: '2026-01-15', accountIds: ['x3', 'x1', 'x2', 'x5'], stage: ['b', 'a', 'b', null] },
  { asOf: '2026-02-10', accountIds: ['x1', 'x2'], stage: ['b', 'b'] },
  { asOf: '2026-01-31', accountIds: ['x2'], stage: ['a'] },
];
const rows = [
  { id: 'x1', kickoff: false },
  { id: 'x2', kickoff: false },
  { id: 'x3', kickoff: true, nps: 3 },
  { id: 'x4', kickoff: false },
  { id: 'x5', kickoff: false },
  { id: 'x6', kickoff: false },
];

function score(pb: Playbook, history?: StageRun[]) {
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return scoreTable(c.compiled, tableFor(pb, rows), { asOf: '2026-01-31', stageHistory: history });
}
const inferred = miniPlaybook({
  stageSource: { kind: 'inferred' },
  ctas: [
    {
      id: 'long',
      label: 'Long in stage',
      type: 'risk',
      trigger: 'days_in_stage >= 30',
      priority: 'medium',
      ownerRole: '',
      dueInDays: 3,
      segments: [],
      stages: [],
      steps: [],
      dedupeKey: 'long',
    },
  ],
});
const days = (r: ReturnType<typeof score>) =>
  Array.from(r.daysInStage, (d) => (Number.isNaN(d) ? null : d));

describe('days in stage from the history (inferred stage)', () => {
  it('counts from the first run of the unbroken streak, 0 after a change, unknown otherwise', () => {
    const r = score(inferred, runs);
    expect(Array.from(r.stage, (s) => r.stageIds[s])).toEqual(['a', 'a', 'b', 'a', 'a', 'a']);
    expect(days(r)).toEqual([30, 0, 30, null, null, null]);
  });

  it('says where each number came from, and which runs it read', () => {
    const r = score(inferred, runs);
    expect(Array.from(r.daysSource!)).toEqual([
      DAYS_AT_LEAST, // x1: a back to the oldest run
      DAYS_ENTERED,
      DAYS_AT_LEAST,
      DAYS_NOT_IN_LAST_RUN,
      DAYS_NO_STAGE_LAST_RUN,
      DAYS_NOT_IN_LAST_RUN,
    ]);
    expect(r.stageHistoryRuns).toEqual(['2026-01-15', '2026-01-01']);
    // A run with another stage before the streak dates the entry: same days, now exact.
    const older: StageRun = { asOf: '2025-12-20', accountIds: ['x1', 'x3'], stage: ['b', 'b'] };
    const r2 = score(inferred, [...runs, older]);
    expect(days(r2)).toEqual([30, 0, 42, null, null, null]); // x3: b since 2025-12-20 now
    expect(r2.daysSource![0]).toBe(DAYS_HISTORY);
    expect(r2.daysSource![2]).toBe(DAYS_AT_LEAST); // b in 2025-12-20 too: still the oldest
    expect(days(score(inferred, []))).toEqual([null, null, null, null, null, null]);
    expect(score(inferred, []).daysSource![0]).toBe(DAYS_NO_EARLIER_RUN);
    expect(score(inferred).daysSource![0]).toBe(DAYS_UNKNOWN);
    expect(score(inferred).stageHistoryRuns).toBeUndefined();
  });

  it('a run in the middle without the account ends the streak: a lower bound from the run after it', () => {
    // x1 in a on 01-01 and 01-15, absent on 01-08: 16 days (from 01-15), not 30.
    const gap: StageRun[] = [
      { asOf: '2026-01-01', accountIds: ['x1'], stage: ['a'] },
      { asOf: '2026-01-08', accountIds: ['x2'], stage: ['a'] },
      { asOf: '2026-01-15', accountIds: ['x1'], stage: ['a'] },
    ];
    const r = score(inferred, gap);
    expect(days(r)[0]).toBe(16);
    expect(r.daysSource![0]).toBe(DAYS_AT_LEAST);
  });

  it('feeds progress and CTA triggers that read days_in_stage', () => {
    const r = score(inferred, runs);
    expect(Array.from(r.progress)).toEqual([
      STUCK,
      ON_TRACK,
      ON_TRACK,
      PROGRESS_UNKNOWN,
      PROGRESS_UNKNOWN,
      PROGRESS_UNKNOWN,
    ]);
    expect(Array.from(r.ctaFired[0])).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('is unknown without history, and with only later runs', () => {
    expect(days(score(inferred))).toEqual([null, null, null, null, null, null]);
    expect(days(score(inferred, runs.slice(2)))).toEqual([null, null, null, null, null, null]);
  });

  it('leaves an entered-at date field in charge when the playbook has one', () => {
    const pb = miniPlaybook();
    const c = compilePlaybook(pb);
    if (!c.ok) throw new Error('mini');
    const withField = [{ id: 'x1', stage_f: 'a', entered: '2026-01-21' }];
    const r = scoreTable(c.compiled, tableFor(pb, withField), {
      asOf: '2026-01-31',
      stageHistory: runs,
    });
    expect(Array.from(r.daysInStage)).toEqual([10]);
    expect(Array.from(r.daysSource!)).toEqual([DAYS_FIELD]);
    expect(r.stageHistoryRuns).toBeUndefined();
  });
});
