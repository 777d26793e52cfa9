import { useRef, useState, type RefObject } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { Diagram, PrepNodeKind, Point } from '../../model';
import { align, distribute, type Alignment, type Box } from '../../layout/align';
import { besideSelection, freeSpot } from '../../layout/freeSpot';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import {
  cloneElements,
  deleteElements,
  editDiagram,
  moveNodes,
  newNode,
  stampShapes,
  type Stamp,
} from './actions';
import { clipboardContent, copyToClipboard } from './clipboard';
import type { Selection } from './useSelection';
import type { Panel } from './prepUi';

/** About the size of a new, empty box: placing it by its centre. */
export const NEW_BOX = { width: 180, height: 64 };
export const GRID = 16;

/**
 * The editor's commands on the document, each one undo step named for what it did ("Move 3
 * boxes"): add a box or a pattern, clipboard, duplicate, delete, arrow moves, align, distribute.
 */
export function useEditCommands(opts: {
  diagram: Diagram;
  nodes: PrepFlowNode[];
  sel: Selection;
  rf: ReactFlowInstance<PrepFlowNode, PrepFlowEdge>;
  wrapper: RefObject<HTMLDivElement | null>;
  setPanel(p: Panel): void;
  setEditingId(id: string | null): void;
  t: TFunction<'prep'>;
}) {
  const { diagram, nodes, sel, rf, wrapper, setPanel, setEditingId, t } = opts;
  const { select, selNodes, selEdges } = sel;
  const added = useRef(0);
  // The clipboard is module state: a copy re-renders so that Paste is enabled at once.
  const [, setClipTick] = useState(0);

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
  // The document's (free view's) boxes with their measured sizes: new boxes are placed among them.
  const sizeOf = new Map(nodes.map((n) => [n.id, n.measured]));
  const rects = (only?: (id: string) => boolean) =>
    diagram.nodes
      .filter((n) => !only || only(n.id))
      .map((n) => ({
        x: n.position.x,
        y: n.position.y,
        width: sizeOf.get(n.id)?.width ?? NEW_BOX.width,
        height: sizeOf.get(n.id)?.height ?? NEW_BOX.height,
      }));
  const selected = new Set(selNodes);
  // `at`: where the box goes (a palette drop); otherwise the middle of the view, clear of the
  // other boxes.
  const addNode = (kind: PrepNodeKind, at?: Point) => {
    const label = t(kind === 'knowhow' ? 'palette.newKnowhow' : 'palette.newDeliverable');
    const n = newNode(kind, label, at ?? freeSpot(rects(), viewCentre(), NEW_BOX));
    editDiagram(diagram.id, t('cmd.addBox', { label }), (d) => void d.nodes.push(n));
    select(new Set([n.id]), new Set(), true);
    setPanel('inspect');
    // The label is typed at once, on the box.
    setEditingId(n.id);
  };
  // A stamp clicked in goes beside the selection (or in the middle of the view), clear of every box.
  const stampAt = (stamp: Stamp): Point =>
    freeSpot(
      rects(),
      besideSelection(rects((id) => selected.has(id))) ?? viewCentre(),
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

  const deleteSelection = () => {
    const count = selNodes.length + selEdges.length;
    if (
      deleteElements(
        diagram.id,
        t('cmd.deleteItems', { count }),
        new Set(selNodes),
        new Set(selEdges),
      )
    )
      select(new Set());
  };
  const selectedDocNodes = () => diagram.nodes.filter((n) => selected.has(n.id));
  const pasteLike = (
    src: ReturnType<typeof selectedDocNodes>,
    offset: number,
    label: 'cmd.pasteBoxes' | 'cmd.duplicateBoxes',
    edges = diagram.edges,
  ) => {
    const copy = cloneElements(src, edges, { x: offset, y: offset });
    editDiagram(diagram.id, t(label, { count: copy.nodes.length }), (d) => {
      d.nodes.push(...copy.nodes);
      d.edges.push(...copy.edges);
    });
    select(new Set(copy.nodes.map((n) => n.id)), new Set(), true);
  };
  const paste = () => {
    const c = clipboardContent();
    if (c) pasteLike(c.nodes, c.offset, 'cmd.pasteBoxes', c.edges);
  };
  const copy = () => {
    copyToClipboard(selectedDocNodes(), diagram.edges);
    setClipTick((n) => n + 1);
  };
  const boxes = (): Box[] =>
    nodes
      .filter((n) => n.selected)
      .map((n) => ({
        id: n.id,
        x: n.position.x,
        y: n.position.y,
        width: n.measured?.width ?? NEW_BOX.width,
        height: n.measured?.height ?? NEW_BOX.height,
      }));
  const count = { count: selNodes.length };
  return {
    addNode,
    addStamp,
    deleteSelection,
    paste,
    copy,
    cut: () => {
      copy();
      deleteSelection();
    },
    // Duplicate leaves the clipboard alone: it clones the selection beside itself.
    duplicate: () => pasteLike(selectedDocNodes(), 30, 'cmd.duplicateBoxes'),
    nudge: (dx: number, dy: number) => {
      const pos = Object.fromEntries(
        nodes
          .filter((n) => n.selected)
          .map((n) => [n.id, { x: n.position.x + dx, y: n.position.y + dy }]),
      );
      // Repeated arrow presses on the same selection coalesce into one undo step.
      moveNodes(diagram.id, t('cmd.nudgeBoxes', count), pos, {
        coalesceKey: `prep:nudge:${sel.selNodesKey}`,
      });
    },
    align: (how: Alignment) =>
      moveNodes(diagram.id, t('cmd.alignBoxes', count), align(boxes(), how)),
    distribute: (axis: 'horizontal' | 'vertical') =>
      moveNodes(diagram.id, t('cmd.distributeBoxes', count), distribute(boxes(), axis)),
  };
}
