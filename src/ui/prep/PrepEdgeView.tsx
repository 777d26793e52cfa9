import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { Point } from '../../model';
import type { PrepFlowEdge } from './flowModel';

/** ELK's route is used while its ends still sit on the handles (a few px of handle offset allowed). */
const TOLERANCE = 14;

function routePath(route: Point[], sx: number, sy: number, tx: number, ty: number): string | null {
  if (route.length < 2) return null;
  const a = route[0];
  const b = route[route.length - 1];
  if (Math.abs(a.x - sx) > TOLERANCE || Math.abs(a.y - sy) > TOLERANCE || Math.abs(b.x - tx) > TOLERANCE || Math.abs(b.y - ty) > TOLERANCE) return null;
  const pts = [{ x: sx, y: sy }, ...route.slice(1, -1), { x: tx, y: ty }];
  return pts.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
}

/** Solid arrow = input/output; dashed line without arrowhead = synchronisation. */
function PrepEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<PrepFlowEdge>) {
  const e = data?.src;
  const routed = e?.route ? routePath(e.route, sourceX, sourceY, targetX, targetY) : null;
  const [bezier, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const sync = e?.kind === 'sync';
  return (
    <>
      <BaseEdge
        id={id}
        path={routed ?? bezier}
        markerEnd={sync ? undefined : markerEnd}
        className={`prep-edge prep-edge-${e?.kind ?? 'io'}${selected ? ' is-selected' : ''}`}
        style={{ strokeDasharray: sync ? '7 5' : undefined }}
      />
      {e?.label && (
        <EdgeLabelRenderer>
          <div className="prep-edge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${lx}px,${ly}px)` }}>
            {e.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export default memo(PrepEdgeView);
