import { describe, expect, it } from 'vitest';
import { localDate, localTimeZone } from './localDate';

describe('localDate', () => {
  // 2026-03-09 23:30 UTC is already 2026-03-10 in Tokyo (UTC+9), still the 9th in New York.
  const now = new Date('2026-03-09T23:30:00Z');
  it('is the date in the given zone, not the UTC date', () => {
    expect(localDate(now, 'Asia/Tokyo')).toBe('2026-03-10');
    expect(localDate(now, 'UTC')).toBe('2026-03-09');
    expect(localDate(now, 'America/New_York')).toBe('2026-03-09');
  });
  it('just before and after midnight in Tokyo', () => {
    expect(localDate(new Date('2026-03-09T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-03-09');
    expect(localDate(new Date('2026-03-09T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-03-10');
  });
  it('defaults to the runtime zone (TZ)', () => {
    expect(localTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(localDate(now)).toBe(localDate(now, localTimeZone()));
  });
});
