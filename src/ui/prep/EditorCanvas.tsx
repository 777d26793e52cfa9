import { useMemo, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Background,
  ConnectionMode,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ViewportPortal,
} from '@xyflow/react';
import type { LaneLayout } from '../../layout/lanes';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import PrepNodeView, { DropOnBox, LabelEdit, LowDetail, type LabelEditing } from './PrepNodeView';
import PrepEdgeView, { EdgeMarks, ParallelOffsets } from './PrepEdgeView';
import MiniMapBox from './MiniMapBox';
import LinkLayer from './LinkLayer';
import { ContextMenu } from './ActionMenus';
import type { PrepAction } from './actionRegistry';
import { DiffMarks, type CompareView } from './useCompareView';
import type { useCanvasHandlers } from './useCanvasHandlers';
import { GRID } from './useEditCommands';
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

/**
 * The canvas: React Flow with the boxes and links, and in its viewport the lane bands, the
 * comparison's ghosts and the zoomed-out link layer; over it the context menu and the notes.
 */
export function EditorCanvas({
  wrapper,
  nodes,
  flowEdges,
  shownEdges,
  h,
  lowDetail,
  movingKey,
  big,
  exporting,
  lanes,
  compare,
  labelEdit,
  offsets,
  snap,
  minimap,
  fitOnOpen,
  actions,
  onNodeDoubleClick,
  onNodeClick,
  onDragOver,
  onDrop,
}: {
  wrapper: RefObject<HTMLDivElement | null>;
  nodes: PrepFlowNode[];
  flowEdges: PrepFlowEdge[];
  shownEdges: PrepFlowEdge[];
  h: ReturnType<typeof useCanvasHandlers>;
  lowDetail: boolean;
  movingKey: string;
  big: boolean;
  exporting: boolean;
  lanes: LaneLayout | null;
  compare: CompareView | null;
  labelEdit: LabelEditing;
  offsets: Map<string, number>;
  snap: boolean;
  minimap: boolean;
  fitOnOpen: boolean;
  actions: PrepAction[];
  onNodeDoubleClick(e: unknown, n: PrepFlowNode): void;
  onNodeClick(): void;
  onDragOver(e: DragEvent<HTMLDivElement>): void;
  onDrop(e: DragEvent<HTMLDivElement>): void;
}) {
  const { t } = useTranslation('prep');
  const edgeMarks = useMemo(
    () => ({ cross: lanes?.crossEdgeIds, added: compare?.canvas?.addedEdges }),
    [lanes, compare?.canvas],
  );
  return (
    <div
      className={`prep-canvas${lowDetail ? ' prep-lod' : ''}${h.connecting ? ' prep-connecting' : ''}${lanes ? ' prep-lane-view' : ''}`}
      tabIndex={-1}
      ref={wrapper}
      data-testid="prep-canvas"
      data-detail={lowDetail ? 'low' : 'full'}
      data-view={lanes ? 'lanes' : 'free'}
      onDragOver={onDragOver}
      onDrop={onDrop}
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
                    nodesDraggable={!lanes}
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
                    onNodeClick={onNodeClick}
                    onEdgeClick={onNodeClick}
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
                    {lanes && (
                      <ViewportPortal>
                        <LaneBands layout={lanes} />
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
        {lanes && <LaneLegend layout={lanes} />}
        {compare?.canvas && (
          <CompareLegend
            fromName={compare.from.name}
            toName={compare.to.name}
            diff={compare.diff}
          />
        )}
      </div>
    </div>
  );
}
