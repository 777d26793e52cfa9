import { describe, expect, it } from 'vitest';
import { contrastRatio, readableTextOn } from './contrast';

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
  it('picks text meeting AA (4.5:1) on every default band colour and on dark or light picks', () => {
    for (const bg of ['#2e7d32', '#9ccc65', '#fbc02d', '#d32f2f', '#000080', '#ffff00', '#9e9e9e'])
      expect(contrastRatio(readableTextOn(bg), bg), bg).toBeGreaterThanOrEqual(4.5);
  });
  it('puts dark text on yellow and white text on dark green', () => {
    expect(readableTextOn('#fbc02d')).toBe('#1b1f24');
    expect(readableTextOn('#1b5e20')).toBe('#ffffff');
  });
});
