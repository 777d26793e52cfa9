import type { PrepEdge, PrepNode } from '../../model';

/**
 * The diagram clipboard: in memory, so copy/paste works between diagrams of the session
 * without clipboard permissions. Pasting again shifts further so copies do not stack.
 */
let content: { nodes: PrepNode[]; edges: PrepEdge[] } | null = null;
let pastes = 0;

export function copyToClipboard(nodes: PrepNode[], edges: PrepEdge[]): void {
  const ids = new Set(nodes.map((n) => n.id));
  content = {
    nodes: structuredClone(nodes),
    edges: structuredClone(edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
  };
  pastes = 0;
}

export function clipboardContent(): {
  nodes: PrepNode[];
  edges: PrepEdge[];
  offset: number;
} | null {
  if (!content) return null;
  pastes++;
  return { ...content, offset: 30 * pastes };
}

export function hasClipboard(): boolean {
  return content !== null;
}
