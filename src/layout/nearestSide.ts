import type { Point } from '../model';
import type { Rect } from './freeSpot';

export type Side = 'left' | 'top' | 'right' | 'bottom';

/**
 * A drop this close to a side (as a share of the box's width or height) takes that side; deeper
 * in, the middle of the box, it takes the input side. Links are dropped "on the box" while talking:
 * a drop a little right of the centre must not wrap the arrow round to the right side.
 */
export const EDGE_ZONE = 0.25;

/**
 * The side of a box nearest to a point (a link dropped anywhere on the box attaches there).
 * Distances are to the side's line, as a share of the box's width (left, right) or height (top,
 * bottom): the box splits along its diagonals, so a drop near the top edge takes the top even far
 * from the corner, and a drop in the middle of a wide box is not pulled to the top or bottom
 * only because the box is flat. The middle of the box (beyond EDGE_ZONE from every side) and a tie
 * go to the left, the input side of the flow.
 */
export function nearestSide(r: Rect, p: Point): Side {
  const w = Math.max(r.width, 1);
  const h = Math.max(r.height, 1);
  const d: [Side, number][] = [
    ['left', Math.abs(p.x - r.x) / w],
    ['top', Math.abs(p.y - r.y) / h],
    ['right', Math.abs(r.x + r.width - p.x) / w],
    ['bottom', Math.abs(r.y + r.height - p.y) / h],
  ];
  let best = d[0];
  for (const x of d) if (x[1] < best[1]) best = x;
  // Off the box (the connection radius), the side it is off is the one it is near.
  const inside = p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
  return !inside || best[1] < EDGE_ZONE ? best[0] : 'left';
}

/**
 * The side a new link arrives at: a side handle's own side ('in-top'…), for the whole-box target
 * ('box') the side nearest the drop point, else the left (input) handle.
 */
export function connectionSide(
  targetHandle: string | null | undefined,
  box: Rect | null,
  drop: Point | null,
): Side {
  if (targetHandle === 'in-top' || targetHandle === 'in-right' || targetHandle === 'in-bottom')
    return targetHandle.slice(3) as Side;
  if (targetHandle === 'box' && box && drop) return nearestSide(box, drop);
  return 'left';
}
