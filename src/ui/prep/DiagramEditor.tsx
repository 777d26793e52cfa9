import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  Background,
  ConnectionMode,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ViewportPortal,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type ReactFlowState,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { Diagram, PrepEdgeKind, PrepNodeKind, Point } from '../../model';
import type { Finding } from '../../analysis/types';
import { markersByNode, type LintResult } from '../../analysis/lint';
import type { PresetName } from '../../analysis/presets';
import { align, distribute, type Alignment, type Box } from '../../layout/align';
import {
  disposeLayoutWorker,
  layoutInWorker,
  warmLayoutWorker,
  LayoutCancelledError,
  LayoutTimeoutError,
  type LayoutRun,
} from '../../layout/layoutClient';
import { applyLayout } from '../../layout/applyLayout';
import { diagramSvg } from '../../layout/diagramSvg';
import { besideSelection, freeSpot } from '../../layout/freeSpot';
import { findingsReport } from '../../analysis/report';
import type { Size } from '../../layout/elkAdapter';
import { Button, downloadBlob, downloadText, notify, safeFileName } from '../common';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { BIG_DIAGRAM, NO_EDGES, nextTask, useFlowSync } from './useFlowSync';
import { startOfFlowView } from './startView';
import PrepNodeView, { DropOnBox, LabelEdit, LowDetail } from './PrepNodeView';
import PrepEdgeView, { ParallelOffsets } from './PrepEdgeView';
import { parallelOffsets } from '../../layout/parallelEdges';
import MiniMapBox, { freezeMiniMap } from './MiniMapBox';
import LinkLayer from './LinkLayer';
import { LOD_ZOOM, touches } from './linkLayer';
import {
  cloneElements,
  deleteElements,
  editDiagram,
  moveNodes,
  newEdge,
  newNode,
  stampShapes,
  type Stamp,
} from './actions';
import { clipboardContent, copyToClipboard, hasClipboard } from './clipboard';
import { buildActions, shortcutText, type MenuPlace } from './actionRegistry';
import { ContextMenu, ShortcutSheet, isMac } from './ActionMenus';
import { useEditorKeys } from './useEditorKeys';
import { Inspector } from './Inspector';
import FindingsPanel, { type ReviewStatus } from './FindingsPanel';
import { ComparePanel } from './ComparePanel';
import { dataUrlToBlob, paintedFrame, renderDiagramImage, untilDrawn } from './exportImage';
import { isPaletteDrag, paletteDragProps, readPaletteDrop } from './paletteDrag';

const nodeTypes = { prep: PrepNodeView };
const edgeTypes = { prep: PrepEdgeView };
const defaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#2b3440' },
};
const GRID = 16;
// Props handed to React Flow are module constants or memoised: a new array or function on every
// render makes React Flow update its store and re-render the minimap's 1,000 nodes per drag frame.
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const isValidConnection = (c: { source: string; target: string }) => c.source !== c.target;
/** A link dropped this close (px) to a box's input handle connects, even off the box. */
const CONNECTION_RADIUS = 40;
const minimapColor = (n: PrepFlowNode) =>
  n.data.marker === 'error' ? '#d32f2f' : n.data.marker === 'warn' ? '#f0a020' : '#b8bfc9';
const LAYOUT_DEADLINE_MS = 15_000;
/** Whether the minimap is shown, remembered per browser. */
const MINIMAP_KEY = 'waymark.prep.minimap';
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2.5;
/** About the size of a new, empty box: placing it by its centre. */
const NEW_BOX = { width: 180, height: 64 };
const zoomedOut = (s: ReactFlowState) => s.transform[2] < LOD_ZOOM;

type Panel = 'inspect' | 'findings' | 'compare';
type PointerLike = { clientX: number; clientY: number; preventDefault(): void };

export function DiagramEditor({
  diagram,
  diagrams,
  lint,
  preset,
  onPreset,
}: {
  diagram: Diagram;
  diagrams: Diagram[];
  lint: LintResult;
  preset: PresetName;
  onPreset: (p: PresetName) => void;
}) {
  const { t, i18n } = useTranslation('prep');
  const rf = useReactFlow<PrepFlowNode, PrepFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [linkKind, setLinkKind] = useState<PrepEdgeKind>('io');
  const [snap, setSnap] = useState(true);
  const [minimap, setMinimap] = useState(() => {
    try {
      return localStorage.getItem(MINIMAP_KEY) !== 'off';
    } catch {
      return true;
    }
  });
  const toggleMinimap = (on: boolean) => {
    setMinimap(on);
    try {
      localStorage.setItem(MINIMAP_KEY, on ? 'on' : 'off');
    } catch {
      /* storage blocked */
    }
  };
  const [panel, setPanel] = useState<Panel>('findings');
  const [layoutRun, setLayoutRun] = useState<LayoutRun | null>(null);
  const layoutRunRef = useRef<LayoutRun | null>(null);
  layoutRunRef.current = layoutRun;
  const added = useRef(0);
  // A link being drawn: boxes take it anywhere on them (.prep-connecting in prep.css).
  const [connecting, setConnecting] = useState(false);
  const onConnectStart = useCallback(() => setConnecting(true), []);
  const onConnectEnd = useCallback(() => setConnecting(false), []);
  // In-place label editing: Enter, F2, double-click, and every new box.
  const [editingId, setEditingId] = useState<string | null>(null);
  const labelEdit = useMemo(
    () => ({
      id: editingId,
      commit: (id: string, label: string, byKey: boolean) => {
        setEditingId(null);
        editDiagram(diagram.id, t('cmd.editField', { field: t('field.label') }), (d) => {
          const n = d.nodes.find((x) => x.id === id);
          if (n && n.label !== label) n.label = label;
        });
        // After Enter, keys go to the canvas again (F2, arrows, Delete); a click elsewhere keeps its focus.
        if (byKey) wrapper.current?.focus();
      },
      cancel: () => {
        setEditingId(null);
        wrapper.current?.focus();
      },
    }),
    [editingId, diagram.id, t],
  );
  const onNodeDoubleClick = useCallback((_e: unknown, n: PrepFlowNode) => setEditingId(n.id), []);
  const offsets = useMemo(() => parallelOffsets(diagram.edges), [diagram.edges]);

  // Fit on open only when there is something to fit: an empty canvas stays at 100 %.
  const [fitOnOpen] = useState(() => diagram.nodes.length > 0);
  // A selection asked for together with an edit (new boxes) applies once the store's nodes arrive.
  const pendingSelection = useRef<{ nodes: Set<string>; edges: Set<string> } | null>(null);

  useEffect(() => {
    const idle = setTimeout(() => warmLayoutWorker(), 1500);
    return () => {
      clearTimeout(idle);
      layoutRunRef.current?.cancel();
      // Leaving the diagram: free ELK's memory; the next diagram warms a fresh worker.
      disposeLayoutWorker();
      freezeMiniMap(false);
    };
  }, []);

  const markers = useMemo(() => markersByNode(lint.findings), [lint]);
  const { nodes, setNodes, edges, setEdges, shownEdges, stageBigChange } = useFlowSync(
    diagram.nodes,
    diagram.edges,
    markers,
    pendingSelection,
  );
  // Zoomed out on a big diagram: boxes without text, links in one layer; during a drag, the
  // dragged boxes' links in a layer of their own (linkLayer.ts). An export needs the full drawing
  // of every box, so it turns this and culling off while it runs.
  const [exporting, setExporting] = useState(false);
  // The status is shown a frame before the full drawing starts, which keeps the page busy for a
  // while: set together, it was painted only once the drawing was done.
  const [exportNotice, setExportNotice] = useState(false);
  const big = nodes.length > BIG_DIAGRAM;
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
  }, [lowDetail, updateNodeInternals]);

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
  const hasSelection = selNodes.length + selEdges.length > 0;

  // Zoomed out, React Flow does not hold the links, so a selection made on the canvas cannot
  // unselect them as it would: any such selection change, or a click on the pane, does.
  const unselectLinksWhenZoomedOut = useCallback(() => {
    if (lowDetailRef.current)
      setEdges((es) =>
        es.some((e) => e.selected)
          ? es.map((e) => (e.selected ? { ...e, selected: false } : e))
          : es,
      );
  }, [setEdges]);
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
        diagram.id,
        t('cmd.move'),
        Object.fromEntries(
          dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
        ),
      );
    },
    [diagram.id, t],
  );

  const onDragStart = useCallback(() => freezeMiniMap(true), []);
  const onSelectionDragStop = useCallback(
    (e: unknown, dragged: PrepFlowNode[]) => onNodeDragStop(e, dragged[0], dragged),
    [onNodeDragStop],
  );
  const openInspector = useCallback(() => setPanel('inspect'), []);

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      editDiagram(diagram.id, t('cmd.connect'), (d) => {
        if (
          d.edges.some((e) => e.source === c.source && e.target === c.target && e.kind === linkKind)
        )
          return;
        d.edges.push(newEdge(linkKind, c.source, c.target));
      });
    },
    [diagram.id, linkKind, t],
  );

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
    [setNodes, setEdges],
  );

  const viewCentre = (): Point => {
    const r = wrapper.current?.getBoundingClientRect();
    if (!r) return { x: 0, y: 0 };
    const p = rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    // Successive additions fill a 3×2 grid around the centre, so new boxes do not overlap.
    const k = added.current++ % 6;
    return {
      x: Math.round(p.x - NEW_BOX.width / 2 + ((k % 3) - 1) * 260),
      y: Math.round(p.y - NEW_BOX.height / 2 + (Math.floor(k / 3) - 0.5) * 140),
    };
  };

  const rects = (only?: (n: PrepFlowNode) => boolean) =>
    nodes
      .filter((n) => !only || only(n))
      .map((n) => ({
        x: n.position.x,
        y: n.position.y,
        width: n.measured?.width ?? NEW_BOX.width,
        height: n.measured?.height ?? NEW_BOX.height,
      }));
  // `at`: where the box goes (a palette drop); otherwise the middle of the view, clear of the
  // other boxes.
  const addNode = (kind: PrepNodeKind, at: Point = freeSpot(rects(), viewCentre(), NEW_BOX)) => {
    const n = newNode(
      kind,
      t(kind === 'knowhow' ? 'palette.newKnowhow' : 'palette.newDeliverable'),
      at,
    );
    editDiagram(diagram.id, t('cmd.add'), (d) => void d.nodes.push(n));
    select(new Set([n.id]), new Set(), true);
    setPanel('inspect');
    // The label is typed at once, on the box.
    setEditingId(n.id);
  };
  // A stamp clicked in goes beside the selection (or in the middle of the view), clear of every box.
  const stampAt = (stamp: Stamp): Point =>
    freeSpot(
      rects(),
      besideSelection(rects((n) => !!n.selected)) ?? viewCentre(),
      stamp === 'sync' ? { width: 460, height: 64 } : { width: 460, height: 174 },
    );
  const addStamp = (stamp: Stamp, at: Point = stampAt(stamp)) => {
    const s = stampShapes(stamp, at, {
      inputA: t('stamp.inputA'),
      inputB: t('stamp.inputB'),
      output: t('stamp.output'),
      input: t('stamp.input'),
      knowhow: t('stamp.knowhow'),
      ours: t('stamp.ours'),
      theirs: t('stamp.theirs'),
    });
    editDiagram(diagram.id, t('cmd.stamp'), (d) => {
      d.nodes.push(...s.nodes);
      d.edges.push(...s.edges);
    });
    select(new Set(s.nodes.map((n) => n.id)), new Set(), true);
  };

  // Palette drag-and-drop: the (first) box is centred on the drop point, on the grid when snapping.
  const onCanvasDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!isPaletteDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onCanvasDrop = (e: DragEvent<HTMLDivElement>) => {
    const item = readPaletteDrop(e);
    if (!item) return;
    e.preventDefault();
    // Unsnapped: the box's corner, not the drop point, goes on the grid.
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
    const step = snap ? GRID : 1;
    const at = {
      x: Math.round((p.x - NEW_BOX.width / 2) / step) * step,
      y: Math.round((p.y - NEW_BOX.height / 2) / step) * step,
    };
    if ('node' in item) addNode(item.node, at);
    else addStamp(item.stamp, at);
  };

  const deleteSelection = () => {
    if (deleteElements(diagram.id, t('cmd.delete'), new Set(selNodes), new Set(selEdges)))
      select(new Set());
  };
  const selectedDocNodes = () => diagram.nodes.filter((n) => selNodes.includes(n.id));
  const paste = () => {
    const c = clipboardContent();
    if (!c) return;
    const copy = cloneElements(c.nodes, c.edges, { x: c.offset, y: c.offset });
    editDiagram(diagram.id, t('cmd.paste'), (d) => {
      d.nodes.push(...copy.nodes);
      d.edges.push(...copy.edges);
    });
    select(new Set(copy.nodes.map((n) => n.id)), new Set(), true);
  };
  const boxes = (): Box[] =>
    nodes
      .filter((n) => n.selected)
      .map((n) => ({
        id: n.id,
        x: n.position.x,
        y: n.position.y,
        width: n.measured?.width ?? 180,
        height: n.measured?.height ?? 64,
      }));

  // One registry of actions feeds the keys, the context menu, the tooltips and the ? sheet.
  const [menu, setMenu] = useState<{ x: number; y: number; place: MenuPlace } | null>(null);
  const [sheet, setSheet] = useState(false);
  // The clipboard is module state: a copy re-renders so that Paste is enabled at once.
  const [, setClipTick] = useState(0);
  const actions = buildActions(
    {
      editLabel: () => {
        if (selNodes.length === 1) setEditingId(selNodes[0]);
      },
      addNode: (kind) => addNode(kind),
      copy: () => {
        copyToClipboard(selectedDocNodes(), diagram.edges);
        setClipTick((n) => n + 1);
      },
      cut: () => {
        copyToClipboard(selectedDocNodes(), diagram.edges);
        setClipTick((n) => n + 1);
        deleteSelection();
      },
      paste,
      // Duplicate leaves the clipboard alone: it clones the selection beside itself.
      duplicate: () => {
        const copy = cloneElements(selectedDocNodes(), diagram.edges, { x: 30, y: 30 });
        editDiagram(diagram.id, t('cmd.duplicate'), (d) => {
          d.nodes.push(...copy.nodes);
          d.edges.push(...copy.edges);
        });
        select(new Set(copy.nodes.map((n) => n.id)), new Set(), true);
      },
      deleteSelection,
      selectAll: () => select(new Set(nodes.map((n) => n.id)), new Set(edges.map((e) => e.id))),
      clearSelection: () => select(new Set()),
      nudge: (dx, dy) => {
        const pos = Object.fromEntries(
          nodes
            .filter((n) => n.selected)
            .map((n) => [n.id, { x: n.position.x + dx, y: n.position.y + dy }]),
        );
        // Repeated arrow presses on the same selection coalesce into one undo step.
        moveNodes(diagram.id, t('cmd.nudge'), pos, { coalesceKey: `prep:nudge:${selNodesKey}` });
      },
      layout: () => runLayout(),
      shortcuts: () => setSheet(true),
    },
    {
      selectedNodes: selNodes.length,
      selectedEdges: selEdges.length,
      hasClipboard: hasClipboard(),
      boxes: nodes.length,
      layoutRunning: layoutRun !== null,
      step: snap ? GRID : 1,
    },
  );
  useEditorKeys(actions);
  const actionTitle = (id: string) => {
    const a = actions.find((x) => x.id === id);
    return a ? `${t(`actions.${a.id}`)} (${shortcutText(a, isMac())})` : '';
  };
  // Memoised: React Flow re-processes its props when a handler changes identity.
  const menuAt = useCallback((e: PointerLike, place: MenuPlace) => {
    e.preventDefault();
    const r = wrapper.current?.getBoundingClientRect();
    setMenu({ x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0), place });
  }, []);
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

  // Accept / dismiss (with a note) / restore: stored with the diagram, one undo step each.
  const onReview = useCallback(
    (key: string, status: ReviewStatus, note = '') => {
      const label = t(
        status === null ? 'cmd.restore' : status === 'accepted' ? 'cmd.accept' : 'cmd.dismiss',
      );
      editDiagram(diagram.id, label, (d) => {
        const rs = d.reviews ?? [];
        const i = rs.findIndex((r) => r.key === key);
        if (status === null) {
          if (i >= 0) rs.splice(i, 1);
        } else {
          const r = { key, status, note, at: new Date().toISOString() };
          if (i >= 0) rs[i] = r;
          else rs.push(r);
        }
        if (rs.length) d.reviews = rs;
        else delete d.reviews;
      });
    },
    [diagram.id, t],
  );
  // The holders notice's form: the boxes it listed when opened stay listed while it is open.
  const [holdersFor, setHoldersFor] = useState<string[] | null>(null);
  const holdersForm = useMemo(() => {
    if (!holdersFor) return null;
    const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
    return {
      nodes: holdersFor.flatMap((id) => byId.get(id) ?? []),
      onChange: (id: string, h: string[]) =>
        editDiagram(
          diagram.id,
          t('cmd.editField', { field: t('field.holders') }),
          (d) => {
            const n = d.nodes.find((x) => x.id === id);
            if (n) n.holders = h;
          },
          { coalesceKey: `prep:${diagram.id}:${id}:holders` },
        ),
      onClose: () => setHoldersFor(null),
    };
  }, [holdersFor, diagram.nodes, diagram.id, t]);

  const runLayout = () => {
    if (layoutRun) return;
    const sizes: Record<string, Size> = {};
    for (const n of nodes)
      if (n.measured?.width && n.measured?.height)
        sizes[n.id] = { width: n.measured.width, height: n.measured.height };
    const run = layoutInWorker(diagram, sizes, { deadlineMs: LAYOUT_DEADLINE_MS });
    setLayoutRun(run);
    run.result
      .then(async (r) => {
        // Marks for the benchmark (test/bench/prep.bench.ts): answer received, result in the document.
        if (import.meta.env.VITE_BENCH === '1')
          performance.mark('waymark:layout-result', { detail: r.ms });
        const big = diagram.nodes.length > BIG_DIAGRAM;
        // The answer (structured clone of 1,000 positions and 2,000 routes) took this task; the
        // edit gets one of its own.
        if (big) await nextTask();
        if (big && wrapper.current) {
          // Big: show the start of the flow at a readable zoom with only the boxes in view
          // rendered (startView.ts), set before the boxes move (useFlowSync); Fit view shows all.
          const { width, height } = wrapper.current.getBoundingClientRect();
          const start = startOfFlowView(r, width, height);
          stageBigChange([() => void rf.setViewport(start)]);
          editDiagram(diagram.id, t('cmd.layout'), (d) => applyLayout(d as Diagram, r));
          notify({
            kind: 'info',
            text: t('layout.doneBig', { count: diagram.nodes.length }),
            action: { label: t('layout.fitAll'), run: () => void rf.fitView() },
            timeoutMs: 10_000,
          });
        } else {
          // Queued before the edit: React Flow fits in the same update that takes the new positions.
          void rf.fitView({ duration: 300 });
          editDiagram(diagram.id, t('cmd.layout'), (d) => applyLayout(d as Diagram, r));
        }
        if (import.meta.env.VITE_BENCH === '1') performance.mark('waymark:layout-applied');
      })
      .catch((e: Error) => {
        if (e instanceof LayoutCancelledError)
          notify({ kind: 'info', text: t('layout.cancelled') });
        else if (e instanceof LayoutTimeoutError)
          notify({
            kind: 'error',
            text: t('layout.timeout', {
              seconds: LAYOUT_DEADLINE_MS / 1000,
              nodes: diagram.nodes.length,
            }),
          });
        else notify({ kind: 'error', text: t('layout.failed', { reason: e.message }) });
      })
      .finally(() => setLayoutRun(null));
  };

  const exportImage = async (format: 'png' | 'svg') => {
    if (!wrapper.current || nodes.length === 0) {
      notify({ kind: 'error', text: t('export.empty') });
      return;
    }
    if (format === 'svg') {
      // Real vector from the model and the measured sizes (diagramSvg.ts): no DOM snapshot.
      const sizes: Record<string, { width: number; height: number }> = {};
      for (const n of nodes)
        if (n.measured?.width && n.measured?.height)
          sizes[n.id] = { width: n.measured.width, height: n.measured.height };
      const svg = diagramSvg(diagram, {
        lang: i18n.language === 'ja' ? 'ja' : 'en',
        sizes,
        markers,
      });
      downloadBlob(
        new Blob([svg], { type: 'image/svg+xml' }),
        `${safeFileName(diagram.name, 'diagram')}.svg`,
      );
      return;
    }
    const root = wrapper.current;
    try {
      // A big diagram renders only the boxes in view, and zoomed out without text: the image needs
      // every box and link fully drawn, so both are off until it is taken.
      if (big) {
        setExportNotice(true);
        await paintedFrame();
        setExporting(true);
        if (!(await untilDrawn(root, nodes.length, shownEdges.length)))
          throw new Error(t('export.notDrawn'));
      }
      const url = await renderDiagramImage(root, nodes, format);
      downloadBlob(dataUrlToBlob(url), `${safeFileName(diagram.name, 'diagram')}.${format}`);
    } catch (e) {
      notify({
        kind: 'error',
        text: t('export.failed', { format: format.toUpperCase(), reason: (e as Error).message }),
      });
    } finally {
      setExporting(false);
      setExportNotice(false);
    }
  };
  const exportReport = (format: 'md' | 'csv') => {
    const text = findingsReport(
      [{ diagram, lint, preset }],
      format,
      i18n.language === 'ja' ? 'ja' : 'en',
    );
    // A BOM so that Excel reads the CSV's Japanese as UTF-8.
    downloadText(
      format === 'csv' ? `\uFEFF${text}` : text,
      `${safeFileName(diagram.name, 'diagram')}-findings.${format}`,
      format === 'csv' ? 'text/csv' : 'text/markdown',
    );
  };
  const exportJson = () =>
    downloadText(
      JSON.stringify(diagram, null, 2) + '\n',
      `${safeFileName(diagram.name, 'diagram')}.json`,
      'application/json',
    );

  const doAlign = (how: Alignment) => moveNodes(diagram.id, t('cmd.align'), align(boxes(), how));
  const doDistribute = (axis: 'horizontal' | 'vertical') =>
    moveNodes(diagram.id, t('cmd.distribute'), distribute(boxes(), axis));

  return (
    <div className="prep-editor">
      <div className="prep-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <div className="prep-group" aria-label={t('palette.label')}>
          <Button
            onClick={() => addNode('deliverable')}
            {...paletteDragProps({ node: 'deliverable' })}
            data-testid="palette-deliverable"
            title={`${t('palette.deliverableHint')}\n${t('palette.dragHint')}\n${actionTitle('addDeliverable')}`}
          >
            ▭ {t('palette.deliverable')}
          </Button>
          <Button
            onClick={() => addNode('knowhow')}
            {...paletteDragProps({ node: 'knowhow' })}
            data-testid="palette-knowhow"
            title={`${t('palette.knowhowHint')}\n${t('palette.dragHint')}\n${actionTitle('addKnowhow')}`}
          >
            ⬚ {t('palette.knowhow')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => addStamp('basic')}
            {...paletteDragProps({ stamp: 'basic' })}
            data-testid="stamp-basic"
            title={`${t('stamp.basicHint')}\n${t('palette.dragHint')}`}
          >
            {t('stamp.basic')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => addStamp('knowhow')}
            {...paletteDragProps({ stamp: 'knowhow' })}
            data-testid="stamp-knowhow"
            title={`${t('stamp.knowhowHint')}\n${t('palette.dragHint')}`}
          >
            {t('stamp.knowhowPattern')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => addStamp('sync')}
            {...paletteDragProps({ stamp: 'sync' })}
            data-testid="stamp-sync"
            title={`${t('stamp.syncHint')}\n${t('palette.dragHint')}`}
          >
            {t('stamp.sync')}
          </Button>
        </div>
        <div className="prep-group">
          <label className="prep-inline" title={t('toolbar.linkKindHint')}>
            <span>{t('toolbar.linkKind')}</span>
            <select
              value={linkKind}
              onChange={(e) => setLinkKind(e.target.value as PrepEdgeKind)}
              data-testid="link-kind"
            >
              <option value="io">{t('edgeKind.io')}</option>
              <option value="sync">{t('edgeKind.sync')}</option>
            </select>
          </label>
          <label className="prep-inline">
            <input
              type="checkbox"
              checked={snap}
              onChange={(e) => setSnap(e.target.checked)}
              data-testid="snap"
            />
            <span>{t('toolbar.snap')}</span>
          </label>
          <label className="prep-inline">
            <input
              type="checkbox"
              checked={minimap}
              onChange={(e) => toggleMinimap(e.target.checked)}
              data-testid="minimap-toggle"
            />
            <span>{t('toolbar.minimap')}</span>
          </label>
        </div>
        <div className="prep-group">
          {layoutRun ? (
            <Button onClick={() => layoutRun.cancel()} data-testid="layout-cancel">
              {t('layout.cancel')}
            </Button>
          ) : (
            <Button
              onClick={runLayout}
              data-testid="layout-run"
              disabled={nodes.length === 0}
              title={actionTitle('layout')}
            >
              {t('layout.run')}
            </Button>
          )}
          {layoutRun && (
            <span className="hint" role="status" data-testid="layout-running">
              {t('layout.running')}
            </span>
          )}
          {exportNotice && (
            <span className="hint" role="status" data-testid="export-running">
              {t('export.running')}
            </span>
          )}
        </div>
        {selNodes.length >= 2 && (
          <div className="prep-group" data-testid="align-tools">
            {(['left', 'center', 'right', 'top', 'middle', 'bottom'] as Alignment[]).map((a) => (
              <Button
                key={a}
                variant="ghost"
                onClick={() => doAlign(a)}
                data-testid={`align-${a}`}
                title={t(`align.${a}`)}
              >
                {t(`alignShort.${a}`)}
              </Button>
            ))}
            <Button
              variant="ghost"
              onClick={() => doDistribute('horizontal')}
              disabled={selNodes.length < 3}
              data-testid="distribute-h"
            >
              {t('align.distributeH')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => doDistribute('vertical')}
              disabled={selNodes.length < 3}
              data-testid="distribute-v"
            >
              {t('align.distributeV')}
            </Button>
          </div>
        )}
        <div className="prep-group prep-push">
          <Button
            variant="ghost"
            onClick={() => setSheet(true)}
            data-testid="shortcuts-open"
            title={actionTitle('shortcuts')}
            aria-label={t('actions.shortcuts')}
          >
            ?
          </Button>
          <Button variant="ghost" onClick={() => void exportImage('png')} data-testid="export-png">
            PNG
          </Button>
          <Button variant="ghost" onClick={() => void exportImage('svg')} data-testid="export-svg">
            SVG
          </Button>
          <Button variant="ghost" onClick={exportJson} data-testid="export-json">
            JSON
          </Button>
          <span className="prep-inline" title={t('report.downloadHint')}>
            <span>{t('report.download')}:</span>
            <Button
              variant="ghost"
              onClick={() => exportReport('md')}
              data-testid="export-report-md"
            >
              {t('report.md')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => exportReport('csv')}
              data-testid="export-report-csv"
            >
              {t('report.csv')}
            </Button>
          </span>
        </div>
      </div>
      <ShortcutSheet actions={actions} open={sheet} onClose={() => setSheet(false)} />
      <div className="prep-body">
        <div
          className={`prep-canvas${lowDetail ? ' prep-lod' : ''}${connecting ? ' prep-connecting' : ''}`}
          tabIndex={-1}
          ref={wrapper}
          data-testid="prep-canvas"
          data-detail={lowDetail ? 'low' : 'full'}
          onDragOver={onCanvasDragOver}
          onDrop={onCanvasDrop}
        >
          <LowDetail.Provider value={lowDetail}>
            <DropOnBox.Provider value={!big}>
              <LabelEdit.Provider value={labelEdit}>
                <ParallelOffsets.Provider value={offsets}>
                  <ReactFlow<PrepFlowNode, PrepFlowEdge>
                    nodes={nodes}
                    edges={flowEdges}
                    nodeTypes={nodeTypes}
                    edgeTypes={edgeTypes}
                    defaultEdgeOptions={defaultEdgeOptions}
                    onNodesChange={onNodesChange}
                    onEdgesChange={onEdgesChange}
                    onNodeDragStart={onDragStart}
                    onSelectionDragStart={onDragStart}
                    onNodeDragStop={onNodeDragStop}
                    onSelectionDragStop={onSelectionDragStop}
                    onConnect={onConnect}
                    onConnectStart={onConnectStart}
                    onConnectEnd={onConnectEnd}
                    connectionRadius={CONNECTION_RADIUS}
                    onNodeDoubleClick={onNodeDoubleClick}
                    zoomOnDoubleClick={false}
                    onNodeContextMenu={onNodeContextMenu}
                    onSelectionContextMenu={onSelectionContextMenu}
                    onPaneContextMenu={onPaneContextMenu}
                    onPaneClick={unselectLinksWhenZoomedOut}
                    onNodeClick={openInspector}
                    onEdgeClick={openInspector}
                    isValidConnection={isValidConnection}
                    connectionMode={ConnectionMode.Loose}
                    snapToGrid={snap}
                    snapGrid={SNAP_GRID}
                    deleteKeyCode={null}
                    selectionKeyCode="Shift"
                    multiSelectionKeyCode={MULTI_SELECT_KEYS}
                    disableKeyboardA11y
                    fitView={fitOnOpen}
                    minZoom={MIN_ZOOM}
                    maxZoom={MAX_ZOOM}
                    onlyRenderVisibleElements={big && !exporting}
                  >
                    {(lowDetail || movingKey) && (
                      <ViewportPortal>
                        <LinkLayer nodes={nodes} edges={shownEdges} still={lowDetail} />
                      </ViewportPortal>
                    )}
                    <Background gap={GRID} />
                    {minimap && (
                      <MiniMap<PrepFlowNode>
                        pannable
                        zoomable
                        nodeColor={minimapColor}
                        nodeComponent={MiniMapBox}
                      />
                    )}
                    <Controls />
                  </ReactFlow>
                </ParallelOffsets.Provider>
              </LabelEdit.Provider>
            </DropOnBox.Provider>
          </LowDetail.Provider>
          {menu && (
            <ContextMenu
              actions={actions}
              place={menu.place}
              x={menu.x}
              y={menu.y}
              onClose={closeMenu}
            />
          )}
          {nodes.length === 0 && (
            <div className="prep-empty hint" data-testid="prep-empty">
              {t('canvas.empty')}
            </div>
          )}
          {lowDetail && (
            <div className="prep-lod-hint" role="status" data-testid="lod-hint">
              {t('canvas.lowDetail')}
            </div>
          )}
        </div>
        <aside className="prep-side">
          <div className="prep-side-tabs" role="tablist">
            {(['findings', 'inspect', 'compare'] as Panel[]).map((p) => (
              <button
                key={p}
                type="button"
                role="tab"
                aria-selected={panel === p}
                className={`prep-side-tab${panel === p ? ' active' : ''}`}
                onClick={() => setPanel(p)}
                data-testid={`panel-${p}`}
              >
                {p === 'findings'
                  ? t('findings.tab', { count: lint.findings.length })
                  : t(`panel.${p}`)}
              </button>
            ))}
          </div>
          <div className="prep-side-body">
            {panel === 'findings' && (
              <FindingsPanel
                lint={lint}
                preset={preset}
                onPreset={onPreset}
                onPick={pickFinding}
                onReview={onReview}
                holdersForm={holdersForm}
                onRecordHolders={setHoldersFor}
              />
            )}
            {panel === 'inspect' && (
              <Inspector
                diagram={diagram}
                nodeIds={selNodes}
                edgeIds={selEdges}
                onDelete={deleteSelection}
              />
            )}
            {panel === 'compare' && (
              <ComparePanel diagrams={diagrams} current={diagram} preset={preset} />
            )}
          </div>
          {hasSelection && panel !== 'inspect' && (
            <button
              type="button"
              className="prep-side-hint"
              onClick={() => setPanel('inspect')}
              data-testid="open-inspector"
            >
              {t('inspector.open', { count: selNodes.length + selEdges.length })}
            </button>
          )}
        </aside>
      </div>
    </div>
  );
}
