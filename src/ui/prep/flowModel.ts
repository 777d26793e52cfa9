import type { Edge, Node } from '@xyflow/react';
import type { PrepEdge, PrepNode } from '../../model';

export type Marker = 'error' | 'warn' | undefined;
export type PrepFlowNode = Node<{ src: PrepNode; marker: Marker }, 'prep'>;
export type PrepFlowEdge = Edge<{ src: PrepEdge }, 'prep'>;

/**
 * Store → React Flow nodes with structural sharing: a node object is reused while its document
 * node (immer keeps unchanged ones identical) and marker are the same, so a drag or an edit of
 * one box re-renders one box, not 1,000. View state React Flow owns (measured size, selection)
 * is carried over from the previous object.
 */
export function syncNodes(prev: PrepFlowNode[], src: PrepNode[], markers: Map<string, 'error' | 'warn'>): PrepFlowNode[] {
  const byId = new Map<string, PrepFlowNode>();
  for (const n of prev) byId.set(n.id, n);
  let changed = prev.length !== src.length;
  const out = src.map((s, i) => {
    const old = byId.get(s.id);
    const marker = markers.get(s.id);
    if (old && old.data.src === s && old.data.marker === marker) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return {
      ...(old ?? {}),
      id: s.id,
      type: 'prep' as const,
      // A box being dragged keeps its live position until the drag is committed.
      position: old?.dragging ? old.position : s.position,
      data: { src: s, marker },
    } as PrepFlowNode;
  });
  return changed ? out : prev;
}

export function syncEdges(prev: PrepFlowEdge[], src: PrepEdge[]): PrepFlowEdge[] {
  const byId = new Map<string, PrepFlowEdge>();
  for (const e of prev) byId.set(e.id, e);
  let changed = prev.length !== src.length;
  const out = src.map((s, i) => {
    const old = byId.get(s.id);
    if (old && old.data?.src === s) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return {
      ...(old ?? {}),
      id: s.id,
      type: 'prep' as const,
      source: s.source,
      target: s.target,
      data: { src: s },
    } as PrepFlowEdge;
  });
  return changed ? out : prev;
}
