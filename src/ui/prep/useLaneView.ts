import { useEffect, useMemo, useRef, useState } from 'react';
import type { Diagram, Point, PrepNode } from '../../model';
import { laneLayout, type LaneLayout } from '../../layout/lanes';
import type { Size } from '../../layout/elkAdapter';
import type { PrepFlowNode } from './flowModel';
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
