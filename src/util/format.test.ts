import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatNumber, formatShare } from './format';

describe('formatNumber', () => {
  it('groups thousands in the UI language', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'ja')).toBe('1,234,567');
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'de')).toBe('1.234.567,89');
  });
  it('writes exactly the decimals asked for', () => {
    expect(formatNumber(4.2, 'en', { digits: 1 })).toBe('4.2');
    expect(formatNumber(4, 'en', { digits: 1 })).toBe('4.0');
    expect(formatNumber(1999.96, 'en', { digits: 1 })).toBe('2,000.0');
  });
  it('adds the unit the way each language reads it', () => {
    expect(formatNumber(80, 'en', { unit: '%' })).toBe('80%');
    expect(formatNumber(600000, 'ja', { unit: 'JPY' })).toBe('600,000円');
    expect(formatNumber(600000, 'en', { unit: 'JPY' })).toBe('¥600,000');
    expect(formatNumber(600000, 'en', { unit: '円' })).toBe('¥600,000');
    expect(formatNumber(12, 'en', { unit: 'users' })).toBe('12 users');
  });
  it('shows a missing value as a dash, never as NaN', () => {
    expect(formatNumber(NaN, 'en')).toBe('—');
    expect(formatNumber(null, 'ja', { unit: '%' })).toBe('—');
  });
  it('formats counts and shares', () => {
    expect(formatCount(1847, 'ja')).toBe('1,847');
    expect(formatCount(1847.4, 'en')).toBe('1,847');
    expect(formatShare(0.125, 'en')).toBe('12.5%');
  });
});

describe('formatDateTime', () => {
  it('writes a moment as toLocaleString does in each language, from ms, ISO text or a Date', () => {
    const moments = [0, Date.UTC(2026, 11, 8, 1, 3, 44), Date.UTC(1999, 0, 31, 23, 59, 59, 999)];
    for (const lang of ['ja', 'en', 'en-US', 'ja-JP'])
      for (const ms of moments) {
        const want = new Date(ms).toLocaleString(lang);
        expect(formatDateTime(ms, lang)).toBe(want);
        expect(formatDateTime(new Date(ms).toISOString(), lang)).toBe(want);
        expect(formatDateTime(new Date(ms), lang)).toBe(want);
      }
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4, 5), 'ja')).toMatch(
      /^2026\/1\/2 \d{1,2}:04:05$/,
    );
    expect(formatDateTime('not a date', 'en')).toBe('—');
  });
});
