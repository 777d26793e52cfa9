import { describe, expect, it } from 'vitest';
import { stageSince } from './stageSince';

describe('stageSince', () => {
  it('finds the first run of the current streak, exact when an earlier run had another stage', () => {
    const s = stageSince([
      { asOf: '2026-03-08', stage: 'adoption' },
      { asOf: '2026-03-01', stage: 'onboarding' },
      { asOf: '2026-03-15', stage: 'adoption' },
      { asOf: '2026-02-22', stage: 'adoption' },
    ]);
    expect(s).toEqual({ since: '2026-03-08', before: '2026-03-01', days: 7, atLeast: false });
  });

  it('is a lower bound when history starts in the stage', () => {
    expect(
      stageSince([
        { asOf: '2026-01-01', stage: 'value' },
        { asOf: '2026-02-01', stage: 'value' },
      ]),
    ).toEqual({ since: '2026-01-01', before: null, days: 31, atLeast: true });
  });

  it('says nothing without a stage', () => {
    expect(stageSince([])).toBeNull();
    expect(stageSince([{ asOf: '2026-01-01', stage: '' }])).toBeNull();
  });
});
