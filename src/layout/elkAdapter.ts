import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Diagram, Point } from '../model';
import { elkOptions } from './elkOptions';

export interface Size {
  width: number;
  height: number;
}

/** Used only for nodes never rendered (CLI, templates); the editor passes measured sizes. */
const FALLBACK_SIZE: Size = { width: 180, height: 64 };

/** What a layout run changes: node positions and sizes, and each edge's route (ELK's own). */
export interface LayoutResult {
  positions: Record<string, Point>;
  sizes: Record<string, Size>;
  routes: Record<string, Point[]>;
  width: number;
  height: number;
}

const west = (id: string) => `${id}::w`;
const east = (id: string) => `${id}::e`;

/**
 * Diagram → ELK graph. Each node gets one west (input) and one east (output) port at the middle
 * of its side, where the editor's handles are, so ELK's routes start and end on the handles.
 */
export function toElk(d: Diagram, sizes: Record<string, Size> = {}): ElkNode {
  const ids = new Set(d.nodes.map((n) => n.id));
  const children: ElkNode[] = d.nodes.map((n) => {
    const s = sizes[n.id] ?? n.size ?? FALLBACK_SIZE;
    return {
      id: n.id,
      width: s.width,
      height: s.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        {
          id: west(n.id),
          x: 0,
          y: s.height / 2,
          width: 0,
          height: 0,
          layoutOptions: { 'elk.port.side': 'WEST' },
        },
        {
          id: east(n.id),
          x: s.width,
          y: s.height / 2,
          width: 0,
          height: 0,
          layoutOptions: { 'elk.port.side': 'EAST' },
        },
      ],
    };
  });
  const edges: ElkExtendedEdge[] = d.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((e) => ({ id: e.id, sources: [east(e.source)], targets: [west(e.target)] }));
  return { id: 'root', layoutOptions: elkOptions(d.nodes.length), children, edges };
}

/** ELK's answer → positions, sizes and routes (start, bend points, end), rounded to whole pixels. */
export function fromElk(g: ElkNode): LayoutResult {
  const r = (p: Point): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });
  const positions: Record<string, Point> = {};
  const sizes: Record<string, Size> = {};
  for (const c of g.children ?? []) {
    positions[c.id] = r({ x: c.x ?? 0, y: c.y ?? 0 });
    sizes[c.id] = {
      width: c.width ?? FALLBACK_SIZE.width,
      height: c.height ?? FALLBACK_SIZE.height,
    };
  }
  const routes: Record<string, Point[]> = {};
  for (const e of (g.edges ?? []) as ElkExtendedEdge[]) {
    const s = e.sections?.[0];
    if (!s) continue;
    routes[e.id] = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map(r);
  }
  return { positions, sizes, routes, width: g.width ?? 0, height: g.height ?? 0 };
}
