import { describe, expect, it } from 'vitest';
import { wrapWidth } from './textWidth';

// One pixel per character: widths are character counts.
const measure = (s: string) => s.length;
const bounds = { min: 1, max: 100 };

describe('wrapWidth', () => {
  it('finds the narrowest width that keeps every text within the lines', () => {
    // "Six months to renewal:" (22) / "book the renewal meeting" (24): 24 is the least.
    expect(wrapWidth(['Six months to renewal: book the renewal meeting'], 2, measure, bounds)).toBe(
      24,
    );
    expect(wrapWidth(['Champion left', 'Red: risk review'], 1, measure, bounds)).toBe(16);
  });
  it('lets the space at a line end hang, as CSS does', () => {
    expect(wrapWidth(['ab cd'], 2, measure, bounds)).toBe(2);
  });
  it('breaks Japanese between characters', () => {
    expect(wrapWidth(['更新の六か月前です'], 2, measure, bounds)).toBe(5);
  });
  it('keeps to the bounds', () => {
    expect(wrapWidth(['a b'], 2, measure, { min: 10, max: 20 })).toBe(10);
    expect(wrapWidth(['x'.repeat(90)], 2, measure, { min: 10, max: 20 })).toBe(20);
  });
});
