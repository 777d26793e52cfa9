import type { Point } from '../model';
import { freeSpot, type Rect } from './freeSpot';

/**
 * Where the boxes a to-be removed are drawn, ghosted, on the to-be's canvas: at their as-is place
 * when that is clear of the to-be's boxes (diagrams duplicated from the as-is keep their layout),
 * else at the nearest clear spot — never on top of a box, nor of another ghost.
 */
export function placeGhosts(
  shown: Rect[],
  removed: { id: string; position: Point; width: number; height: number }[],
): Record<string, Point> {
  const taken = [...shown];
  const out: Record<string, Point> = {};
  for (const g of removed) {
    const size = { width: g.width, height: g.height };
    const p = freeSpot(taken, g.position, size);
    out[g.id] = p;
    taken.push({ ...p, ...size });
  }
  return out;
}
