import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../store/db';
import { runStoredBytes, thinMonthly } from './historyOps';

const run = (asOf: string, k = 0): RunRow =>
  ({
    id: `${asOf}-${k}`,
    projectId: 'p',
    datasetId: 'd',
    asOf,
    createdAt: `${asOf}T0${k}:00:00Z`,
    rowCount: 1,
    summary: {},
    chunkCount: 1,
  }) as RunRow;

describe('thinning runs to one a month', () => {
  it('keeps the last run of each month older than three months, and every recent run', () => {
    const weekly = ['2026-05-04', '2026-05-11', '2026-05-25', '2026-06-01', '2026-06-29']
      .concat(['2026-08-03', '2026-09-07', '2026-09-14', '2026-10-05', '2026-11-02', '2026-11-09'])
      .map((d) => run(d));
    const drop = thinMonthly(weekly).map((r) => r.asOf);
    // Newest is November: August and later are kept whole.
    expect(drop).toEqual(['2026-05-04', '2026-05-11', '2026-06-01']);
  });
  it('deletes nothing when there is nothing to thin', () => {
    expect(thinMonthly([run('2026-11-02'), run('2026-11-09')])).toEqual([]);
    expect(thinMonthly([])).toEqual([]);
  });
});

describe('bytes per account of a stored run', () => {
  const row = (storedBytes?: RunRow['storedBytes']) =>
    ({ rowCount: 1000, storedBytes }) as unknown as RunRow;
  it('is measured for format-2 runs: columns, plus the key list unless it was shared', () => {
    expect(runStoredBytes(row({ columns: 42_000, keys: 10_000, keysShared: false }))).toEqual({
      total: 52,
      columns: 42,
      keys: 10,
      keysShared: false,
    });
    expect(runStoredBytes(row({ columns: 42_000, keys: 10_000, keysShared: true }))?.total).toBe(
      42,
    );
    expect(runStoredBytes(row())).toBeNull();
  });
});
