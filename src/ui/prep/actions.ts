import type { Draft } from 'immer';
import {
  newId,
  type Diagram,
  type PrepEdge,
  type PrepEdgeKind,
  type PrepNode,
  type PrepNodeKind,
  type Point,
} from '../../model';
import { projectStore } from '../../store/projectStore';
import { dropRoutesOf } from '../../layout/applyLayout';
import type { ApplyOptions } from '../../store/history';
import { diagramScope } from '../common/openDiagram';

/** Every diagram edit goes through the project store: one command = one undo step. */
export function editDiagram(
  diagramId: string,
  label: string,
  fn: (d: Draft<Diagram>) => void,
  opts?: ApplyOptions,
): boolean {
  return projectStore.edit(
    label,
    (p) => {
      const d = p.diagrams.find((x) => x.id === diagramId);
      if (d) fn(d);
    },
    // The step remembers its diagram: undo from another diagram says so and goes there.
    { scope: diagramScope(diagramId), ...opts },
  );
}

export function newNode(kind: PrepNodeKind, label: string, position: Point): PrepNode {
  return { id: newId('n_'), kind, label, holders: [], organisation: '', description: '', position };
}

export function newEdge(kind: PrepEdgeKind, source: string, target: string): PrepEdge {
  return { id: newId('e_'), kind, source, target };
}

/** The three PReP patterns as stamps (DOMAIN §2): labels come from i18n, ids are fresh. */
export type Stamp = 'basic' | 'knowhow' | 'sync';
export function stampShapes(
  stamp: Stamp,
  at: Point,
  labels: Record<string, string>,
): { nodes: PrepNode[]; edges: PrepEdge[] } {
  const x = at.x,
    y = at.y;
  if (stamp === 'basic') {
    const a = newNode('deliverable', labels.inputA, { x, y });
    const b = newNode('deliverable', labels.inputB, { x, y: y + 110 });
    const out = newNode('deliverable', labels.output, { x: x + 280, y: y + 55 });
    return {
      nodes: [a, b, out],
      edges: [newEdge('io', a.id, out.id), newEdge('io', b.id, out.id)],
    };
  }
  if (stamp === 'knowhow') {
    const a = newNode('deliverable', labels.input, { x, y });
    const k = newNode('knowhow', labels.knowhow, { x, y: y + 110 });
    const out = newNode('deliverable', labels.output, { x: x + 280, y: y + 55 });
    return {
      nodes: [a, k, out],
      edges: [newEdge('io', a.id, out.id), newEdge('io', k.id, out.id)],
    };
  }
  const a = newNode('deliverable', labels.ours, { x, y });
  const b = newNode('deliverable', labels.theirs, { x: x + 280, y });
  return { nodes: [a, b], edges: [newEdge('sync', a.id, b.id)] };
}

export function moveNodes(
  diagramId: string,
  label: string,
  positions: Record<string, Point>,
  opts?: ApplyOptions,
): boolean {
  const ids = new Set(Object.keys(positions));
  if (ids.size === 0) return false;
  return editDiagram(
    diagramId,
    label,
    (d) => {
      for (const n of d.nodes) {
        const p = positions[n.id];
        if (p && (p.x !== n.position.x || p.y !== n.position.y)) n.position = { x: p.x, y: p.y };
      }
      dropRoutesOf(d as Diagram, ids);
    },
    opts,
  );
}

export function deleteElements(
  diagramId: string,
  label: string,
  nodeIds: Set<string>,
  edgeIds: Set<string>,
): boolean {
  if (nodeIds.size === 0 && edgeIds.size === 0) return false;
  return editDiagram(diagramId, label, (d) => {
    d.nodes = d.nodes.filter((n) => !nodeIds.has(n.id));
    d.edges = d.edges.filter(
      (e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target),
    );
  });
}

/** Copies of nodes (and the links among them) with fresh ids, shifted by `offset`. */
export function cloneElements(
  nodes: PrepNode[],
  edges: PrepEdge[],
  offset: Point,
): { nodes: PrepNode[]; edges: PrepEdge[] } {
  const ids = new Map<string, string>();
  const outNodes = nodes.map((n) => {
    const id = newId('n_');
    ids.set(n.id, id);
    const { size: _size, ...rest } = n;
    void _size;
    return {
      ...structuredClone(rest),
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    };
  });
  const outEdges = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => {
      const { route: _route, ...rest } = e;
      void _route;
      return {
        ...structuredClone(rest),
        id: newId('e_'),
        source: ids.get(e.source)!,
        target: ids.get(e.target)!,
      };
    });
  return { nodes: outNodes, edges: outEdges };
}
