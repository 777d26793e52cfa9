import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { useStore, useUpdateNodeInternals, type ReactFlowState } from '@xyflow/react';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { NO_EDGES } from './useFlowSync';
import { LOD_ZOOM, touches } from './linkLayer';

const zoomedOut = (s: ReactFlowState) => s.transform[2] < LOD_ZOOM;

/**
 * Zoomed out on a big diagram: boxes without text, links in one layer; during a drag, the dragged
 * boxes' links in a layer of their own (linkLayer.ts). An export needs the full drawing of every
 * box, so it turns this off while it runs.
 */
export function useDetailLevel(opts: {
  nodes: PrepFlowNode[];
  shownEdges: PrepFlowEdge[];
  big: boolean;
  exporting: boolean;
  wrapper: RefObject<HTMLDivElement | null>;
}) {
  const { nodes, shownEdges, big, exporting, wrapper } = opts;
  const lowDetail = useStore(zoomedOut) && big && !exporting;
  const movingKey = big
    ? nodes
        .filter((n) => n.dragging)
        .map((n) => n.id)
        .join('\n')
    : '';
  const flowEdges = useMemo(() => {
    if (lowDetail) return NO_EDGES;
    if (!movingKey) return shownEdges;
    const moving = new Set(movingKey.split('\n'));
    return shownEdges.filter((e) => !touches(e, moving));
  }, [lowDetail, movingKey, shownEdges]);
  const lowDetailRef = useRef(lowDetail);
  const updateNodeInternals = useUpdateNodeInternals();
  useLayoutEffect(() => {
    const was = lowDetailRef.current;
    lowDetailRef.current = lowDetail;
    // Boxes drawn while zoomed out were measured without handles: measure every box on screen
    // again before this frame's links are drawn from them.
    if (was && !lowDetail && wrapper.current) {
      const ids = [
        ...wrapper.current.querySelectorAll<HTMLElement>('.react-flow__node[data-id]'),
      ].map((el) => el.dataset.id!);
      if (ids.length) updateNodeInternals(ids);
    }
  }, [lowDetail, updateNodeInternals, wrapper]);
  return { lowDetail, lowDetailRef, movingKey, flowEdges };
}
