import type { Edge, Node } from '@xyflow/react';
import type { PrepEdge, PrepNode } from '../../model';

export type Marker = 'error' | 'warn' | undefined;
export type PrepFlowNode = Node<{ src: PrepNode; marker: Marker }, 'prep'>;
export type PrepFlowEdge = Edge<{ src: PrepEdge }, 'prep'>;

/** The result of one sync step: the nodes or edges to show, and whether they match the document yet. */
export interface SyncStep<T> {
  items: T[];
  done: boolean;
}

/**
 * Store → React Flow nodes with structural sharing: a node object is reused while its document
 * node (immer keeps unchanged ones identical) and marker are the same, so a drag or an edit of
 * one box re-renders one box, not 1,000. View state React Flow owns (measured size, selection)
 * is carried over from the previous object.
 */
export function syncNodes(
  prev: PrepFlowNode[],
  src: PrepNode[],
  markers: Map<string, 'error' | 'warn'>,
): PrepFlowNode[] {
  return syncNodesStep(prev, src, markers, Infinity).items;
}

/**
 * syncNodes that updates at most `budget` existing nodes (new and removed ones always go through):
 * the others keep their previous object until a later step. Lets the editor spread an update of
 * every box (auto-layout, its undo) over several frames instead of one long freeze.
 */
export function syncNodesStep(
  prev: PrepFlowNode[],
  src: PrepNode[],
  markers: Map<string, 'error' | 'warn'>,
  budget: number,
): SyncStep<PrepFlowNode> {
  const byId = new Map<string, PrepFlowNode>();
  for (const n of prev) byId.set(n.id, n);
  let changed = prev.length !== src.length;
  let left = budget;
  let done = true;
  const items = src.map((s, i) => {
    const old = byId.get(s.id);
    const marker = markers.get(s.id);
    if (old && old.data.src === s && old.data.marker === marker) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    if (old && left <= 0) {
      done = false;
      if (prev[i] !== old) changed = true;
      return old;
    }
    left--;
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
  return { items: changed ? items : prev, done };
}

export function syncEdges(prev: PrepFlowEdge[], src: PrepEdge[]): PrepFlowEdge[] {
  return syncEdgesStep(prev, src, Infinity).items;
}

/** syncEdges with a budget, as syncNodesStep. */
export function syncEdgesStep(
  prev: PrepFlowEdge[],
  src: PrepEdge[],
  budget: number,
): SyncStep<PrepFlowEdge> {
  const byId = new Map<string, PrepFlowEdge>();
  for (const e of prev) byId.set(e.id, e);
  let changed = prev.length !== src.length;
  let left = budget;
  let done = true;
  const items = src.map((s, i) => {
    const old = byId.get(s.id);
    if (old && (old.data?.src === s || left <= 0)) {
      if (old.data?.src !== s) done = false;
      if (prev[i] !== old) changed = true;
      return old;
    }
    left--;
    changed = true;
    return {
      ...(old ?? {}),
      id: s.id,
      type: 'prep' as const,
      source: s.source,
      target: s.target,
      // The left (input) handle is the box's first target handle, taken when none is named.
      targetHandle: s.targetSide && s.targetSide !== 'left' ? `in-${s.targetSide}` : null,
      data: { src: s },
    } as PrepFlowEdge;
  });
  return { items: changed ? items : prev, done };
}
