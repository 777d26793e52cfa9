import { memo, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { LinkLayerCache, nodeEnds, type LinkPaths, type NodeEnds } from './linkLayer';

// Zoomed out (the still part) link labels are left out: like the boxes' text, too small to read.
const Paths = memo(function Paths({
  p,
  part,
  labels = true,
}: {
  p: LinkPaths;
  part: string;
  labels?: boolean;
}) {
  return (
    <>
      {p.io && <path className="prep-link-io" d={p.io} data-part={part} />}
      {p.sync && <path className="prep-link-sync" d={p.sync} data-part={part} />}
      {p.arrows && <path className="prep-link-arrow" d={p.arrows} data-part={part} />}
      {p.ioSelected && (
        <path className="prep-link-io is-selected" d={p.ioSelected} data-part={part} />
      )}
      {p.syncSelected && (
        <path className="prep-link-sync is-selected" d={p.syncSelected} data-part={part} />
      )}
      {p.arrowsSelected && (
        <path className="prep-link-arrow is-selected" d={p.arrowsSelected} data-part={part} />
      )}
      {labels &&
        p.labels.map((l, i) => (
          <text key={i} className="prep-link-label" x={l.x} y={l.y}>
            {l.text}
          </text>
        ))}
    </>
  );
});

/**
 * Links drawn by the editor (linkLayer.ts says when and why), in React Flow's viewport portal so
 * they pan and zoom with the boxes: with `still`, every link, under the boxes; always, the links of
 * dragged boxes, above the boxes in a layer of their own. Takes the editor's nodes, which carry a
 * drag's live positions, and React Flow's measured handles.
 */
export default function LinkLayer({
  nodes,
  edges,
  still,
}: {
  nodes: PrepFlowNode[];
  edges: PrepFlowEdge[];
  still: boolean;
}) {
  const store = useStoreApi<PrepFlowNode, PrepFlowEdge>();
  const cache = useRef<LinkLayerCache | null>(null);
  cache.current ??= new LinkLayerCache();
  const lookup = store.getState().nodeLookup;
  const ends = new Map<string, NodeEnds>();
  const moving = new Set<string>();
  for (const n of nodes) {
    const w = n.measured?.width;
    const h = n.measured?.height;
    if (!w || !h) continue;
    ends.set(
      n.id,
      nodeEnds(n.position.x, n.position.y, w, h, lookup.get(n.id)?.internals.handleBounds),
    );
    if (n.dragging) moving.add(n.id);
  }
  const { still: fixed, moving: live } = cache.current.update(edges, ends, moving, still);
  return (
    <>
      {still && (
        <svg className="prep-links" data-testid="link-layer" aria-hidden="true">
          <Paths p={fixed} part="still" labels={false} />
        </svg>
      )}
      {moving.size > 0 && (
        <svg
          className="prep-links prep-links-moving"
          data-testid="link-layer-moving"
          aria-hidden="true"
        >
          <Paths p={live} part="moving" />
        </svg>
      )}
    </>
  );
}
