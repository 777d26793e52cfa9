import { Position, getBezierPath } from '@xyflow/react';
import type { Point, PrepEdge } from '../../model';

/** ELK's route is used while its ends still sit on the handles (a few px of handle offset allowed). */
const TOLERANCE = 14;

function routePath(route: Point[], sx: number, sy: number, tx: number, ty: number): string | null {
  if (route.length < 2) return null;
  const a = route[0];
  const b = route[route.length - 1];
  if (
    Math.abs(a.x - sx) > TOLERANCE ||
    Math.abs(a.y - sy) > TOLERANCE ||
    Math.abs(b.x - tx) > TOLERANCE ||
    Math.abs(b.y - ty) > TOLERANCE
  )
    return null;
  let d = `M${sx},${sy}`;
  for (let i = 1; i < route.length - 1; i++) d += ` L${route[i].x},${route[i].y}`;
  return `${d} L${tx},${ty}`;
}

/**
 * A link's SVG path from its source handle (right side) to its target handle (left side): ELK's
 * route while it still fits the boxes, else a bezier curve. Shared by the full link component and
 * the zoomed-out links layer, so both draw the same line.
 */
export function prepEdgePath(
  e: Pick<PrepEdge, 'route'> | undefined,
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  sourcePosition: Position = Position.Right,
  targetPosition: Position = Position.Left,
): { d: string; labelX: number; labelY: number } {
  const routed = e?.route ? routePath(e.route, sx, sy, tx, ty) : null;
  const [bezier, labelX, labelY] = getBezierPath({
    sourceX: sx,
    sourceY: sy,
    targetX: tx,
    targetY: ty,
    sourcePosition,
    targetPosition,
  });
  return { d: routed ?? bezier, labelX, labelY };
}
