import { describe, expect, it } from 'vitest';
import { halfWidth, looksLikeFormula, parseBoolean, parseDate, parseNumber } from './coerce';
import { daysToIso } from '../table/columns';

describe('parseNumber', () => {
  it.each([
    ['1234', 1234],
    ['-12.5', -12.5],
    ['1,234', 1234],
    ['1,234,567.5', 1234567.5],
    ['１２３', 123],
    ['１，２３４', 1234],
    ['¥1,000', 1000],
    ['￥1,000', 1000],
    ['$1,000', 1000],
    ['1,000円', 1000],
    ['JPY 500', 500],
    ['(1,234)', -1234],
    ['▲1,234', -1234],
    ['1.2万', 12000],
    [' 42 ', 42],
    ['1e3', 1000],
    ['−5', -5],
  ])('%s → %s', (raw, v) => expect(parseNumber(raw)).toBe(v));
  it('reads percentages as fractions unless the unit is %', () => {
    expect(parseNumber('80%')).toBe(0.8);
    expect(parseNumber('80%', { percentUnit: true })).toBe(80);
    expect(parseNumber('８０％', { percentUnit: true })).toBe(80);
    expect(parseNumber('12.5%')).toBe(0.125);
  });
  it.each(['', '  ', 'N/A', '#N/A', '-', 'null'])('"%s" is missing', (raw) =>
    expect(parseNumber(raw)).toBeNull(),
  );
  it.each(['abc', '1,23', '12-34', '1.2.3', '0x10'])('"%s" is not a number', (raw) =>
    expect(parseNumber(raw)).toBeUndefined(),
  );
});

describe('parseDate', () => {
  const d = (raw: string) => {
    const v = parseDate(raw);
    return typeof v === 'number' ? daysToIso(v) : v;
  };
  it.each([
    ['2024-03-09', '2024-03-09'],
    ['2024/03/09', '2024-03-09'],
    ['2024/3/9', '2024-03-09'],
    ['2024.3.9', '2024-03-09'],
    ['20240309', '2024-03-09'],
    ['2024年3月9日', '2024-03-09'],
    ['２０２４年３月９日', '2024-03-09'],
    ['R6.3.9', '2024-03-09'],
    ['令和6年3月9日', '2024-03-09'],
    ['H31.4.30', '2019-04-30'],
    ['令和元年5月1日', '2019-05-01'],
    ['2024-03-09T10:00:00Z', '2024-03-09'],
    ['2024/03/09 12:34', '2024-03-09'],
    ['45360', '2024-03-09'],
  ])('%s → %s', (raw, iso) => expect(d(raw)).toBe(iso));
  it('is missing for empty cells', () => expect(parseDate('  ')).toBeNull());
  it.each(['2024-02-30', '2024-13-01', 'yesterday', '03/09/2024', '1234'])('rejects %s', (raw) =>
    expect(parseDate(raw)).toBeUndefined(),
  );
});

describe('parseBoolean', () => {
  it.each(['TRUE', 'true', 'yes', 'Y', '1', 'はい', '○', '◯', '済', 'ｙｅｓ'])('%s → true', (raw) =>
    expect(parseBoolean(raw)).toBe(true),
  );
  it.each(['FALSE', 'no', 'N', '0', 'いいえ', '×', '未'])('%s → false', (raw) =>
    expect(parseBoolean(raw)).toBe(false),
  );
  it('is missing when empty and undefined when unreadable', () => {
    expect(parseBoolean('')).toBeNull();
    expect(parseBoolean('maybe')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('converts full-width ASCII and the ideographic space', () =>
    expect(halfWidth('ＡＢ　１２％')).toBe('AB 12%'));
  it('spots formula-like text but not negative numbers', () => {
    expect(looksLikeFormula('=SUM(A1)')).toBe(true);
    expect(looksLikeFormula('@cmd')).toBe(true);
    expect(looksLikeFormula('+cmd|calc')).toBe(true);
    expect(looksLikeFormula('-2')).toBe(false);
    expect(looksLikeFormula('Normal')).toBe(false);
  });
});

describe('civilDays', () => {
  it('agrees with Date.UTC over four centuries of month ends', async () => {
    const { civilDays } = await import('./coerce');
    for (let y = 1900; y <= 2300; y += 7)
      for (let m = 1; m <= 12; m++)
        for (const d of [1, 28, 29, 30, 31]) {
          const t = Date.UTC(y, m - 1, d);
          const ok = new Date(t).getUTCDate() === d;
          expect(civilDays(y, m, d)).toBe(ok ? t / 86_400_000 : NaN);
        }
  });
});
