import { describe, expect, it } from 'vitest';
import { defaultAsOf } from './defaultAsOf';

describe('defaultAsOf', () => {
  it("is the user's local date: in Tokyo at 08:30 it is already today", () => {
    // 2026-03-09T23:30Z = 2026-03-10 08:30 in Tokyo; the UTC date would score as of yesterday.
    expect(defaultAsOf(undefined, new Date('2026-03-09T23:30:00Z'), 'Asia/Tokyo')).toBe(
      '2026-03-10',
    );
  });
  it("the project's asOf wins", () => {
    expect(defaultAsOf('2025-12-31', new Date('2026-03-09T23:30:00Z'), 'Asia/Tokyo')).toBe(
      '2025-12-31',
    );
  });
});
