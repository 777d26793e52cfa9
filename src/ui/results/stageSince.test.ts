import { describe, expect, it } from 'vitest';
import { stageSince } from './stageSince';
import {
  DAYS_AT_LEAST,
  DAYS_ENTERED,
  DAYS_HISTORY,
  DAYS_NOT_IN_LAST_RUN,
  DAYS_NO_EARLIER_RUN,
} from '../../engine';

// The account page's "in this stage since", by the engine's rule (engine/stageHistory.ts). Runs
// read: r1..r5, weekly; `points` hold the account's stage in the runs that have it.
const runs = [
  { id: 'r1', asOf: '2026-02-22', createdAt: '1' },
  { id: 'r2', asOf: '2026-03-01', createdAt: '2' },
  { id: 'r3', asOf: '2026-03-08', createdAt: '3' },
  { id: 'r4', asOf: '2026-03-15', createdAt: '4' },
  { id: 'r5', asOf: '2026-03-22', createdAt: '5' },
];
const pts = (o: Record<string, string>) =>
  new Map(Object.entries(o).map(([id, stage]) => [id, { stage }]));

describe('stageSince (account page) follows the engine rule', () => {
  it('dates the entry after a run with another stage', () => {
    const p = pts({ r1: 'onb', r2: 'onb', r3: 'adopt', r4: 'adopt', r5: 'adopt' });
    // As of r5 itself: history is r1..r4; streak r3, r4 after r2's other stage → 14 days.
    expect(stageSince(runs, p, 'x', '2026-03-22', 'adopt')).toEqual({
      days: 14,
      source: DAYS_HISTORY,
      since: '2026-03-08',
      before: '2026-03-01',
    });
  });

  it('an account missing from one run in the middle breaks the streak (a lower bound)', () => {
    // In adoption in r1, r2, r4, r5; r3 does not hold it. The old page skipped r3 and said
    // "since 2026-02-22, 35 days"; the engine rule stops at the gap: at least 14 days, since r4.
    const p = pts({ r1: 'adopt', r2: 'adopt', r4: 'adopt', r5: 'adopt' });
    expect(stageSince(runs, p, 'x', '2026-03-29', 'adopt')).toEqual({
      days: 14,
      source: DAYS_AT_LEAST,
      since: '2026-03-15',
      before: '2026-03-08',
    });
  });

  it('is a lower bound back to the oldest run, 0 after a change, unknown when the last run lacks it', () => {
    const all = pts({ r1: 'a', r2: 'a', r3: 'a', r4: 'a', r5: 'a' });
    expect(stageSince(runs, all, 'x', '2026-03-29', 'a')).toEqual({
      days: 35,
      source: DAYS_AT_LEAST,
      since: '2026-02-22',
      before: null,
    });
    expect(stageSince(runs, all, 'x', '2026-03-29', 'b')).toMatchObject({
      days: 0,
      source: DAYS_ENTERED,
      before: '2026-03-22',
    });
    const lastMissing = pts({ r1: 'a', r2: 'a', r3: 'a', r4: 'a' });
    expect(stageSince(runs, lastMissing, 'x', '2026-03-29', 'a')).toMatchObject({
      source: DAYS_NOT_IN_LAST_RUN,
      since: null,
    });
    expect(stageSince(runs, all, 'x', '2026-02-22', 'a')).toMatchObject({
      source: DAYS_NO_EARLIER_RUN,
    });
  });

  it('of two runs on one date, the one stored last counts', () => {
    const twice = [...runs, { id: 'r5b', asOf: '2026-03-22', createdAt: '6' }];
    const p = pts({ r1: 'a', r2: 'a', r3: 'a', r4: 'a', r5: 'a', r5b: 'b' });
    expect(stageSince(twice, p, 'x', '2026-03-29', 'a').source).toBe(DAYS_ENTERED);
  });
});
