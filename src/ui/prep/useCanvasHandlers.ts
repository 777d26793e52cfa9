import {
  useCallback,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction,
} from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { PrepEdgeKind } from '../../model';
import type { Finding } from '../../analysis/types';
import { connectionSide } from '../../layout/nearestSide';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { editDiagram, moveNodes, newEdge } from './actions';
import { freezeMiniMap } from './MiniMapBox';
import type { MenuPlace } from './actionRegistry';
import type { Selection } from './useSelection';

type PointerLike = { clientX: number; clientY: number; preventDefault(): void };

/**
 * React Flow's events: changes (moves, measures, selection), a drag committed as one undo step,
 * connecting (a link dropped anywhere on a box attaches to the side nearest the drop), the
 * context menu, and a finding picked in the panel.
 */
export function useCanvasHandlers(opts: {
  diagramId: string;
  rf: ReactFlowInstance<PrepFlowNode, PrepFlowEdge>;
  wrapper: RefObject<HTMLDivElement | null>;
  setNodes: Dispatch<SetStateAction<PrepFlowNode[]>>;
  setEdges: Dispatch<SetStateAction<PrepFlowEdge[]>>;
  lowDetailRef: RefObject<boolean>;
  linkKind: PrepEdgeKind;
  select: Selection['select'];
  t: TFunction<'prep'>;
}) {
  const { diagramId, rf, wrapper, setNodes, setEdges, lowDetailRef, linkKind, select, t } = opts;
  // Zoomed out, React Flow does not hold the links, so a selection made on the canvas cannot
  // unselect them as it would: any such selection change, or a click on the pane, does.
  const unselectLinksWhenZoomedOut = useCallback(() => {
    if (lowDetailRef.current)
      setEdges((es) =>
        es.some((e) => e.selected)
          ? es.map((e) => (e.selected ? { ...e, selected: false } : e))
          : es,
      );
  }, [setEdges, lowDetailRef]);
  const onNodesChange = useCallback(
    (changes: NodeChange<PrepFlowNode>[]) => {
      // Removal goes through the store (deleteSelection); React Flow only moves, measures and selects.
      setNodes((ns) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          ns,
        ),
      );
      if (changes.some((c) => c.type === 'select')) unselectLinksWhenZoomedOut();
    },
    [setNodes, unselectLinksWhenZoomedOut],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<PrepFlowEdge>[]) => {
      setEdges((es) =>
        applyEdgeChanges(
          changes.filter((c) => c.type !== 'remove'),
          es,
        ),
      );
    },
    [setEdges],
  );

  // A drag lives in React Flow's local state and is committed once at the end: one undo step.
  const onNodeDragStop = useCallback(
    (_e: unknown, _n: PrepFlowNode, dragged: PrepFlowNode[]) => {
      freezeMiniMap(false);
      moveNodes(
        diagramId,
        t('cmd.moveBoxes', { count: dragged.length }),
        Object.fromEntries(
          dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
        ),
      );
    },
    [diagramId, t],
  );
  const onDragStart = useCallback(() => freezeMiniMap(true), []);
  const onSelectionDragStop = useCallback(
    (e: unknown, dragged: PrepFlowNode[]) => onNodeDragStop(e, dragged[0], dragged),
    [onNodeDragStop],
  );

  // A link being drawn: boxes take it anywhere on them (.prep-connecting in prep.css); the
  // pointer is followed so that the drop point decides the side it attaches to.
  const [connecting, setConnecting] = useState(false);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const follow = useCallback((e: PointerEvent) => {
    pointer.current = { x: e.clientX, y: e.clientY };
  }, []);
  const onConnectStart = useCallback(() => {
    pointer.current = null;
    window.addEventListener('pointermove', follow, true);
    setConnecting(true);
  }, [follow]);
  const onConnectEnd = useCallback(() => {
    window.removeEventListener('pointermove', follow, true);
    setConnecting(false);
  }, [follow]);
  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      const n = rf.getInternalNode(c.target);
      const box = n
        ? {
            ...n.internals.positionAbsolute,
            width: n.measured.width ?? 0,
            height: n.measured.height ?? 0,
          }
        : null;
      const drop = pointer.current
        ? rf.screenToFlowPosition(pointer.current, { snapToGrid: false })
        : null;
      const side = connectionSide(c.targetHandle, box, drop);
      editDiagram(diagramId, t('cmd.connect'), (d) => {
        if (
          d.edges.some((e) => e.source === c.source && e.target === c.target && e.kind === linkKind)
        )
          return;
        const e = newEdge(linkKind, c.source, c.target);
        if (side !== 'left') e.targetSide = side;
        d.edges.push(e);
      });
    },
    [diagramId, linkKind, t, rf],
  );

  // The context menu.
  const [menu, setMenu] = useState<{ x: number; y: number; place: MenuPlace } | null>(null);
  const menuAt = useCallback(
    (e: PointerLike, place: MenuPlace) => {
      e.preventDefault();
      const r = wrapper.current?.getBoundingClientRect();
      setMenu({ x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0), place });
    },
    [wrapper],
  );
  const onNodeContextMenu = useCallback(
    (e: PointerLike, n: PrepFlowNode) => {
      if (!n.selected) select(new Set([n.id]));
      menuAt(e, 'box');
    },
    [menuAt, select],
  );
  const onSelectionContextMenu = useCallback((e: PointerLike) => menuAt(e, 'box'), [menuAt]);
  const onPaneContextMenu = useCallback((e: PointerLike) => menuAt(e, 'canvas'), [menuAt]);
  const closeMenu = useCallback(() => setMenu(null), []);

  const pickFinding = useCallback(
    (f: Finding) => {
      select(new Set([f.nodeId]));
      const n = rf.getInternalNode(f.nodeId);
      if (!n) return;
      const w = n.measured.width ?? 180;
      const h = n.measured.height ?? 64;
      void rf.setCenter(
        n.internals.positionAbsolute.x + w / 2,
        n.internals.positionAbsolute.y + h / 2,
        { zoom: Math.max(rf.getZoom(), 1), duration: 300 },
      );
    },
    [rf, select],
  );

  return {
    onNodesChange,
    onEdgesChange,
    onNodeDragStop,
    onDragStart,
    onSelectionDragStop,
    connecting,
    onConnectStart,
    onConnectEnd,
    onConnect,
    menu,
    closeMenu,
    onNodeContextMenu,
    onSelectionContextMenu,
    onPaneContextMenu,
    unselectLinksWhenZoomedOut,
    pickFinding,
  };
}
