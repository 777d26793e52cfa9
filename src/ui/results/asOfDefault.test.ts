import { describe, expect, it } from 'vitest';
import { defaultAsOf } from './asOfDefault';

describe('the default as-of date', () => {
  it('prefers the project, then the last run, then the dataset import date — never today', () => {
    const ds = '2026-10-05T23:10:00.000Z';
    expect(
      defaultAsOf({ projectAsOf: '2026-11-01', lastRunAsOf: '2026-10-01', datasetCreatedAt: ds }),
    ).toEqual({ date: '2026-11-01', source: 'project' });
    expect(defaultAsOf({ lastRunAsOf: '2026-10-01', datasetCreatedAt: ds })).toEqual({
      date: '2026-10-01',
      source: 'lastRun',
    });
    expect(defaultAsOf({ datasetCreatedAt: ds })).toEqual({
      date: '2026-10-05',
      source: 'dataset',
    });
    expect(defaultAsOf({})).toEqual({ date: '', source: 'none' });
  });
});

describe('defaultAsOf: the dataset date is the local day', () => {
  it('in Tokyo at 08:30 a dataset imported then is of today, not of the UTC yesterday', () => {
    // 2026-03-09T23:30Z = 2026-03-10 08:30 in Tokyo.
    expect(defaultAsOf({ datasetCreatedAt: '2026-03-09T23:30:00.000Z' }, 'Asia/Tokyo')).toEqual({
      date: '2026-03-10',
      source: 'dataset',
    });
  });
  it("the project's asOf still wins", () => {
    expect(
      defaultAsOf(
        { projectAsOf: '2025-12-31', datasetCreatedAt: '2026-03-09T23:30:00.000Z' },
        'Asia/Tokyo',
      ).date,
    ).toBe('2025-12-31');
  });
});
