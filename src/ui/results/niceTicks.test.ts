import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { niceTicks } from './niceTicks';

/**
 * The charts' axes keep recharts' ticks: niceTicks against recharts 3.10's getNiceTickValues([0,
 * max], 5, …) for 1,028 maxima (whole, two-decimal and tiny; edge cases 0, 1, 842, 1,289, 0.15),
 * recorded from recharts before it was removed from the dependencies.
 */
const rows = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/charts/nice-ticks-recharts.json'), 'utf8'),
) as [number, number[], number[]][];

describe('niceTicks', () => {
  it('gives recharts’ ticks, whole numbers', () => {
    expect(rows.length).toBe(1028);
    for (const [max, whole] of rows) expect(niceTicks(max, 5, false), `max ${max}`).toEqual(whole);
  });
  it('gives recharts’ ticks, decimals allowed', () => {
    for (const [max, , dec] of rows) expect(niceTicks(max, 5, true), `max ${max}`).toEqual(dec);
  });
});
