import {
  useCallback,
  useMemo,
  type Dispatch,
  type MutableRefObject,
  type SetStateAction,
} from 'react';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';

export interface Selection {
  selNodes: string[];
  selEdges: string[];
  /** The selected boxes' ids joined: changes only when the selection does, not on drag frames. */
  selNodesKey: string;
  hasSelection: boolean;
  /** Select exactly these; `afterEdit`: the boxes arrive with the next store update (new boxes). */
  select(nodeIds: Set<string>, edgeIds?: Set<string>, afterEdit?: boolean): void;
}

export function useSelection(
  nodes: PrepFlowNode[],
  edges: PrepFlowEdge[],
  setNodes: Dispatch<SetStateAction<PrepFlowNode[]>>,
  setEdges: Dispatch<SetStateAction<PrepFlowEdge[]>>,
  pendingSelection: MutableRefObject<{ nodes: Set<string>; edges: Set<string> } | null>,
): Selection {
  // Selection as a string key, so panels re-render when it changes, not on every drag frame.
  const selNodesKey = nodes
    .filter((n) => n.selected)
    .map((n) => n.id)
    .join('\n');
  const selEdgesKey = edges
    .filter((e) => e.selected)
    .map((e) => e.id)
    .join('\n');
  const selNodes = useMemo(() => (selNodesKey ? selNodesKey.split('\n') : []), [selNodesKey]);
  const selEdges = useMemo(() => (selEdgesKey ? selEdgesKey.split('\n') : []), [selEdgesKey]);
  const select = useCallback(
    (nodeIds: Set<string>, edgeIds: Set<string> = new Set(), afterEdit = false) => {
      if (afterEdit) pendingSelection.current = { nodes: nodeIds, edges: edgeIds };
      setNodes((ns) =>
        ns.map((n) =>
          !!n.selected === nodeIds.has(n.id) ? n : { ...n, selected: nodeIds.has(n.id) },
        ),
      );
      setEdges((es) =>
        es.map((e) =>
          !!e.selected === edgeIds.has(e.id) ? e : { ...e, selected: edgeIds.has(e.id) },
        ),
      );
    },
    [setNodes, setEdges, pendingSelection],
  );
  return {
    selNodes,
    selEdges,
    selNodesKey,
    hasSelection: selNodes.length + selEdges.length > 0,
    select,
  };
}
