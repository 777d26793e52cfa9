import { describe, expect, it } from 'vitest';
import { besideSelection, freeSpot } from './freeSpot';

const box = (x: number, y: number) => ({ x, y, width: 180, height: 64 });
const size = { width: 180, height: 64 };

describe('freeSpot: new boxes never land on another box', () => {
  it('keeps the wanted spot when it is clear', () => {
    expect(freeSpot([box(0, 0)], { x: 400, y: 0 }, size)).toEqual({ x: 400, y: 0 });
  });
  it('moves below an occupied spot, then further down', () => {
    expect(freeSpot([box(400, 0)], { x: 400, y: 0 }, size)).toEqual({ x: 400, y: 88 });
    expect(freeSpot([box(400, 0), box(400, 88)], { x: 400, y: 0 }, size)).toEqual({
      x: 400,
      y: 176,
    });
  });
  it('beside the selection: to its right, top-aligned', () => {
    expect(besideSelection([box(0, 50), box(100, 10)])).toEqual({ x: 360, y: 10 });
    expect(besideSelection([])).toBeNull();
  });
});
