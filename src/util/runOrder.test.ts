import { describe, expect, it } from 'vitest';
import {
  compareRuns,
  inTimeOrder,
  previousRun,
  runTimeline,
  runsBeforeAsOf,
  runsOfDate,
} from './runOrder';

/**
 * The one order of runs: as-of first, creation second; of runs that share a date the last created
 * is the date's run, the others are superseded. Runs here are stored out of time order on purpose
 * (a back-filled older date, a date scored again).
 */
const run = (id: string, asOf: string, createdAt: string) => ({ id, asOf, createdAt });
const stored = [
  run('jun29', '2026-06-29', '2026-07-01T09:00:00.000Z'),
  run('jun15', '2026-06-15', '2026-07-01T10:00:00.000Z'),
  // Back-filled after the later dates were stored.
  run('jun22', '2026-06-22', '2026-07-02T08:00:00.000Z'),
  // The same date scored again later (an older project kept both).
  run('jun29b', '2026-06-29', '2026-07-03T08:00:00.000Z'),
  run('jul06', '2026-07-06', '2026-07-06T09:00:00.000Z'),
];
const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

describe('runs in time order', () => {
  it('orders by as-of, then by creation time', () => {
    expect(ids(inTimeOrder(stored))).toEqual(['jun15', 'jun22', 'jun29', 'jun29b', 'jul06']);
    expect(compareRuns(stored[0], stored[3])).toBeLessThan(0);
    expect(compareRuns(stored[3], stored[0])).toBeGreaterThan(0);
    expect(compareRuns(stored[0], { ...stored[0] })).toBe(0);
    // The input is not sorted in place.
    expect(ids(stored)[0]).toBe('jun29');
  });

  it('keeps one run per date and names the superseded ones', () => {
    const t = runTimeline(stored);
    expect(ids(t.all)).toEqual(['jun15', 'jun22', 'jun29', 'jun29b', 'jul06']);
    expect(ids(t.current)).toEqual(['jun15', 'jun22', 'jun29b', 'jul06']);
    expect([...t.supersededBy].map(([a, b]) => [a.id, b.id])).toEqual([['jun29', 'jun29b']]);
    const three = runTimeline([
      run('c', '2026-01-01', '2026-01-03T00:00:00Z'),
      run('a', '2026-01-01', '2026-01-01T00:00:00Z'),
      run('b', '2026-01-01', '2026-01-02T00:00:00Z'),
    ]);
    expect(ids(three.current)).toEqual(['c']);
    expect([...three.supersededBy].map(([x, y]) => `${x.id}>${y.id}`).sort()).toEqual([
      'a>c',
      'b>c',
    ]);
  });

  it('gives a run its true predecessor, whenever the runs were stored', () => {
    // The back-filled 06-22 sits between 06-15 and 06-29, though it was stored last.
    expect(ids(runsBeforeAsOf(stored, '2026-06-29'))).toEqual(['jun22', 'jun15']);
    expect(previousRun(stored, '2026-06-29')?.id).toBe('jun22');
    expect(previousRun(stored, '2026-06-22')?.id).toBe('jun15');
    expect(previousRun(stored, '2026-06-15')).toBeNull();
    // Scoring 07-06 again: compared with the date's predecessor (one run per date), never itself.
    expect(ids(runsBeforeAsOf(stored, '2026-07-06'))).toEqual(['jun29b', 'jun22', 'jun15']);
    expect(previousRun(stored, '2026-07-06')?.id).toBe('jun29b');
  });

  it('lists the stored runs of a date, oldest first', () => {
    expect(ids(runsOfDate(stored, '2026-06-29'))).toEqual(['jun29', 'jun29b']);
    expect(runsOfDate(stored, '2026-06-30')).toEqual([]);
  });
});
