import type { Point } from '../model';
import type { Rect } from './freeSpot';

export type Side = 'left' | 'top' | 'right' | 'bottom';

/**
 * The side of a box nearest to a point (a link dropped anywhere on the box attaches there).
 * Distances are to the side's line, so on a wide box a drop near the top edge takes the top even
 * far from the corner. A tie (the exact centre) goes to the left, the input side of the flow.
 */
export function nearestSide(r: Rect, p: Point): Side {
  const d: [Side, number][] = [
    ['left', Math.abs(p.x - r.x)],
    ['top', Math.abs(p.y - r.y)],
    ['right', Math.abs(r.x + r.width - p.x)],
    ['bottom', Math.abs(r.y + r.height - p.y)],
  ];
  let best = d[0];
  for (const x of d) if (x[1] < best[1]) best = x;
  return best[0];
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
