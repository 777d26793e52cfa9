import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { Diagram, Point, PrepNode } from '../../model';
import { laneLayout, type LaneLayout } from '../../layout/lanes';
import type { Size } from '../../layout/elkAdapter';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { measuredSizes } from './measuredSizes';

/**
 * The lane view: boxes placed by organisation (layout/lanes.ts) for the view only. The document's
 * positions (the free view's) are never written, so switching back shows the boxes where the
 * consultant left them. Boxes keep their object while their lane position is unchanged, so an edit
 * of one box re-renders one box here too.
 */
export function useLaneView(
  diagram: Diagram,
  on: boolean,
): {
  lanes: LaneLayout | null;
  viewNodes: PrepNode[];
  /** The sizes React Flow measured: the lanes are laid out again with them (useLaneSizes). */
  setSizes(sizes: Record<string, Size>): void;
} {
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const lanes = useMemo(() => (on ? laneLayout(diagram, sizes) : null), [on, diagram, sizes]);
  const cache = useRef(new WeakMap<PrepNode, PrepNode>());
  const viewNodes = useMemo(() => {
    if (!lanes) return diagram.nodes;
    return diagram.nodes.map((n) => placed(cache.current, n, lanes.positions[n.id]));
  }, [lanes, diagram.nodes]);
  return { lanes, viewNodes, setSizes };
}

/** Hands the measured sizes to the lane view when they change (not on every drag frame). */
export function useLaneSizes(
  on: boolean,
  nodes: PrepFlowNode[],
  setSizes: (s: Record<string, Size>) => void,
): void {
  const key = on ? sizesKey(nodes) : '';
  const latest = useRef(nodes);
  latest.current = nodes;
  useEffect(() => {
    if (on) setSizes(measuredSizes(latest.current));
  }, [on, key, setSizes]);
}

function placed(cache: WeakMap<PrepNode, PrepNode>, n: PrepNode, p: Point | undefined): PrepNode {
  if (!p) return n;
  const hit = cache.get(n);
  if (hit && hit.position.x === p.x && hit.position.y === p.y) return hit;
  const out = { ...n, position: p };
  cache.set(n, out);
  return out;
}

const sizesKey = (nodes: PrepFlowNode[]) =>
  nodes.map((n) => `${n.id}:${n.measured?.width ?? 0}x${n.measured?.height ?? 0}`).join('|');

/**
 * Entering the lane view (and leaving it) fits the view: the lanes with their headers — React
 * Flow's fitView knows only the boxes, and would cut the headers off — or the free view's boxes.
 */
export function useFitLanes(
  rf: ReactFlowInstance<PrepFlowNode, PrepFlowEdge>,
  lanes: LaneLayout | null,
  any: boolean,
): void {
  const on = lanes !== null;
  const latest = useRef(lanes);
  latest.current = lanes;
  const was = useRef(on);
  useEffect(() => {
    if (was.current === on) return;
    was.current = on;
    if (!any) return;
    // A frame later, when React Flow has the boxes at their new places.
    const r = requestAnimationFrame(() => {
      const l = latest.current;
      if (l) {
        const last = l.lanes[l.lanes.length - 1];
        void rf.fitBounds(
          { x: 0, y: 0, width: l.width, height: last ? last.y + last.height : 0 },
          { padding: 0.04, duration: 200 },
        );
      } else void rf.fitView({ duration: 200 });
    });
    return () => cancelAnimationFrame(r);
  }, [on, any, rf]);
}
