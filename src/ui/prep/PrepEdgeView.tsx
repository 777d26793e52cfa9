import { createContext, memo, useContext } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import type { PrepFlowEdge } from './flowModel';
import { prepEdgePath } from './edgePath';

/** Offsets of links that join the same two boxes (parallelEdges.ts), so each is seen and clicked. */
export const ParallelOffsets = createContext<Map<string, number>>(new Map());
/** Links drawn with emphasis: across organisations (lane view), added since the as-is (Compare). */
export interface EdgeEmphasis {
  cross?: Set<string>;
  added?: Set<string>;
}
export const EdgeMarks = createContext<EdgeEmphasis>({});

/** Solid arrow = input/output; dashed line without arrowhead = synchronisation. */
function PrepEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
  markerEnd,
}: EdgeProps<PrepFlowEdge>) {
  const e = data?.src;
  const offset = useContext(ParallelOffsets).get(id) ?? 0;
  const marks = useContext(EdgeMarks);
  const cross = marks.cross?.has(id) ? ' prep-edge-cross' : '';
  const added = marks.added?.has(id) ? ' prep-edge-added' : '';
  const { d, labelX, labelY } = prepEdgePath(
    e,
    sourceX,
    sourceY + offset,
    targetX,
    targetY + offset,
    sourcePosition,
    targetPosition,
  );
  const sync = e?.kind === 'sync';
  return (
    <>
      <BaseEdge
        id={id}
        path={d}
        markerEnd={sync ? undefined : markerEnd}
        className={`prep-edge prep-edge-${e?.kind ?? 'io'}${selected ? ' is-selected' : ''}${cross}${added}`}
        style={{ strokeDasharray: sync ? '7 5' : undefined }}
        interactionWidth={12}
      />
      {e?.label && (
        <EdgeLabelRenderer>
          <div
            className="prep-edge-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
          >
            {e.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export default memo(PrepEdgeView);
