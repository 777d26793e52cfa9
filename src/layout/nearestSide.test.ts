import { describe, expect, it } from 'vitest';
import { connectionSide, nearestSide } from './nearestSide';

const box = { x: 100, y: 50, width: 200, height: 80 };

describe('nearestSide', () => {
  it('takes the side nearest to the drop point', () => {
    expect(nearestSide(box, { x: 110, y: 90 })).toBe('left');
    expect(nearestSide(box, { x: 290, y: 90 })).toBe('right');
    expect(nearestSide(box, { x: 200, y: 55 })).toBe('top');
    expect(nearestSide(box, { x: 200, y: 125 })).toBe('bottom');
  });
  it('measures to the side, not to its middle: near the top edge of a wide box is the top', () => {
    expect(nearestSide(box, { x: 135, y: 58 })).toBe('top');
    expect(nearestSide(box, { x: 270, y: 122 })).toBe('bottom');
  });
  it('gives the centre to the input (left) side, also on a flat box', () => {
    expect(nearestSide({ x: 0, y: 0, width: 100, height: 100 }, { x: 50, y: 50 })).toBe('left');
    expect(nearestSide(box, { x: 200, y: 90 })).toBe('left');
    // A little right of and below the centre (the middle zone): still the input side.
    expect(nearestSide(box, { x: 220, y: 98 })).toBe('left');
  });
  it('splits the box along its diagonals', () => {
    // On a 200 × 80 box, 30 px in from the left is 15 % of the width; 20 px below the top, 25 %.
    expect(nearestSide(box, { x: 130, y: 70 })).toBe('left');
    expect(nearestSide(box, { x: 150, y: 60 })).toBe('top');
  });
  it('works for a point just outside the box (the 40 px connection radius)', () => {
    expect(nearestSide(box, { x: 80, y: 90 })).toBe('left');
    expect(nearestSide(box, { x: 200, y: 150 })).toBe('bottom');
  });
});

describe('connectionSide', () => {
  it('takes a side handle’s side, the nearest side for a drop on the box, else the left', () => {
    expect(connectionSide('in-bottom', box, null)).toBe('bottom');
    expect(connectionSide('box', box, { x: 200, y: 55 })).toBe('top');
    expect(connectionSide('box', box, { x: 295, y: 100 })).toBe('right');
    expect(connectionSide('box', null, { x: 200, y: 55 })).toBe('left');
    expect(connectionSide(null, box, { x: 200, y: 55 })).toBe('left');
  });
});
