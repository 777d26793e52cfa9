import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatShare } from './format';

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
