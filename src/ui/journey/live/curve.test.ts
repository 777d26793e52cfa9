import { describe, expect, it } from 'vitest';
import { curveSegments } from './curve';

describe('curveSegments', () => {
  it('joins points within a column and across columns, through empty ones', () => {
    const s = curveSegments([
      [
        { x: 0.25, y: 0 },
        { x: 0.75, y: 2 },
      ],
      [],
      [{ x: 0.5, y: -2 }],
    ]);
    expect(s[0]).toEqual([
      { x1: 0.25, y1: 0, x2: 0.75, y2: 2 },
      { x1: 0.75, y1: 2, x2: 1, y2: 2 - 4 * (0.25 / 1.75) },
    ]);
    // The middle column is crossed from edge to edge on the same straight line.
    const [mid] = s[1];
    expect(mid.x1).toBe(0);
    expect(mid.x2).toBe(1);
    expect(mid.y1).toBeCloseTo(2 - 4 * (0.25 / 1.75), 12);
    expect(mid.y2).toBeCloseTo(2 - 4 * (1.25 / 1.75), 12);
    expect(s[2]).toHaveLength(1);
    expect(s[2][0].x2).toBe(0.5);
    expect(s[2][0].y2).toBe(-2);
  });
  it('draws nothing for fewer than two points; skips unset moments', () => {
    expect(curveSegments([[{ x: 0.5, y: 1 }], []])).toEqual([[], []]);
    expect(curveSegments([[null, { x: 0.5, y: 1 }], [null]])).toEqual([[], []]);
  });
});
