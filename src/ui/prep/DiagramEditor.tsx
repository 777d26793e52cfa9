import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReactFlow } from '@xyflow/react';
import type { Diagram, PrepEdgeKind } from '../../model';
import { markersByNode, type LintResult } from '../../analysis/lint';
import type { PresetName } from '../../analysis/presets';
import { parallelOffsets } from '../../layout/parallelEdges';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { BIG_DIAGRAM, useFlowSync } from './useFlowSync';
import { hasClipboard } from './clipboard';
import { buildActions, shortcutText } from './actionRegistry';
import { ShortcutSheet, isMac } from './ActionMenus';
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
import { useCompareView } from './useCompareView';
import { useDetailLevel } from './useDetailLevel';
import { EditorToolbar } from './EditorToolbar';
import { EditorCanvas } from './EditorCanvas';
import { SidePanel } from './SidePanel';

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
  const { lowDetail, lowDetailRef, movingKey, flowEdges } = useDetailLevel({
    nodes,
    shownEdges,
    big,
    exporting: ex.exporting,
    wrapper,
  });
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
        <EditorCanvas
          wrapper={wrapper}
          nodes={nodes}
          flowEdges={flowEdges}
          shownEdges={shownEdges}
          h={h}
          lowDetail={lowDetail}
          movingKey={movingKey}
          big={big}
          exporting={ex.exporting}
          lanes={lane.lanes}
          compare={compare}
          labelEdit={labelEdit}
          offsets={offsets}
          snap={snap}
          minimap={minimap}
          fitOnOpen={fitOnOpen}
          actions={actions}
          onNodeDoubleClick={onNodeDoubleClick}
          onNodeClick={openInspector}
          onDragOver={onCanvasDragOver}
          onDrop={onCanvasDrop}
        />
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
