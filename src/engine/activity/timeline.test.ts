import { describe, expect, it } from 'vitest';
import { accountTimeline } from './timeline';
import { buildActivityTable, MS_PER_DAY } from '../../table/activity';
import { isoToDays } from '../../table/columns';

const at = (iso: string, h = 10) => isoToDays(iso) * MS_PER_DAY + h * 3_600_000;

describe('accountTimeline', () => {
  // Account 0: events on the as-of day, 6 and 7 days before, 13 weeks before, and one after.
  const times = ['2026-11-01', '2026-10-26', '2026-10-25', '2026-08-02', '2026-11-02'].map((d) =>
    at(d),
  );
  const t = buildActivityTable('logins', 2, {
    account: Int32Array.from([0, 0, 0, 0, 0]),
    time: Float64Array.from(times),
    line: Int32Array.from([1, 2, 3, 4, 5]),
    columns: {},
  });

  it('counts events per week ending on the as-of day; the last event is on or before it', () => {
    const [s] = accountTimeline({ logins: t }, 0, '2026-11-01', 26);
    expect(s.weeks).toHaveLength(26);
    expect(s.weeks[25]).toEqual({ start: '2026-10-26', count: 2 });
    expect(s.weeks[24]).toEqual({ start: '2026-10-19', count: 1 });
    expect(s.weeks[12].count).toBe(1); // 2026-08-02 is 91 days before: week 13 from the end
    expect(s.total).toBe(4); // the event after the as-of date is not shown
    expect(s.last).toEqual({ time: '2026-11-01 10:00', daysBefore: 0 });
  });

  it('an account without events has empty weeks and no last event', () => {
    const [s] = accountTimeline({ logins: t }, 1, '2026-11-01', 4);
    expect(s.weeks.map((w) => w.count)).toEqual([0, 0, 0, 0]);
    expect(s.last).toBeNull();
  });
});
