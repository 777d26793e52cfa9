import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Background,
  ConnectionMode,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ViewportPortal,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type ReactFlowState,
} from '@xyflow/react';
import type { Diagram, PrepEdgeKind } from '../../model';
import { markersByNode, type LintResult } from '../../analysis/lint';
import type { PresetName } from '../../analysis/presets';
import { parallelOffsets } from '../../layout/parallelEdges';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { BIG_DIAGRAM, NO_EDGES, useFlowSync } from './useFlowSync';
import PrepNodeView, { DropOnBox, LabelEdit, LowDetail } from './PrepNodeView';
import PrepEdgeView, { EdgeMarks, ParallelOffsets } from './PrepEdgeView';
import MiniMapBox from './MiniMapBox';
import LinkLayer from './LinkLayer';
import { LOD_ZOOM, touches } from './linkLayer';
import { hasClipboard } from './clipboard';
import { buildActions, shortcutText } from './actionRegistry';
import { ContextMenu, ShortcutSheet, isMac } from './ActionMenus';
import { useEditorKeys } from './useEditorKeys';
import { isPaletteDrag, readPaletteDrop } from './paletteDrag';
import type { PrepUi } from './prepUi';
import { useMinimapPref } from './useMinimapPref';
import { useLabelEditing } from './useLabelEditing';
import { useSelection } from './useSelection';
import { useAutoLayout } from './useAutoLayout';
import { useExports } from './useExports';
import { useReviews } from './useReviews';
import { GRID, NEW_BOX, useEditCommands } from './useEditCommands';
import { useCanvasHandlers } from './useCanvasHandlers';
import { useFitLanes, useLaneSizes, useLaneView } from './useLaneView';
import { DiffMarks, useCompareView } from './useCompareView';
import { EditorToolbar } from './EditorToolbar';
import { SidePanel } from './SidePanel';
import { LaneBands, LaneLegend } from './LaneBands';
import { CompareGhosts, CompareLegend } from './CompareOverlay';

const nodeTypes = { prep: PrepNodeView };
const edgeTypes = { prep: PrepEdgeView };
const defaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#2b3440' },
};
// Props handed to React Flow are module constants or memoised: a new array or function on every
// render makes React Flow update its store and re-render the minimap's 1,000 nodes per drag frame.
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const isValidConnection = (c: { source: string; target: string }) => c.source !== c.target;
/** A link dropped this close (px) to a box's handle connects, even off the box. */
const CONNECTION_RADIUS = 40;
const minimapColor = (n: PrepFlowNode) =>
  n.data.marker === 'error' ? '#d32f2f' : n.data.marker === 'warn' ? '#f0a020' : '#b8bfc9';
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2.5;
const zoomedOut = (s: ReactFlowState) => s.transform[2] < LOD_ZOOM;

/**
 * One diagram's editor: composes the toolbar, the canvas (React Flow with the lane bands, the
 * comparison's ghosts and the zoomed-out link layer) and the side panel. State and handlers live
 * in the use* hooks beside it.
 */
export function DiagramEditor({
  diagram,
  diagrams,
  lint,
  preset,
  onPreset,
  ui,
}: {
  diagram: Diagram;
  diagrams: Diagram[];
  lint: LintResult;
  preset: PresetName;
  onPreset: (p: PresetName) => void;
  ui: PrepUi;
}) {
  const { t, i18n } = useTranslation('prep');
  const rf = useReactFlow<PrepFlowNode, PrepFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [linkKind, setLinkKind] = useState<PrepEdgeKind>('io');
  const [snap, setSnap] = useState(true);
  const [minimap, setMinimap] = useMinimapPref();
  const [sheet, setSheet] = useState(false);
  const lanesOn = ui.mode === 'lanes';
  const { labelEdit, setEditingId } = useLabelEditing(diagram.id, wrapper, t);
  const onNodeDoubleClick = useCallback(
    (_e: unknown, n: PrepFlowNode) => setEditingId(n.id),
    [setEditingId],
  );
  const offsets = useMemo(() => parallelOffsets(diagram.edges), [diagram.edges]);
  // Fit on open only when there is something to fit: an empty canvas stays at 100 %.
  const [fitOnOpen] = useState(() => diagram.nodes.length > 0);
  // A selection asked for together with an edit (new boxes) applies once the store's nodes arrive.
  const pendingSelection = useRef<{ nodes: Set<string>; edges: Set<string> } | null>(null);

  const markers = useMemo(() => markersByNode(lint.findings), [lint]);
  const lane = useLaneView(diagram, lanesOn);
  const { nodes, setNodes, edges, setEdges, shownEdges, stageBigChange } = useFlowSync(
    lane.viewNodes,
    diagram.edges,
    markers,
    pendingSelection,
  );
  useLaneSizes(lanesOn, nodes, lane.setSizes);
  useFitLanes(rf, lane.lanes, nodes.length > 0);
  const compare = useCompareView(diagrams, diagram, preset, ui);
  const big = nodes.length > BIG_DIAGRAM;
  const ex = useExports({
    diagram,
    nodes,
    shownEdges,
    markers,
    lint,
    preset,
    wrapper,
    big,
    lang: i18n.language === 'ja' ? 'ja' : 'en',
    t,
  });
  // Zoomed out on a big diagram: boxes without text, links in one layer; during a drag, the
  // dragged boxes' links in a layer of their own (linkLayer.ts). An export needs the full drawing
  // of every box, so it turns this and culling off while it runs.
  const lowDetail = useStore(zoomedOut) && big && !ex.exporting;
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

  const sel = useSelection(nodes, edges, setNodes, setEdges, pendingSelection);
  const h = useCanvasHandlers({
    diagramId: diagram.id,
    rf,
    wrapper,
    setNodes,
    setEdges,
    lowDetailRef,
    linkKind,
    select: sel.select,
    t,
  });
  const cmd = useEditCommands({
    diagram,
    nodes,
    sel,
    rf,
    wrapper,
    setPanel: ui.setPanel,
    setEditingId,
    t,
  });
  const { layoutRun, runLayout } = useAutoLayout({
    diagram,
    nodes,
    rf,
    wrapper,
    stageBigChange,
    t,
  });
  const reviews = useReviews(diagram, t);
  const openInspector = useCallback(() => ui.setPanel('inspect'), [ui]);
  const edgeMarks = useMemo(
    () => ({ cross: lane.lanes?.crossEdgeIds, added: compare?.canvas?.addedEdges }),
    [lane.lanes, compare?.canvas],
  );

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
    if ('node' in item) cmd.addNode(item.node, at);
    else cmd.addStamp(item.stamp, at);
  };

  // One registry of actions feeds the keys, the context menu, the tooltips and the ? sheet.
  const actions = buildActions(
    {
      editLabel: () => {
        if (sel.selNodes.length === 1) setEditingId(sel.selNodes[0]);
      },
      addNode: (kind) => cmd.addNode(kind),
      copy: cmd.copy,
      cut: cmd.cut,
      paste: cmd.paste,
      duplicate: cmd.duplicate,
      deleteSelection: cmd.deleteSelection,
      selectAll: () => sel.select(new Set(nodes.map((n) => n.id)), new Set(edges.map((e) => e.id))),
      clearSelection: () => sel.select(new Set()),
      nudge: cmd.nudge,
      layout: runLayout,
      shortcuts: () => setSheet(true),
    },
    {
      selectedNodes: sel.selNodes.length,
      selectedEdges: sel.selEdges.length,
      hasClipboard: hasClipboard(),
      boxes: nodes.length,
      layoutRunning: layoutRun !== null,
      step: snap ? GRID : 1,
      lanes: lanesOn,
    },
  );
  useEditorKeys(actions);
  const actionTitle = (id: string) => {
    const a = actions.find((x) => x.id === id);
    return a ? `${t(`actions.${a.id}`)} (${shortcutText(a, isMac())})` : '';
  };

  return (
    <div className="prep-editor">
      <EditorToolbar
        addNode={cmd.addNode}
        addStamp={cmd.addStamp}
        linkKind={linkKind}
        setLinkKind={setLinkKind}
        snap={snap}
        setSnap={setSnap}
        minimap={minimap}
        setMinimap={setMinimap}
        mode={ui.mode}
        setMode={ui.setMode}
        layoutRun={layoutRun}
        runLayout={runLayout}
        boxes={nodes.length}
        exportNotice={ex.exportNotice}
        selectedBoxes={sel.selNodes.length}
        align={cmd.align}
        distribute={cmd.distribute}
        openShortcuts={() => setSheet(true)}
        exportImage={(f) => void ex.exportImage(f)}
        exportJson={ex.exportJson}
        exportReport={ex.exportReport}
        actionTitle={actionTitle}
      />
      <ShortcutSheet actions={actions} open={sheet} onClose={() => setSheet(false)} />
      <div className="prep-body">
        <div
          className={`prep-canvas${lowDetail ? ' prep-lod' : ''}${h.connecting ? ' prep-connecting' : ''}${lanesOn ? ' prep-lane-view' : ''}`}
          tabIndex={-1}
          ref={wrapper}
          data-testid="prep-canvas"
          data-detail={lowDetail ? 'low' : 'full'}
          data-view={ui.mode}
          onDragOver={onCanvasDragOver}
          onDrop={onCanvasDrop}
        >
          <LowDetail.Provider value={lowDetail}>
            <DropOnBox.Provider value={!big}>
              <LabelEdit.Provider value={labelEdit}>
                <ParallelOffsets.Provider value={offsets}>
                  <EdgeMarks.Provider value={edgeMarks}>
                    <DiffMarks.Provider value={compare?.canvas ?? null}>
                      <ReactFlow<PrepFlowNode, PrepFlowEdge>
                        nodes={nodes}
                        edges={flowEdges}
                        nodeTypes={nodeTypes}
                        edgeTypes={edgeTypes}
                        defaultEdgeOptions={defaultEdgeOptions}
                        onNodesChange={h.onNodesChange}
                        onEdgesChange={h.onEdgesChange}
                        onNodeDragStart={h.onDragStart}
                        onSelectionDragStart={h.onDragStart}
                        onNodeDragStop={h.onNodeDragStop}
                        onSelectionDragStop={h.onSelectionDragStop}
                        nodesDraggable={!lanesOn}
                        onConnect={h.onConnect}
                        onConnectStart={h.onConnectStart}
                        onConnectEnd={h.onConnectEnd}
                        connectionRadius={CONNECTION_RADIUS}
                        onNodeDoubleClick={onNodeDoubleClick}
                        zoomOnDoubleClick={false}
                        onNodeContextMenu={h.onNodeContextMenu}
                        onSelectionContextMenu={h.onSelectionContextMenu}
                        onPaneContextMenu={h.onPaneContextMenu}
                        onPaneClick={h.unselectLinksWhenZoomedOut}
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
                        onlyRenderVisibleElements={big && !ex.exporting}
                      >
                        {lane.lanes && (
                          <ViewportPortal>
                            <LaneBands layout={lane.lanes} />
                          </ViewportPortal>
                        )}
                        {compare?.canvas && (
                          <ViewportPortal>
                            <CompareGhosts diff={compare.diff} nodes={nodes} />
                          </ViewportPortal>
                        )}
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
                    </DiffMarks.Provider>
                  </EdgeMarks.Provider>
                </ParallelOffsets.Provider>
              </LabelEdit.Provider>
            </DropOnBox.Provider>
          </LowDetail.Provider>
          {h.menu && (
            <ContextMenu
              actions={actions}
              place={h.menu.place}
              x={h.menu.x}
              y={h.menu.y}
              onClose={h.closeMenu}
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
          <div className="prep-canvas-notes">
            {lane.lanes && <LaneLegend layout={lane.lanes} />}
            {compare?.canvas && (
              <CompareLegend
                fromName={compare.from.name}
                toName={compare.to.name}
                diff={compare.diff}
              />
            )}
          </div>
        </div>
        <SidePanel
          ui={ui}
          diagram={diagram}
          diagrams={diagrams}
          lint={lint}
          preset={preset}
          onPreset={onPreset}
          onPick={h.pickFinding}
          reviews={reviews}
          selNodes={sel.selNodes}
          selEdges={sel.selEdges}
          onDelete={cmd.deleteSelection}
          compare={compare}
        />
      </div>
    </div>
  );
}
