import type { Diagram } from '../model';
import type { LayoutResult } from './elkAdapter';

/** Write a layout into a diagram (an immer draft inside projectStore.edit → one undo step). */
export function applyLayout(d: Diagram, r: LayoutResult): void {
  for (const n of d.nodes) {
    const p = r.positions[n.id];
    if (p) n.position = { x: p.x, y: p.y };
    const s = r.sizes[n.id];
    if (s) n.size = { width: s.width, height: s.height };
  }
  for (const e of d.edges) {
    const route = r.routes[e.id];
    if (route) e.route = route.map((p) => ({ x: p.x, y: p.y }));
    else delete e.route;
  }
}

/** A node moved: the bend points ELK computed for its links no longer fit, so they are dropped. */
export function dropRoutesOf(d: Diagram, movedIds: Set<string>): void {
  for (const e of d.edges) if (e.route && (movedIds.has(e.source) || movedIds.has(e.target))) delete e.route;
}
