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
