import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type Dispatch,
  type MutableRefObject,
  type SetStateAction,
} from 'react';
import type { PrepEdge, PrepNode } from '../../model';
import { syncEdgesStep, syncNodesStep, type PrepFlowEdge, type PrepFlowNode } from './flowModel';
import { freezeMiniMap } from './MiniMapBox';
import { macrotask } from '../../util/macrotask';

/** Above this many boxes only the visible ones are rendered, and view changes do not animate. */
export const BIG_DIAGRAM = 300;
/**
 * Boxes (and twice as many links) brought up to date per frame when a change touches more of them
 * on a big diagram. Each React Flow update has a fixed cost over all 1,000 boxes (its store, the
 * minimap, style and paint), so smaller chunks add frames more than they shorten them.
 */
export const SYNC_CHUNK = 250;

/** Resolves in a task of its own (after input and rendering the browser has queued). */
export const nextTask = macrotask;

export interface FlowSync {
  nodes: PrepFlowNode[];
  setNodes: Dispatch<SetStateAction<PrepFlowNode[]>>;
  edges: PrepFlowEdge[];
  setEdges: Dispatch<SetStateAction<PrepFlowEdge[]>>;
  /**
   * Call just before an edit that moves every box (auto-layout): each of `views` runs on a frame of
   * its own before the change is shown (the editor sets the start view there, so that only the
   * boxes in view are rendered); the change's boxes then show in one step on the next frame, its
   * links two frames later, and 'waymark:layout-shown' is marked once all are in place.
   * The links are held back from the first view's frame on: drawn there at their old places they
   * would be gone again on the next frame (at 100 % the new view mounted ~50 of them, 35 ms of
   * script; zoomed out, React Flow has none, and all 2,000 would have come back).
   */
  stageBigChange(views: (() => void)[]): void;
  /**
   * The links to give React Flow: `edges`, except for the two frames of a staged change in which
   * its boxes are shown and its links are not yet (none then).
   */
  shownEdges: PrepFlowEdge[];
}

/**
 * Document → React Flow nodes and edges. Structurally shared (flowModel), and on a big diagram a
 * change to hundreds of boxes (an undo of auto-layout, say, maybe with every box on screen) is
 * shown SYNC_CHUNK boxes per frame, starting on the next frame: rendering 1,000 moved boxes and
 * their links at once froze the page for over half a second. Auto-layout itself goes through
 * stageBigChange. The document itself has changed at once (one undo step).
 */
export function useFlowSync(
  srcNodes: PrepNode[],
  srcEdges: PrepEdge[],
  markers: Map<string, 'error' | 'warn'>,
  pendingSelection: MutableRefObject<{ nodes: Set<string> } | null>,
): FlowSync {
  const [nodes, setNodes] = useState<PrepFlowNode[]>([]);
  const [edges, setEdges] = useState<PrepFlowEdge[]>([]);
  const [linksHeld, setLinksHeld] = useState(false);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const edgesRef = useRef(edges);
  edgesRef.current = edges;
  const latest = useRef({ srcNodes, srcEdges, markers });
  latest.current = { srcNodes, srcEdges, markers };
  const frame = useRef(0);
  const staged = useRef<{ views: (() => void)[]; linksHeld?: boolean; idle?: boolean } | null>(
    null,
  );
  const markShown = useRef(false);
  // For the benchmark (test/bench/prep.bench.ts): every box of the change is drawn. Marked on the
  // frame after React committed the last update, not when it was handed to React (the render of
  // a one-step change comes in a task after that).
  useEffect(() => {
    if (!markShown.current) return;
    markShown.current = false;
    if (import.meta.env.VITE_BENCH === '1')
      requestAnimationFrame(() => performance.mark('waymark:layout-shown'));
  }, [nodes, linksHeld]);

  const step = useCallback(() => {
    frame.current = 0;
    const s = staged.current;
    const view = s?.views.shift();
    if (view) {
      // A frame of its own: a new view redraws every box on screen, the change waits a frame.
      view();
      setLinksHeld(true);
      frame.current = requestAnimationFrame(step);
      return;
    }
    if (s?.linksHeld && s.idle) {
      // A frame for rendering what the boxes' update changed (the minimap's 1,000 rectangles).
      s.idle = false;
      frame.current = requestAnimationFrame(step);
      return;
    }
    if (s?.linksHeld) {
      // The staged change's links, two frames after its boxes (see below).
      s.linksHeld = false;
      staged.current = null;
      setLinksHeld(false);
      markShown.current = true;
      return;
    }
    const { srcNodes: sn, srcEdges: se, markers: m } = latest.current;
    // A staged change shows at once: its view renders only the boxes in it (measured: one step
    // ends ~0.2 s sooner than chunks, with no longer frame).
    const b = sn.length > BIG_DIAGRAM && !s ? SYNC_CHUNK : Infinity;
    const n = syncNodesStep(nodesRef.current, sn, m, b);
    const e = syncEdgesStep(edgesRef.current, se, 2 * b);
    // The updaters recompute only if React Flow changed the arrays since the last render.
    setNodes((prev) => (prev === nodesRef.current ? n.items : syncNodesStep(prev, sn, m, b).items));
    setEdges((prev) =>
      prev === edgesRef.current ? e.items : syncEdgesStep(prev, se, 2 * b).items,
    );
    if (!n.done || !e.done) frame.current = requestAnimationFrame(step);
    else if (s) {
      // React Flow takes the moved boxes now and their 2,000 new links two frames later (until
      // then it has none), after a frame that renders the boxes' update (the minimap's 1,000
      // rectangles move, ~20 ms of style): all in one frame was a 50–120 ms task (3 interleaved
      // runs: links a frame later 66–95 ms; two frames later under 50 ms).
      s.linksHeld = true;
      s.idle = true;
      setLinksHeld(true);
      // The minimap catches up with these boxes (it does not render again for the links).
      freezeMiniMap(false);
      frame.current = requestAnimationFrame(step);
    }
  }, []);
  const later = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(step);
  }, [step]);
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      // Cleared, or a remount (StrictMode) would never schedule a step again.
      frame.current = 0;
    },
    [],
  );

  const stageBigChange = useCallback(
    (views: (() => void)[]) => {
      staged.current = { views: [...views] };
      // The minimap catches up once, when the change is shown (see MiniMapBox).
      freezeMiniMap(true);
      later();
    },
    [later],
  );

  // Now: new and removed boxes, and any change small enough for one chunk; the rest from the next frame.
  useLayoutEffect(() => {
    // Read the ref outside the updater: StrictMode runs updaters twice.
    const want = pendingSelection.current?.nodes;
    pendingSelection.current = null;
    const b = srcNodes.length > BIG_DIAGRAM ? SYNC_CHUNK : Infinity;
    const big =
      staged.current !== null || !syncNodesStep(nodesRef.current, srcNodes, markers, b).done;
    if (big) later();
    setNodes((prev) => {
      const next = syncNodesStep(prev, srcNodes, markers, big ? 0 : b).items;
      return want
        ? next.map((n) =>
            !!n.selected === want.has(n.id) ? n : { ...n, selected: want.has(n.id) },
          )
        : next;
    });
  }, [srcNodes, markers, pendingSelection, later]);
  useLayoutEffect(() => {
    const b = srcNodes.length > BIG_DIAGRAM ? 2 * SYNC_CHUNK : Infinity;
    const big = staged.current !== null || !syncEdgesStep(edgesRef.current, srcEdges, b).done;
    if (big) later();
    setEdges((prev) => syncEdgesStep(prev, srcEdges, big ? 0 : b).items);
    // srcNodes.length only picks the budget: a change of it alone must not re-sync the links.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [srcEdges, later]);

  return {
    nodes,
    setNodes,
    edges,
    setEdges,
    shownEdges: linksHeld ? NO_EDGES : edges,
    stageBigChange,
  };
}

/** No links (one array, so React Flow sees no change between renders). */
export const NO_EDGES: PrepFlowEdge[] = [];
