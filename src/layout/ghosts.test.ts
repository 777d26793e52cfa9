import { describe, expect, it } from 'vitest';
import { placeGhosts } from './ghosts';

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }, w = 180, h = 64) =>
  a.x < b.x + w && b.x < a.x + w && a.y < b.y + h && b.y < a.y + h;

describe('placeGhosts', () => {
  it('keeps a removed box at its as-is place when that is free', () => {
    const p = placeGhosts(
      [{ x: 0, y: 0, width: 180, height: 64 }],
      [{ id: 'g', position: { x: 400, y: 0 }, width: 180, height: 64 }],
    );
    expect(p.g).toEqual({ x: 400, y: 0 });
  });
  it('moves it clear of the to-be’s boxes and of other ghosts', () => {
    const shown = [{ x: 0, y: 0, width: 180, height: 64 }];
    const p = placeGhosts(shown, [
      { id: 'a', position: { x: 10, y: 10 }, width: 180, height: 64 },
      { id: 'b', position: { x: 10, y: 10 }, width: 180, height: 64 },
    ]);
    expect(overlap(p.a, shown[0])).toBe(false);
    expect(overlap(p.b, shown[0])).toBe(false);
    expect(overlap(p.a, p.b)).toBe(false);
  });
});
